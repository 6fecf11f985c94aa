import Records

/// Attendee composition: a residential joint meeting in the last year with all roles.
public struct AttendanceCheck: RecordCheckKind {
  public static let name = "attendance"
  public static let summary = LocalizedText(
    zh: "窗口内至少一次活动有全部规定角色出席（住宅小区联席会议）",
    en: "at least one such event in the window attended by every role (the residential joint meeting)")
  public static let examples = KindExamples(
    check: "{kind: attendance, events: [residential_joint_meeting], window: '1y', roles: [party_org, property_manager]}",
    passing: ["{events: [{date: 2025-03-01, type: residential_joint_meeting, attendees: [party_org, property_manager]}]}"],
    failing: ["{events: [{date: 2025-03-01, type: residential_joint_meeting, attendees: [party_org]}]}"])
  public var events: [String]
  public var window: TrailingWindow
  public var roles: [String]

  public init(reading reader: inout NodeReader) {
    events = reader.strings("events", required: true, allowed: RecordSchema.eventTypes)
    roles = reader.strings("roles", required: true, allowed: RecordSchema.attendeeRoles)
    let text = reader.string("window", required: true) ?? "1y"
    window = TrailingWindow(text) ?? TrailingWindow("1y")!
    if TrailingWindow(text) == nil {
      reader.report("POLICY-SCHEMA", zh: "无法识别的时间窗口 \(text)", en: "unknown window \(text)", at: reader.keyRange("window"))
    }
  }

  public var reads: [String] { ["events"] }

  public var explanation: LocalizedText {
    LocalizedText(
      zh: "\(window.chinese)内至少一次 \(events.joined(separator: "/"))，且参会方包括 \(roles.joined(separator: "、"))",
      en: "at least one \(events.joined(separator: "/")) in the trailing \(window) attended by all of \(roles.joined(separator: ", "))")
  }
}

// MARK: - Evaluation

extension AttendanceCheck {
  public func evaluate(_ context: RecordContext) -> CheckResult {
    if let unreported = context.eventsUnreported { return unreported }
    let start = window.start(endingOn: context.asOf)
    let types = Set(events)
    let meetings = context.record.events.filter { types.contains($0.type) && $0.date >= start && $0.date <= context.asOf }
    guard !meetings.isEmpty else {
      return .fail(
        Detail(
          actual: .count(0), expected: .atLeast(.count(1)), period: "\(start)..\(context.asOf)",
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
      return Note(
        LocalizedText(
          zh: "\(m.date) 的会议缺少：\(missing.joined(separator: "、"))", en: "meeting of \(m.date) lacks \(missing.joined(separator: ", "))"),
        file: context.record.origin.file, range: m.range)
    }
    return .fail(
      Detail(
        range: best.event.range,
        actual: .words(
          LocalizedText(zh: "缺少：" + best.missing.joined(separator: "、"), en: "missing: " + best.missing.joined(separator: ", "))),
        expected: .stated(.words(LocalizedText(zh: roles.joined(separator: "、"), en: roles.joined(separator: ", ")))),
        period: best.event.date.description, notes: notes, values: ["roles": best.missing.joined(separator: ", ")]))
  }
}
