import Policies
import Records
import YAMLSource

/// What a percentile rule keeps of a candidate until every record of its city is read.
struct PercentileCandidate: Sendable {
  var values: [Double?]
  var fallbacks: [Double?]
  var cityKey: String
}

/// One number per record of a city and ranking key: the whole memory of a percentile rule.
struct Population: Sendable {
  var values: [Double] = []
  var sorted = false

  mutating func sort() {
    if !sorted {
      values.sort()
      sorted = true
    }
  }

  /// Values strictly better than `v`.
  func better(than v: Double, highestIsBest: Bool) -> Int {
    // values is ascending; binary search for the boundary.
    var lo = 0
    var hi = values.count
    if highestIsBest {
      while lo < hi {
        let mid = (lo + hi) / 2
        if values[mid] <= v { lo = mid + 1 } else { hi = mid }
      }
      return values.count - lo
    }
    while lo < hi {
      let mid = (lo + hi) / 2
      if values[mid] < v { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}

extension PercentileCheck {
  func measure(_ ranking: Ranking, of record: Record) -> Double? {
    guard let v = record.fields[ranking.value]?.value.number else { return nil }
    guard let per = ranking.per else { return v }
    guard let d = record.fields[per]?.value.number ?? (per == "households" ? Double(record.households) : nil), d != 0 else {
      return nil
    }
    return v / d
  }

  func candidate(_ record: Record) -> PercentileCandidate {
    PercentileCandidate(
      values: rankings.map { measure($0, of: record) },
      fallbacks: rankings.map { r in r.fallback.flatMap { record.fields[$0]?.value.number } },
      cityKey: record.jurisdiction.groupKey(at: "city") ?? record.jurisdiction.province)
  }

  func decide(_ candidate: PercentileCandidate, populations: [String: Population]) -> CheckResult {
    var unknown: String?
    var actuals: [String] = []
    for (i, ranking) in rankings.enumerated() {
      let population = populations[candidate.cityKey + "|" + ranking.key] ?? Population()
      let n = population.values.count
      if n >= minPopulation, let v = candidate.values[i] {
        let rank = 1 + population.better(than: v, highestIsBest: ranking.highestIsBest)
        let limit = ranking.top.ceilTimes(n)
        if rank <= limit { return .pass }
        actuals.append("\(ranking.key): \(rank)/\(n) (<= \(limit))")
      } else if let p = candidate.fallbacks[i] {
        if p * Double(ranking.top.denominator) <= Double(ranking.top.numerator) * 100 { return .pass }
        actuals.append("\(ranking.fallback ?? ""): \(NumberFormat.plain(p))")
      } else {
        unknown = unknown ?? (candidate.values[i] == nil ? ranking.value : (ranking.fallback ?? ranking.value))
      }
    }
    if let unknown { return .insufficient(unknown) }
    return .fail(
      Detail(
        actual: actuals.joined(separator: "; "),
        expected: rankings.map { "\($0.highestIsBest ? "top" : "bottom") \($0.top)" }.joined(separator: " or ")))
  }
}
