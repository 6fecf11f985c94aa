import Policies
import Records
import YAMLSource

/// A candidate's scorecard until the rules it refers to (a percentile) are decided.
struct PendingScore: Sendable {
  enum ItemState: Sendable {
    case earned, notEarned, noEvidence(String)
    case dependsOn(String)
  }
  var items: [ItemState]
  /// Outcomes of the rules the card refers to that were settled with the record; those
  /// decided at the end (percentiles) are added then.
  var known: [(rule: String, outcome: Outcome)] = []
}

extension ScorecardCheck {
  func pending(_ context: RecordContext) -> PendingScore {
    let evaluator = context.evaluator
    let states: [PendingScore.ItemState] = items.map { item in
      switch item.test {
      case .condition(let c)?:
        switch evaluator.truth(c.expression) {
        case .yes: return .earned
        case .no: return .notEarned
        case .unknown(let m): return .noEvidence(m)
        }
      case .ratioAbove(let n, let d, let share)?:
        guard let dv = context.number(d) else { return .noEvidence(d) }
        guard let nv = context.number(n) else { return .noEvidence(n) }
        guard dv > 0 else { return .notEarned }
        return nv * Double(share.denominator) > Double(share.numerator) * dv ? .earned : .notEarned
      case .rule(let id)?: return .dependsOn(id)
      case nil: return .noEvidence("?")
      }
    }
    return PendingScore(items: states)
  }

  /// `outcomes` gives the outcome of every rule the card refers to, for this record.
  func decide(_ pending: PendingScore, outcomes: [String: Outcome]) -> CheckResult {
    var score = 0.0
    var notes: [LocalizedText] = []
    for (item, state) in zip(items, pending.items) {
      let title = item.title ?? LocalizedText(zh: item.id, en: item.id)
      let points = NumberFormat.plain(item.points)
      var resolved = state
      if case .dependsOn(let id) = state {
        switch outcomes[id] {
        case .pass?: resolved = .earned
        case .insufficient?: resolved = .noEvidence(id)
        default: resolved = .notEarned
        }
      }
      switch resolved {
      case .earned:
        score += item.points
        notes.append(LocalizedText(zh: "\(item.id) \(title.zh)：\(points)/\(points)", en: "\(item.id) \(title.en): \(points)/\(points)"))
      case .notEarned:
        notes.append(LocalizedText(zh: "\(item.id) \(title.zh)：0/\(points)", en: "\(item.id) \(title.en): 0/\(points)"))
      case .noEvidence(let field), .dependsOn(let field):
        notes.append(
          LocalizedText(
            zh: "\(item.id) \(title.zh)：0/\(points)（无佐证：\(field)）", en: "\(item.id) \(title.en): 0/\(points) (no evidence: \(field))"))
      }
    }
    let disqualifiers = disqualifiedBy.filter { outcomes[$0] == .fail }
    if !disqualifiers.isEmpty {
      notes.append(
        LocalizedText(
          zh: "取消资格：\(disqualifiers.joined(separator: "、")) 不通过", en: "disqualified: \(disqualifiers.joined(separator: ", ")) failed"))
    }
    return CheckResult(
      outcome: .notice,
      details: [
        Detail(
          actual: NumberFormat.plain(score), expected: NumberFormat.plain(total), notes: notes,
          values: ["total": NumberFormat.plain(total), "disqualified": disqualifiers.isEmpty ? "" : "true"], score: score)
      ])
  }
}
