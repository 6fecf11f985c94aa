import Policies
import Records

extension EventFollowedByCheck: RecordEvaluating {
  func evaluate(_ context: RecordContext) -> CheckResult {
    let record = context.record
    let follow = record.events.filter { $0.type == followedBy }
    var details: [Detail] = []
    for event in record.events where event.type == self.event {
      let later = follow.filter { $0.date >= event.date }.map { $0.date.days(since: event.date) }
      if later.contains(where: { $0 <= withinDays }) { continue }
      let elapsed = context.asOf.days(since: event.date)
      if later.isEmpty, elapsed < withinDays { continue }  // pending: time has not run out
      let actual =
        later.min().map { "\(followedBy) \($0) 天后 / after \($0) days" } ?? "无 \(followedBy)（已过 \(elapsed) 天）/ none after \(elapsed) days"
      details.append(
        Detail(
          range: event.range, actual: actual, expected: "<= \(withinDays)", period: event.date.description,
          deadline: event.date.adding(days: withinDays).description, values: ["event": event.type]))
    }
    return details.isEmpty ? .pass : CheckResult(outcome: .fail, details: details)
  }
}
