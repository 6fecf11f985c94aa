import Records
import YAMLSource

/// Fee collection in every completed year, each year its own finding: "物业费收缴率每年不低于
/// 90%". `fee_collection_rate()` reads the latest year only; a programme that asks for every
/// year needs this kind. Years are the completed calendar years that overlap the effective
/// period and end on or before the as-of date (rules.md, periods); a year without both
/// `fees.<y>.due` and `.collected` is not judged, a year with one of them is insufficient.
public struct FeeCollectionCheck: RecordCheckKind {
  public static let name = "fee_collection"
  public static let summary = LocalizedText(
    zh: "每个已结束的年度物业费收缴率不低于下限，每年单独判定（收缴率每年不低于 90%）",
    en: "the fee collection rate of every completed year at least a bound, each year on its own (at least 90% each year)")
  public static let examples = KindExamples(
    check: "{kind: fee_collection, min: 90%}", asOf: "2025-06-30",
    passing: ["{fees: {2023: {due: 100000, collected: 95000}, 2024: {due: 100000, collected: 91000}}}"],
    failing: ["{fees: {2023: {due: 100000, collected: 95000}, 2024: {due: 100000, collected: 80000}}}"])

  public var min: Fraction
  /// The subject's start date: years ending before it are not judged.
  public var since: String?

  public init(reading reader: inout NodeReader) {
    min = reader.number("min", required: true) ?? Fraction(0)
    // A min over 1 (`90` for 90%) is reported by the reader: `min` is a share key.
    since = reader.has("since") ? reader.fieldPath("since", types: ["date"]) : nil
  }

  public var reads: [String] { ["fees.*.due", "fees.*.collected"] + (since.map { [$0] } ?? []) }

  public var periodMonths: Int? { 12 }

  public var explanation: LocalizedText {
    LocalizedText(
      zh: "有效期内每个已结束年度 fees.<年>.collected ÷ fees.<年>.due ≥ \(min)；每年单独判定，未填报的年度不判定",
      en:
        "fees.<y>.collected ÷ fees.<y>.due ≥ \(min) in every completed year of the effective period; each year on its own; years not reported are not judged"
    )
  }

  public func evaluate(_ context: RecordContext) -> CheckResult {
    let record = context.record
    let first = context.policy.effectiveFrom.year
    let last = Swift.min(context.policy.effectiveTo?.year ?? Int.max, context.asOf.year - 1)
    var start = first
    if let since, case .date(let d)? = record.fields[since]?.value { start = Swift.max(start, d.year) }
    // A community with no completed year yet (a new estate) has nothing to judge.
    guard start <= last else { return .notApplicable }
    var failures: [Detail] = []
    var missing: (String, SourceRange)?
    var judged = 0
    for year in record.feeYears.sorted() where year >= start && year <= last {
      let due = record.fields["fees.\(year).due"]?.value.number
      let collected = record.fields["fees.\(year).collected"]?.value.number
      guard let due, let collected else {
        let path = due == nil ? "fees.\(year).due" : "fees.\(year).collected"
        missing = missing ?? (path, record.range(of: path))
        continue
      }
      guard due > 0 else { continue }
      judged += 1
      if !min.isAtMost(collected, over: due) {
        failures.append(
          Detail(
            range: record.range(of: "fees.\(year).collected"), actual: .share(part: collected, whole: due),
            expected: .atLeast(.fraction(min)), period: String(year),
            deadline: CalendarDate(year: year, month: 12, day: 31)))
      }
    }
    if !failures.isEmpty { return CheckResult(outcome: .fail, details: failures) }
    if let (path, range) = missing { return .insufficient(path, range: range) }
    if judged == 0 { return .insufficient("fees.\(last).collected", range: record.range(of: "fees")) }
    return .pass
  }
}
