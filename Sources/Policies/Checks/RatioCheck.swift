import Records

/// A ratio of two fields against a bound: party members ÷ committee members ≥ 60%.
public struct RatioCheck: RecordCheckKind {
  public static let name = "ratio"
  public static let summary = LocalizedText(
    zh: "一个字段除以另一个字段，与比例下限或上限比较（业委会中党员占比不低于 60%）",
    en: "a field divided by another against a bound (party members on the owners' committee at least 60%)")
  public static let examples = KindExamples(
    check: "{kind: ratio, numerator: owners_committee.party_members, denominator: owners_committee.members, min: 60%}",
    passing: ["{owners_committee: {kind: committee, formed: 2022-05-01, members: 7, party_members: 5}}"],
    failing: ["{owners_committee: {kind: committee, formed: 2022-05-01, members: 7, party_members: 3}}"])
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

// MARK: - Evaluation

extension RatioCheck {
  public func evaluate(_ context: RecordContext) -> CheckResult {
    let record = context.record
    guard let d = context.number(denominator) else { return .insufficient(denominator, range: record.range(of: denominator)) }
    guard let n = context.number(numerator) else { return .insufficient(numerator, range: record.range(of: numerator)) }
    guard d != 0 else { return .notApplicable }
    let share = n / d
    let actual = Quantity.share(part: n, whole: d)
    if let min, !min.isAtMost(n, over: d) {
      return .fail(
        Detail(range: record.range(of: numerator), actual: actual, expected: .atLeast(.fraction(min)), values: ["expected_bound": "\(min)"])
      )
    }
    if let max, n * Double(max.denominator) > Double(max.numerator) * d {
      return .fail(Detail(range: record.range(of: numerator), actual: actual, expected: .atMost(.fraction(max))))
    }
    return .pass
  }
}
