#!/usr/bin/env bash
# Speed table for `jiayuan check` with the five shipped policies, against the floor: the
# bare libyaml event loop (Benchmarks/Sources/yaml-floor) over the same bytes, measured
# in the same run. Every figure is the median of RUNS runs.
#
#   Benchmarks/run.sh                      # 10k and 100k records
#   SIZES="10000 100000 1000000" Benchmarks/run.sh
#   RUNS=5 DATA=/tmp/jiayuan-bench KEEP=1 Benchmarks/run.sh
#
# Needs: Swift, libyaml-dev, GNU time (/usr/bin/time; apt-get install time), taskset.
# Data goes to $DATA (default /tmp/jiayuan-bench) and is deleted after each size unless
# KEEP=1 (1,000,000 records is about 2.6 GB per layout).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=${SIZES:-"10000 100000"}
RUNS=${RUNS:-3}
DATA=${DATA:-/tmp/jiayuan-bench}
KEEP=${KEEP:-0}
PER_FILE=${PER_FILE:-100}
SCRATCH=$ROOT/.build-bench

[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }

echo "building release binaries (scratch path .build-bench)..." >&2
swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product jiayuan >&2
(cd Benchmarks && swift build -c release --scratch-path "$SCRATCH/benchtools" >&2)
JIAYUAN=$SCRATCH/release/jiayuan
GEN=$SCRATCH/benchtools/release/jiayuan-gen
FLOOR=$SCRATCH/benchtools/release/yaml-floor
CORES=$(nproc)
TWO="0,1"; [ "$CORES" -ge 2 ] || TWO="0"

# median of numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# measure CPUS CMD... -> prints "seconds peakKB" (medians of RUNS)
measure() {
  local cpus=$1; shift
  local times=() rss=()
  for _ in $(seq "$RUNS"); do
    local out status=0
    /usr/bin/time -o "$DATA/.time" -f "%e %M" taskset -c "$cpus" "$@" >/dev/null 2>"$DATA/.stderr" || status=$?
    # 1 is a check that found problems; anything else means the figure is not a check.
    if [ "$status" -gt 1 ]; then
      echo "benchmark: $* exited $status: $(tail -3 "$DATA/.stderr")" >&2
      exit 1
    fi
    out=$(tail -1 "$DATA/.time")
    times+=("${out% *}"); rss+=("${out#* }")
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${rss[@]}" | median)"
}

mkdir -p "$DATA"
printf '\n%-9s %-7s %-8s %-8s %8s %7s %9s %9s\n' records layout MB what time/s ratio records/s peakMB
printf '%s\n' "--------------------------------------------------------------------------"
for n in $SIZES; do
  single=$DATA/single-$n.yaml
  folder=$DATA/folder-$n
  # One file of more than 256 MiB (about 100,000 records) is over jiayuan's file cap, a
  # hostile-input limit: such a province is checked as a folder.
  layouts="single folder"
  if [ "$n" -gt 100000 ]; then
    layouts="folder"
    printf '%-9s %-7s %s\n' "$n" single "(not run: one file this size is over the 256 MiB file cap)"
  fi
  [[ $layouts != *single* ]] || [ -f "$single" ] || "$GEN" --records "$n" --single "$single"
  [ -d "$folder" ] || "$GEN" --records "$n" --folder "$folder" --per-file "$PER_FILE"
  for layout in $layouts; do
    if [ "$layout" = single ]; then input=$single; else input=$folder; fi
    mb=$(du -sm --apparent-size "$input" | cut -f1)
    read -r ft fr < <(measure 0 "$FLOOR" "$input")
    row() {  # what seconds peakKB
      local ratio rps
      ratio=$(awk -v t="$2" -v f="$ft" 'BEGIN {printf "%.2f", (f > 0 ? t / f : 0)}')
      rps=$(awk -v t="$2" -v n="$n" 'BEGIN {printf "%.0f", (t > 0 ? n / t : 0)}')
      printf '%-9s %-7s %-8s %-8s %8s %7s %9s %9s\n' "$n" "$layout" "$mb" "$1" "$2" "$ratio" "$rps" "$(( $3 / 1024 ))"
    }
    row "libyaml" "$ft" "$fr"
    read -r t1 r1 < <(measure 0 "$JIAYUAN" check "$input")
    row "1 core" "$t1" "$r1"
    read -r t2 r2 < <(measure "$TWO" "$JIAYUAN" check "$input")
    row "2 cores" "$t2" "$r2"
  done
  [ "$KEEP" = 1 ] || rm -rf "$single" "$folder"
done

# Single-record self-check, start to exit (median of 30 runs, milliseconds).
record=examples/records/shucheng/meishan.yaml
ms=()
for _ in $(seq 30); do
  s=$(date +%s%N)
  "$JIAYUAN" check "$record" >/dev/null 2>&1 || true
  e=$(date +%s%N)
  ms+=("$(( (e - s) / 1000 ))")
done
echo
echo "single-record check ($record), start to exit: $(printf '%s\n' "${ms[@]}" | median | awk '{printf "%.1f", $1/1000}') ms (median of 30)"
