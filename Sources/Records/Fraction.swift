/// An exact decimal number from a policy (`60%`, `0.3`, `25`): targets and gaps are
/// computed in exact arithmetic (ceil(0.7 × 100) is 70, not 71).
public struct Fraction: Sendable, Hashable, CustomStringConvertible {
  public let numerator: Int
  public let denominator: Int
  /// Written as a percentage: shown back the same way.
  public let isPercent: Bool

  public init(_ numerator: Int, _ denominator: Int = 1, isPercent: Bool = false) {
    self.numerator = numerator
    self.denominator = max(denominator, 1)
    self.isPercent = isPercent
  }

  /// `60%`, `0.6`, `25`, `-1.5`.
  public init?(parsing text: String) {
    var t = Substring(text.trimmingCharacters(in: " "))
    var percent = false
    if t.hasSuffix("%") {
      percent = true
      t = t.dropLast()
    }
    var negative = false
    if t.hasPrefix("-") {
      negative = true
      t = t.dropFirst()
    }
    let parts = t.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, !t.isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitChar) }),
      parts[0].count + (parts.count > 1 ? parts[1].count : 0) <= 15,
      !(parts.count == 2 && parts[1].isEmpty)
    else { return nil }
    let whole = Int(parts[0].isEmpty ? "0" : parts[0]) ?? 0
    var denominator = 1
    var numerator = whole
    if parts.count == 2 {
      for digit in parts[1] {
        numerator = numerator * 10 + (Int(String(digit)) ?? 0)
        denominator *= 10
      }
    }
    if percent { denominator *= 100 }
    self.init(negative ? -numerator : numerator, denominator, isPercent: percent)
  }

  public init(_ value: Int) { self.init(value, 1) }

  public var double: Double { Double(numerator) / Double(denominator) }

  /// ceil(self × n), exactly.
  public func ceilTimes(_ n: Int) -> Int {
    let product = numerator * n
    let q = product / denominator
    return product % denominator > 0 ? q + 1 : q
  }

  /// Whether a ÷ b ≥ self, without rounding (b > 0).
  public func isAtMost(_ a: Double, over b: Double) -> Bool { a * Double(denominator) >= Double(numerator) * b }

  public var description: String {
    if isPercent { return NumberFormat.plain(double * 100) + "%" }
    return NumberFormat.plain(double)
  }
}

extension Character {
  var isASCIIDigitChar: Bool { isASCII && isNumber }
}

extension String {
  func trimmingCharacters(in set: Character) -> String {
    var s = Substring(self)
    while s.first == set { s = s.dropFirst() }
    while s.last == set { s = s.dropLast() }
    return String(s)
  }
}
