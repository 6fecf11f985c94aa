import Records

/// A value per N households: 30 m² of service facility per 100 households.
public struct PerHouseholdsCheck: CheckKind {
  public static let name = "per_households"
  public static let keys = ["field", "per", "min"]
  public var field: String
  public var per: Fraction
  public var min: Fraction

  public init(reading reader: inout NodeReader) {
    field = reader.fieldPath("field", types: ["integer", "number"]) ?? ""
    per = reader.number("per", required: true) ?? Fraction(100)
    min = reader.number("min", required: true) ?? Fraction(0)
    if per.numerator <= 0 {
      reader.report("POLICY-SCHEMA", zh: "per 应大于 0", en: "per must be greater than 0", at: reader.keyRange("per"))
    }
  }

  public var reads: [String] { [field, "households"] }

  public var explanation: LocalizedText {
    LocalizedText(
      zh: "\(field) ≥ 每 \(per) 户 \(min)，即 ≥ \(min) × households ÷ \(per)",
      en: "\(field) ≥ \(min) per \(per) households, i.e. ≥ \(min) × households ÷ \(per)")
  }
}
