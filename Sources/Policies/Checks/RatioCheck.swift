import Records

/// A ratio of two fields against a bound: party members ÷ committee members ≥ 60%.
public struct RatioCheck: CheckKind {
  public static let name = "ratio"
  public static let keys = ["numerator", "denominator", "min", "max"]
  public var numerator: String
  public var denominator: String
  public var min: Fraction?
  public var max: Fraction?

  public init(reading reader: inout NodeReader) {
    numerator = reader.fieldPath("numerator", types: ["integer", "number"]) ?? ""
    denominator = reader.fieldPath("denominator", types: ["integer", "number"]) ?? ""
    min = reader.number("min")
    max = reader.number("max")
    if min == nil, max == nil {
      reader.report("POLICY-SCHEMA", zh: "ratio 需要 min 或 max", en: "a ratio check needs min or max", at: reader.range)
    }
  }

  public var reads: [String] { [numerator, denominator] }

  public var explanation: LocalizedText {
    let bound = [min.map { ">= \($0)" }, max.map { "<= \($0)" }].compactMap { $0 }.joined(separator: ", ")
    return LocalizedText(
      zh: "\(numerator) ÷ \(denominator) \(bound) 即通过；分母为 0 时不适用",
      en: "passes when \(numerator) ÷ \(denominator) \(bound); not applicable when the denominator is 0")
  }
}
