import Policies
import Records

/// Per-group counters for a share target: no record is kept, only ids of those listed.
struct ShareTally: Sendable {
  var total = 0
  var satisfied = 0
  var failing: [String] = []
  var undetermined: [String] = []
}

extension GroupShareCheck {
  func tally(_ tally: inout ShareTally, id: String, applies: Truth, predicate truth: Truth) {
    if case .unknown = applies {
      tally.undetermined.append(id)
      return
    }
    tally.total += 1
    if truth == .yes { tally.satisfied += 1 } else { tally.failing.append(id) }
  }

  func decide(_ tally: ShareTally, asOf: CalendarDate) -> CheckResult {
    guard tally.total > 0 else { return .notApplicable }
    let actual = "\(NumberFormat.percent(Double(tally.satisfied) / Double(tally.total))) (\(tally.satisfied)/\(tally.total))"
    var result = CheckResult.pass
    if let target = targets.last(where: { $0.deadline <= asOf }) {
      let required = target.min.ceilTimes(tally.total)
      if tally.satisfied < required {
        result = .fail(
          Detail(
            actual: actual, expected: ">= \(target.min)", deadline: target.deadline.description, gap: required - tally.satisfied,
            failing: tally.failing, undetermined: tally.undetermined.isEmpty ? nil : tally.undetermined))
      }
    }
    if let next = targets.first(where: { $0.deadline > asOf }) {
      let gap = Swift.max(0, next.min.ceilTimes(tally.total) - tally.satisfied)
      result.details.append(
        Detail(
          actual: actual, expected: ">= \(next.min)", deadline: next.deadline.description, gap: gap, isNotice: true,
          failing: gap > 0 ? tally.failing : nil))
    }
    return result
  }
}
