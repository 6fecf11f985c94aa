import Records

/// Every record read, accounted for: `records = checked + skipped + inputErrors`.
public struct RunSummary: Sendable, Equatable {
  public var records = 0
  public var checked = 0
  public var skipped = 0
  public var inputErrors = 0
  public var errors = 0
  public var warnings = 0
  public var info = 0
  /// Findings hidden by a baseline or waiver.
  public var suppressed = 0
  public var outcomes: [Outcome: Int] = [:]
  /// Checked records whose data is a whole period (of a yearly or quarterly rule) older
  /// than the evaluation date, each with a REC-STALE-DATA notice.
  public var staleRecords = 0
  /// Groups whose targets were judged (an audit) and groups shown as a self-check's
  /// notices (rules.md, "Self-check or audit").
  public var auditedGroups = 0
  public var selfCheckedGroups = 0

  /// How the run judged area targets: `self_check`, `audit`, `mixed`, or `none` when no
  /// aggregate rule had a group.
  public var mode: String {
    switch (auditedGroups, selfCheckedGroups) {
    case (0, 0): "none"
    case (_, 0): "audit"
    case (0, _): "self_check"
    default: "mixed"
    }
  }

  public init() {}

  mutating func count(_ finding: Finding) {
    switch finding.severity {
    case .error: errors += 1
    case .warning: warnings += 1
    case .info: info += 1
    }
  }
}

/// How one rule ended on one subject; kept only when asked (the case runner, `explain`).
public struct RuleOutcome: Sendable {
  public var rule: String
  public var subject: String
  public var outcome: Outcome
  public var findings: [Finding]
}
