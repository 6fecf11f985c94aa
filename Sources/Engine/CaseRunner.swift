import Foundation
import Policies
import Records
import YAMLSource

/// What a case file's `policy:` names: a policy, or why there is none. A policy that
/// does not load is its problems, shown with the case, never "unknown policy".
public enum CasePolicy: Sendable {
  case policy(Policy)
  case problems([Finding])
  case unknown
}

/// Runs policy test cases (docs/cases.md): records plus the outcome a rule must give.
/// It never passes a case for the wrong reason: a typo'd key, a record the decoder
/// refused, or records that share an id fail the case with a message naming them.
public struct CaseRunner {
  public struct Failure: Sendable {
    public var file: String
    public var caseName: String
    public var range: SourceRange
    public var messages: [LocalizedText]
    /// In English, as the first runner gave them (tests compare these).
    public var differences: [String] { messages.map(\.en) }
  }

  /// One case as it ended, for `--format junit`.
  public struct Result: Sendable {
    public var file: String
    public var caseName: String
    public var rule: String
    public var range: SourceRange
    public var failure: Failure?
  }

  public private(set) var passed = 0
  public private(set) var failures: [Failure] = []
  public private(set) var results: [Result] = []
  /// Sees every record a case builds from `base` and `record(s)` (the schema test
  /// validates them with an external validator).
  public var recordSink: ((YAMLNode, DecodedRecord) -> Void)?

  public init() {}

  /// Runs every `*.yaml` case file under the given paths.
  public mutating func run(paths: [String], policyLookup: (String) -> Policy?) throws(ToolError) {
    try run(paths: paths) { name, _ in policyLookup(name).map(CasePolicy.policy) ?? .unknown }
  }

