import Records

/// Rank within the city's population: top 5% by satisfaction or bottom 5% by complaint
/// rate. Ties share the best rank; a small population falls back to a reported percentile.
public struct PercentileCheck: CheckKind {
  public static let name = "percentile"
  public static let keys = ["any_of", "min_population"]

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
