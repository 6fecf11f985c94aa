import YAMLSource

/// Converts one scalar node to the type its field expects, reporting what is wrong
/// in the user's terms (including how a YAML 1.1 reader would have read it).
enum ScalarDecoder {
  static func decode(_ node: YAMLNode, as type: FieldType, path: String, into decoder: inout RecordDecoder)
    -> FieldValue?
  {
    guard let scalar = node.scalar else {
      decoder.typeError(node, path: path, expected: expectation(type))
      return nil
    }
    let cell = scalar.style == .csvCell
    let text = cell ? CellForms.clean(scalar.text) : scalar.text
    let resolved: ResolvedScalar = cell ? csvResolve(text, type) : scalar.resolved
    switch type {
    case .string:
      return .string(cell ? scalar.text.trimmingSpaces : text)
    case .enumeration(let values):
      if values.contains(text) { return .string(text) }
      if cell, let value = CellForms.enumValue(text, in: values) { return .string(value) }
      let allowed = cell ? CellForms.labels(of: values) : values.joined(separator: ", ")
      var zh = "\(path) 的取值 \"\(text)\" 不在允许范围内（\(allowed)）"
      var en = "\(path) must be one of \(allowed), found \"\(text)\""
      if let s = Suggestions.closest(to: text, in: values) {
        zh += "，是否应为 \(s)？"
        en += "; did you mean \(s)?"
      }
      decoder.schemaError(at: node.range, LocalizedText(zh: zh, en: en))
      return nil
    case .date:
      if let date = CalendarDate(text) { return .date(date) }
      if cell, let date = CellForms.date(text) { return .date(date) }
      let looksLikeDate = text.utf8.count == 10 && text.utf8.filter { $0 == UInt8(ascii: "-") }.count == 2
      let expected =
        cell
        ? LocalizedText(
          zh: "日期（2024-06-30、2024/6/30、2024-6-30、2024年6月30日 或 2024.6.30）",
          en: "a date (2024-06-30, 2024/6/30, 2024-6-30, 2024年6月30日 or 2024.6.30)")
        : LocalizedText(zh: "日期（YYYY-MM-DD）", en: "a date (YYYY-MM-DD)")
      let impossible = looksLikeDate || (cell && CellForms.date(text) == nil && CellForms.dateShaped(text))
      decoder.typeError(
        node, path: path, expected: expected,
        hint: impossible ? LocalizedText(zh: "该日期不存在", en: "no such calendar date") : nil)
      return nil
    case .boolean:
      if case .bool(let b) = resolved { return .boolean(b) }
      var hint: LocalizedText?
      if let reading = ScalarResolver.yaml11Reading(of: text), reading == "true" || reading == "false" {
        hint = LocalizedText(
          zh: "YAML 1.2 中 \(text) 是文本而不是布尔值（YAML 1.1 读作 \(reading)），请写 \(reading)",
          en: "in YAML 1.2 \(text) is a string, not a boolean (YAML 1.1 read it as \(reading)); write \(reading)")
      }
      let expected =
        cell
        ? LocalizedText(zh: "布尔值（\(CellForms.booleanForms.zh)）", en: "a boolean (\(CellForms.booleanForms.en))")
        : LocalizedText(zh: "布尔值 true 或 false", en: "true or false")
      decoder.typeError(node, path: path, expected: expected, hint: cell ? nil : hint)
      return nil
    case .integer(let min):
      switch resolved {
      case .int(let i):
        if i < min {
          decoder.schemaError(
            at: node.range,
            LocalizedText(zh: "\(path) 应不小于 \(min)，实际为 \(i)", en: "\(path) must be at least \(min), found \(i)"))
          return nil
        }
        octalWarning(scalar, node: node, path: path, into: &decoder)
        return .integer(i)
      case .bigInt:
        decoder.schemaError(
          at: node.range, LocalizedText(zh: "\(path) 的数值 \(text) 超出范围", en: "\(path): \(text) is out of range"))
        return nil
      default:
        let expected =
          cell
          ? LocalizedText(zh: "整数（如 420、1,234、４２０、420.0）", en: "an integer (such as 420, 1,234, ４２０, 420.0)")
          : LocalizedText(zh: "整数", en: "an integer")
        decoder.typeError(node, path: path, expected: expected, hint: cell ? nil : yaml11Hint(text))
        return nil
      }
    case .number(let min, let max):
      let value: Double
      switch resolved {
      case .int(let i): value = Double(i)
      case .float(let d): value = d
      case .bigInt:
        decoder.schemaError(
          at: node.range, LocalizedText(zh: "\(path) 的数值 \(text) 超出范围", en: "\(path): \(text) is out of range"))
        return nil
      default:
        let expected: LocalizedText =
          !cell
          ? LocalizedText(zh: "数字", en: "a number")
          : max == 1
            ? LocalizedText(zh: "数字（如 0.61 或 61%）", en: "a number (such as 0.61 or 61%)")
            : LocalizedText(zh: "数字（如 126、1,234.5、１２６）", en: "a number (such as 126, 1,234.5, １２６)")
        decoder.typeError(node, path: path, expected: expected, hint: cell ? nil : yaml11Hint(text))
        return nil
      }
      guard value.isFinite else {
        decoder.schemaError(
          at: node.range, LocalizedText(zh: "\(path) 应为有限数字，实际为 \(text)", en: "\(path) must be a finite number, found \(text)"))
        return nil
      }
      if value < min || (max.map { value > $0 } ?? false) {
        let range = max.map { "\(NumberFormat.plain(min))–\(NumberFormat.plain($0))" } ?? "≥ \(NumberFormat.plain(min))"
        // A share written as a percentage without its sign (61 for 61%) is the usual slip.
        let share = cell && max == 1 && value > 1 && value <= 100
        decoder.schemaError(
          at: node.range,
          LocalizedText(
            zh: "\(path) 应在 \(range) 之间，实际为 \(text)" + (share ? "；百分比请写作 \(text)%（即 \(NumberFormat.plain(value / 100))）" : ""),
            en: "\(path) must be \(range), found \(text)"
              + (share ? "; write a percentage as \(text)% (that is \(NumberFormat.plain(value / 100)))" : "")))
        return nil
      }
      if case .int = resolved { octalWarning(scalar, node: node, path: path, into: &decoder) }
      return .number(value)
    case .object, .events, .awards, .strings:
      decoder.typeError(node, path: path, expected: expectation(type))
      return nil
    }
  }

