import Records

/// Attendee composition: a residential joint meeting in the last year with all roles.
public struct AttendanceCheck: RecordCheckKind {
  public static let name = "attendance"
  public static let summary = LocalizedText(
    zh: "窗口内至少一次活动有全部规定角色出席（住宅小区联席会议）",
    en: "at least one such event in the window attended by every role (the residential joint meeting)")
  public static let examples = KindExamples(
    check:
      "{kind: attendance, events: [residential_joint_meeting], window: '1y', roles: [party_org, property_manager], required_when: {property_manager: present(property_service.company)}}",
    passing: [
      "{property_service: {company: 安泰物业}, events: [{date: 2025-03-01, type: residential_joint_meeting, attendees: [party_org, property_manager]}]}",
      "{events: [{date: 2025-03-01, type: residential_joint_meeting, attendees: [party_org]}]}",
    ],
    failing: [
      "{property_service: {company: 安泰物业}, events: [{date: 2025-03-01, type: residential_joint_meeting, attendees: [party_org]}]}"
    ])
  public var events: [String]
  /// Nil only in a rule that gives neither (reported, so the policy does not load).
  public var span: Span?
  public var roles: [String]
  /// Roles asked for only where they exist (`required_when: {owners_committee_chair:
  /// present(owners_committee)}`): a community with no committee has no chair to send.
  /// A role is excused only when its condition is known false.
  public var requiredWhen: [String: Condition] = [:]

  /// A trailing window (`window: '1y'`), or a dated campaign checked from its due date
  /// (`campaign: {from: 2023-01-01, to: 2023-09-30, due: 2023-09-30}`, Shandong 三(二)).
  public enum Span: Sendable {
    case trailing(TrailingWindow)
    case campaign(from: CalendarDate, to: CalendarDate, due: CalendarDate)
  }

  public init(reading reader: inout NodeReader) {
    events = reader.strings("events", required: true, allowed: RecordSchema.eventTypes)
    roles = reader.strings("roles", required: true, allowed: RecordSchema.attendeeRoles)
    if let node = reader.value("required_when") {
      if let pairs = node.pairs {
        for pair in pairs {
          guard let role = pair.key.scalar?.text, roles.contains(role) else {
            reader.report(
              "POLICY-SCHEMA", zh: "required_when 的键应为 roles 中的角色", en: "the keys of required_when must be roles listed in roles",
              at: pair.key.range)
            continue
          }
          if let c = NodeReader.condition(from: pair.value, issues: reader.issues, parameters: reader.parameters) {
            requiredWhen[role] = c
          }
        }
      } else {
        reader.report(
          "POLICY-SCHEMA", zh: "required_when 应为“角色: 条件”的映射", en: "required_when must map roles to conditions", at: node.range)
      }
    }
    var spans: [Span] = []
    if let text = reader.string("window") {
      if let w = TrailingWindow(text) {
        spans.append(.trailing(w))
      } else {
        reader.report("POLICY-SCHEMA", zh: "无法识别的时间窗口 \(text)", en: "unknown window \(text)", at: reader.keyRange("window"))
      }
    }
    if let node = reader.value("campaign") {
      var c = reader.sub(node, context: "campaign")
      if let from = c.date("from", required: true), let to = c.date("to", required: true) {
        spans.append(.campaign(from: from, to: to, due: c.date("due") ?? to))
        if to < from {
          c.report("POLICY-SCHEMA", zh: "campaign 的 to 早于 from", en: "campaign ends before it starts", at: c.range)
        }
      }
      c.finish()
    }
    if spans.count != 1 {
      reader.report(
        "POLICY-SCHEMA", zh: "attendance 需要且只能有 window、campaign 之一", en: "attendance needs exactly one of window, campaign",
        at: reader.range)
    }
    span = spans.first
  }

  public var reads: [String] { ["events"] + requiredWhen.keys.sorted().flatMap { requiredWhen[$0]?.expression.paths ?? [] } }

  public var explanation: LocalizedText {
    let base = spanExplanation
    guard !requiredWhen.isEmpty else { return base }
    let zh = requiredWhen.keys.sorted().map { "\($0) 仅在 \(requiredWhen[$0]?.source ?? "") 时要求" }.joined(separator: "；")
    let en = requiredWhen.keys.sorted().map { "\($0) only where \(requiredWhen[$0]?.source ?? "")" }.joined(separator: "; ")
    return LocalizedText(zh: base.zh + "（" + zh + "）", en: base.en + " (" + en + ")")
  }

  private var spanExplanation: LocalizedText {
    let types = events.joined(separator: "/")
    switch span {
    case .trailing(let window):
      return LocalizedText(
        zh: "\(window.chinese)内至少一次 \(types)，且参会方包括 \(roles.joined(separator: "、"))",
        en: "at least one \(types) in the trailing \(window) attended by all of \(roles.joined(separator: ", "))")
    case nil:
      return LocalizedText(zh: "（未给出 window 或 campaign）", en: "(no window or campaign given)")
    case .campaign(let from, let to, let due):
      return LocalizedText(
        zh: "\(from) 至 \(to) 期间至少一次 \(types)，且参会方包括 \(roles.joined(separator: "、"))；\(due) 起检查",
        en: "at least one \(types) dated \(from)..\(to) attended by all of \(roles.joined(separator: ", ")), checked from \(due)")
    }
  }
}

// MARK: - Evaluation

extension AttendanceCheck {
  public func lint(_ rule: Rule, _ context: LintContext) {
    if case .campaign(let f, let t, let due) = span,
      context.isOutsidePeriod(f) || context.isOutsidePeriod(t) || context.isOutsidePeriod(due)
    {
      context.report(
        "POLICY-DEADLINE", zh: "活动期间不在有效期内", en: "the campaign window is outside the effective period", at: rule.range)
    }
  }

  public func evaluate(_ context: RecordContext) -> CheckResult {
    if let unreported = context.eventsUnreported { return unreported }
    let start: CalendarDate
    let end: CalendarDate
    switch span {
    case .trailing(let window):
      (start, end) = (window.start(endingOn: context.asOf), context.asOf)
    case .campaign(let from, let to, let due):
      guard context.asOf >= due else { return .notApplicable }
      (start, end) = (from, to)
    case nil: return .notApplicable
    }
    let evaluator = context.evaluator
    let roles = roles.filter { role in requiredWhen[role].map { evaluator.truth($0.expression) != .no } ?? true }
    let types = Set(events)
    let meetings = context.record.events.filter { types.contains($0.type) && $0.date >= start && $0.date <= end }
    guard !meetings.isEmpty else {
      return .fail(
        Detail(
          actual: .count(0), expected: .atLeast(.count(1)), period: "\(start)..\(end)",
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
