import Records

/// Event counts: per completed year or quarter, in a trailing window, or in a dated
/// campaign window with a due date.
public struct EventCountCheck: CheckKind {
  public static let name = "event_count"
  public static let keys = ["events", "min", "period", "window", "campaign", "since"]

  public enum Span: Sendable {
    case years
    case quarters
    case trailing(TrailingWindow)
    case campaign(from: CalendarDate, to: CalendarDate, due: CalendarDate)
  }

  public var events: [String]
  public var min: Int
  public var span: Span
  /// The subject's start date: periods ending before it are not checked.
  public var since: String?

  public init(reading reader: inout NodeReader) {
    events = reader.strings("events", required: true, allowed: RecordSchema.eventTypes)
    let m = reader.number("min") ?? Fraction(1)
    min = m.numerator / m.denominator
    since = reader.has("since") ? reader.fieldPath("since", types: ["date"]) : nil
    var spans: [Span] = []
    if let period = reader.string("period") {
      switch period {
      case "year": spans.append(.years)
      case "quarter": spans.append(.quarters)
      default:
        reader.report("POLICY-SCHEMA", zh: "period 应为 year 或 quarter", en: "period must be year or quarter", at: reader.keyRange("period"))
      }
    }
    if let text = reader.string("window") {
      if let w = TrailingWindow(text) {
        spans.append(.trailing(w))
      } else {
        reader.report(
          "POLICY-SCHEMA", zh: "无法识别的时间窗口 \(text)", en: "unknown window \(text) (e.g. 1y, 6m, 30d)", at: reader.keyRange("window"))
      }
    }
    if let node = reader.value("campaign") {
      var c = reader.sub(node, context: "campaign")
      if let from = c.date("from", required: true), let to = c.date("to", required: true) {
        let due = c.date("due") ?? to
        spans.append(.campaign(from: from, to: to, due: due))
        if to < from {
          c.report("POLICY-SCHEMA", zh: "campaign 的 to 早于 from", en: "campaign ends before it starts", at: c.range)
        }
      }
      c.finish()
    }
    if spans.count != 1 {
      reader.report(
        "POLICY-SCHEMA", zh: "event_count 需要且只能有 period、window、campaign 之一",
        en: "event_count needs exactly one of period, window, campaign", at: reader.range)
    }
    span = spans.first ?? .years
  }

  public var reads: [String] { ["events"] + (since.map { [$0] } ?? []) }

  public var explanation: LocalizedText {
    let types = events.joined(separator: "/")
    switch span {
    case .years:
      return LocalizedText(
        zh: "每个已结束的自然年（与有效期重叠、不早于\(since ?? "起始日期")）至少 \(min) 次 \(types)",
        en: "at least \(min) \(types) in every completed calendar year overlapping the effective period (from \(since ?? "the start"))")
    case .quarters:
      return LocalizedText(
        zh: "每个已结束的季度至少 \(min) 次 \(types)", en: "at least \(min) \(types) in every completed quarter of the effective period")
    case .trailing(let w):
      return LocalizedText(zh: "\(w.chinese)内至少 \(min) 次 \(types)", en: "at least \(min) \(types) in the trailing \(w)")
    case .campaign(let from, let to, let due):
      return LocalizedText(
        zh: "\(from) 至 \(to) 期间至少 \(min) 次 \(types)，\(due) 起检查",
        en: "at least \(min) \(types) dated \(from)..\(to), checked from \(due)")
    }
  }
}
