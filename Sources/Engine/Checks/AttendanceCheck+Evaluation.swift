import Policies
import Records

extension AttendanceCheck: RecordEvaluating {
  func evaluate(_ context: RecordContext) -> CheckResult {
    let start = window.start(endingOn: context.asOf)
    let types = Set(events)
    let meetings = context.record.events.filter { types.contains($0.type) && $0.date >= start && $0.date <= context.asOf }
    guard !meetings.isEmpty else {
      return .fail(
        Detail(
          actual: "0", expected: ">= 1", period: "\(start)..\(context.asOf)",
          values: ["roles": roles.joined(separator: ", "), "count": "0"]))
    }
    var best: (event: Event, missing: [String])?
    for meeting in meetings {
      let missing = roles.filter { !meeting.attendees.contains($0) }
      if missing.isEmpty { return .pass }
      if missing.count < (best?.missing.count ?? Int.max) { best = (meeting, missing) }
    }
    guard let best else { return .pass }
    let notes = meetings.map { m in
      let missing = roles.filter { !m.attendees.contains($0) }
      return LocalizedText(
        zh: "\(m.date) 的会议缺少：\(missing.joined(separator: "、"))", en: "meeting of \(m.date) lacks \(missing.joined(separator: ", "))")
    }
    return .fail(
      Detail(
        range: best.event.range, actual: "missing: " + best.missing.joined(separator: ", "), expected: roles.joined(separator: ", "),
        period: best.event.date.description, notes: notes, values: ["roles": best.missing.joined(separator: ", ")]))
  }
}
