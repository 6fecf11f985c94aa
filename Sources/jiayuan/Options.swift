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
    if let lang, Language(rawValue: lang) == nil {
      throw invalid(zh: "--lang 应为 zh 或 en", en: "--lang must be zh or en", language)
    }
  }

  /// The selected policies, each loaded with the user's parameter values. Fails (exit 2)
  /// on an unknown name or a policy file with errors.
  func load() throws -> [Policy] {
    var overrides: [String: [String: Fraction]] = [:]
    for item in parameters {
      let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let value = Fraction(parsing: parts[1]) else {
        throw invalid(zh: "--param 的写法是 名称=数值，实际为 \(item)", en: "--param takes NAME=VALUE with a number, got \(item)", language)
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
          throw ToolError(
            zh: "未知的策略 \(name)；内置策略：\(known.joined(separator: "、"))",
            en: "unknown policy \(name); shipped: \(known.joined(separator: ", "))")
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
        func lines(_ language: Language) -> [String] {
          result.findings.map {
            "\($0.file):\($0.range.start.line):\($0.range.start.column): \($0.message.text(language)) [\($0.rule)]"
          }
        }
        throw ToolError(
          zh: "策略 \(name) 无法加载：\n" + lines(.zh).joined(separator: "\n"),
          en: "policy \(name) does not load:\n" + lines(.en).joined(separator: "\n"))
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
      // A rule id is a finding's name in baselines and reports: two policies of one run
      // that share one would make their findings indistinguishable.
      for rule in policy.rules {
        if let other = loaded.first(where: { $0.rules.contains { $0.id == rule.id } }) {
          throw ToolError(
            zh: "策略 \(policy.id) 的规则 \(rule.id) 与策略 \(other.id) 的规则同名；请给规则另取 id",
            en: "rule \(rule.id) of policy \(policy.id) has the id of a rule of \(other.id); give it an id of its own",
            file: name, range: rule.range)
        }
      }
      loaded.append(policy)
    }
    let resolved = try resolveExtends(loaded, overrides: Dictionary(uniqueKeysWithValues: loaded.map { ($0.id, params($0.id)) }))
    // A value for a parameter nobody has would be ignored, and the run would look as if it
    // used it.
    for (id, values) in overrides where id != "*" {
      guard let policy = resolved.first(where: { $0.id == id }) else {
        throw ToolError(zh: "--param 指定的策略 \(id) 未加载", en: "--param names no loaded policy \(id)")
      }
      for name in values.keys.sorted() where !policy.parameters.contains(where: { $0.name == name }) {
        let names = policy.parameters.map(\.name)
        throw ToolError(
          zh: "策略 \(id) 没有参数 \(name)" + (names.isEmpty ? "" : "；它的参数：\(names.joined(separator: "、"))"),
          en: "policy \(id) has no parameter \(name)" + (names.isEmpty ? "" : "; its parameters: \(names.joined(separator: ", "))"))
      }
    }
    for name in (overrides["*"] ?? [:]).keys.sorted() where !resolved.contains(where: { $0.parameters.contains { $0.name == name } }) {
      let names = Set(resolved.flatMap { $0.parameters.map(\.name) }).sorted()
      throw ToolError(
        zh: "加载的策略都没有参数 \(name)" + (names.isEmpty ? "" : "；可用参数：\(names.joined(separator: "、"))"),
        en: "no loaded policy has a parameter \(name)" + (names.isEmpty ? "" : "; parameters: \(names.joined(separator: ", "))"))
    }
    return resolved
  }

  /// `extends` resolved as every command resolves it (`PolicyExtension`).
  private func resolveExtends(_ policies: [Policy], overrides: [String: [String: Fraction]]) throws -> [Policy] {
    let (resolved, problems) = PolicyExtension.resolve(policies, parents: ShippedPolicies.all, overrides: overrides)
    guard problems.isEmpty else {
      func lines(_ language: Language) -> String {
        problems.map { "\($0.file):\($0.range.start.line):\($0.range.start.column): \($0.message.text(language))" }
          .joined(separator: "\n")
      }
      throw ToolError(zh: lines(.zh), en: lines(.en))
    }
    return resolved
  }
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
  do throws(ToolError) {
    return try InputFiles.read(path).bytes
  } catch {
    throw ToolError(LocalizedText(zh: "\(what.zh)：\(error.message.zh)", en: "\(what.en): \(error.message.en)"))
  }
}

/// A bad flag (exit 2) in the user's language, as ArgumentParser prints it.
func invalid(zh: String, en: String, _ language: Language) -> ValidationError {
  ValidationError(language == .zh ? zh : en)
}

/// The language of a command without `--lang`: from LANG, else Chinese.
var environmentLanguage: Language { (ProcessInfo.processInfo.environment["LANG"] ?? "").hasPrefix("en") ? .en : .zh }

func parseDate(_ text: String?, _ language: Language) throws -> CalendarDate? {
  guard let text else { return nil }
  guard let date = CalendarDate(text) else {
    throw invalid(zh: "--as-of 应为日期 YYYY-MM-DD，实际为 \(text)", en: "--as-of takes a date YYYY-MM-DD, got \(text)", language)
  }
  return date
}

/// A message on standard error. A closed or full stderr loses the message but never
/// crashes the run: the exit status still says what happened.
func printError(_ text: String) {
  StandardStreams.write(text.hasSuffix("\n") ? text : text + "\n", to: STDERR_FILENO)
}
