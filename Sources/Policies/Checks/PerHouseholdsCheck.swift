import Records

/// A value per N households: 30 m² of service facility per 100 households.
public struct PerHouseholdsCheck: RecordCheckKind {
  public static let name = "per_households"
  public static let summary = LocalizedText(
    zh: "字段不低于每若干户的定额（每百户 30 平方米服务用房）",
    en: "a field at least a quota per so many households (30 m² per 100 households)")
  public static let examples = KindExamples(
    check: "{kind: per_households, field: facilities.service_area_m2, per: 100, min: 30}",
    passing: ["{households: 400, facilities: {service_area_m2: 150}}"],
    failing: ["{households: 400, facilities: {service_area_m2: 90}}"])
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

// MARK: - Evaluation

extension PerHouseholdsCheck {
  public func evaluate(_ context: RecordContext) -> CheckResult {
    let record = context.record
    guard let value = context.number(field) else { return .insufficient(field, range: record.range(of: field)) }
    guard let count = record.households else { return .insufficient("households", range: record.range(of: "households")) }
    let households = Double(count)
    // value ≥ min × households ÷ per, compared without dividing.
    let left = value * per.double
    let right = min.double * households
    let required = right / per.double
    if left + 1e-9 * Swift.max(1, abs(right)) >= right { return .pass }
    return .fail(
      Detail(
        range: record.range(of: field), actual: .number(value), expected: .atLeast(.number(required)),
        values: ["households": String(count)]))
  }
}
