/* The floor: libyaml's bare event loop (yaml_parser_parse until STREAM_END) over every
 * .yaml, .yml or .json file given or found under the folders given. Prints the number of
 * events and documents so the work cannot be optimised away. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

static unsigned long long events = 0, documents = 0, files = 0;

static int parse_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); return 1; }
  yaml_parser_t parser;
  yaml_event_t event;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_file(&parser, f);
  int done = 0, status = 0;
  while (!done) {
    if (!yaml_parser_parse(&parser, &event)) {
      fprintf(stderr, "%s: %s\n", path, parser.problem ? parser.problem : "error");
      status = 1;
      break;
    }
    events++;
    if (event.type == YAML_DOCUMENT_START_EVENT) documents++;
    done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
  }
  yaml_parser_delete(&parser);
  fclose(f);
  files++;
  return status;
}

static int has_ext(const char *name) {
  const char *dot = strrchr(name, '.');
  return dot && (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml") || !strcmp(dot, ".json"));
}

static int walk(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) { perror(path); return 1; }
  if (!S_ISDIR(st.st_mode)) return parse_file(path);
  DIR *dir = opendir(path);
  if (!dir) { perror(path); return 1; }
  int status = 0;
  struct dirent *entry;
  while ((entry = readdir(dir))) {
    if (entry->d_name[0] == '.') continue;
    size_t n = strlen(path) + strlen(entry->d_name) + 2;
    char *child = malloc(n);
    snprintf(child, n, "%s/%s", path, entry->d_name);
    struct stat cs;
    if (stat(child, &cs) == 0 && (S_ISDIR(cs.st_mode) || has_ext(entry->d_name))) status |= walk(child);
    free(child);
  }
  closedir(dir);
  return status;
}

int main(int argc, char **argv) {
  int status = 0;
  for (int i = 1; i < argc; i++) status |= walk(argv[i]);
  printf("%llu files, %llu documents, %llu events\n", files, documents, events);
  return status;
}
