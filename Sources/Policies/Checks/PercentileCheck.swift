import Records
import YAMLSource

/// Rank within the city's population: top 5% by satisfaction or bottom 5% by complaint
/// rate. Ties share the best rank; a small population falls back to a reported percentile.
public struct PercentileCheck: DeferredCheckKind {
  public static let name = "percentile"
  public static let summary = LocalizedText(
    zh: "在全市同类记录中排名前（后）若干百分比；样本不足时用上报的百分位（满意度前 5%）",
    en: "ranks in the top (bottom) share of the city; with too few records, the reported percentile (satisfaction in the top 5%)")
  public static let examples = KindExamples(
    check: "{kind: percentile, any_of: [{value: satisfaction.score, best: highest, top: 5%, fallback: satisfaction.city_percentile}]}",
    passing: ["{satisfaction: {score: 96, city_percentile: 3}}"],
    failing: ["{satisfaction: {score: 80, city_percentile: 40}}"])

  public struct Ranking: Sendable {
    public var value: String
    /// Divide the value by this field first (complaints per household).
    public var per: String?
    public var highestIsBest: Bool
    public var top: Fraction
    public var fallback: String?

    public var key: String { per.map { "\(value)/\($0)" } ?? value }
  }

  public var rankings: [Ranking]
  public var minPopulation: Int

  public init(reading reader: inout NodeReader) {
    rankings = []
    let m = reader.number("min_population") ?? Fraction(20)
    minPopulation = m.numerator / m.denominator
    guard let list = reader.value("any_of", required: true) else { return }
    guard let items = list.items, !items.isEmpty else {
      reader.report("POLICY-SCHEMA", zh: "any_of 应为非空列表", en: "any_of must be a non-empty list", at: list.range)
      return
    }
    for item in items {
      var r = reader.sub(item, context: "any_of[]")
      let value = r.fieldPath("value", types: ["integer", "number"]) ?? ""
      let per = r.has("per") ? r.fieldPath("per", types: ["integer", "number"]) : nil
      let best = r.string("best", required: true) ?? "highest"
      if best != "highest", best != "lowest" {
        r.report("POLICY-SCHEMA", zh: "best 应为 highest 或 lowest", en: "best must be highest or lowest", at: r.keyRange("best"))
      }
      let top = r.number("top", required: true) ?? Fraction(5, 100, isPercent: true)
      let fallback = r.has("fallback") ? r.fieldPath("fallback", types: ["number", "integer"]) : nil
      r.finish()
      rankings.append(Ranking(value: value, per: per, highestIsBest: best == "highest", top: top, fallback: fallback))
    }
  }

  public var reads: [String] {
    rankings.flatMap { [$0.value] + ($0.per.map { [$0] } ?? []) + ($0.fallback.map { [$0] } ?? []) }
  }

  public var explanation: LocalizedText {
    let zh = rankings.map { r in
      "\(r.key) 排名在全市\(r.highestIsBest ? "前" : "后") \(r.top)（名次 = 1 + 更优者数，名次 ≤ ceil(\(r.top) × N)；同市有该值的记录少于 \(minPopulation) 条时用 \(r.fallback ?? "上报百分位") ≤ \(r.top)）"
    }.joined(separator: "，或 ")
    let en = rankings.map { r in
      "\(r.key) in the city's \(r.highestIsBest ? "top" : "bottom") \(r.top) (rank = 1 + number strictly better, rank ≤ ceil(\(r.top) × N); with fewer than \(minPopulation) records of the city having the value, \(r.fallback ?? "the reported percentile") ≤ \(r.top))"
    }.joined(separator: ", or ")
    return LocalizedText(zh: zh, en: en)
  }
}

// MARK: - Evaluation

/// What a percentile rule keeps of a candidate until every record of its city is read.
public struct PercentileCandidate: Sendable {
  var values: [Double?]
  var fallbacks: [Double?]
  var cityKey: String
}

/// One number per record of a city and ranking key: the whole memory of a percentile rule.
public struct Population: Sendable {
  public var values: [Double] = []
  var sorted = false

  public init() {}

  public mutating func sort() {
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
  /// Every record of the policy's city (or province) is measured, checked or not: the
  /// population a candidate ranks in.
  public func measures(of record: Record, in policy: Policy) -> [(key: String, value: Double)] {
    let scope = Jurisdiction(province: policy.jurisdiction.province, city: policy.jurisdiction.city)
    guard scope.contains(record.jurisdiction) else { return [] }
    let city = record.jurisdiction.groupKey(at: "city") ?? record.jurisdiction.province
    return rankings.compactMap { ranking in measure(ranking, of: record).map { (city + "|" + ranking.key, $0) } }
  }

  public func pending(_ context: RecordContext) -> PercentileCandidate { candidate(context.record) }

  public func decide(_ candidate: PercentileCandidate, _ end: EndOfRun) -> CheckResult {
    decide(candidate, populations: end.populations)
  }

  func measure(_ ranking: Ranking, of record: Record) -> Double? {
    guard let v = record.fields[ranking.value]?.value.number else { return nil }
    guard let per = ranking.per else { return v }
    guard let d = record.fields[per]?.value.number ?? (per == "households" ? record.households.map(Double.init) : nil), d != 0 else {
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
        actual: .words(LocalizedText(zh: actuals.joined(separator: "；"), en: actuals.joined(separator: "; "))),
        expected: .stated(
          .words(
            LocalizedText(
              zh: rankings.map { "全市\($0.highestIsBest ? "前" : "后") \($0.top)" }.joined(separator: " 或 "),
              en: rankings.map { "\($0.highestIsBest ? "top" : "bottom") \($0.top)" }.joined(separator: " or "))))))
  }
}

extension PercentileCandidate: SpillCodable {
  public func encode(to out: inout SpillWriter) {
    out.array(values) { out, v in out.optional(v) { $0.double($1) } }
    out.array(fallbacks) { out, v in out.optional(v) { $0.double($1) } }
    out.string(cityKey)
  }

  public static func decode(from input: inout SpillReader) -> PercentileCandidate? {
    guard let values = input.array({ $0.optional { $0.double() } }),
      let fallbacks = input.array({ $0.optional { $0.double() } }), let cityKey = input.string()
    else { return nil }
    return PercentileCandidate(values: values, fallbacks: fallbacks, cityKey: cityKey)
  }
}
