import Policies
import Records

extension PerHouseholdsCheck: RecordEvaluating {
  func evaluate(_ context: RecordContext) -> CheckResult {
    let record = context.record
    guard let value = context.number(field) else { return .insufficient(field, range: record.range(of: field)) }
    let households = Double(record.households)
    // value ≥ min × households ÷ per, compared without dividing.
    let left = value * per.double
    let right = min.double * households
    let required = right / per.double
    if left + 1e-9 * Swift.max(1, abs(right)) >= right { return .pass }
    return .fail(
      Detail(
        range: record.range(of: field), actual: NumberFormat.plain(value), expected: ">= \(NumberFormat.plain(required))",
        values: ["households": String(record.households)]))
  }
}
