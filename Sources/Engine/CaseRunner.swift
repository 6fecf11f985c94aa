import Foundation
import Policies
import Records
import YAMLSource

/// Runs policy test cases (docs/cases.md): records plus the outcome a rule must give.
public struct CaseRunner {
  public struct Failure: Sendable {
    public var file: String
    public var caseName: String
    public var range: SourceRange
    public var differences: [String]
  }

  public private(set) var passed = 0
  public private(set) var failures: [Failure] = []
  /// Sees every record a case builds from `base` and `record(s)` (the schema test
  /// validates them with an external validator).
  public var recordSink: ((YAMLNode, DecodedRecord) -> Void)?

  public init() {}

  /// Runs every `*.yaml` case file under the given paths.
  public mutating func run(paths: [String], policyLookup: (String) -> Policy?) throws(ToolError) {
    for path in try InputFiles.expand(paths) where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
      let file = try InputFiles.read(path)
      runFile(file, policyLookup: policyLookup)
    }
  }

  public mutating func runFile(_ file: InputFile, policyLookup: (String) -> Policy?) {
    let documents = YAMLReader.documents(file.bytes)
    guard let root = documents.first?.root, documents.first?.problems.isEmpty == true, let top = root.pairs else {
      let problem = documents.first?.problems.first
      fail(file.path, "(file)", problem?.range ?? .fileStart, ["case file does not load: \(problem?.message ?? "not a mapping")"])
      return
    }
    func value(_ key: String) -> YAMLNode? { top.first { $0.key.keyText == key }?.value }
    guard let policyName = value("policy")?.scalar?.text, let ruleID = value("rule")?.scalar?.text else {
      fail(file.path, "(file)", root.range, ["case file needs policy and rule"])
      return
    }
    let isBuiltIn = ruleID.hasPrefix("REC-")
    var policies: [Policy] = []
    if policyName != "none" {
      guard let policy = policyLookup(policyName) else {
        fail(file.path, "(file)", root.range, ["unknown policy \(policyName)"])
        return
      }
      guard isBuiltIn || policy.rules.contains(where: { $0.id == ruleID }) else {
        fail(file.path, "(file)", root.range, ["policy \(policyName) has no rule \(ruleID)"])
        return
      }
      policies = [policy]
    }
    let asOf = value("as_of")?.scalar.flatMap { CalendarDate($0.text) }
    let base = value("base")
    for node in value("cases")?.items ?? [] {
      guard let pairs = node.pairs else { continue }
      func field(_ key: String) -> YAMLNode? { pairs.first { $0.key.keyText == key }?.value }
      let name = field("name")?.scalar?.text ?? "(unnamed)"
      let caseAsOf = field("as_of")?.scalar.flatMap { CalendarDate($0.text) } ?? asOf
      var checker = Checker(policies: policies, asOf: caseAsOf)
      checker.keepOutcomes = true
      var recordIDs: [String] = []
      if let source = field("source")?.scalar?.text {
        let sourceName = field("source_name")?.scalar?.text ?? "case.yaml"
        RecordSource.records(in: Array(source.utf8), file: sourceName, isCSV: sourceName.hasSuffix(".csv")) {
          if let id = $0.id { recordIDs.append(id) }
          checker.add($0)
        }
      } else {
        var index = 0
        var generated = 0
        let baseID = base?.pairs?.first { $0.key.keyText == "id" }?.value.scalar?.text ?? "CASE"
        var items: [(YAMLNode?, Int)] = []
        if let one = field("record") { items.append((one, 1)) }
        for item in field("records")?.items ?? [] {
          if let count = item.pairs?.first(where: { $0.key.keyText == "repeat" })?.value.scalar.flatMap({ Int($0.text) }) {
            items.append((item.pairs?.first { $0.key.keyText == "record" }?.value, count))
          } else {
            items.append((item, 1))
          }
        }
        let single = field("record") != nil
        for (overlay, count) in items {
          for _ in 0..<max(count, 0) {
            var merged = NodeMerge.merge(base, overlay) ?? YAMLNode(.mapping([]), range: node.range)
            if !single, overlay?.pairs?.contains(where: { $0.key.keyText == "id" }) != true {
              generated += 1
              merged = NodeMerge.setting("id", to: "\(baseID)-\(generated)", in: merged)
            }
            let decoded = RecordDecoder.decode(merged, file: file.path, index: index)
            recordSink?(merged, decoded)
            index += 1
            if let id = decoded.id { recordIDs.append(id) }
            checker.add(decoded)
          }
        }
      }
      checker.finish()
      let differences = Expectation.compare(
        field("expect"), rule: ruleID, outcomes: checker.outcomes, findings: checker.findings, recordIDs: recordIDs)
      if differences.isEmpty { passed += 1 } else { fail(file.path, name, node.range, differences) }
    }
  }

  private mutating func fail(_ file: String, _ name: String, _ range: SourceRange, _ differences: [String]) {
    failures.append(Failure(file: file, caseName: name, range: range, differences: differences))
  }
}

