import Policies
import Records

struct CountTally: Sendable {
  var total = 0
  var count = 0
  var matching: [String] = []
  var perYear: [Int: Int] = [:]
}

extension GroupCountCheck {
  /// The year a per-year count files the record under, read on the worker.
  func year(of record: Record) -> Int? {
    guard case .perYear(let field, _) = bound, case .date(let d)? = record.fields[field]?.value else { return nil }
    return d.year
  }

  func tally(_ tally: inout CountTally, id: String, year: Int?, applies: Truth, predicate truth: Truth) {
    guard applies == .yes else { return }
    tally.total += 1
    guard truth == .yes else { return }
    tally.count += 1
    tally.matching.append(id)
    if let year { tally.perYear[year, default: 0] += 1 }
  }

  func decide(_ tally: CountTally, asOf: CalendarDate) -> CheckResult {
    switch bound {
    case .atMost(let k):
      guard tally.count > k else { return .pass }
      return .fail(Detail(actual: String(tally.count), expected: "<= \(k)", gap: tally.count - k, failing: tally.matching))
    case .atLeast(let k, let deadline):
      if let deadline, asOf < deadline {
        var result = CheckResult.pass
        result.details.append(
          Detail(
            actual: String(tally.count), expected: ">= \(k)", deadline: deadline.description, gap: Swift.max(0, k - tally.count),
            isNotice: true))
        return result
      }
      guard tally.count < k else { return .pass }
      return .fail(Detail(actual: String(tally.count), expected: ">= \(k)", deadline: deadline?.description, gap: k - tally.count))
    case .perYear(_, let minimum):
      var result = CheckResult.pass
      for year in minimum.keys.sorted() {
        let k = minimum[year] ?? 0
        let n = tally.perYear[year] ?? 0
        guard let end = CalendarDate(year: year, month: 12, day: 31) else { continue }
        if end <= asOf {
          if n < k {
            result.outcome = .fail
            result.details.append(
              Detail(actual: String(n), expected: ">= \(k)", period: String(year), deadline: end.description, gap: k - n))
          }
        } else {
          result.details.append(
            Detail(
              actual: String(n), expected: ">= \(k)", period: String(year), deadline: end.description, gap: Swift.max(0, k - n),
              isNotice: true))
          break
        }
      }
      return result
    }
  }
}
