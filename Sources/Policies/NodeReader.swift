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

  /// Keys (by their start) whose value already has an error with a hint: a kind's own,
  /// plainer report of the same value is a follow-on and is dropped (`NodeReader.report`).
  var explained: Set<SourceLocation> = []

  func add(
    _ rule: String, _ zh: String, _ en: String, at range: SourceRange, severity: Severity = .error, fix: LocalizedText? = nil
  ) {
    findings.append(
      Finding(
        rule: rule, severity: severity, subject: .input(subject), file: file, range: range,
        message: LocalizedText(zh: zh, en: en), fix: fix))
  }

  func merge(_ other: [Finding]) { findings += other }

  /// The text of one line of the policy (1-based), for hints that quote it.
  func line(_ number: Int) -> Substring? {
    var current = 1
    var start = source.startIndex
    for i in source.indices where source[i] == UInt8(ascii: "\n") {
      if current == number { return Substring(decoding: source[start..<i], as: UTF8.self) }
      current += 1
      start = i + 1
    }
    return current == number ? Substring(decoding: source[start...], as: UTF8.self) : nil
  }

  /// The character at a location (columns count code points, as libyaml's do).
  func character(at location: SourceLocation) -> Unicode.Scalar? {
    guard let text = line(location.line), location.column >= 1 else { return nil }
    let scalars = text.unicodeScalars
    guard let i = scalars.index(scalars.startIndex, offsetBy: location.column - 1, limitedBy: scalars.endIndex), i < scalars.endIndex
    else { return nil }
    return scalars[i]
  }
}

/// Reads one mapping of a policy file, reporting wrong types, missing keys and unknown
/// keys (with a suggestion) at their line and column.
public struct NodeReader {
  public let node: YAMLNode
  let issues: PolicyIssues
  let parameters: [String: Fraction]
  let context: String
  /// The check kind being read (`ratio`), so that a number can be known to be a share.
  var kind: String?
  private var pairs: [String: YAMLPair] = [:]
  private var used: Set<String> = []
  /// The keys asked for, in order: what a kind accepts (`CheckKind.keys`).
  private(set) var asked: [String] = []
  /// A value of this mapping did not read (a bad date or number). A kind reading
  /// `if let a = date(…), let b = number(…)` then never asks for `b`, so an unknown key
  /// with no near match is not reported until the value is fixed: it is most likely a
  /// follow-on (`2025-13-31` made `min` look unknown).
  private var damaged = false

  init(_ node: YAMLNode, issues: PolicyIssues, parameters: [String: Fraction], context: String, kind: String? = nil) {
    self.node = node
    self.issues = issues
    self.parameters = parameters
    self.context = context
    self.kind = kind
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

  /// Values a key may take, by `context/key`: a value outside them gets a did-you-mean
  /// here, whichever kind reads it, and the kind's own plainer report is dropped.
  static let choices: [String: [String]] = [
    "rule/severity": Severity.allCases.reversed().map(\.rawValue),
    "check/group_by": GroupLevel.levels,
    "check/period": ["year", "quarter"],
    "targets[]/severity": Severity.allCases.reversed().map(\.rawValue),
    "any_of[]/best": ["highest", "lowest"],
  ]

  public mutating func string(_ key: String, required: Bool = false) -> String? {
    guard let v = value(key, required: required) else { return nil }
    guard let s = v.scalar else {
      issues.add("POLICY-SCHEMA", "\(key) 应为文本", "\(key) must be a string", at: v.range)
      return nil
    }
    if let allowed = Self.choices["\(context)/\(key)"], !allowed.contains(s.text) {
      let hint = Self.suggest(s.text, in: allowed)
      issues.add(
        "POLICY-SCHEMA",
        "\(key) 的取值 \(s.text) 无效，应为 \(allowed.joined(separator: "、"))" + (hint.map { "，是否应为 \($0)？" } ?? ""),
        "\(key) must be one of \(allowed.joined(separator: ", ")), found \(s.text)" + (hint.map { "; did you mean \($0)?" } ?? ""),
        at: v.range, fix: hint.map { LocalizedText(zh: "写作 \(key): \($0)", en: "write \(key): \($0)") })
      issues.explained.insert(keyRange(key).start)
      damaged = true
    }
    return s.text
  }

  public mutating func date(_ key: String, required: Bool = false) -> CalendarDate? {
    guard let v = value(key, required: required) else { return nil }
    guard let text = v.scalar?.text, let d = CalendarDate(text) else {
      damaged = true
      let text = v.scalar?.text ?? v.kindName
      let why = Self.whyNotADate(text)
      issues.add(
        "POLICY-SCHEMA", "\(key) 应为日期 YYYY-MM-DD，实际为 \(text)" + (why.map { "（\($0.zh)）" } ?? ""),
        "\(key) must be a date YYYY-MM-DD, found \(text)" + (why.map { " (\($0.en))" } ?? ""), at: v.range,
        fix: LocalizedText(zh: "写成存在的日期，年-月-日各补足位数，如 2025-12-31", en: "write a date that exists, zero-padded, e.g. 2025-12-31"))
      return nil
    }
    return d
  }

  /// Why a `YYYY-MM-DD`-shaped text is no date: a month or day that does not exist.
  static func whyNotADate(_ text: String) -> LocalizedText? {
    let parts = text.split(separator: "-").map { Int($0) }
    guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2] else { return nil }
    if !(1...12).contains(m) { return LocalizedText(zh: "没有 \(m) 月", en: "there is no month \(m)") }
    guard let first = CalendarDate(year: y, month: m, day: 1) else { return nil }
    if CalendarDate(year: y, month: m, day: d) == nil {
      return LocalizedText(zh: "\(first.year) 年 \(m) 月没有 \(d) 日", en: "\(first.year)-\(m) has no day \(d)")
    }
    return nil
  }