/// Merges a case's record onto its base: mappings key by key, anything else replaced,
/// `null` removing the key.
enum NodeMerge {
  static func merge(_ base: YAMLNode?, _ overlay: YAMLNode?) -> YAMLNode? {
    guard let overlay else { return base }
    guard let base, let basePairs = base.pairs, let overlayPairs = overlay.pairs else { return overlay }
    var pairs = basePairs
    for pair in overlayPairs {
      let key = pair.key.keyText
      let isNull = pair.value.scalar.map { $0.style == .plain && $0.resolved == .null } ?? false
      if let i = pairs.firstIndex(where: { $0.key.keyText == key }) {
        if isNull { pairs.remove(at: i) } else { pairs[i].value = merge(pairs[i].value, pair.value) ?? pair.value }
      } else if !isNull {
        pairs.append(pair)
      }
    }
    return YAMLNode(.mapping(pairs), range: overlay.range)
  }

  static func setting(_ key: String, to text: String, in node: YAMLNode) -> YAMLNode {
    var pairs = node.pairs ?? []
    let value = YAMLNode(.scalar(YAMLScalar(text: text, style: .doubleQuoted)), range: node.range)
    if let i = pairs.firstIndex(where: { $0.key.keyText == key }) {
      pairs[i].value = value
    } else {
      pairs.insert(YAMLPair(key: YAMLNode(.scalar(YAMLScalar(text: key, style: .plain)), range: node.range), value: value), at: 0)
    }
    return YAMLNode(.mapping(pairs), range: node.range)
  }
}

/// Compares what a rule gave with a case's `expect`.
enum Expectation {
  static let keys: Set<String> = [
    "outcome", "missing", "gap", "actual", "expected", "deadline", "subject", "failing", "score", "notice", "findings", "period",
  ]

  static func compare(_ expect: YAMLNode?, rule: String, outcomes: [RuleOutcome], findings: [Finding], recordIDs: [String]) -> [String] {
    guard let expect else { return ["the case has no expect"] }
    let mine = outcomes.filter { $0.rule == rule }
    if rule.hasPrefix("REC-") {
      let hits = findings.filter { $0.rule == rule }
      let outcome = hits.isEmpty ? "pass" : "fail"
      let wanted = expect.scalar?.text ?? expect.pairs?.first { $0.key.keyText == "outcome" }?.value.scalar?.text ?? "?"
      var diffs =
        outcome == wanted
        ? [] : ["\(rule): expected \(wanted), got \(outcome)" + hits.map { " [\($0.range.start): \($0.message.en)]" }.joined()]
      if let pairs = expect.pairs {
        for pair in pairs where pair.key.keyText == "findings" {
          if let n = Int(pair.value.scalar?.text ?? ""), n != hits.count { diffs.append("findings: expected \(n), got \(hits.count)") }
        }
        for pair in pairs where pair.key.keyText == "line" {
          if let line = Int(pair.value.scalar?.text ?? ""), hits.first?.range.start.line != line {
            diffs.append("line: expected \(line), got \(hits.first.map { String($0.range.start.line) } ?? "none")")
          }
        }
        for pair in pairs where pair.key.keyText == "column" {
          if let column = Int(pair.value.scalar?.text ?? ""), hits.first?.range.start.column != column {
            diffs.append("column: expected \(column), got \(hits.first.map { String($0.range.start.column) } ?? "none")")
          }
        }
      }
      return diffs
    }
    if let pairs = expect.pairs, let first = pairs.first?.key.keyText, !keys.contains(first) {
      var diffs: [String] = []
      for pair in pairs {
        let subject = pair.key.keyText ?? ""
        let result = mine.first { $0.subject == subject }
        diffs += compareOne(pair.value, result, label: subject)
      }
      return diffs
    }
    let subject = expect.pairs?.first { $0.key.keyText == "subject" }?.value.scalar?.text
    let result = subject.map { s in mine.first { $0.subject == s } } ?? mine.first
    if mine.count > 1, subject == nil {
      let subjects = Set(mine.map(\.subject))
      if subjects.count > 1 {
        // One expectation for several groups or records: each must meet it.
        return subjects.sorted().flatMap { s in compareOne(expect, mine.first { $0.subject == s }, label: "\(rule) \(s)") }
      }
    }
    return compareOne(expect, result, label: rule)
  }

