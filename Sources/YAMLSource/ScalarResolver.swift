/// A scalar's value under the YAML 1.2 core schema.
public enum ResolvedScalar: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  /// An integer too large for `Int`: kept as text so the message can show it.
  case bigInt(String)
  case float(Double)
  case string(String)
}

/// YAML 1.2 core schema resolution (spec 1.2.2 §10.3.2). Only `true`/`false` are
/// booleans; `yes`, `no`, `on`, `off` are strings; `0755` is decimal; `1:20:30` a string.
public enum ScalarResolver {
  public static func resolve(_ scalar: YAMLScalar) -> ResolvedScalar {
    if let tag = scalar.tag {
      switch tag {
      // `!` is the non-specific tag: on a scalar it means "a string" (YAML 1.2.2 §6.9.1,
      // suite case S4JQ: `! 12` is "12").
      case "tag:yaml.org,2002:str", "!": return .string(scalar.text)
      case "tag:yaml.org,2002:null": return .null
      default: break
      }
    }
    guard scalar.style == .plain else { return .string(scalar.text) }
    return resolvePlain(scalar.text)
  }

  public static func resolvePlain(_ text: String) -> ResolvedScalar {
    var copy = text
    return copy.withUTF8 { resolvePlain(bytes: $0, text: text) }
  }

  /// Dispatches on the first byte, so the common case — a word that is plainly a
  /// string, or a small integer — costs a few comparisons and no allocation.
  private static func resolvePlain(bytes b: UnsafeBufferPointer<UInt8>, text: String) -> ResolvedScalar {
    guard let first = b.first else { return .null }
    switch first {
    case UInt8(ascii: "~"):
      return b.count == 1 ? .null : .string(text)
    case UInt8(ascii: "n"), UInt8(ascii: "N"):
      return ["null", "Null", "NULL"].contains(where: { equal(b, $0) }) ? .null : .string(text)
    case UInt8(ascii: "t"), UInt8(ascii: "T"):
      return ["true", "True", "TRUE"].contains(where: { equal(b, $0) }) ? .bool(true) : .string(text)
    case UInt8(ascii: "f"), UInt8(ascii: "F"):
      return ["false", "False", "FALSE"].contains(where: { equal(b, $0) }) ? .bool(false) : .string(text)
    case UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      break
    default:
      return .string(text)
    }
    switch text {
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
    case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
    case ".nan", ".NaN", ".NAN": return .float(.nan)
    default: break
    }
    if let int = decimal(b) { return .int(int) }
    let utf8 = Array(b)
    if let int = integer(utf8, text) { return int }
    if isFloat(utf8), let d = Double(text) { return .float(d) }
    return .string(text)
  }

  private static func equal(_ b: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
    guard b.count == literal.utf8CodeUnitCount else { return false }
    let l = literal.utf8Start
    for i in 0..<b.count where b[i] != l[i] { return false }
    return true
  }

  /// `[-+]?[0-9]+` that fits in Int; nil otherwise (the slow path decides).
  private static func decimal(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    var negative = false
    if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
      negative = b[0] == UInt8(ascii: "-")
      i = 1
    }
    guard i < b.count, b.count - i <= 18 else { return nil }
    var value = 0
    while i < b.count {
      let d = b[i] &- 48
      guard d < 10 else { return nil }
      value = value * 10 + Int(d)
      i += 1
    }
    return negative ? -value : value
  }

  private static func integer(_ b: [UInt8], _ text: String) -> ResolvedScalar? {
    guard let first = b.first else { return nil }
    if b.count > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "o") {
      let digits = b[2...]
      guard digits.allSatisfy({ $0 >= 48 && $0 <= 55 }) else { return nil }
      return Int(String(decoding: digits, as: UTF8.self), radix: 8).map(ResolvedScalar.int) ?? .bigInt(text)
    }
    if b.count > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "x") {
      let digits = b[2...]
      guard digits.allSatisfy({ isHex($0) }) else { return nil }
      return Int(String(decoding: digits, as: UTF8.self), radix: 16).map(ResolvedScalar.int) ?? .bigInt(text)
    }
    var start = 0
    if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { start = 1 }
    guard b.count > start, b[start...].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    return Int(text).map(ResolvedScalar.int) ?? .bigInt(text)
  }

  private static func isHex(_ c: UInt8) -> Bool {
    (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
  }

  /// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
  private static func isFloat(_ b: [UInt8]) -> Bool {
    var i = 0
    func digits() -> Int {
      let s = i
      while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
      return i - s
    }
    if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
    let intDigits = digits()
    var fracDigits = 0
    if i < b.count, b[i] == UInt8(ascii: ".") {
      i += 1
      fracDigits = digits()
    }
    if intDigits == 0 && fracDigits == 0 { return false }
    if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
      i += 1
      if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
      if digits() == 0 { return false }
    }
    return i == b.count
  }

  /// Scalars a YAML 1.1 reader (PyYAML, older tools) types differently from YAML 1.2;
  /// used to explain a type error instead of leaving the user puzzled.
  public static func yaml11Reading(of text: String) -> String? {
    switch text {
    case "yes", "Yes", "YES", "on", "On", "ON", "y", "Y": return "true"
    case "no", "No", "NO", "off", "Off", "OFF", "n", "N": return "false"
    default: break
    }
    let b = Array(text.utf8)
    if b.count > 1, b[0] == UInt8(ascii: "0"), b.allSatisfy({ $0 >= 48 && $0 <= 55 }),
      let octal = Int(text, radix: 8)
    {
      return "\(octal) (octal)"
    }
    return nil
  }
}
