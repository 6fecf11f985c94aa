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
/// failures, missing data and aggregate notices are all findings. Values are kept as
/// values (`Quantity`, `Expected`, `Subject`): each report formats them, none parses another's text.
public struct Finding: Sendable, Hashable {
  public var rule: String
  /// The policy the rule belongs to; nil for the built-in `REC-` checks.
  public var policy: String?
  public var severity: Severity
  public var outcome: Outcome
  public var subject: Subject
  /// The community's name and street, for reports to show beside its id.
  public var place: RecordPlace?
  public var file: String
  public var range: SourceRange
  public var message: LocalizedText
  public var expected: Expected?
  public var actual: Quantity?
  /// The absent field an `insufficient` outcome needs.
  public var missing: String?
  public var citation: Citation?
  public var fix: LocalizedText?
  public var deadline: CalendarDate?
  /// The period judged: `2023`, `2023Q4`, or a window `2024-07-01..2025-06-30`.
  public var period: String?
  public var gap: Int?
  public var failingRecords: [String]?
  /// Records an aggregate could not place (their `applies` was unknown).
  public var undeterminedRecords: [String]?
  public var score: Double?
  /// Details beyond the message: scorecard items, a duplicate's first occurrence.
  public var notes: [Note]
  /// An aggregate's records inside its group that it did not count, each with why
  /// (rules.md, aggregate accounting): nothing leaves a denominator silently.
  public var notCounted: [NotCounted] = []
  /// Where the records not counted could change the verdict: the gap were they all to
  /// meet the predicate, and were none to.
  public var gapIfAllMet: Int?
  public var gapIfNoneMet: Int?

  public init(
    rule: String, policy: String? = nil, severity: Severity, outcome: Outcome = .fail, subject: Subject,
    place: RecordPlace? = nil, file: String, range: SourceRange, message: LocalizedText, expected: Expected? = nil,
    actual: Quantity? = nil, missing: String? = nil, citation: Citation? = nil, fix: LocalizedText? = nil,
    deadline: CalendarDate? = nil, period: String? = nil, gap: Int? = nil, failingRecords: [String]? = nil,
    undeterminedRecords: [String]? = nil, score: Double? = nil, notes: [Note] = [], notCounted: [NotCounted] = [],
    gapIfAllMet: Int? = nil, gapIfNoneMet: Int? = nil
  ) {
    self.rule = rule
    self.policy = policy
    self.severity = severity
    self.outcome = outcome
    self.subject = subject
    self.place = place
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
    self.notCounted = notCounted
    self.gapIfAllMet = gapIfAllMet
    self.gapIfNoneMet = gapIfNoneMet
  }

  /// Stable order for every report: file, position, rule, subject.
  public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
    if a.file != b.file { return a.file < b.file }
    if a.range.start != b.range.start { return a.range.start < b.range.start }
    if a.rule != b.rule { return a.rule < b.rule }
    if a.subject.key != b.subject.key { return a.subject.key < b.subject.key }
    return (a.period ?? "") < (b.period ?? "")
  }

  /// Identity that survives moving lines: what baselines match and SARIF fingerprints.
  public var fingerprint: Fingerprint { Fingerprint(self) }
}

/// A finding's line-independent identity, stable across line moves and runs: the rule,
/// the subject, the period and the deadline (an aggregate reports a missed target and the
/// next one, with no period), plus, for the built-in `REC-` checks, which may fire several
/// times on one record, the English message without digits (some quote line numbers).
/// Baselines and SARIF's `partialFingerprints` both use it.
public struct Fingerprint: Sendable, Hashable, CustomStringConvertible {
  public let value: String

  public init(_ f: Finding) {
    var key = [f.rule, f.subject.key, f.period ?? "", f.deadline?.description ?? ""]
    if f.policy == nil { key.append(String(f.message.en.unicodeScalars.filter { !("0"..."9").contains($0) })) }
    value = SHA256.hex(Array(key.joined(separator: "\u{1F}").utf8))
  }

  public init(value: String) { self.value = value }

  public var description: String { value }
}

/// A record inside an aggregate's group that the aggregate did not count.
public struct NotCounted: Sendable, Hashable {
  public enum Reason: String, Sendable, Hashable {
    /// An input error whose place could still be read: inside the group, not checked.
    case inputError = "input_error"
    /// Dated before the policy's (or the rule's) effective date.
    case beforeEffective = "before_effective"
    /// Whether the rule applies could not be decided (a field its `applies` reads).
    case appliesUndecided = "applies_undecided"
    /// Its jurisdiction is a near miss of the group's (霍山 for 霍山县): no policy applied
    /// to it, so nothing counted it (REC-JURISDICTION on the record says which name).
    case jurisdictionNearMiss = "jurisdiction_near_miss"

    public var words: LocalizedText {
      switch self {
      case .inputError: LocalizedText(zh: "输入错误", en: "input error")
      case .beforeEffective: LocalizedText(zh: "数据日期早于生效日期", en: "dated before the effective date")
      case .appliesUndecided: LocalizedText(zh: "无法判断是否适用", en: "whether the rule applies is unknown")
      case .jurisdictionNearMiss: LocalizedText(zh: "辖区名称有误", en: "misspelt jurisdiction")
      }
    }
  }

  public var id: String
  public var reason: Reason
  /// The field that was missing, for `appliesUndecided`.
  public var missing: String?
  public var file: String
  public var line: Int

  public init(id: String, reason: Reason, missing: String? = nil, file: String, line: Int) {
    self.id = id
    self.reason = reason
    self.missing = missing
    self.file = file
    self.line = line
  }

  /// `AH-LA-HS-005（输入错误）`.
  public func text(_ language: Language) -> String {
    let why = reason.words.text(language) + (missing.map { language == .zh ? "：\($0)" : ": \($0)" } ?? "")
    return language == .zh ? "\(id)（\(why)）" : "\(id) (\(why))"
  }
}