  /// Runs every `*.yaml` case file under the given paths; `resolve` is given the
  /// `policy:` text and the case file's path, for a path relative to the case file.
  public mutating func run(paths: [String], resolve: (String, String) -> CasePolicy) throws(ToolError) {
    for path in try InputFiles.expand(paths) where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
      let file = try InputFiles.read(path)
      runFile(file, resolve: resolve)
    }
  }

  public mutating func runFile(_ file: InputFile, policyLookup: (String) -> Policy?) {
    runFile(file) { name, _ in policyLookup(name).map(CasePolicy.policy) ?? .unknown }
  }

  static let fileKeys = ["policy", "rule", "as_of", "base", "cases"]
  static let caseKeys = ["name", "as_of", "record", "records", "source", "source_name", "expect"]
  static let repeatKeys = ["repeat", "record"]

  public mutating func runFile(_ file: InputFile, resolve: (String, String) -> CasePolicy) {
    let documents = YAMLReader.documents(file.bytes)
    guard let root = documents.first?.root, documents.first?.problems.isEmpty == true, let top = root.pairs else {
      let problem = documents.first?.problems.first
      let text = problem.map { ParseMessages.describe($0, line: nil).message }
      fail(
        file.path, "(file)", problem?.range ?? .fileStart,
        [
          LocalizedText(
            zh: "用例文件无法读取：\(text?.zh ?? "应为映射")", en: "case file does not load: \(text?.en ?? "not a mapping")")
        ])
      return
    }
    func value(_ key: String) -> YAMLNode? { top.first { $0.key.keyText == key }?.value }
    let fileProblems = Self.unknownKeys(root, allowed: Self.fileKeys, context: "用例文件 / case file")
    guard let policyName = value("policy")?.scalar?.text, let ruleID = value("rule")?.scalar?.text else {
      fail(
        file.path, "(file)", root.range,
        fileProblems + [LocalizedText(zh: "用例文件需要 policy 和 rule", en: "case file needs policy and rule")])
      return
    }
    guard fileProblems.isEmpty else {
      fail(file.path, "(file)", root.range, fileProblems)
      return
    }
    let isBuiltIn = ruleID.hasPrefix("REC-")
    var policies: [Policy] = []
    if policyName != "none" {
      switch resolve(policyName, file.path) {
      case .policy(let policy):
        guard isBuiltIn || policy.rules.contains(where: { $0.id == ruleID }) else {
          let hint = NodeReader.suggest(ruleID, in: policy.rules.map(\.id))
          fail(
            file.path, "(file)", root.range,
            [
              LocalizedText(
                zh: "策略 \(policyName) 中没有规则 \(ruleID)" + (hint.map { "，是否应为 \($0)？" } ?? ""),
                en: "policy \(policyName) has no rule \(ruleID)" + (hint.map { "; did you mean \($0)?" } ?? ""))
            ])
          return
        }
        policies = [policy]
      case .problems(let findings):
        let errors = findings.filter { $0.severity == .error }
        fail(
          file.path, "(file)", root.range,
          [LocalizedText(zh: "策略 \(policyName) 无法加载：", en: "policy \(policyName) does not load:")]
            + errors.map { f in
              let at = "\(f.file):\(f.range.start.line):\(f.range.start.column): "
              return LocalizedText(zh: at + f.message.zh + " [\(f.rule)]", en: at + f.message.en + " [\(f.rule)]")
            })
        return
      case .unknown:
        fail(
          file.path, "(file)", root.range,
          [
            LocalizedText(
              zh: "未知的策略 \(policyName)：既不是内置策略 id，也不是相对于用例文件的策略文件路径",
              en: "unknown policy \(policyName): neither a shipped policy id nor a policy file relative to the case file")
          ])
        return
      }
    }
    var asOf: CalendarDate?
    if let node = value("as_of") {
      guard let date = node.scalar.flatMap({ CalendarDate($0.text) }) else {
        fail(file.path, "(file)", node.range, [Self.badDate(node)])
        return
      }
      asOf = date
    }
    let base = value("base")
    guard let items = value("cases")?.items else {
      fail(file.path, "(file)", root.range, [LocalizedText(zh: "用例文件需要 cases 列表", en: "case file needs a cases list")])
      return
    }
    for node in items {
      runCase(node, file: file, rule: ruleID, policies: policies, asOf: asOf, base: base)
    }
  }

  private mutating func runCase(
    _ node: YAMLNode, file: InputFile, rule ruleID: String, policies: [Policy], asOf: CalendarDate?, base: YAMLNode?
  ) {
    guard let pairs = node.pairs else {
      fail(file.path, "(unnamed)", node.range, [LocalizedText(zh: "用例应为映射", en: "a case must be a mapping")])
      return
    }
    func field(_ key: String) -> YAMLNode? { pairs.first { $0.key.keyText == key }?.value }
    let name = field("name")?.scalar?.text ?? "(unnamed)"
    var problems = Self.unknownKeys(node, allowed: Self.caseKeys, context: "用例 / case")
    if let expect = field("expect") { problems += Expectation.unknownKeys(expect, rule: ruleID) }
    for item in field("records")?.items ?? [] where item.pairs?.contains(where: { $0.key.keyText == "repeat" }) == true {
      problems += Self.unknownKeys(item, allowed: Self.repeatKeys, context: "repeat")
    }
    var caseAsOf = asOf
    if let node = field("as_of") {
      if let date = node.scalar.flatMap({ CalendarDate($0.text) }) { caseAsOf = date } else { problems.append(Self.badDate(node)) }
    }
    guard problems.isEmpty else {
      fail(file.path, name, node.range, problems, rule: ruleID)
      return
    }
    var checker = Checker(policies: policies, asOf: caseAsOf)
    checker.keepOutcomes = true
    var recordIDs: [String] = []
    var idRanges: [String: [SourceRange]] = [:]
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
          if let id = decoded.id {
            recordIDs.append(id)
            idRanges[id, default: []].append(overlay?.range ?? node.range)
          }
          checker.add(decoded)
        }
      }
    }
    checker.finish()
    var messages = Expectation.compare(
      field("expect"), rule: ruleID, outcomes: checker.outcomes, findings: checker.findings, recordIDs: recordIDs)
    if !ruleID.hasPrefix("REC-") {
      messages += Self.inputErrors(checker.findings, expect: field("expect"), idRanges: idRanges)
    }
    if messages.isEmpty {
      passed += 1
      results.append(Result(file: file.path, caseName: name, rule: ruleID, range: node.range, failure: nil))
    } else {
      fail(file.path, name, node.range, messages, rule: ruleID)
    }
  }

  /// A case's records must read cleanly unless the case says which input errors it
  /// expects (`expect: {…, input_errors: [REC-SCHEMA]}`): a record the decoder refused
  /// is left out, and the rule's `not_applicable` would pass for the wrong reason.
  /// Records that share an id are said so plainly: only the first would be checked.
  static func inputErrors(_ findings: [Finding], expect: YAMLNode?, idRanges: [String: [SourceRange]]) -> [LocalizedText] {
    let expected = Set(Expectation.expectedInputErrors(expect))
    let errors = findings.filter { $0.rule.hasPrefix("REC-") && $0.severity == .error }
    var out: [LocalizedText] = []
    for (id, ranges) in idRanges.sorted(by: { $0.key < $1.key }) where ranges.count > 1 && !expected.contains("REC-DUPLICATE-ID") {
      out.append(
        LocalizedText(
          zh: "\(ranges.count) 条记录的 id 都是 \(id)，只有第一条会被检查：给每条记录各自的 id，或去掉 id 由用例自动编号",
          en:
            "\(ranges.count) records share the id \(id), so only the first is checked: give each its own id, or drop id to have them numbered"
        ))
    }
    let unexpected = errors.filter { !expected.contains($0.rule) && !($0.rule == "REC-DUPLICATE-ID" && !out.isEmpty) }
    for f in unexpected.prefix(5) {
      let at = "\(f.range.start.line):\(f.range.start.column)"
      out.append(
        LocalizedText(
          zh: "记录 \(f.subject.key) 有输入错误 \(f.rule)（\(at)）：\(f.message.zh)；用例未声明 input_errors",
          en: "record \(f.subject.key) has the input error \(f.rule) (\(at)): \(f.message.en); the case does not expect it (input_errors)"
        ))
    }
    if unexpected.count > 5 {
      out.append(LocalizedText(zh: "……另有 \(unexpected.count - 5) 个输入错误", en: "… and \(unexpected.count - 5) more input errors"))
    }
    let got = Set(errors.map(\.rule))
    for rule in expected.sorted() where !got.contains(rule) {
      out.append(LocalizedText(zh: "input_errors：应有 \(rule)，实际没有", en: "input_errors: expected \(rule), got none"))
    }
    return out
  }

  static func badDate(_ node: YAMLNode) -> LocalizedText {
    let text = node.scalar?.text ?? node.kindName
    return LocalizedText(zh: "as_of 应为日期 YYYY-MM-DD，实际为 \(text)", en: "as_of must be a date YYYY-MM-DD, found \(text)")
  }

  /// Keys of a case file's mapping that the runner does not read, with the nearest one:
  /// `expct` was read as no expectation, `as_off` as no date.
  static func unknownKeys(_ node: YAMLNode, allowed: [String], context: String) -> [LocalizedText] {
    var out: [LocalizedText] = []
    for pair in node.pairs ?? [] {
      guard let key = pair.key.keyText, !allowed.contains(key) else { continue }
      let hint = NodeReader.suggest(key, in: allowed)
      let parts = context.components(separatedBy: " / ")
      let (zh, en) = (parts.first ?? context, parts.last ?? context)
      let at = "\(pair.key.range.start.line):\(pair.key.range.start.column)"
      out.append(
        LocalizedText(
          zh: "\(at) \(zh)中的未知键 \(key)" + (hint.map { "，是否应为 \($0)？" } ?? ""),
          en: "\(at) unknown key \(key) in the \(en)" + (hint.map { "; did you mean \($0)?" } ?? "")))
    }
    return out
  }

  private mutating func fail(_ file: String, _ name: String, _ range: SourceRange, _ messages: [LocalizedText], rule: String = "") {
    let failure = Failure(file: file, caseName: name, range: range, messages: messages)
    failures.append(failure)
    results.append(Result(file: file, caseName: name, rule: rule, range: range, failure: failure))
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
    "input_errors", "severity",
  ]
  static let recordKeys = ["outcome", "findings", "line", "column"]
  static let noticeKeys = ["deadline", "gap", "period", "actual"]
  static let outcomes = Outcome.allCases.map(\.rawValue)

  /// A difference, in both languages.
  static func text(_ zh: String, _ en: String) -> LocalizedText { LocalizedText(zh: zh, en: en) }

  /// The first key of `expect` that names what to compare (`input_errors` may come first).
  static func firstKey(_ pairs: [YAMLPair]) -> String? {
    pairs.lazy.compactMap(\.key.keyText).first { $0 != "input_errors" }
  }

  /// Whether `expect` maps record ids to expectations rather than being one.
  static func isByRecord(_ pairs: [YAMLPair]) -> Bool { firstKey(pairs).map { !keys.contains($0) } ?? false }

  /// The `input_errors` a case expects: one REC- id or a list of them.
  static func expectedInputErrors(_ expect: YAMLNode?) -> [String] {
    guard let node = expect?.pairs?.first(where: { $0.key.keyText == "input_errors" })?.value else { return [] }
    if let one = node.scalar?.text { return [one] }
    return node.items?.compactMap { $0.scalar?.text } ?? []
  }

  /// Keys of `expect` (and of its `notice`) that mean nothing, and outcomes that are none
  /// of the five, with the nearest spelling.
  static func unknownKeys(_ expect: YAMLNode, rule: String) -> [LocalizedText] {
    func outcome(_ node: YAMLNode) -> [LocalizedText] {
      guard let word = node.scalar?.text, !outcomes.contains(word) else { return [] }
      let hint = NodeReader.suggest(word, in: outcomes)
      return [
        text(
          "未知的结果 \(word)，应为 \(outcomes.joined(separator: "、"))" + (hint.map { "，是否应为 \($0)？" } ?? ""),
          "unknown outcome \(word); one of \(outcomes.joined(separator: ", "))" + (hint.map { "; did you mean \($0)?" } ?? ""))
      ]
    }
    if expect.scalar != nil { return outcome(expect) }
    guard let pairs = expect.pairs else { return [] }
    if rule.hasPrefix("REC-") {
      return CaseRunner.unknownKeys(expect, allowed: recordKeys, context: "expect / expect")
        + (pairs.first { $0.key.keyText == "outcome" }.map { outcome($0.value) } ?? [])
    }
    // A mapping from record id to expectation: each value is an expectation.
    if isByRecord(pairs), let first = firstKey(pairs), NodeReader.suggest(first, in: Array(keys)) == nil {
      return pairs.filter { $0.key.keyText != "input_errors" }.flatMap { unknownKeys($0.value, rule: rule) }
    }
    var out = CaseRunner.unknownKeys(expect, allowed: keys.sorted(), context: "expect / expect")
    for pair in pairs {
      if pair.key.keyText == "outcome" { out += outcome(pair.value) }
      if pair.key.keyText == "notice", pair.value.pairs != nil {
        out += CaseRunner.unknownKeys(pair.value, allowed: noticeKeys, context: "notice / notice")
      }
    }
    return out
  }

  static func compare(_ expect: YAMLNode?, rule: String, outcomes: [RuleOutcome], findings: [Finding], recordIDs: [String])
    -> [LocalizedText]
  {
    guard let expect else { return [text("用例缺少 expect", "the case has no expect")] }
    let mine = outcomes.filter { $0.rule == rule }
    if rule.hasPrefix("REC-") {
      let hits = findings.filter { $0.rule == rule }
      let outcome = hits.isEmpty ? "pass" : "fail"
      let wanted = expect.scalar?.text ?? expect.pairs?.first { $0.key.keyText == "outcome" }?.value.scalar?.text ?? "?"
      let located = hits.map { " [\($0.range.start): \($0.message.en)]" }.joined()
      var diffs =
        outcome == wanted
        ? [] : [text("\(rule)：应为 \(wanted)，实际为 \(outcome)" + located, "\(rule): expected \(wanted), got \(outcome)" + located)]
      if let pairs = expect.pairs {
        for pair in pairs where pair.key.keyText == "findings" {
          if let n = Int(pair.value.scalar?.text ?? ""), n != hits.count {
            diffs.append(text("findings：应为 \(n)，实际为 \(hits.count)", "findings: expected \(n), got \(hits.count)"))
          }
        }
        for pair in pairs where pair.key.keyText == "line" {
          if let line = Int(pair.value.scalar?.text ?? ""), hits.first?.range.start.line != line {
            let got = hits.first.map { String($0.range.start.line) } ?? "none"
            diffs.append(text("line：应为 \(line)，实际为 \(got)", "line: expected \(line), got \(got)"))
          }
        }
        for pair in pairs where pair.key.keyText == "column" {
          if let column = Int(pair.value.scalar?.text ?? ""), hits.first?.range.start.column != column {
            let got = hits.first.map { String($0.range.start.column) } ?? "none"
            diffs.append(text("column：应为 \(column)，实际为 \(got)", "column: expected \(column), got \(got)"))
          }
        }
      }
      return diffs
    }
    if let pairs = expect.pairs, isByRecord(pairs) {
      var diffs: [LocalizedText] = []
      for pair in pairs where pair.key.keyText != "input_errors" {
        let subject = pair.key.keyText ?? ""
        let result = mine.first { $0.subject == subject }
        if result == nil, !recordIDs.contains(subject) {
          let hint = NodeReader.suggest(subject, in: recordIDs)
          diffs.append(
            text(
              "expect 中的 \(subject) 不是本用例的记录 id" + (hint.map { "，是否应为 \($0)？" } ?? ""),
              "\(subject) in expect is not a record id of this case" + (hint.map { "; did you mean \($0)?" } ?? "")))
          continue
        }
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

  private static func compareOne(_ expect: YAMLNode, _ result: RuleOutcome?, label: String) -> [LocalizedText] {
    let outcome = result?.outcome.rawValue ?? "not_applicable"
    let findings = result?.findings ?? []
    let main = findings.filter { $0.outcome != .notice || result?.outcome == .notice }
    if let wanted = expect.scalar?.text {
      return wanted == outcome
        ? []
        : [
          text(
            "\(label)：应为 \(wanted)，实际为 \(outcome)" + describe(findings, .zh),
            "\(label): expected \(wanted), got \(outcome)" + describe(findings, .en))
        ]
    }
    guard let pairs = expect.pairs else {
      return [text("\(label)：expect 应为结果或映射", "\(label): expect must be an outcome or a mapping")]
    }
    var diffs: [LocalizedText] = []
    func check(_ name: String, _ wanted: String, _ got: String?) {
      if wanted != (got ?? "nil") {
        diffs.append(text("\(label) \(name)：应为 \(wanted)，实际为 \(got ?? "nil")", "\(label) \(name): expected \(wanted), got \(got ?? "nil")"))
      }
    }
    /// A value in words matches in either language (a case may be written in English).
    func check(_ name: String, _ wanted: String, _ got: Quantity?) {
      if let got, got.text(.en) == wanted || got.text(.zh) == wanted { return }
      check(name, wanted, got?.description)
    }
    func check(_ name: String, _ wanted: String, _ got: Expected?) {
      if let got, got.text(.en) == wanted || got.text(.zh) == wanted { return }
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
      case "severity": check("severity", wanted, first?.severity.rawValue)
      case "subject": check("subject", wanted, result?.subject)
      case "failing": check("failing", wanted, first?.failingRecords.map { String($0.count) })
      case "score": check("score", wanted, first?.score.map { NumberFormat.plain($0) })
      case "findings": check("findings", wanted, String(main.filter { $0.outcome != .notice }.count))
      case "input_errors": continue  // compared with the records' input errors (CaseRunner.inputErrors)
      case "notice":
        let notice = findings.first { $0.outcome == .notice }
        guard let notice else {
          diffs.append(text("\(label) notice：应有一条，实际没有", "\(label) notice: expected one, got none"))
          continue
        }
        for sub in pair.value.pairs ?? [] {
          let w = sub.value.scalar?.text ?? ""
          switch sub.key.keyText ?? "" {
          case "deadline": check("notice.deadline", w, notice.deadline?.description)
          case "gap": check("notice.gap", w, notice.gap.map(String.init))
          case "period": check("notice.period", w, notice.period)
          case "actual": check("notice.actual", w, notice.actual)
          default:
            diffs.append(text("\(label) notice：未知键 \(sub.key.keyText ?? "")", "\(label) notice: unknown key \(sub.key.keyText ?? "")"))
          }
        }
      default: diffs.append(text("\(label)：expect 中的未知键 \(key)", "\(label): unknown expect key \(key)"))
      }
    }
    if !diffs.isEmpty {
      let last = diffs[diffs.count - 1]
      diffs[diffs.count - 1] = text(last.zh + describe(findings, .zh), last.en + describe(findings, .en))
    }
    return diffs
  }

  private static func describe(_ findings: [Finding], _ language: Language) -> String {
    let label = language == .zh ? "发现" : "findings"
    let pad = String(repeating: " ", count: label.count + 8)
    return findings.isEmpty
      ? ""
      : "\n      \(label): " + findings.map { "\($0.outcome.rawValue) \($0.message.text(language))" }.joined(separator: "\n" + pad)
  }
}
