import Policies
import Records

extension EventCountCheck: RecordEvaluating {
  func evaluate(_ context: RecordContext) -> CheckResult {
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
            actual: String(n), expected: ">= \(min)", period: "\(from)..\(to)", deadline: due.description, values: ["count": String(n)]))
    case .trailing(let window):
      let n = count(window.start(endingOn: asOf), asOf)
      return n >= min
        ? .pass
        : .fail(
          Detail(actual: String(n), expected: ">= \(min)", period: "\(window.start(endingOn: asOf))..\(asOf)", values: ["count": String(n)])
        )
    case .years, .quarters:
      var start: CalendarDate?
      if let since, case .date(let d)? = record.fields[since]?.value { start = d }
      var details: [Detail] = []
      for period in Periods.completed(
        quarters: isQuarterly, from: context.policy.effectiveFrom, to: context.policy.effectiveTo, asOf: asOf, notBefore: start)
      {
        let n = count(period.start, period.end)
        if n < min {
          details.append(
            Detail(
              actual: String(n), expected: ">= \(min)", period: period.label, deadline: period.end.description, values: ["count": String(n)]
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
      if notBefore.map({ end >= $0 }) ?? true {
        out.append(Period(start: start, end: end, label: quarters ? "\(year)Q\(q)" : String(year)))
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
