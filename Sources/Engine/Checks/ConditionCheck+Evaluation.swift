import Policies
import Records

extension ConditionCheck: RecordEvaluating {
  func evaluate(_ context: RecordContext) -> CheckResult {
    guard let condition else { return .notApplicable }
    let evaluator = context.evaluator
    switch evaluator.truth(condition.expression) {
    case .yes: return .pass
    case .unknown(let missing): return .insufficient(missing, range: context.record.range(of: missing))
    case .no:
      let paths = condition.expression.paths.filter { context.record.fields[$0] != nil }
      let actual = paths.map { "\($0) = \(context.record.fields[$0]?.value.display ?? "")" }.joined(separator: ", ")
      return .fail(
        Detail(
          range: paths.first.map { context.record.range(of: $0) }, actual: actual.isEmpty ? nil : actual,
          expected: condition.source))
    }
  }
}
