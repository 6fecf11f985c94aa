import Policies
import Records

extension NoEventCheck: RecordEvaluating {
  func evaluate(_ context: RecordContext) -> CheckResult {
    let start = window.start(endingOn: context.asOf)
    let types = Set(events)
    let found = context.record.events.filter { types.contains($0.type) && $0.date >= start && $0.date <= context.asOf }
    guard let first = found.first else { return .pass }
    return .fail(
      Detail(
        range: first.range, actual: found.map { "\($0.type) \($0.date)" }.joined(separator: ", "), expected: "0",
        period: "\(start)..\(context.asOf)", values: ["event": first.type, "count": String(found.count)]))
  }
}
