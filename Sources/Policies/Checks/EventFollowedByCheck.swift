import Records

/// An event followed by another within N days: every committee turnover by its audit.
public struct EventFollowedByCheck: CheckKind {
  public static let name = "event_followed_by"
  public static let keys = ["event", "followed_by", "within_days"]
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
