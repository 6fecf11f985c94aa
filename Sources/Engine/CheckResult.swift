import Policies
import Records
import YAMLSource

/// One thing to report about a rule on a subject: a failing period, a missing field, a
/// meeting without all its roles.
struct Detail: Sendable {
  var range: SourceRange?
  var actual: String?
  var expected: String?
  var missing: String?
  var period: String?
  var deadline: String?
  var gap: Int?
  var notes: [LocalizedText] = []
  /// More placeholder values for the rule's message.
  var values: [String: String] = [:]
  /// Set for a notice that accompanies a pass or fail (the next aggregate target).
  var isNotice = false
  var failing: [String]?
  var undetermined: [String]?
  var score: Double?
}

/// How a check ended on one record, with what to report.
struct CheckResult: Sendable {
  var outcome: Outcome
  var details: [Detail] = []

  static let pass = CheckResult(outcome: .pass)
  static let notApplicable = CheckResult(outcome: .notApplicable)

  static func fail(_ detail: Detail) -> CheckResult { CheckResult(outcome: .fail, details: [detail]) }

  static func insufficient(_ missing: String, range: SourceRange? = nil) -> CheckResult {
    CheckResult(outcome: .insufficient, details: [Detail(range: range, missing: missing)])
  }
}

/// What a record-scope check sees.
struct RecordContext {
  let record: Record
  let asOf: CalendarDate
  let policy: Policy
  let rule: Rule

  var evaluator: ExpressionEvaluator { ExpressionEvaluator(record: record, asOf: asOf) }

  func number(_ path: String) -> Double? { record.fields[path]?.value.number }
}

/// A record-scope kind's evaluation. Aggregate, percentile and scorecard kinds are
/// decided after all records are read, by `Aggregation`.
protocol RecordEvaluating: Sendable {
  func evaluate(_ context: RecordContext) -> CheckResult
}
