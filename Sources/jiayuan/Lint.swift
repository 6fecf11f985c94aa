import ArgumentParser
import Engine
import Foundation
import Policies
import Records
import Reporters
import YAMLSource

extension Jiayuan {
  /// `jiayuan lint [PATH...]`: every structural, type and meaning error of policy files,
  /// located, with a fix where there is one. Folders are linted file by file. `--format`
  /// other than text writes the findings as a report (json, sarif, github), so a CI job
  /// can gate a policy change the way it gates records.
  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "检查策略文件 / check policy files")

    @Argument(help: "Policy files or folders of them (*.yaml, *.yml); default: the shipped policies.")
    var files: [String] = []

    @Option(help: "Messages in zh or en (default: from LANG, else zh).")
    var lang: String?

    @Option(help: "Output: text, json, sarif or github.")
    var format: String = "text"

    @Option(name: .customLong("fail-on"), help: "Exit 1 on findings at or above: error (default) or warning.")
    var failOn: String = "error"

    @Flag(
      inversion: .prefixedNo,
      help: "Report rule ids that a shipped policy already uses (default on for files that are not shipped).")
    var shipped = true

    static let formats = ["text", "json", "sarif", "github"]

    func validate() throws {
      if let lang, Language(rawValue: lang) == nil { throw ValidationError("--lang must be zh or en") }
      if !Self.formats.contains(format) {
        throw ValidationError("--format for lint must be one of \(Self.formats.joined(separator: ", ")), got \(format)")
      }
      if failOn != "error", failOn != "warning" { throw ValidationError("--fail-on for lint must be error or warning") }
    }

    var language: Language {
      if let lang { return Language(rawValue: lang) ?? .zh }
      return (ProcessInfo.processInfo.environment["LANG"] ?? "").hasPrefix("en") ? .en : .zh
    }

    func run() throws {
      let language = language
      var sources: [(name: String, bytes: [UInt8])] = []
      if files.isEmpty {
        sources = ShippedPolicies.sources.map { ($0.name, $0.bytes) }
      } else {
        do throws(ToolError) {
          for path in try Self.policyFiles(files) { sources.append((path, try Self.read(path))) }
        } catch {
          printError("jiayuan: \(error.text(language))")
          throw ExitCode(2)
        }
      }
      let findings = Self.lint(sources, againstShipped: shipped && !files.isEmpty)
      let errors = findings.filter { $0.severity == .error }.count
      let warnings = findings.filter { $0.severity == .warning }.count
      if format == "text" {
        var out = ""
        let text = Dictionary(sources.map { ($0.name, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        for f in findings { out += Self.describe(f, source: text[f.file], language) }
        out += Self.summary(files: sources.count, errors: errors, warnings: warnings, language) + "\n"
        _ = StandardStreams.write(out, to: STDOUT_FILENO)
      } else if let reporter = ReportFormats.named(format) {
        var summary = RunSummary()
        summary.errors = errors
        summary.warnings = warnings
        summary.info = findings.count - errors - warnings
        let inputs = sources.map { InputSummary(path: $0.name, records: 0, sha256: SHA256.hex($0.bytes)) }
        let report = RunReport(asOf: nil, policies: [], inputs: inputs, summary: summary, findings: findings, language: language)
        _ = StandardStreams.write(reporter.generate(report), to: STDOUT_FILENO)
      }
      if errors > 0 || (failOn == "warning" && warnings > 0) { throw ExitCode(1) }
    }

    /// Every finding of the given policy texts, in report order: each file's own, rule ids
    /// used twice across them (or, `againstShipped`, by a shipped policy: two rules with
    /// one id make `check --policy a --policy b` findings that cannot be told apart), and
    /// `extends` resolved as `check` resolves it.
    static func lint(_ sources: [(name: String, bytes: [UInt8])], againstShipped: Bool) -> [Finding] {
      var all: [Finding] = []
      var ruleOwners: [String: String] = [:]
      var loaded: [Policy] = []
      let shippedIDs = Set(ShippedPolicies.all.map(\.id))
      if againstShipped {
        for policy in ShippedPolicies.all where !sources.contains(where: { isShipped($0.name, policy.id) }) {
          for rule in policy.rules { ruleOwners[rule.id] = "\(policy.id)（内置 / shipped）" }
        }
      }
      for (name, bytes) in sources {
        let result = PolicyLoader.load(bytes, file: name)
        all += result.findings
        guard let policy = result.policy else { continue }
        loaded.append(policy)
        // An edited copy of a shipped policy is that policy, not a collision with it.
        if shippedIDs.contains(policy.id), !isShipped(name, policy.id) {
          all.append(
            Finding(
              rule: "POLICY-DUPLICATE-ID", severity: .warning, subject: .input(name), file: name, range: .fileStart,
              message: LocalizedText(
                zh: "策略 id \(policy.id) 与内置策略相同；本文件将取代内置策略", en: "policy id \(policy.id) is a shipped policy's; this file replaces it"),
              fix: LocalizedText(zh: "另取一个策略 id，如 \(policy.id)-local", en: "give the policy an id of its own, e.g. \(policy.id)-local")))
        }
        let parents = Set(ancestors(of: policy))
        for rule in policy.rules {
          if let other = ruleOwners[rule.id], !parents.contains(where: { other.hasPrefix($0 + "（") }) {
            all.append(
              Finding(
                rule: "POLICY-DUPLICATE-ID", severity: .error, subject: .input(name), file: name, range: rule.range,
                message: LocalizedText(
                  zh: "规则 id \(rule.id) 已在 \(other) 中使用",
                  en: "rule id \(rule.id) is already used in \(other.replacingOccurrences(of: "（内置 / shipped）", with: " (shipped)"))"),
                fix: LocalizedText(
                  zh:
                    "规则 id 在所有策略中唯一：以本策略的前缀另取，如 \(prefixHint(policy))-\(rule.id.split(separator: "-").dropFirst().joined(separator: "-"))",
                  en:
                    "rule ids are unique across all policies: use this policy's prefix, e.g. \(prefixHint(policy))-\(rule.id.split(separator: "-").dropFirst().joined(separator: "-"))"
                )))
          }
          ruleOwners[rule.id] = name
        }
      }
      // A policy is linted as `check` will use it: with its parent's rules.
      all += PolicyExtension.resolve(loaded, parents: ShippedPolicies.all).findings
      return all.sorted(by: Finding.reportOrder)
    }

    /// Whether a file is the shipped policy of that id (`policies/ID.yaml`).
    static func isShipped(_ name: String, _ id: String) -> Bool {
      name == "policies/\(id).yaml" || name.hasSuffix("/policies/\(id).yaml")
    }

    /// The shipped ids a policy extends, directly or through its parents.
    static func ancestors(of policy: Policy) -> [String] {
      var out: [String] = []
      var next = policy.extends
      while let id = next, !out.contains(id) {
        out.append(id)
        next = ShippedPolicies.named(id)?.extends
      }
      return out
    }

    /// A rule-id prefix for a policy: the upper-case letters of its id's first word.
    static func prefixHint(_ policy: Policy) -> String {
      let word = policy.id.split(separator: "-").first.map(String.init) ?? policy.id
      return String(word.uppercased().prefix(2))
    }

    /// The policy files of the paths given: files as they are, folders searched for
    /// `*.yaml` and `*.yml` in sorted order (hidden entries skipped, and folders named
    /// `cases`, which hold test cases: `lint examples/huoshan` lints the policy beside them).
    static func policyFiles(_ paths: [String]) throws(ToolError) -> [String] {
      var out: [String] = []
      for path in paths {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
          throw ToolError(LocalizedText(zh: "找不到策略文件：\(path)", en: "no such policy file or folder: \(path)"))
        }
        guard isDirectory.boolValue else {
          out.append(path)
          continue
        }
        let base = URL(fileURLWithPath: path)
        let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        var found: [String] = []
        while let url = enumerator?.nextObject() as? URL {
          if url.lastPathComponent == "cases", url.hasDirectoryPath || isFolder(url.path) {
            enumerator?.skipDescendants()
            continue
          }
          guard ["yaml", "yml"].contains(url.pathExtension) else { continue }
          let relative = url.path.hasPrefix(base.path + "/") ? String(url.path.dropFirst(base.path.count + 1)) : url.lastPathComponent
          found.append((path.hasSuffix("/") ? path : path + "/") + relative)
        }
        guard !found.isEmpty else {
          throw ToolError(LocalizedText(zh: "文件夹 \(path) 中没有策略文件（*.yaml、*.yml）", en: "no policy files (*.yaml, *.yml) in \(path)"))
        }
        out += found.sorted()
      }
      return out
    }

    static func isFolder(_ path: String) -> Bool {
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func read(_ path: String) throws(ToolError) -> [UInt8] {
      do throws(ToolError) {
        return try InputFiles.read(path).bytes
      } catch {
        throw ToolError(LocalizedText(zh: "无法读取策略文件：\(error.message.zh)", en: "cannot read policy file: \(error.message.en)"))
      }
    }

    /// One finding as text: `file:line:col: severity: message [RULE]`, then the line it
    /// is on with a caret under the column, then the fix.
    static func describe(_ f: Finding, source: [UInt8]?, _ language: Language) -> String {
      let start = f.range.start
      var out =
        "\(f.file):\(start.line):\(start.column): \(f.severity.rawValue): \(VisibleText.escape(f.message.text(language))) [\(f.rule)]\n"
      if let source, let excerpt = SourceExcerpt.render(source, f.range) { out += excerpt }
      if let fix = f.fix {
        out += "      = \(language == .zh ? "修改" : "fix"): \(VisibleText.escape(fix.text(language)))\n"
      }
      return out
    }

    static func summary(files: Int, errors: Int, warnings: Int, _ language: Language) -> String {
      language == .zh
        ? "\(files) 个策略文件，\(errors) 个错误，\(warnings) 个警告"
        : "\(files) policy file\(files == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
  }
}

/// The line a finding is on, with a caret under its column, as compilers print it:
///
///        15 |     check: {kind: ratio, …, min: 65}
///           |                                  ^^
///
/// Columns count code points (libyaml's); the caret is placed by display width, so it
/// stands under the right character after Chinese text (two columns each).
enum SourceExcerpt {
  static func render(_ source: [UInt8], _ range: SourceRange) -> String? {
    let number = range.start.line
    guard number >= 1, let line = Self.line(number, of: source) else { return nil }
    let scalars = Array(line.unicodeScalars)
    guard range.start.column >= 1, range.start.column <= scalars.count + 1 else { return nil }
    let before = scalars.prefix(range.start.column - 1)
    var length = 1
    if range.end.line == number, range.end.column > range.start.column {
      length = min(range.end.column, scalars.count + 1) - range.start.column
    }
    let marked = scalars.dropFirst(range.start.column - 1).prefix(length)
    let shown = VisibleText.escape(String(String.UnicodeScalarView(scalars.map { $0 == "\t" ? " " : $0 })))
    let gutter = String(number)
    let pad = String(repeating: " ", count: gutter.count)
    let indent = String(repeating: " ", count: before.reduce(0) { $0 + width($1) })
    let caret = String(repeating: "^", count: max(1, marked.reduce(0) { $0 + width($1) }))
    return "  \(gutter) | \(shown)\n  \(pad) | \(indent)\(caret)\n"
  }

  static func line(_ number: Int, of source: [UInt8]) -> String? {
    var current = 1
    var start = 0
    for (i, byte) in source.enumerated() where byte == UInt8(ascii: "\n") {
      if current == number { return trimmed(source[start..<i]) }
      current += 1
      start = i + 1
    }
    return current == number && start <= source.count ? trimmed(source[start...]) : nil
  }

  private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
    var text = String(decoding: bytes, as: UTF8.self)
    if text.hasSuffix("\r") { text.removeLast() }
    return text
  }

  /// Display width: East Asian wide and full-width characters take two columns.
  static func width(_ s: Unicode.Scalar) -> Int {
    switch s.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3,
      0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
      2
    case 0x0300...0x036F, 0x200B...0x200F: 0
    default: 1
    }
  }
}
