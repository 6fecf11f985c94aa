import Records
import YAMLSource

/// Collects a policy file's problems as located findings (`POLICY-…` rules).
public final class PolicyIssues {
  public private(set) var findings: [Finding] = []
  let file: String
  let subject: String
  /// The policy's text, to place problems found inside a scalar's value.
  let source: [UInt8]

  init(file: String, subject: String, source: [UInt8] = []) {
    self.file = file
    self.subject = subject
    self.source = source
  }

  func add(_ rule: String, _ zh: String, _ en: String, at range: SourceRange, severity: Severity = .error) {
    findings.append(
      Finding(
        rule: rule, severity: severity, subject: .input(subject), file: file, range: range,
        message: LocalizedText(zh: zh, en: en)))
  }

  func merge(_ other: [Finding]) { findings += other }
}

/// Reads one mapping of a policy file, reporting wrong types, missing keys and unknown
/// keys (with a suggestion) at their line and column.
public struct NodeReader {
  public let node: YAMLNode
  let issues: PolicyIssues
  let parameters: [String: Fraction]
  let context: String
  private var pairs: [String: YAMLPair] = [:]
  private var used: Set<String> = []
  /// The keys asked for, in order: what a kind accepts (`CheckKind.keys`).
  private(set) var asked: [String] = []

  init(_ node: YAMLNode, issues: PolicyIssues, parameters: [String: Fraction], context: String) {
    self.node = node
    self.issues = issues
    self.parameters = parameters
    self.context = context
    if let list = node.pairs {
      for pair in list { if let key = pair.key.keyText { pairs[key] = pair } }
    } else {
      issues.add("POLICY-SCHEMA", "\(context) 应为映射", "\(context) must be a mapping", at: node.range)
    }
  }

  public var range: SourceRange { node.range }

  /// Asking whether a key is there makes it a key the reader knows.
  public mutating func has(_ key: String) -> Bool {
    note(key)
    return pairs[key] != nil
  }

  private mutating func note(_ key: String) {
    if used.insert(key).inserted { asked.append(key) }
  }

  /// The keys a kind's reader asks for, found by reading an empty mapping.
  static func keysAsked<Kind: CheckKind>(by kind: Kind.Type) -> [String] {
    let empty = YAMLNode(.mapping([]), range: .fileStart)
    var reader = NodeReader(empty, issues: PolicyIssues(file: "", subject: ""), parameters: [:], context: "check")
    _ = Kind(reading: &reader)
    return reader.asked
  }

  public mutating func value(_ key: String, required: Bool = false) -> YAMLNode? {
    note(key)
    guard let pair = pairs[key] else {
      if required {
        issues.add(
          "POLICY-SCHEMA", "\(context) 缺少必填键 \(key)", "\(context) is missing the key \(key)",
          at: SourceRange(at: node.range.start))
      }
      return nil
    }
    if let scalar = pair.value.scalar, scalar.style == .plain, scalar.resolved == .null { return nil }
    return pair.value
  }

  public func keyRange(_ key: String) -> SourceRange { pairs[key]?.key.range ?? node.range }

  public mutating func string(_ key: String, required: Bool = false) -> String? {
    guard let v = value(key, required: required) else { return nil }
    guard let s = v.scalar else {
      issues.add("POLICY-SCHEMA", "\(key) 应为文本", "\(key) must be a string", at: v.range)
      return nil
    }
    return s.text
  }

  public mutating func date(_ key: String, required: Bool = false) -> CalendarDate? {
    guard let v = value(key, required: required) else { return nil }
    guard let text = v.scalar?.text, let d = CalendarDate(text) else {
      issues.add("POLICY-SCHEMA", "\(key) 应为日期 YYYY-MM-DD", "\(key) must be a date YYYY-MM-DD", at: v.range)
      return nil
    }
    return d
  }

  /// A number: `25`, `0.3`, `60%`, or `$parameter`.
  public mutating func number(_ key: String, required: Bool = false) -> Fraction? {
    guard let v = value(key, required: required) else { return nil }
    return number(from: v, key: key)
  }

  public func number(from v: YAMLNode, key: String) -> Fraction? {
    guard let text = v.scalar?.text else {
      issues.add("POLICY-SCHEMA", "\(key) 应为数字", "\(key) must be a number", at: v.range)
      return nil
    }
    if text.hasPrefix("$") {
      let name = String(text.dropFirst())
      if let value = parameters[name] { return value }
      let hint = Suggestions.closest(to: name, in: Array(parameters.keys))
      issues.add(
        "POLICY-SCHEMA", "未定义的参数 \(text)" + (hint.map { "，是否应为 $\($0)？" } ?? ""),
        "undefined parameter \(text)" + (hint.map { "; did you mean $\($0)?" } ?? ""), at: v.range)
      return nil
    }
    guard let f = Fraction(parsing: text) else {
      issues.add("POLICY-SCHEMA", "\(key) 应为数字或百分比，实际为 \(text)", "\(key) must be a number or percentage, found \(text)", at: v.range)
      return nil
    }
    return f
  }

  public mutating func localized(_ key: String, required: Bool = false) -> LocalizedText? {
    guard let v = value(key, required: required) else { return nil }
    var sub = NodeReader(v, issues: issues, parameters: parameters, context: key)
    let zh = sub.string("zh", required: true)
    let en = sub.string("en", required: true)
    sub.finish()
    guard let zh, let en else { return nil }
    return LocalizedText(zh: zh, en: en)
  }

