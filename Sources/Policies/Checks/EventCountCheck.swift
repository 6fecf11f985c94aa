import Records

/// Event counts: per completed year or quarter, in a trailing window, or in a dated
/// campaign window with a due date.
public struct EventCountCheck: RecordCheckKind {
  public static let name = "event_count"
  public static let summary = LocalizedText(
    zh: "按已结束的年度或季度、滑动窗口或活动期统计活动次数（每年一次消防演练）",
    en: "counts events per completed year or quarter, in a trailing window, or in a campaign (a fire drill every year)")
  /// A yearly report with three months' grace: the 2024 report given in January 2025
  /// counts for 2024 when it says so (`period: 2024`), and for 2025 when it does not.
  public static let examples = KindExamples(
    check: "{kind: event_count, events: [chair_annual_report], period: year, grace_months: 3, since: owners_committee.formed}",
    asOf: "2025-06-30",
    passing: [
      "{owners_committee: {kind: committee, formed: 2024-03-01}, events: [{date: 2025-01-15, type: chair_annual_report, period: 2024}]}"
    ],
    failing: ["{owners_committee: {kind: committee, formed: 2024-03-01}, events: [{date: 2025-01-15, type: chair_annual_report}]}"])

  public enum Span: Sendable {
    case years
    case quarters
    case trailing(TrailingWindow)
    case campaign(from: CalendarDate, to: CalendarDate, due: CalendarDate)
  }

  public var events: [String]
  public var min: Int
  public var span: Span
  /// The subject's start date: periods before it are not checked, nor the first period
  /// when it began after that period's middle (rules.md, "Reports about a period").
  public var since: String?
  /// A start date the policy gives (`since: 2023-07-10`, SD-3: the activity's ledger of
  /// participants is due then): the same skipping as `since: PATH`, for every record.
  public var sinceDate: CalendarDate?
  /// For a report on a period, made after it ends: the whole months after the period's
  /// end month in which it may still come (`grace_months: 1`, to the end of the next
  /// month). The period is judged only once they have passed; nil for an activity that
  /// must happen within the period (a drill, a claim, a meeting).
  public var graceMonths: Int?