  /// A number: `25`, `0.3`, `60%`, or `$parameter`.
  public mutating func number(_ key: String, required: Bool = false) -> Fraction? {
    guard let v = value(key, required: required) else { return nil }
    let result = number(from: v, key: key)
    if result == nil { damaged = true }
    if let result, v.scalar?.text.hasPrefix("$") == false { checkShare(result, key: key, at: v.range) }
    return result
  }

  /// Keys whose number is a share (0 to 100%), by `kind/context`: ratios and targets. A
  /// number over 1 there is a percentage without its `%` (`min: 65` for 65%), which no
  /// record can reach; over 100% no record can reach either.
  static let shareKeys: [String: Set<String>] = [
    "ratio/check": ["min", "max"],
    "fee_collection/check": ["min"],
    "group_share/targets[]": ["min"],
    "percentile/any_of[]": ["top"],
    "scorecard/ratio": ["above"],
  ]

  private func checkShare(_ value: Fraction, key: String, at range: SourceRange) {
    guard let kind, Self.shareKeys["\(kind)/\(context)"]?.contains(key) == true else { return }
    guard let problem = Self.shareProblem(value, what: key) else { return }
    issues.add("POLICY-PERCENT", problem.message.zh, problem.message.en, at: range, fix: problem.fix)
    issues.explained.insert(keyRange(key).start)
  }

  /// What is wrong with a share written as `value` (nil when nothing is): a number over 1
  /// without `%`, or anything over 100%.
  static func shareProblem(_ value: Fraction, what: String) -> (message: LocalizedText, fix: LocalizedText)? {
    let whole = Fraction(1)
    guard value.double > whole.double else { return nil }
    if !value.isPercent, value.double <= 100 {
      let percent = "\(value)%"
      return (
        LocalizedText(
          zh: "\(what) 是比例，\(value) 大于 1（即 \(NumberFormat.plain(value.double * 100))%），任何记录都达不到：是否应为 \(percent)？",
          en:
            "\(what) is a share and \(value) is over 1 (\(NumberFormat.plain(value.double * 100))%), which no record reaches: did you mean \(percent)?"
        ),
        LocalizedText(
          zh: "写作 \(percent)（或 \(NumberFormat.plain(value.double / 100))）",
          en: "write \(percent) (or \(NumberFormat.plain(value.double / 100)))")
      )
    }
    let shown = value.isPercent ? "\(value)" : "\(value)（\(NumberFormat.plain(value.double * 100))%）"
    let shownEn = value.isPercent ? "\(value)" : "\(value) (\(NumberFormat.plain(value.double * 100))%)"
    return (
      LocalizedText(
        zh: "\(what) 是比例，\(shown) 超过 100%，任何记录都达不到", en: "\(what) is a share and \(shownEn) is over 100%, which no record reaches"),
      LocalizedText(zh: "比例写作 0% 到 100% 之间，如 65%", en: "write a share between 0% and 100%, e.g. 65%")
    )
  }

