/// A calendar date with no time zone, as records and policies write them (`YYYY-MM-DD`).
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Nil for an impossible date (2023-02-30) or a year outside 1000–9999.
  public init?(year: Int, month: Int, day: Int) {
    guard (1000...9999).contains(year), (1...12).contains(month), day >= 1,
      day <= CalendarDate.daysIn(month: month, year: year)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses exactly `YYYY-MM-DD`.
  public init?(_ text: some StringProtocol) {
    let parsed =
      text.utf8.withContiguousStorageIfAvailable { CalendarDate.parse($0) }
      ?? Array(text.utf8).withUnsafeBufferPointer {
        CalendarDate.parse($0)
      }
    guard let (y, m, d) = parsed else { return nil }
    self.init(year: y, month: m, day: d)
  }

  private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
    func number(_ r: Range<Int>) -> Int? {
      var v = 0
      for i in r {
        let digit = b[i] &- 48
        guard digit < 10 else { return nil }
        v = v * 10 + Int(digit)
      }
      return v
    }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
    return (y, m, d)
  }

  public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  public var description: String {
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return "\(year)-\(m)-\(d)"
  }

  public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  /// Days since 1970-01-01 (civil-from-days arithmetic, proleptic Gregorian).
  public var dayNumber: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  public func days(since other: CalendarDate) -> Int { dayNumber - other.dayNumber }

  /// The same day `months` months earlier or later, clamped to the month's end
  /// (one year before 29 February is 28 February).
  public func adding(months: Int) -> CalendarDate {
    let total = year * 12 + (month - 1) + months
    let y = total / 12
    let m = total % 12 + 1
    let d = min(day, CalendarDate.daysIn(month: m, year: y))
    return CalendarDate(year: y, month: m, day: d) ?? self
  }

  public func adding(days: Int) -> CalendarDate {
    var z = dayNumber + days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    z = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return CalendarDate(year: m <= 2 ? z + 1 : z, month: m, day: d) ?? self
  }

  public var quarter: Int { (month - 1) / 3 + 1 }
}
