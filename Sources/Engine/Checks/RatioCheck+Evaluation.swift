import Policies
import Records

extension RatioCheck: RecordEvaluating {
  func evaluate(_ context: RecordContext) -> CheckResult {
    let record = context.record
    guard let d = context.number(denominator) else { return .insufficient(denominator, range: record.range(of: denominator)) }
    guard let n = context.number(numerator) else { return .insufficient(numerator, range: record.range(of: numerator)) }
    guard d != 0 else { return .notApplicable }
    let share = n / d
    let actual = "\(NumberFormat.percent(share)) (\(NumberFormat.plain(n))/\(NumberFormat.plain(d)))"
    if let min, !min.isAtMost(n, over: d) {
      return .fail(Detail(range: record.range(of: numerator), actual: actual, expected: ">= \(min)", values: ["expected_bound": "\(min)"]))
    }
    if let max, n * Double(max.denominator) > Double(max.numerator) * d {
      return .fail(Detail(range: record.range(of: numerator), actual: actual, expected: "<= \(max)"))
    }
    return .pass
  }
}
