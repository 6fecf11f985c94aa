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
    let text = scalar.style == .csvCell ? scalar.text.trimmingSpaces : scalar.text
    let resolved: ResolvedScalar =
      scalar.style == .csvCell ? csvResolve(text, type) : scalar.resolved
    switch type {
    case .string:
      return .string(text)
    case .enumeration(let values):
      if values.contains(text) { return .string(text) }
      var zh = "\(path) 的取值 \"\(text)\" 不在允许范围内（\(values.joined(separator: ", "))）"
      var en = "\(path) must be one of \(values.joined(separator: ", ")), found \"\(text)\""
      if let s = Suggestions.closest(to: text, in: values) {
        zh += "，是否应为 \(s)？"
        en += "; did you mean \(s)?"
      }
      decoder.schemaError(at: node.range, LocalizedText(zh: zh, en: en))
      return nil
    case .date:
      if let date = CalendarDate(text) { return .date(date) }
      let looksLikeDate = text.utf8.count == 10 && text.utf8.filter { $0 == UInt8(ascii: "-") }.count == 2
      decoder.typeError(
        node, path: path, expected: LocalizedText(zh: "日期（YYYY-MM-DD）", en: "a date (YYYY-MM-DD)"),
        hint: looksLikeDate ? LocalizedText(zh: "该日期不存在", en: "no such calendar date") : nil)
      return nil
    case .boolean:
      if case .bool(let b) = resolved { return .boolean(b) }
      var hint: LocalizedText?
      if let reading = ScalarResolver.yaml11Reading(of: text), reading == "true" || reading == "false" {
        hint = LocalizedText(
          zh: "YAML 1.2 中 \(text) 是文本而不是布尔值（YAML 1.1 读作 \(reading)），请写 \(reading)",
          en: "in YAML 1.2 \(text) is a string, not a boolean (YAML 1.1 read it as \(reading)); write \(reading)")
      }
      decoder.typeError(node, path: path, expected: LocalizedText(zh: "布尔值 true 或 false", en: "true or false"), hint: hint)
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
        decoder.typeError(node, path: path, expected: LocalizedText(zh: "整数", en: "an integer"), hint: yaml11Hint(text))
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
        decoder.typeError(node, path: path, expected: LocalizedText(zh: "数字", en: "a number"), hint: yaml11Hint(text))
        return nil
      }
      guard value.isFinite else {
        decoder.schemaError(
          at: node.range, LocalizedText(zh: "\(path) 应为有限数字，实际为 \(text)", en: "\(path) must be a finite number, found \(text)"))
        return nil
      }
      if value < min || (max.map { value > $0 } ?? false) {
        let range = max.map { "\(NumberFormat.plain(min))–\(NumberFormat.plain($0))" } ?? "≥ \(NumberFormat.plain(min))"
        decoder.schemaError(
          at: node.range,
          LocalizedText(zh: "\(path) 应在 \(range) 之间，实际为 \(text)", en: "\(path) must be \(range), found \(text)"))
        return nil
      }
      if case .int = resolved { octalWarning(scalar, node: node, path: path, into: &decoder) }
      return .number(value)
    case .object, .events, .awards, .strings:
      decoder.typeError(node, path: path, expected: expectation(type))
      return nil
    }
  }

  private static func csvResolve(_ text: String, _ type: FieldType) -> ResolvedScalar {
    switch type {
    case .boolean: text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
    case .integer, .number:
      // An integer too large for Int is out of range, as in YAML; Double would take it.
      if let i = Int(text) {
        .int(i)
      } else if isInteger(text) {
        .bigInt(text)
      } else if let d = Double(text),
        text.utf8.allSatisfy({ $0 != UInt8(ascii: "n") && $0 != UInt8(ascii: "N") && $0 != UInt8(ascii: "i") && $0 != UInt8(ascii: "I") })
      {
        .float(d)
      } else {
        .string(text)
      }
    default: .string(text)
    }
  }

  /// `[-+]?[0-9]+`: what YAML's core schema reads as an integer.
  private static func isInteger(_ text: String) -> Bool {
    let digits = text.utf8.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
    return text.utf8.count - digits.count <= 1 && !digits.isEmpty && digits.allSatisfy { $0 >= 48 && $0 <= 57 }
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
    var s = Substring(self)
    while s.first == " " || s.first == "\t" { s = s.dropFirst() }
    while s.last == " " || s.last == "\t" { s = s.dropLast() }
    return String(s)
  }
}
