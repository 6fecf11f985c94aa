import Records
import YAMLSource

/// What loading a policy file gave: the policy when it is usable, and every problem.
public struct LoadedPolicy: Sendable {
  public var policy: Policy?
  public var findings: [Finding]

  public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}

/// Reads a policy file into the model, checking structure, types, field paths and dates;
/// the findings are what `jiayuan lint` prints.
public enum PolicyLoader {
  public static let format = "jiayuan-policy/1"
  public static let placeholders = [
    "actual", "expected", "missing", "period", "deadline", "gap", "count", "total", "roles", "event",
  ]

  /// `overrides` are user values for parameters by name (`--param`).
  public static func load(_ bytes: [UInt8], file: String, overrides: [String: Fraction] = [:]) -> LoadedPolicy {
    let issues = PolicyIssues(file: file, subject: file, source: bytes)
    let documents = YAMLReader.documents(bytes)
    for document in documents {
      for problem in document.problems {
        let (message, fix) = ParseMessages.describe(problem, line: issues.line(problem.range.start.line))
        issues.add(
          problem.kind == .duplicateKey ? "POLICY-DUPLICATE-KEY" : "POLICY-PARSE", message.zh, message.en, at: problem.range, fix: fix)
      }
    }
    guard documents.count == 1, let root = documents[0].root else {
      if documents.count > 1 {
        issues.add("POLICY-PARSE", "策略文件只能包含一个 YAML 文档", "a policy file holds exactly one YAML document", at: .fileStart)
      } else if documents.isEmpty {
        issues.add("POLICY-PARSE", "策略文件为空", "the policy file is empty", at: .fileStart)
      }
      return LoadedPolicy(policy: nil, findings: issues.findings)
    }
    var reader = NodeReader(root, issues: issues, parameters: [:], context: "policy")
    if let f = reader.string("format", required: true), f != format {
      issues.add(
        "POLICY-SCHEMA", "不支持的策略格式 \(f)（应为 \(format)）", "unsupported policy format \(f); this jiayuan reads \(format)",
        at: reader.keyRange("format"))
    }
    let id = reader.string("id", required: true) ?? "?"
    if !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
      issues.add(
        "POLICY-SCHEMA", "策略 id 只能含小写字母、数字和 -", "a policy id holds lower-case letters, digits and '-' only", at: reader.keyRange("id"))
    }
    let version = reader.string("version", required: true) ?? "0"
    let title = reader.localized("title", required: true) ?? LocalizedText(zh: id, en: id)
    var document = PolicyDocument(number: nil, title: title.zh, issuer: nil, issued: nil)
    if let node = reader.value("document", required: true) {
      var d = reader.sub(node, context: "document")
      document = PolicyDocument(
        number: d.string("number"), title: d.string("title", required: true) ?? title.zh, issuer: d.string("issuer"),
        issued: d.date("issued"))
      d.finish()
    }
    var jurisdiction = Jurisdiction(province: "")
    if let node = reader.value("jurisdiction", required: true) {
      var j = reader.sub(node, context: "jurisdiction")
      jurisdiction = Jurisdiction(
        province: j.string("province", required: true) ?? "", city: j.string("city"), county: j.string("county"),
        street: j.string("street"), neighborhood: j.string("neighborhood"))
      j.finish()
      if !jurisdiction.province.isEmpty { checkDivisions(jurisdiction, node, issues) }
    }
    var from = CalendarDate(year: 2000, month: 1, day: 1)!
    var to: CalendarDate?
    if let node = reader.value("effective", required: true) {
      var e = reader.sub(node, context: "effective")
      from = e.date("from", required: true) ?? from
      to = e.date("to")
      if let to, to < from {
        issues.add("POLICY-SCHEMA", "有效期结束早于开始", "the effective period ends before it starts", at: e.range)
      }
      e.finish()
    }
    let extends = reader.string("extends")
    let extendsRange = extends == nil ? nil : reader.keyRange("extends")
    let notes = reader.localized("notes")
    let parameters = readParameters(&reader, overrides: overrides, issues: issues)
    var values: [String: Fraction] = [:]
    for p in parameters { values[p.name] = p.value }
    var rules: [Rule] = []
    let citationDocument = document.reference
    if let node = reader.value("rules", required: true) {
      if let items = node.items {
        var seen: [String: SourceRange] = [:]
        for item in items {
          var r = NodeReader(item, issues: issues, parameters: values, context: "rule")
          guard let rule = readRule(&r, policy: id, document: citationDocument, file: file) else { continue }
          if let first = seen[rule.id] {
            issues.add(
              "POLICY-DUPLICATE-ID", "规则 id \(rule.id) 重复（首次在第 \(first.start.line) 行）",
              "rule id \(rule.id) is used twice (first at line \(first.start.line))", at: rule.range)
          }
          seen[rule.id] = rule.range
          rules.append(rule)
        }
        let context = LintContext(effectiveFrom: from, effectiveTo: to, ruleIDs: Set(rules.map(\.id)), issues: issues)
        for rule in rules {
          if let ruleFrom = rule.from, context.isOutsidePeriod(ruleFrom) {
            context.report(
              "POLICY-DEADLINE", zh: "from \(ruleFrom) 不在有效期内", en: "from \(ruleFrom) is outside the effective period", at: rule.range)
          }
          rule.check.lint(rule, context)
        }
      } else {
        issues.add("POLICY-SCHEMA", "rules 应为列表", "rules must be a list", at: node.range)
      }
    }
    reader.finish()
    let policy = Policy(
      id: id, version: version, title: title, document: document, jurisdiction: jurisdiction, effectiveFrom: from,
      effectiveTo: to, extends: extends, extendsRange: extendsRange, notes: notes, parameters: parameters, rules: rules, source: file,
      contentHash: SHA256.hex(bytes), sourceBytes: bytes)
    let hasErrors = issues.findings.contains { $0.severity == .error }
    return LoadedPolicy(policy: hasErrors ? nil : policy, findings: issues.findings)
  }

  private static func readParameters(_ reader: inout NodeReader, overrides: [String: Fraction], issues: PolicyIssues)
    -> [Parameter]
  {
    guard let node = reader.value("parameters") else { return [] }
    guard let pairs = node.pairs else {
      issues.add("POLICY-SCHEMA", "parameters 应为映射", "parameters must be a mapping", at: node.range)
      return []
    }
    var out: [Parameter] = []
    for pair in pairs {
      guard let name = pair.key.keyText else { continue }
      var p = reader.sub(pair.value, context: "parameters.\(name)")
      let value = p.number("value", required: true) ?? Fraction(0)
      let title = p.localized("title")
      let reason = p.localized("default_reason")
      p.finish()
      out.append(Parameter(name: name, value: overrides[name] ?? value, title: title, defaultReason: reason, range: pair.key.range))
    }
    return out
  }

  private static func readRule(_ r: inout NodeReader, policy: String, document: String, file: String) -> Rule? {
    let id = r.string("id", required: true) ?? "?"
    if !id.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "-") }) {
      r.report(
        "POLICY-SCHEMA", zh: "规则 id 只能含大写字母、数字和 -", en: "a rule id holds upper-case letters, digits and '-' only", at: r.keyRange("id"))
    }
    // An unknown severity is reported by the reader, with the nearest value (`warn`).
    let severity = r.string("severity", required: true).flatMap(Severity.init(rawValue:)) ?? .error
    let title = r.localized("title", required: true) ?? LocalizedText(zh: id, en: id)
    let message = r.localized("message", required: true) ?? title
    var unknownPlaceholders: Set<String> = []
    for text in [message.zh, message.en] {
      for name in placeholderNames(text) where !placeholders.contains(name) && unknownPlaceholders.insert(name).inserted {
        let hint = NodeReader.suggest(name, in: placeholders)
        r.report(
          "POLICY-SCHEMA", zh: "message 中未知的占位符 {\(name)}" + (hint.map { "，是否应为 {\($0)}？" } ?? ""),
          en: "unknown placeholder {\(name)} in message" + (hint.map { "; did you mean {\($0)}?" } ?? ""), at: r.keyRange("message"))
      }
    }
    let fix = r.localized("fix")
    var citation = Citation(document: document, clause: "")
    if let node = r.value("citation") {
      var c = r.sub(node, context: "citation")
      citation.clause = c.string("clause", required: true) ?? ""
      citation.text = c.string("text", required: true)
      // A citation is what a finding shows a regulator as the clause broken: empty, it
      // shows nothing, and a lint that passes it would be a lint that passes no source.
      for (key, value) in [("clause", citation.clause), ("text", citation.text)] {
        if let value, value.allSatisfy(\.isWhitespace), c.has(key) {
          r.issues.add(
            "POLICY-CITATION", "citation.\(key) 为空：出处须写明\(key == "text" ? "文件原文" : "条款号")",
            "citation.\(key) is empty: a citation gives the document's \(key == "text" ? "own words" : "clause number")",
            at: c.keyRange(key),
            fix: LocalizedText(
              zh: key == "text" ? "从文件中逐字摘录该条款的原文" : "写明条款号，如 二(一)3",
              en: key == "text" ? "copy the clause's words from the document verbatim" : "give the clause number, e.g. 二(一)3"))
        }
      }
      c.finish()
    } else {
      r.report("POLICY-CITATION", zh: "规则 \(id) 缺少出处（citation）", en: "rule \(id) has no citation", at: r.range)
    }
    let applies = r.condition("applies")
    let from = r.date("from")
    var check: (any CheckKind)?
    if let node = r.value("check", required: true) {
      var c = r.sub(node, context: "check")
      if let kindName = c.string("kind", required: true) {
        if let kind = CheckKinds.named(kindName) {
          c.kind = kindName
          check = kind.init(reading: &c)
          c.finish(allowing: ["kind"])
          lintPlaceholders(message, kind: kindName, &r)
        } else {
          let hint = NodeReader.suggest(kindName, in: CheckKinds.all.map { $0.name })
          c.report(
            "POLICY-SCHEMA", zh: "未知的检查类型 \(kindName)" + (hint.map { "，是否应为 \($0)？" } ?? ""),
            en: "unknown check kind \(kindName)" + (hint.map { "; did you mean \($0)?" } ?? ""), at: c.keyRange("kind"))
        }
      }
    }
    r.finish()
    guard let check else { return nil }
    return Rule(
      id: id, policy: policy, severity: severity, title: title, message: message, fix: fix, citation: citation,
      applies: applies, from: from, check: check, range: r.range, file: file)
  }

  /// The placeholders each kind fills, beyond those every kind does (`actual`,
  /// `expected`, `missing`, `count`). Any other prints as nothing: `{gap}` on a record
  /// rule gives "尚差 个小区".
  static let placeholdersByKind: [String: Set<String>] = [
    "fee_collection": ["period", "deadline"],
    "event_count": ["period", "deadline"],
    "no_event": ["period", "event"],
    "event_followed_by": ["period", "deadline", "event"],
    "attendance": ["period", "roles"],
    "scorecard": ["total"],
    "group_share": ["deadline", "gap"],
    "group_count": ["deadline", "gap", "period"],
  ]
  static let everyKindFills: Set<String> = ["actual", "expected", "missing", "count"]

  /// A policy's province, city and county are divisions of the national list, each
  /// inside the one above: a policy for 霍山区 (no such county) would apply to nothing and
  /// pass (issue 15). Located at the value, with the nearest real name.
  private static func checkDivisions(_ jurisdiction: Jurisdiction, _ node: YAMLNode, _ issues: PolicyIssues) {
    for problem in Divisions.place(jurisdiction).problems {
      let range = node.pairs?.first { $0.key.keyText == problem.level }?.value.range ?? node.range
      issues.add(
        "POLICY-JURISDICTION", problem.message.zh, problem.message.en, at: range,
        fix: problem.suggestion.map { LocalizedText(zh: "改为 \($0)", en: "write \($0)") })
    }
  }

  private static func lintPlaceholders(_ message: LocalizedText, kind: String, _ r: inout NodeReader) {
    let filled = everyKindFills.union(placeholdersByKind[kind] ?? [])
    var seen: Set<String> = []
    for text in [message.zh, message.en] {
      for name in placeholderNames(text) where placeholders.contains(name) && !filled.contains(name) && seen.insert(name).inserted {
        r.issues.add(
          "POLICY-PLACEHOLDER", "{\(name)} 对 \(kind) 类检查没有取值，消息中会显示为空",
          "{\(name)} has no value for kind \(kind) and prints as nothing", at: r.keyRange("message"), severity: .warning,
          fix: LocalizedText(
            zh: "删去 {\(name)}；此类检查可用：\(filled.sorted().map { "{\($0)}" }.joined(separator: " "))",
            en: "remove {\(name)}; this kind fills \(filled.sorted().map { "{\($0)}" }.joined(separator: " "))"))
      }
    }
  }

  static func placeholderNames(_ text: String) -> [String] {
    var names: [String] = []
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      names.append(String(rest[rest.index(after: open)..<close]))
      rest = rest[rest.index(after: close)...]
    }
    return names
  }
}