  public func number(from v: YAMLNode, key: String) -> Fraction? {
    guard let text = v.scalar?.text else {
      issues.add("POLICY-SCHEMA", "\(key) 应为数字", "\(key) must be a number", at: v.range)
      return nil
    }
    if text.hasPrefix("$") {
      let name = String(text.dropFirst())
      if let value = parameters[name] { return value }
      let hint = Self.suggest(name, in: Array(parameters.keys))
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
        let hint = Self.suggest(text, in: allowed)
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
      let (expression, problems) = try ExpressionParser.parseChecked(scalar.text, origin: origin, parameters: parameters)
      let errors = ExpressionTypeChecker.checkCondition(expression, at: v.range) + problems
      for e in errors { issues.add("POLICY-EXPRESSION", e.message.zh, e.message.en, at: place(e.range), fix: e.fix) }
      return errors.isEmpty ? Condition(source: scalar.text, expression: expression, range: v.range) : nil
    } catch {
      issues.add("POLICY-EXPRESSION", error.message.zh, error.message.en, at: place(error.range), fix: error.fix)
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
      let hint = Self.suggest(path, in: RecordSchema.fields.map(\.path))
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
    NodeReader(node, issues: issues, parameters: parameters, context: context, kind: kind)
  }

  /// A kind's own report. One at a key whose value already has an error with a hint
  /// (`choices`, `shareKeys`) says the same thing less well, and is dropped.
  /// A report about the whole mapping ("needs exactly one of period, window, campaign")
  /// after one of its values failed to read is a follow-on of that value, and dropped too.
  public func report(_ rule: String, zh: String, en: String, at range: SourceRange) {
    guard !issues.explained.contains(range.start), !(damaged && range.start == node.range.start) else { return }
    issues.add(rule, zh, en, at: range)
  }

  /// The keys of mappings a kind reads with `if let a = …, let b = …`, where a bad `a`
  /// leaves `b` unasked: known here so that such a key is neither called unknown nor
  /// missed as the suggestion for a typo beside it.
  static let mappingKeys: [String: [String]] = [
    "targets[]": ["deadline", "min"],
    "campaign": ["from", "to", "due"],
  ]

  /// Keys that an earlier version of the language or its docs used, with what replaced
  /// them: edit distance cannot find these.
  static let replaced: [String: (key: String, zh: String, en: String)] = [
    "only_if_started": (
      "since", "不检查小区开始之前的时段，请写 since: 字段路径（如 property_service.since）",
      "to skip periods before the community started, write since: PATH (e.g. property_service.since)"
    ),
    "apply": ("applies", "适用条件的键是 applies", "the condition a rule applies under is applies"),
    "condition_applies": ("applies", "适用条件的键是 applies", "the condition a rule applies under is applies"),
  ]

  /// Reports every key never asked for, with the closest allowed one.
  public func finish(allowing extra: [String] = []) {
    guard let list = node.pairs else { return }
    let known = Array(used) + extra + (damaged ? Self.mappingKeys[context] ?? [] : [])
    for (index, pair) in list.enumerated() {
      guard let key = pair.key.keyText, !known.contains(key) else { continue }
      if let cut = cutAtComma(list, index) {
        issues.add(
          "POLICY-SCHEMA", "\(context) 中的未知键 \(key)：它像是上一个值在逗号处被截断的后半部分",
          "unknown key \(key) in \(context): it looks like the rest of the previous value, cut at a comma",
          at: pair.key.range,
          fix: LocalizedText(
            zh: "给该值加引号：\(cut.key): \"\(cut.value), \(key)\"", en: "quote the value: \(cut.key): \"\(cut.value), \(key)\""))
        continue
      }
      if let old = Self.replaced[key], known.contains(old.key) {
        issues.add(
          "POLICY-SCHEMA", "\(context) 中的未知键 \(key)，是否应为 \(old.key)？\(old.zh)",
          "unknown key \(key) in \(context); did you mean \(old.key)? \(old.en.prefix(1).uppercased() + old.en.dropFirst())",
          at: pair.key.range,
          fix: LocalizedText(zh: old.zh, en: old.en))
        continue
      }
      let hint = Self.suggest(key, in: known)
      if damaged, hint == nil { continue }
      issues.add(
        "POLICY-SCHEMA", "\(context) 中的未知键 \(key)" + (hint.map { "，是否应为 \($0)？" } ?? ""),
        "unknown key \(key) in \(context)" + (hint.map { "; did you mean \($0)?" } ?? ""), at: pair.key.range,
        fix: hint.map { LocalizedText(zh: "改为 \($0)", en: "write \($0)") })
    }
  }

  /// In a flow mapping (`{zh: …, en: a, b}`) an unquoted comma ends the value: what
  /// follows it becomes a key with no value. The previous pair and its value, if so.
  private func cutAtComma(_ list: [YAMLPair], _ index: Int) -> (key: String, value: String)? {
    guard index > 0, issues.character(at: node.range.start) == "{" else { return nil }
    guard let value = list[index].value.scalar, value.style == .plain, value.text.isEmpty else { return nil }
    guard let key = list[index].key.scalar, key.style == .plain else { return nil }
    let previous = list[index - 1]
    guard let name = previous.key.keyText, let text = previous.value.scalar?.text else { return nil }
    return (name, text)
  }

  /// The closest name, by edit distance or, failing that, by a shared beginning
  /// (`warn` → `warning`, `apply` → `applies`), which edit distance misses on short words.
  public static func suggest(_ word: String, in candidates: [String]) -> String? {
    if let close = Suggestions.closest(to: word, in: candidates) { return close }
    let w = Array(word.lowercased())
    guard w.count >= 3 else { return nil }
    var best: (String, Int)?
    for candidate in candidates {
      let c = Array(candidate.lowercased())
      var shared = 0
      while shared < min(w.count, c.count), w[shared] == c[shared] { shared += 1 }
      guard shared >= 3, Double(shared) >= 0.75 * Double(min(w.count, c.count)) else { continue }
      if shared > (best?.1 ?? 0) { best = (candidate, shared) }
    }
    return best?.0
  }
}
