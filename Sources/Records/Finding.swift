import YAMLSource

public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case info, warning, error

  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
  private var rank: Int {
    switch self {
    case .info: 0
    case .warning: 1
    case .error: 2
    }
  }
}

/// How a rule ended on one subject (a record or a group). Only `fail`, `insufficient`
/// and `notice` become findings; passes and not-applicables are counted.
public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
  case pass, fail, insufficient
  case notApplicable = "not_applicable"
  case notice
}

/// The clause a finding breaks.
public struct Citation: Sendable, Hashable, Codable {
  public var document: String
  public var clause: String
  public var text: String?

  public init(document: String, clause: String, text: String? = nil) {
    self.document = document
    self.clause = clause
    self.text = text
  }
}

/// Everything the user sees about a problem, located. Record input errors, policy rule
/// failures, missing data and aggregate notices are all findings.
public struct Finding: Sendable, Hashable {
  public var rule: String
  /// The policy the rule belongs to; nil for the built-in `REC-` checks.
  public var policy: String?
  public var severity: Severity
  public var outcome: Outcome
  /// A record id, or `LEVEL:NAME` for a group (`county:舒城县`), or the file when a
  /// record's id is unknown.
  public var subject: String
  public var file: String
  public var range: SourceRange
  public var message: LocalizedText
  public var expected: String?
  public var actual: String?
  /// The absent field an `insufficient` outcome needs.
  public var missing: String?
  public var citation: Citation?
  public var fix: LocalizedText?
  public var deadline: String?
  public var period: String?
  public var gap: Int?
  public var failingRecords: [String]?
  /// Records an aggregate could not place (their `applies` was unknown).
  public var undeterminedRecords: [String]?
  public var score: Double?
  /// Details beyond the message: scorecard items, a duplicate's first occurrence.
  public var notes: [LocalizedText]

  public init(
    rule: String, policy: String? = nil, severity: Severity, outcome: Outcome = .fail, subject: String,
    file: String, range: SourceRange, message: LocalizedText, expected: String? = nil, actual: String? = nil,
    missing: String? = nil, citation: Citation? = nil, fix: LocalizedText? = nil, deadline: String? = nil,
    period: String? = nil, gap: Int? = nil, failingRecords: [String]? = nil, undeterminedRecords: [String]? = nil,
    score: Double? = nil, notes: [LocalizedText] = []
  ) {
    self.rule = rule
    self.policy = policy
    self.severity = severity
    self.outcome = outcome
    self.subject = subject
    self.file = file
    self.range = range
    self.message = message
    self.expected = expected
    self.actual = actual
    self.missing = missing
    self.citation = citation
    self.fix = fix
    self.deadline = deadline
    self.period = period
    self.gap = gap
    self.failingRecords = failingRecords
    self.undeterminedRecords = undeterminedRecords
    self.score = score
    self.notes = notes
  }

  /// Stable order for every report: file, position, rule, subject.
  public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
    if a.file != b.file { return a.file < b.file }
    if a.range.start != b.range.start { return a.range.start < b.range.start }
    if a.rule != b.rule { return a.rule < b.rule }
    if a.subject != b.subject { return a.subject < b.subject }
    return (a.period ?? "") < (b.period ?? "")
  }
}