  /// A spreadsheet cell in the forms of `CellForms`. An integer too large for Int is out
  /// of range, as in YAML (Double would take it).
  private static func csvResolve(_ text: String, _ type: FieldType) -> ResolvedScalar {
    switch type {
    case .boolean: CellForms.boolean(text).map { .bool($0) } ?? .string(text)
    case .integer: CellForms.number(text, integer: true, percentAllowed: false)
    case .number(_, let max): CellForms.number(text, integer: false, percentAllowed: max == 1)
    default: .string(text)
    }
  }

  private static func yaml11Hint(_ text: String) -> LocalizedText? {
    guard let reading = ScalarResolver.yaml11Reading(of: text) else { return nil }
    return LocalizedText(
      zh: "YAML 1.2 中 \(text) 是文本（YAML 1.1 读作 \(reading)）", en: "in YAML 1.2 \(text) is a string (YAML 1.1 read it as \(reading))")
  }

  /// `0755` is 755 in YAML 1.2 but 493 to a YAML 1.1 reader: the value is accepted, and
  /// the user told, since another tool reading the same file would disagree.
  private static func octalWarning(_ scalar: YAMLScalar, node: YAMLNode, path: String, into decoder: inout RecordDecoder) {
    guard scalar.style == .plain, let reading = ScalarResolver.yaml11Reading(of: scalar.text), reading.hasSuffix("(octal)") else {
      return
    }
    let value = Int(scalar.text) ?? 0
    decoder.schemaError(
      at: node.range,
      LocalizedText(
        zh: "\(path) 写作 \(scalar.text)：按 YAML 1.2 读作十进制 \(value)，但 YAML 1.1 工具会读作八进制 \(reading.dropLast(8))；请去掉前导 0",
        en:
          "\(path) is written \(scalar.text): YAML 1.2 reads decimal \(value), a YAML 1.1 tool reads octal \(reading.dropLast(8)); drop the leading zero"
      ),
      severity: .warning)
  }

  private static func expectation(_ type: FieldType) -> LocalizedText {
    switch type {
    case .string: LocalizedText(zh: "文本", en: "a string")
    case .integer: LocalizedText(zh: "整数", en: "an integer")
    case .number: LocalizedText(zh: "数字", en: "a number")
    case .boolean: LocalizedText(zh: "布尔值", en: "a boolean")
    case .date: LocalizedText(zh: "日期（YYYY-MM-DD）", en: "a date (YYYY-MM-DD)")
    case .enumeration(let v): LocalizedText(zh: "以下之一：\(v.joined(separator: ", "))", en: "one of \(v.joined(separator: ", "))")
    case .object: LocalizedText(zh: "映射", en: "a mapping")
    case .events, .awards, .strings: LocalizedText(zh: "列表", en: "a list")
    }
  }
}

extension String {
  var trimmingSpaces: String {
    if let first = utf8.first, let last = utf8.last, first != 0x20, first != 0x09, last != 0x20, last != 0x09 { return self }
    var s = Substring(self)
    while s.first == " " || s.first == "\t" { s = s.dropFirst() }
    while s.last == " " || s.last == "\t" { s = s.dropLast() }
    return String(s)
  }
}