  public mutating func strings(_ key: String, required: Bool = false, allowed: [String]? = nil) -> [String] {
    guard let v = value(key, required: required) else { return [] }
    guard let items = v.items else {
      issues.add("POLICY-SCHEMA", "\(key) 应为列表", "\(key) must be a list", at: v.range)
      return []
    }
    var out: [String] = []
    for item in items {
      guard let text = item.scalar?.text else {
        issues.add("POLICY-SCHEMA", "\(key) 的元素应为文本", "items of \(key) must be strings", at: item.range)
        continue
      }
      if let allowed, !allowed.contains(text) {
        let hint = Suggestions.closest(to: text, in: allowed)
        issues.add(
          "POLICY-SCHEMA", "\(key) 中的 \(text) 不是允许的取值" + (hint.map { "，是否应为 \($0)？" } ?? ""),
          "\(text) in \(key) is not one of the allowed values" + (hint.map { "; did you mean \($0)?" } ?? ""), at: item.range)
        continue
      }
      out.append(text)
    }
    return out
  }

  /// A condition, parsed and type-checked now; errors located inside the policy file.
  public mutating func condition(_ key: String, required: Bool = false) -> Condition? {
    guard let v = value(key, required: required) else { return nil }
    return NodeReader.condition(from: v, issues: issues, parameters: parameters)
  }

  static func condition(from v: YAMLNode, issues: PolicyIssues, parameters: [String: Fraction]) -> Condition? {
    guard let scalar = v.scalar else {
      issues.add("POLICY-EXPRESSION", "条件应为文本", "a condition must be a string", at: v.range)
      return nil
    }
    var origin = v.range.start
    if scalar.style == .singleQuoted || scalar.style == .doubleQuoted { origin.column += 1 }
    // The parser counts a problem's column as the value's offset on the first line; the
    // offset is then placed in the file, where folded lines and escapes make it differ.
    func place(_ range: SourceRange) -> SourceRange {
      guard !issues.source.isEmpty else { return range }
      func place(_ at: SourceLocation) -> SourceLocation {
        guard at.line == origin.line, at.column >= origin.column else { return at }
        return ScalarSourceMap.location(
          ofOffset: at.column - origin.column, in: scalar.text, style: scalar.style, nodeStart: v.range.start,
          source: issues.source)
      }
      return SourceRange(start: place(range.start), end: place(range.end))
    }
    do {
      let expression = try ExpressionParser.parse(scalar.text, origin: origin, parameters: parameters)
      let errors = ExpressionTypeChecker.checkCondition(expression, at: v.range)
      for e in errors { issues.add("POLICY-EXPRESSION", e.message.zh, e.message.en, at: place(e.range)) }
      return errors.isEmpty ? Condition(source: scalar.text, expression: expression, range: v.range) : nil
    } catch {
      issues.add("POLICY-EXPRESSION", error.message.zh, error.message.en, at: place(error.range))
      return nil
    }
  }

  /// A field path the record format must have, of one of the given types.
  public mutating func fieldPath(_ key: String, required: Bool = true, types: [String]? = nil) -> String? {
    guard let v = value(key, required: required) else { return nil }
    guard let path = v.scalar?.text else {
      issues.add("POLICY-SCHEMA", "\(key) 应为字段路径", "\(key) must be a field path", at: v.range)
      return nil
    }
    guard let spec = RecordSchema.spec(for: path) else {
      let hint = Suggestions.closest(to: path, in: RecordSchema.fields.map(\.path))
      issues.add(
        "POLICY-FIELD", "记录格式中没有字段 \(path)" + (hint.map { "，是否应为 \($0)？" } ?? ""),
        "the record format has no field \(path)" + (hint.map { "; did you mean \($0)?" } ?? ""), at: v.range)
      return nil
    }
    if let types, !types.contains(spec.type.name) {
      issues.add(
        "POLICY-FIELD", "字段 \(path) 的类型是 \(spec.type.name)，此处需要 \(types.joined(separator: "/"))",
        "field \(path) is a \(spec.type.name); \(key) needs a \(types.joined(separator: " or "))", at: v.range)
      return nil
    }
    return path
  }

  public func sub(_ node: YAMLNode, context: String) -> NodeReader {
    NodeReader(node, issues: issues, parameters: parameters, context: context)
  }

  public func report(_ rule: String, zh: String, en: String, at range: SourceRange) {
    issues.add(rule, zh, en, at: range)
  }

  /// Reports every key never asked for, with the closest allowed one.
  public func finish(allowing extra: [String] = []) {
    guard let list = node.pairs else { return }
    let known = Array(used) + extra
    for pair in list {
      guard let key = pair.key.keyText, !known.contains(key) else { continue }
      let hint = Suggestions.closest(to: key, in: known)
      issues.add(
        "POLICY-SCHEMA", "\(context) 中的未知键 \(key)" + (hint.map { "，是否应为 \($0)？" } ?? ""),
        "unknown key \(key) in \(context)" + (hint.map { "; did you mean \($0)?" } ?? ""), at: pair.key.range)
    }
  }
}