  private static func compareOne(_ expect: YAMLNode, _ result: RuleOutcome?, label: String) -> [String] {
    let outcome = result?.outcome.rawValue ?? "not_applicable"
    let findings = result?.findings ?? []
    let main = findings.filter { $0.outcome != .notice || result?.outcome == .notice }
    if let text = expect.scalar?.text {
      return text == outcome ? [] : ["\(label): expected \(text), got \(outcome)" + describe(findings)]
    }
    guard let pairs = expect.pairs else { return ["\(label): expect must be an outcome or a mapping"] }
    var diffs: [String] = []
    func check(_ name: String, _ wanted: String, _ got: String?) {
      if wanted != (got ?? "nil") { diffs.append("\(label) \(name): expected \(wanted), got \(got ?? "nil")") }
    }
    /// A value in words matches in either language (a case may be written in English).
    func check(_ name: String, _ wanted: String, _ got: Quantity?) {
      if let got, got.text(.en) == wanted { return }
      check(name, wanted, got?.description)
    }
    func check(_ name: String, _ wanted: String, _ got: Expected?) {
      if let got, got.text(.en) == wanted { return }
      check(name, wanted, got?.description)
    }
    for pair in pairs {
      let key = pair.key.keyText ?? ""
      let wanted = pair.value.scalar?.text ?? ""
      let first = main.first
      switch key {
      case "outcome": check("outcome", wanted, outcome)
      case "missing": check("missing", wanted, first?.missing)
      case "gap": check("gap", wanted, first?.gap.map(String.init))
      case "actual": check("actual", wanted, first?.actual)
      case "expected": check("expected", wanted, first?.expected)
      case "deadline": check("deadline", wanted, first?.deadline?.description)
      case "period": check("period", wanted, first?.period)
      case "subject": check("subject", wanted, result?.subject)
      case "failing": check("failing", wanted, first?.failingRecords.map { String($0.count) })
      case "score": check("score", wanted, first?.score.map { NumberFormat.plain($0) })
      case "findings": check("findings", wanted, String(main.filter { $0.outcome != .notice }.count))
      case "notice":
        let notice = findings.first { $0.outcome == .notice }
        guard let notice else {
          diffs.append("\(label) notice: expected one, got none")
          continue
        }
        for sub in pair.value.pairs ?? [] {
          let w = sub.value.scalar?.text ?? ""
          switch sub.key.keyText ?? "" {
          case "deadline": check("notice.deadline", w, notice.deadline?.description)
          case "gap": check("notice.gap", w, notice.gap.map(String.init))
          case "period": check("notice.period", w, notice.period)
          case "actual": check("notice.actual", w, notice.actual)
          default: diffs.append("\(label) notice: unknown key \(sub.key.keyText ?? "")")
          }
        }
      default: diffs.append("\(label): unknown expect key \(key)")
      }
    }
    if !diffs.isEmpty { diffs[diffs.count - 1] += describe(findings) }
    return diffs
  }

  private static func describe(_ findings: [Finding]) -> String {
    findings.isEmpty
      ? "" : "\n      findings: " + findings.map { "\($0.outcome.rawValue) \($0.message.en)" }.joined(separator: "\n                ")
  }
}
