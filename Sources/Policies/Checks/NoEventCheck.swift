import Records

/// No event of a kind in a trailing window: no administrative penalty in the last year.
public struct NoEventCheck: CheckKind {
  public static let name = "no_event"
  public static let keys = ["events", "window"]
  public var events: [String]
  public var window: TrailingWindow

  public init(reading reader: inout NodeReader) {
    events = reader.strings("events", required: true, allowed: RecordSchema.eventTypes)
    let text = reader.string("window", required: true) ?? "1y"
    if let w = TrailingWindow(text) {
      window = w
    } else {
      reader.report("POLICY-SCHEMA", zh: "无法识别的时间窗口 \(text)", en: "unknown window \(text)", at: reader.keyRange("window"))
      window = TrailingWindow("1y")!
    }
  }

  public var reads: [String] { ["events"] }

  public var explanation: LocalizedText {
    LocalizedText(
      zh: "\(window.chinese)内没有 \(events.joined(separator: "/"))", en: "no \(events.joined(separator: "/")) in the trailing \(window)")
  }
}
