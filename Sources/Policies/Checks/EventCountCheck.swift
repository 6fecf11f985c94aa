import Records

/// Event counts: per completed year or quarter, in a trailing window, or in a dated
/// campaign window with a due date.
public struct EventCountCheck: RecordCheckKind {
  public static let name = "event_count"
  public static let summary = LocalizedText(
    zh: "按已结束的年度或季度、滑动窗口或活动期统计活动次数（每年一次消防演练）",
    en: "counts events per completed year or quarter, in a trailing window, or in a campaign (a fire drill every year)")
  public static let examples = KindExamples(
    check: "{kind: event_count, events: [fire_drill], window: '1y'}", asOf: "2025-06-30",
    passing: ["{events: [{date: 2024-09-15, type: fire_drill}]}"],
    failing: ["{events: [{date: 2023-04-15, type: fire_drill}]}"])

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

// MARK: - Evaluation

extension EventCountCheck {
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
    let record = context.record
    let asOf = context.asOf
    let types = Set(events)
    func count(_ from: CalendarDate, _ to: CalendarDate) -> Int {
      record.events.reduce(0) { $0 + (types.contains($1.type) && $1.date >= from && $1.date <= to ? 1 : 0) }
    }
    switch span {
    case .campaign(let from, let to, let due):
      guard asOf >= due else { return .notApplicable }
      let n = count(from, to)
      return n >= min
        ? .pass
        : .fail(
          Detail(
            actual: .count(n), expected: .atLeast(.count(min)), period: "\(from)..\(to)", deadline: due, values: ["count": String(n)]))
    case .trailing(let window):
      let n = count(window.start(endingOn: asOf), asOf)
      return n >= min
        ? .pass
        : .fail(
          Detail(
            actual: .count(n), expected: .atLeast(.count(min)), period: "\(window.start(endingOn: asOf))..\(asOf)",
            values: ["count": String(n)])
        )
    case .years, .quarters:
      var start: CalendarDate?
      if let since, case .date(let d)? = record.fields[since]?.value { start = d }
      var details: [Detail] = []
      for period in Periods.completed(
        quarters: isQuarterly, from: context.policy.effectiveFrom, to: context.policy.effectiveTo, asOf: asOf, notBefore: start)
      {
        // An event that says which period it reports on counts there, not where its date falls.
        let n = record.events.reduce(0) { $0 + (types.contains($1.type) && $1.counts(for: period.reporting) ? 1 : 0) }
        if n < min {
          details.append(
            Detail(
              actual: .count(n), expected: .atLeast(.count(min)), period: period.label, deadline: period.end, values: ["count": String(n)]
            ))
        }
      }
      return details.isEmpty ? .pass : CheckResult(outcome: .fail, details: details)
    }
  }

  private var isQuarterly: Bool {
    if case .quarters = span { return true }
    return false
  }
}

/// Completed calendar years or quarters, as rules.md defines the periods of "each year"
/// and "each quarter" rules.
enum Periods {
  struct Period {
    var start: CalendarDate
    var end: CalendarDate
    var label: String
    var reporting: ReportingPeriod
  }

  /// Periods that overlap [from, to], end on or before `asOf`, and do not end before
  /// `notBefore` (the subject's start date).
  static func completed(quarters: Bool, from: CalendarDate, to: CalendarDate?, asOf: CalendarDate, notBefore: CalendarDate?)
    -> [Period]
  {
    var out: [Period] = []
    var year = from.year
    var q = quarters ? from.quarter : 1
    while true {
      let startMonth = quarters ? (q - 1) * 3 + 1 : 1
      let endMonth = quarters ? startMonth + 2 : 12
      guard let start = CalendarDate(year: year, month: startMonth, day: 1),
        let end = CalendarDate(year: year, month: endMonth, day: CalendarDate.daysIn(month: endMonth, year: year))
      else { break }
      if end > asOf { break }
      if let to, start > to { break }
      if notBefore.map({ end >= $0 }) ?? true, let reporting = ReportingPeriod(year: year, quarter: quarters ? q : nil) {
        out.append(Period(start: start, end: end, label: reporting.description, reporting: reporting))
      }
      if quarters {
        q += 1
        if q > 4 {
          q = 1
          year += 1
        }
      } else {
        year += 1
      }
    }
    return out
  }
}
