/// Whether a run judges its areas' targets (rules.md, "Self-check or audit"). A property
/// company checking its one community before submitting it must not fail on its county's
/// coverage ("尚差 23 个小区"); a regulator's run over the county's ledger must.
public enum CheckMode: String, Sendable, CaseIterable {
  /// A group holding one record is a self-check of it; two or more, an audit of the group.
  case automatic
  /// `--self-check`: every area target is a notice.
  case selfCheck = "self_check"
  /// `--audit`: every area target is judged, even over one record.
  case audit

  func isSelfCheck(members: Int) -> Bool {
    switch self {
    case .automatic: members <= 1
    case .selfCheck: true
    case .audit: false
    }
  }
}
