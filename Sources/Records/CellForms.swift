import YAMLSource

/// How spreadsheet cells are written (records.md, "Files" → spreadsheets), read into the
/// forms the decoder knows. Only cells of CSV and `.xlsx` files (style `.csvCell`) are
/// read so: a YAML or JSON value keeps YAML's and JSON's own rules, since a `是` there is
/// most likely a mistake the user should hear of.
///
/// | type | forms accepted |
/// |---|---|
/// | boolean | `是` / `否`, `√` / `×` (also `✓` `✔` / `✗` `✘`), `TRUE` / `FALSE` in any case |
/// | enum | the value (`professional`) or its Chinese label (`专业化物业服务`) |
/// | integer | `420`, `1,234`, full-width `４２０`, `420.0` |
/// | number | as integers, plus `0.61`; `61%` only in a 0–1 field (read as 0.61) |
/// | date | `2024-06-30`, `2024/6/30`, `2024-6-30`, `2024年6月30日`, `2024.6.30` |
/// | any | empty, `无`, `-`, `/` (and their full-width forms): not reported |
public enum CellForms {
  /// Cells meaning "not reported": the cell is left out of the record.
  public static let notReported: Set<String> = ["无", "-", "/", "—", "－", "／", "--", "——", "\\"]

  /// What a boolean cell may say, for messages.
  static let booleanForms = LocalizedText(zh: "是/否、√/×、TRUE/FALSE", en: "是/否, √/×, TRUE/FALSE")

  /// Full-width digits, signs and separators as ASCII, surrounding spaces (ASCII and
  /// U+3000) removed: `　４２０ ` → `420`.
  public static func clean(_ text: String) -> String {
    // Most cells have nothing to clean: no full-width form (EF BC/BD …, U+3000 is E3 80
    // 80) and no space at either end.
    let utf8 = text.utf8
    if let first = utf8.first, let last = utf8.last, first != 0x20, first != 0x09, last != 0x20, last != 0x09,
      !utf8.contains(where: { $0 == 0xEF || $0 == 0xE3 })
    {
      return text
    }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0xFF10...0xFF19, 0xFF0B, 0xFF0C, 0xFF0D, 0xFF0E, 0xFF05, 0xFF0F:
        out.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
      case 0x3000: out.append(" ")
      default: out.append(scalar)
      }
    }
    var s = Substring(String(out))
    while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
    while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
    return String(s)
  }

  public static func boolean(_ text: String) -> Bool? {
    switch text {
    case "是", "√", "✓", "✔": return true
    case "否", "×", "✗", "✘", "╳": return false
    default:
      switch text.lowercased() {
      case "true": return true
      case "false": return false
      default: return nil
      }
    }
  }

  /// `1,234` → `1234` when the commas group thousands (`1,2,3` is not a number); the
  /// text unchanged otherwise.
  static func ungrouped(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: ",")) else { return text }
    var body = Substring(text)
    var sign = ""
    if let first = body.first, first == "-" || first == "+" {
      sign = String(first)
      body = body.dropFirst()
    }
    let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
    guard let head = groups.first, (1...3).contains(head.count),
      groups.dropFirst().allSatisfy({ $0.count == 3 }),
      groups.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } })
    else { return text }
    return sign + groups.joined() + (parts.count > 1 ? "." + parts[1] : "")
  }

  /// A number cell in the forms above, as YAML would resolve the plain number: `.int`,
  /// `.bigInt`, `.float`, or `.string` when it is no number. `percentAllowed`: a 0–1
  /// field, where `61%` is 0.61. `integer`: `420.0` (and `4.2E+2`, as Excel writes
  /// numbers) reads as 420.
  static func number(_ raw: String, integer: Bool, percentAllowed: Bool) -> ResolvedScalar {
    var text = ungrouped(raw)
    var percent = false
    if text.hasSuffix("%") {
      guard percentAllowed else { return .string(raw) }
      percent = true
      text = String(text.dropLast())
    }
    // Only digits, signs, a point and an exponent: Double alone takes `nan`, `inf`, hex.
    let allowed = text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || "+-.eE".unicodeScalars.contains($0) }
    guard allowed, !text.isEmpty else { return .string(raw) }
    if !percent, let i = Int(text) { return .int(i) }
    if !percent, isIntegerText(text) { return .bigInt(text) }
    guard let d = Double(text), d.isFinite else { return .string(raw) }
    let value = percent ? d / 100 : d
    if integer, value == value.rounded(), abs(value) < 9.2e18 { return .int(Int(value)) }
    return .float(value)
  }

  static func isIntegerText(_ text: String) -> Bool {
    let digits = text.utf8.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
    return text.utf8.count - digits.count <= 1 && !digits.isEmpty && digits.allSatisfy { $0 >= 48 && $0 <= 57 }
  }

  /// `2024-06-30`, `2024/6/30`, `2024-6-30`, `2024.6.30`, `2024年6月30日` (the 日 may be
  /// left off). A time of midnight after it (`2024/6/30 0:00`, as Excel's CSV writes a
  /// date cell) is allowed.
  public static func date(_ raw: String) -> CalendarDate? {
    var text = Substring(raw)
    if let space = text.firstIndex(of: " ") {
      let time = text[text.index(after: space)...]
      guard time.allSatisfy({ $0 == "0" || $0 == ":" }), time.contains(":") else { return nil }
      text = text[..<space]
    }
    var parts: [Substring]
    if text.unicodeScalars.contains("年") {
      var body = text
      if body.hasSuffix("日") || body.hasSuffix("号") { body = body.dropLast() }
      parts = body.split(omittingEmptySubsequences: false) { $0 == "年" || $0 == "月" }
      guard parts.count == 3, text.unicodeScalars.contains("月") else { return nil }
    } else {
      guard let separator = text.first(where: { $0 == "-" || $0 == "/" || $0 == "." }) else { return nil }
      parts = text.split(separator: separator, omittingEmptySubsequences: false)
    }
    guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
      parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }), let y = Int(parts[0]), let m = Int(parts[1]),
      let d = Int(parts[2])
    else { return nil }
    return CalendarDate(year: y, month: m, day: d)
  }

  /// Written like a date (three groups of digits) but not one: `2024/2/30`.
  static func dateShaped(_ text: String) -> Bool {
    let groups = text.split { !("0"..."9").contains($0) }
    return groups.count == 3 && groups[0].count == 4 && text.count <= 12
  }

  /// The enum value a cell names: the value itself, or one of its Chinese labels
  /// (`RecordSchema.valueGlosses`), compared without spaces.
  public static func enumValue(_ text: String, in values: [String]) -> String? {
    if values.contains(text) { return text }
    let key = text.filter { $0 != " " }
    for value in values where RecordSchema.valueGlosses[value]?.contains(key) == true { return value }
    let lower = text.lowercased()
    return values.first { $0 == lower }
  }

  /// `专业化物业服务（professional）、…`, for messages and the template.
  public static func labels(of values: [String]) -> String {
    values.map { value in RecordSchema.valueGlosses[value].map { "\($0[0])（\(value)）" } ?? value }.joined(separator: "、")
  }
}
