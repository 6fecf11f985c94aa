import ArgumentParser
import Engine
import Foundation
import Policies
import Records
import Reporters

/// Flags shared by the commands that load policies.
struct PolicyOptions: ParsableArguments {
  @Option(name: .customLong("policy"), help: "A shipped policy id or a policy file (repeatable); default: every shipped policy.")
  var policies: [String] = []

  @Option(name: .customLong("param"), help: "Change a policy parameter: NAME=VALUE or POLICY.NAME=VALUE.")
  var parameters: [String] = []

  @Option(help: "Messages in zh or en (default: from LANG, else zh).")
  var lang: String?

  var language: Language {
    if let lang { return Language(rawValue: lang) ?? .zh }
    let env = ProcessInfo.processInfo.environment["LANG"] ?? ""
    return env.hasPrefix("en") ? .en : .zh
  }

  func validateLanguage() throws {
    if let lang, Language(rawValue: lang) == nil { throw ValidationError("--lang must be zh or en") }
  }

  /// The selected policies, each loaded with the user's parameter values. Fails (exit 2)
  /// on an unknown name or a policy file with errors.
  func load() throws -> [Policy] {
    var overrides: [String: [String: Fraction]] = [:]
    for item in parameters {
      let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let value = Fraction(parsing: parts[1]) else {
        throw ValidationError("--param takes NAME=VALUE with a number, got \(item)")
      }
      let name = parts[0]
      if let dot = name.firstIndex(of: ".") {
        overrides[String(name[..<dot]), default: [:]][String(name[name.index(after: dot)...])] = value
      } else {
        overrides["*", default: [:]][name] = value
      }
    }
    func params(_ id: String) -> [String: Fraction] {
      (overrides["*"] ?? [:]).merging(overrides[id] ?? [:]) { _, b in b }
    }
    var sources: [(name: String, bytes: [UInt8])] = []
    if policies.isEmpty {
      sources = ShippedPolicies.sources.map { ($0.name, $0.bytes) }
    } else {
      // A policy named twice is used once (cli.md), else every finding comes twice.
      var named: Set<String> = []
      for name in policies where named.insert(name).inserted {
        if let shipped = ShippedPolicies.sources.first(where: { $0.name == "policies/\(name).yaml" }) {
          sources.append((shipped.name, shipped.bytes))
        } else if pathExists(name) {
          sources.append((name, try readBounded(name, what: LocalizedText(zh: "策略文件", en: "policy file"))))
        } else {
          let known = ShippedPolicies.sources.map { String($0.name.dropFirst("policies/".count).dropLast(".yaml".count)) }
          throw ToolError("unknown policy \(name); shipped: \(known.joined(separator: ", "))")
        }
      }
    }
    var loaded: [Policy] = []
    var seen: [String: (name: String, bytes: [UInt8])] = [:]
    for (name, bytes) in sources {
      let first = PolicyLoader.load(bytes, file: name)
      let id = first.policy?.id ?? ""
      let result = params(id).isEmpty ? first : PolicyLoader.load(bytes, file: name, overrides: params(id))
      guard let policy = result.policy else {
        let lines = result.findings.map { "\($0.file):\($0.range.start.line):\($0.range.start.column): \($0.message.en) [\($0.rule)]" }
        throw ToolError("policy \(name) does not load:\n" + lines.joined(separator: "\n"))
      }
      // The same policy by two names (`shucheng-2023` and its file): once. Two different
      // policies with one id would make their findings indistinguishable.
      if let earlier = seen[policy.id] {
        if earlier.bytes == bytes { continue }
        throw ToolError(
          LocalizedText(
            zh: "策略 \(name) 与 \(earlier.name) 的 id 相同（\(policy.id)），内容却不同",
            en: "policies \(earlier.name) and \(name) share the id \(policy.id) but differ"))
      }
      seen[policy.id] = (name, bytes)
      loaded.append(policy)
    }
    for (id, values) in overrides where id != "*" {
      guard let policy = loaded.first(where: { $0.id == id }) else { throw ToolError("--param names no loaded policy \(id)") }
      for name in values.keys where !policy.parameters.contains(where: { $0.name == name }) {
        throw ToolError("policy \(id) has no parameter \(name)")
      }
    }
    return try resolveExtends(loaded)
  }

  /// `extends` resolved as every command resolves it (`PolicyExtension`).
  private func resolveExtends(_ policies: [Policy]) throws -> [Policy] {
    let (resolved, problems) = PolicyExtension.resolve(policies, parents: ShippedPolicies.all)
    guard problems.isEmpty else {
      let lines = problems.map { "\($0.file):\($0.range.start.line):\($0.range.start.column): \($0.message.text(language))" }
      throw ToolError(lines.joined(separator: "\n"))
    }
    return resolved
  }
}

/// The run itself could not be done (exit 2).
struct ToolError: Error, CustomStringConvertible {
  var message: LocalizedText
  var description: String { message.en }
  init(_ description: String) { message = LocalizedText(zh: description, en: description) }
  /// A message users of both languages meet (Chinese first, as every message).
  init(_ message: LocalizedText) { self.message = message }
}

/// Whether anything (a dangling link included) is at `path`: such a name is a file to
/// read, whose failure says why, not an unknown shipped policy.
func pathExists(_ path: String) -> Bool {
  var st = stat()
  return lstat(path, &st) == 0
}

/// Reads a policy, baseline or waiver file with the bounds of a record file: a regular
/// file only (a FIFO named as `--baseline` never hangs the run), at most the file cap.
func readBounded(_ path: String, what: LocalizedText) throws -> [UInt8] {
  do throws(InputError) {
    return try InputFiles.read(path).bytes
  } catch {
    throw ToolError(LocalizedText(zh: "\(what.zh)：\(error.message.zh)", en: "\(what.en): \(error.message.en)"))
  }
}

func parseDate(_ text: String?) throws -> CalendarDate? {
  guard let text else { return nil }
  guard let date = CalendarDate(text) else { throw ValidationError("--as-of takes a date YYYY-MM-DD, got \(text)") }
  return date
}

/// A message on standard error. A closed or full stderr loses the message but never
/// crashes the run: the exit status still says what happened.
func printError(_ text: String) {
  StandardStreams.write(text.hasSuffix("\n") ? text : text + "\n", to: STDERR_FILENO)
}