  public init(reading reader: inout NodeReader) {
    events = reader.strings("events", required: true, allowed: RecordSchema.eventTypes)
    let m = reader.number("min") ?? Fraction(1)
    min = m.numerator / m.denominator
    if let text = reader.value("since")?.scalar?.text, let date = CalendarDate(text) {
      sinceDate = date
    } else {
      since = reader.has("since") ? reader.fieldPath("since", types: ["date"]) : nil
    }
    var spans: [Span] = []
    if let period = reader.string("period") {
      switch period {
      case "year": spans.append(.years)
      case "quarter": spans.append(.quarters)
      default:
        reader.report("POLICY-SCHEMA", zh: "period 应为 year 或 quarter", en: "period must be year or quarter", at: reader.keyRange("period"))
      }
    }
    if let months = reader.number("grace_months") {
      if months.denominator != 1 || months.numerator < 0 || months.numerator > 12 {
        reader.report(
          "POLICY-SCHEMA", zh: "grace_months 应为 0 到 12 的整数（月数），实际为 \(months)",
          en: "grace_months must be a whole number of months from 0 to 12, found \(months)", at: reader.keyRange("grace_months"))
      } else {
        graceMonths = months.numerator
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
    if graceMonths != nil, spans.count == 1, !isPeriodic {
      reader.report(
        "POLICY-SCHEMA", zh: "grace_months 只用于按年度或季度（period）统计的报告",
        en: "grace_months applies only to reports counted per year or quarter (period)", at: reader.keyRange("grace_months"))
    }
  }

  public var reads: [String] { ["events"] + (since.map { [$0] } ?? []) }

  public var explanation: LocalizedText {
    let types = events.joined(separator: "/")
    switch span {
    case .years, .quarters:
      let quarterly = isQuarterly
      var zh = "每个已结束的\(quarterly ? "季度" : "自然年")（与有效期重叠）至少 \(min) 次 \(types)"
      var en = "at least \(min) \(types) in every completed \(quarterly ? "quarter" : "calendar year") overlapping the effective period"
      if let start = since ?? sinceDate?.description {
        zh += "；\(start) 之前的不查，\(start) 晚于其中点的第一个\(quarterly ? "季度" : "年度")也不查"
        en += "; none before \(start), nor the first one if \(start) is after its middle"
      }
      if let graceMonths {
        zh += "；报告可在期末后 \(graceMonths) 个月内（至该月月底）作出，宽限期满才判定，此前缺报只作提示"
        en +=
          "; the report may come up to \(graceMonths) months after the period (to that month's end), which is judged only then and a notice until then"
      }
      return LocalizedText(zh: zh, en: en)
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
      var start = sinceDate
      if let since, case .date(let d)? = record.fields[since]?.value { start = Swift.max(d, start ?? d) }
      var details: [Detail] = []
      for period in Periods.completed(
        quarters: isQuarterly, from: context.policy.effectiveFrom, to: context.policy.effectiveTo, asOf: asOf, subjectStart: start)
      {
        // An event that says which period it reports on counts there, not where its date falls.
        let n = record.events.reduce(0) { $0 + (types.contains($1.type) && $1.counts(for: period.reporting) ? 1 : 0) }
        if n >= min { continue }
        let due = graceMonths.map { period.due(graceMonths: $0) } ?? period.end
        var detail = Detail(
          actual: .count(n), expected: .atLeast(.count(min)), period: period.label, deadline: due, values: ["count": String(n)])
        detail.notes = unlabelledInGrace(of: period, due: due, in: record)
        if asOf < due {
          detail.isNotice = true
          detail.message = pendingMessage(period.label, due: due, n: n, context.rule)
        }
        details.append(detail)
      }
      let failed = details.contains { !$0.isNotice }
      return details.isEmpty ? .pass : CheckResult(outcome: failed ? .fail : .pass, details: details)
    }
  }

  /// rules.md: an event without `period` dated in the grace of a period short of reports
  /// counts where its date falls, and the finding says that `period` would assign it.
  private func unlabelledInGrace(of period: Periods.Period, due: CalendarDate, in record: Record) -> [Note] {
    guard due > period.end else { return [] }
    let types = Set(events)
    return record.events.filter { types.contains($0.type) && $0.period == nil && $0.date > period.end && $0.date <= due }.map {
      Note(
        LocalizedText(
          zh: "\($0.date) 的 \($0.type) 未注明 period，按日期计入其所在期间；若它报告的是 \(period.label)，写 period: \(period.label) 即计入 \(period.label)",
          en:
            "the \($0.type) of \($0.date) gives no period and counts for the period of its date; if it reports on \(period.label), write period: \(period.label) and it counts there"
        ), range: $0.range)
    }
  }

  private func pendingMessage(_ label: String, due: CalendarDate, n: Int, _ rule: Rule) -> LocalizedText {
    let held = n == 0 ? "" : "（已有 \(n) 次，需 \(min) 次）"
    let heldEn = n == 0 ? "" : " (\(n) of \(min) so far)"
    return LocalizedText(
      zh: "「\(rule.title.zh)」\(label) 尚无报告记录\(held)：宽限期至 \(due)，届时判定",
      en: "\(rule.title.en): no report on \(label) recorded yet\(heldEn); it is due by \(due) and judged then")
  }

  private var isQuarterly: Bool {
    if case .quarters = span { return true }
    return false
  }

  public var periodMonths: Int? {
    switch span {
    case .years: 12
    case .quarters: 3
    default: nil
    }
  }

  private var isPeriodic: Bool {
    switch span {
    case .years, .quarters: true
    default: false
    }
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

  /// Periods that overlap [from, to] and end on or before `asOf`, less those the subject
  /// had not yet begun by their middle (`subjectStart`; rules.md: a committee formed in
  /// November owes no report for that year, a company that began in June owes its drill).
  static func completed(
    quarters: Bool, from: CalendarDate, to: CalendarDate?, asOf: CalendarDate, subjectStart: CalendarDate?
  ) -> [Period] {
    var out: [Period] = []
    var year = from.year
    var q = quarters ? from.quarter : 1
    while true {
      guard let reporting = ReportingPeriod(year: year, quarter: quarters ? q : nil) else { break }
      let start = reporting.start
      let end = reporting.end
      if end > asOf { break }
      if let to, start > to { break }
      let period = Period(start: start, end: end, label: reporting.description, reporting: reporting)
      if subjectStart.map({ $0 <= period.middle }) ?? true { out.append(period) }
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

extension Periods.Period {
  /// The first day plus half the period's length in days, rounded down: 2 July for a
  /// year (leap or not), 15 February for the first quarter of 2023.
  var middle: CalendarDate { start.adding(days: (end.days(since: start) + 1) / 2) }

  /// The last day a report on the period may come, `months` whole months after its end
  /// month: the end of April for the first quarter with one month, 31 March for a year
  /// with three.
  func due(graceMonths months: Int) -> CalendarDate {
    let month = end.adding(months: months)
    return CalendarDate(year: month.year, month: month.month, day: CalendarDate.daysIn(month: month.month, year: month.year))
      ?? month
  }
}
