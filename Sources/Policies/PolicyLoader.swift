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
        issues.add(
          problem.kind == .duplicateKey ? "POLICY-DUPLICATE-KEY" : "POLICY-PARSE", problem.message, problem.message,
          at: problem.range)
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
      contentHash: SHA256.hex(bytes))
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
    var severity = Severity.error
    if let text = r.string("severity", required: true) {
      if let s = Severity(rawValue: text) {
        severity = s
      } else {
        r.report(
          "POLICY-SCHEMA", zh: "severity 应为 error、warning 或 info", en: "severity must be error, warning or info", at: r.keyRange("severity")
        )
      }
    }
    let title = r.localized("title", required: true) ?? LocalizedText(zh: id, en: id)
    let message = r.localized("message", required: true) ?? title
    for (text, key) in [(message.zh, "message"), (message.en, "message")] {
      for name in placeholderNames(text) where !placeholders.contains(name) {
        r.report(
          "POLICY-SCHEMA", zh: "\(key) 中未知的占位符 {\(name)}", en: "unknown placeholder {\(name)} in \(key)", at: r.keyRange(key))
      }
    }
    let fix = r.localized("fix")
    var citation = Citation(document: document, clause: "")
    if let node = r.value("citation") {
      var c = r.sub(node, context: "citation")
      citation.clause = c.string("clause", required: true) ?? ""
      citation.text = c.string("text", required: true)
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
          check = kind.init(reading: &c)
          c.finish(allowing: ["kind"])
        } else {
          let hint = Suggestions.closest(to: kindName, in: CheckKinds.all.map { $0.name })
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
