import Records

/// No event of a kind in a trailing window: no administrative penalty in the last year.
public struct NoEventCheck: RecordCheckKind {
  public static let name = "no_event"
  public static let summary = LocalizedText(
    zh: "滑动窗口内没有某类活动（近两年无重大安全责任事故）",
    en: "no such event in a trailing window (no major safety accident in two years)")
  public static let examples = KindExamples(
    check: "{kind: no_event, events: [major_safety_accident], window: '2y'}",
    passing: ["{events: [{date: 2022-01-10, type: major_safety_accident}]}"],
    failing: ["{events: [{date: 2024-11-02, type: major_safety_accident}]}"])
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

// MARK: - Evaluation

extension NoEventCheck {
  public func evaluate(_ context: RecordContext) -> CheckResult {
    if let unreported = context.eventsUnreported { return unreported }
    let start = window.start(endingOn: context.asOf)
    let types = Set(events)
    let found = context.record.events.filter { types.contains($0.type) && $0.date >= start && $0.date <= context.asOf }
    guard let first = found.first else { return .pass }
    return .fail(
      Detail(
        range: first.range, actual: .list(found.map { .words(LocalizedText(zh: "\($0.type) \($0.date)", en: "\($0.type) \($0.date)")) }),
        expected: .stated(.count(0)),
        period: "\(start)..\(context.asOf)", values: ["event": first.type, "count": String(found.count)]))
  }
}
