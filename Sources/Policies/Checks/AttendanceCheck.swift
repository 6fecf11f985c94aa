import Records

/// Attendee composition: a residential joint meeting in the last year with all roles.
public struct AttendanceCheck: CheckKind {
  public static let name = "attendance"
  public static let keys = ["events", "window", "roles"]
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
