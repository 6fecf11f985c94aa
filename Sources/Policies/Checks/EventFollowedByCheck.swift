import Records

/// An event followed by another within N days: every committee turnover by its audit.
public struct EventFollowedByCheck: RecordCheckKind {
  public static let name = "event_followed_by"
  public static let summary = LocalizedText(
    zh: "每次某类活动之后限期内有另一类活动（换届后 60 日内离任审计）",
    en: "every such event followed by another within so many days (an audit within 60 days of a turnover)")
  public static let examples = KindExamples(
    check: "{kind: event_followed_by, event: committee_turnover, followed_by: turnover_audit, within_days: 60, since: effective}",
    passing: ["{events: [{date: 2024-10-09, type: committee_turnover}, {date: 2024-11-20, type: turnover_audit}]}"],
    failing: ["{events: [{date: 2024-10-09, type: committee_turnover}]}"])
  public var event: String
  public var followedBy: String
  public var withinDays: Int
  /// Only events on or after this day are asked for a follow-up: `since: effective` (the
  /// policy's effective date) or a date. A 2019 turnover is not audited under a 2023 rule.
  public var since: Since?

  public enum Since: Sendable, Equatable {
    case effective
    case date(CalendarDate)
  }

  public init(reading reader: inout NodeReader) {
    event = Self.eventType(&reader, "event")
    followedBy = Self.eventType(&reader, "followed_by")
    let days = reader.number("within_days", required: true) ?? Fraction(0)
    withinDays = days.numerator / days.denominator
    if let text = reader.string("since") {
      if text == "effective" {
        since = .effective
      } else if let date = CalendarDate(text) {
        since = .date(date)
      } else {
        reader.report(
          "POLICY-SCHEMA", zh: "since 应为 effective（策略生效日）或日期 YYYY-MM-DD，实际为 \(text)",
          en: "since must be effective (the policy's effective date) or a date YYYY-MM-DD, found \(text)", at: reader.keyRange("since"))
      }
    }
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
    let from: LocalizedText? =
      switch since {
      case .effective: LocalizedText(zh: "（只计策略生效日及以后的 \(event)）", en: " (only those on or after the effective date)")
      case .date(let d): LocalizedText(zh: "（只计 \(d) 及以后的 \(event)）", en: " (only those on or after \(d))")
      case nil: nil
      }
    return LocalizedText(
      zh: "每次 \(event) 之后 \(withinDays) 天内应有 \(followedBy)\(from?.zh ?? "")；期限未到的视为待办，不算违规",
      en:
        "every \(event)\(from?.en ?? "") is followed by a \(followedBy) within \(withinDays) days; one still within the limit is pending and passes"
    )
  }
}

// MARK: - Evaluation

extension EventFollowedByCheck {
  public func lint(_ rule: Rule, _ context: LintContext) {
    if case .date(let d) = since, context.isOutsidePeriod(d) {
      context.report(
        "POLICY-DEADLINE", zh: "since \(d) 不在有效期内", en: "since \(d) is outside the effective period", at: rule.range, severity: .warning)
    }
  }

  public func evaluate(_ context: RecordContext) -> CheckResult {
    if let unreported = context.eventsUnreported { return unreported }
    let record = context.record
    let follow = record.events.filter { $0.type == followedBy }
    let first: CalendarDate? =
      switch since {
      case .effective: context.policy.effectiveFrom
      case .date(let d): d
      case nil: nil
      }
    var details: [Detail] = []
    for event in record.events where event.type == self.event && first.map({ event.date >= $0 }) ?? true {
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
