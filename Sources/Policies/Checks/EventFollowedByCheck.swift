import Records

/// An event followed by another within N days: every committee turnover by its audit.
public struct EventFollowedByCheck: RecordCheckKind {
  public static let name = "event_followed_by"
  public static let summary = LocalizedText(
    zh: "每次某类活动之后限期内有另一类活动（换届后 60 日内离任审计）",
    en: "every such event followed by another within so many days (an audit within 60 days of a turnover)")
  public static let examples = KindExamples(
    check: "{kind: event_followed_by, event: committee_turnover, followed_by: turnover_audit, within_days: 60}",
    passing: ["{events: [{date: 2024-10-09, type: committee_turnover}, {date: 2024-11-20, type: turnover_audit}]}"],
    failing: ["{events: [{date: 2024-10-09, type: committee_turnover}]}"])
  public var event: String
  public var followedBy: String
  public var withinDays: Int

  public init(reading reader: inout NodeReader) {
    event = Self.eventType(&reader, "event")
    followedBy = Self.eventType(&reader, "followed_by")
    let days = reader.number("within_days", required: true) ?? Fraction(0)
    withinDays = days.numerator / days.denominator
  }

  private static func eventType(_ reader: inout NodeReader, _ key: String) -> String {
    guard let text = reader.string(key, required: true) else { return "" }
    if !RecordSchema.eventTypes.contains(text) {
      let hint = Suggestions.closest(to: text, in: RecordSchema.eventTypes)
      reader.report(
        "POLICY-SCHEMA", zh: "未知事件类型 \(text)" + (hint.map { "，是否应为 \($0)？" } ?? ""),
        en: "unknown event type \(text)" + (hint.map { "; did you mean \($0)?" } ?? ""), at: reader.keyRange(key))
    }
    return text
  }

  public var reads: [String] { ["events"] }

  public var explanation: LocalizedText {
    LocalizedText(
      zh: "每次 \(event) 之后 \(withinDays) 天内应有 \(followedBy)；期限未到的视为待办，不算违规",
      en: "every \(event) is followed by a \(followedBy) within \(withinDays) days; one still within the limit is pending and passes")
  }
}

// MARK: - Evaluation

extension EventFollowedByCheck {
  public func evaluate(_ context: RecordContext) -> CheckResult {
    if let unreported = context.eventsUnreported { return unreported }
    let record = context.record
    let follow = record.events.filter { $0.type == followedBy }
    var details: [Detail] = []
    for event in record.events where event.type == self.event {
      let later = follow.filter { $0.date >= event.date }.map { $0.date.days(since: event.date) }
      if later.contains(where: { $0 <= withinDays }) { continue }
      let elapsed = context.asOf.days(since: event.date)
      if later.isEmpty, elapsed < withinDays { continue }  // pending: time has not run out
      let actual =
        later.min().map { LocalizedText(zh: "\(followedBy) 在 \($0) 天后", en: "\(followedBy) after \($0) days") }
        ?? LocalizedText(zh: "无 \(followedBy)（已过 \(elapsed) 天）", en: "no \(followedBy) after \(elapsed) days")
      details.append(
        Detail(
          range: event.range, actual: .words(actual), expected: .atMost(.count(withinDays)), period: event.date.description,
          deadline: event.date.adding(days: withinDays), values: ["event": event.type]))
    }
    return details.isEmpty ? .pass : CheckResult(outcome: .fail, details: details)
  }
}
