import Records
import YAMLSource

/// One thing to report about a rule on a subject: a failing period, a missing field, a
/// meeting without all its roles.
public struct Detail: Sendable {
  public var range: SourceRange?
  public var actual: Quantity?
  public var expected: Expected?
  public var missing: String?
  public var period: String?
  public var deadline: CalendarDate?
  public var gap: Int?
  public var notes: [Note] = []
  /// More placeholder values for the rule's message.
  public var values: [String: String] = [:]
  /// Set for a notice that accompanies a pass or fail (the next aggregate target).
  public var isNotice = false
  public var failing: [String]?
  public var undetermined: [String]?
  public var score: Double?
  /// For an aggregate: the group's records it did not count, and, where they could change
  /// the verdict, the gap were they all (or none) to meet the predicate.
  public var notCounted: [NotCounted] = []
  public var gapIfAllMet: Int?
  public var gapIfNoneMet: Int?
  /// A notice that an aggregate passes on the records it counted while others were left
  /// out: a pass that is not confirmed.
  public var passUnconfirmed = false
  /// An area's target shown to a self-check (rules.md, "Self-check or audit"): what the
  /// area must reach and where this run's records stand, never a failure of theirs.
  public var selfCheck = false
  /// The kind's own words for a notice that the rule's message, written for a failure,
  /// would misstate: a period still within its grace is not "not reported".
  public var message: LocalizedText?
  /// The severity of this detail's failure where it is not the rule's (a dated target
  /// worded 力争 in a rule whose other targets are not).
  public var severity: Severity?
}

/// How a check ended on one record, with what to report.
public struct CheckResult: Sendable {
  public var outcome: Outcome
  public var details: [Detail] = []

  public static let pass = CheckResult(outcome: .pass)
  public static let notApplicable = CheckResult(outcome: .notApplicable)

  public static func fail(_ detail: Detail) -> CheckResult { CheckResult(outcome: .fail, details: [detail]) }

  /// An aggregate whose group holds only records it could not count (each an input error).
  public static let nothingCounted = CheckResult(outcome: .insufficient, details: [Detail()])

  public static func insufficient(_ missing: String, range: SourceRange? = nil) -> CheckResult {
    CheckResult(outcome: .insufficient, details: [Detail(range: range, missing: missing)])
  }
}

/// What a record-scope check sees.
public struct RecordContext {
  public let record: Record
  public let asOf: CalendarDate
  public let policy: Policy
  public let rule: Rule

  public init(record: Record, asOf: CalendarDate, policy: Policy, rule: Rule) {
    self.record = record
    self.asOf = asOf
    self.policy = policy
    self.rule = rule
  }

  public var evaluator: ExpressionEvaluator { ExpressionEvaluator(record: record, asOf: asOf) }

  public func number(_ path: String) -> Double? { record.fields[path]?.value.number }

  /// For an event rule on a spreadsheet row that cannot report some type the rule reads
  /// (no column for it, no events sheet): insufficient, never a failure with "0 held".
  /// The types are the kind's `eventTypesRead`, so the kinds ask this alone.
  public var eventsUnreported: CheckResult? {
    let missing = record.unreportedEventTypes(rule.check.eventTypesRead ?? RecordSchema.eventTypes)
    guard !missing.isEmpty else { return nil }
    var result = CheckResult.insufficient("events", range: record.origin.range)
    result.details[0].values["unreported_events"] = missing.joined(separator: ", ")
    return result
  }
}
