/// The year or quarter an event reports on (`period: 2023`, `period: 2023Q4`), for reports
/// given after the period they are about: a chair's 2023 述职 in January 2024 counts for 2023.
public struct ReportingPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let year: Int
  /// 1–4, or nil for a whole year.
  public let quarter: Int?

  public let start: CalendarDate
  public let end: CalendarDate

  public init?(year: Int, quarter: Int? = nil) {
    guard quarter.map({ (1...4).contains($0) }) ?? true else { return nil }
    let endMonth = quarter.map { $0 * 3 } ?? 12
    guard let start = CalendarDate(year: year, month: endMonth - (quarter == nil ? 11 : 2), day: 1),
      let end = CalendarDate(year: year, month: endMonth, day: CalendarDate.daysIn(month: endMonth, year: year))
    else { return nil }
    self.year = year
    self.quarter = quarter
    self.start = start
    self.end = end
  }

  /// Reads `2023`, `2023Q4` (or `2023q4`), and the forms a ledger writes:
  /// `2023年`, `2023年度`, `2023年第四季度`, `2023年第4季度`, `2023-Q4`.
  public init?(_ text: String) {
    var s = Substring(text)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    for suffix in ["年度", "年"] where s.hasSuffix(suffix) && !s.contains("季") {
      s = s.dropLast(suffix.count)
    }
    let digits = s.prefix { $0.isASCII && $0.isNumber }
    guard digits.count == 4, let year = Int(digits) else { return nil }
    var rest = s.dropFirst(4)
    if rest.isEmpty {
      self.init(year: year)
      return
    }
    if rest.hasPrefix("-") { rest = rest.dropFirst() }
    if rest.first == "Q" || rest.first == "q" {
      rest = rest.dropFirst()
      guard rest.count == 1, let q = Int(rest) else { return nil }
      self.init(year: year, quarter: q)
      return
    }
    if rest.hasPrefix("年") { rest = rest.dropFirst() }
    if rest.hasPrefix("第") { rest = rest.dropFirst() }
    guard rest.hasSuffix("季度"), rest.count == 3 else { return nil }
    let names: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4]
    guard let first = rest.first, let q = names[first] else { return nil }
    self.init(year: year, quarter: q)
  }

  /// Whether a date lies inside this period.
  public func contains(_ date: CalendarDate) -> Bool { date >= start && date <= end }

  public var description: String { quarter.map { "\(year)Q\($0)" } ?? String(year) }

  public static func < (a: ReportingPeriod, b: ReportingPeriod) -> Bool {
    (a.start, a.end) < (b.start, b.end)
  }
}
