import Records

/// Counts in a group: at most N (a cap on titles), at least N by a deadline, or at least
/// N per calendar year by a date field.
public struct GroupCountCheck: GroupCheckKind {
  public static let name = "group_count"
  public static let keys = ["group_by", "predicate", "max", "min", "deadline", "per_year"]

  public enum Bound: Sendable {
    case atMost(Int)
    case atLeast(Int, deadline: CalendarDate?)
    case perYear(dateField: String, minimum: [Int: Int])
  }

  public var groupBy: String
  public var predicate: Condition?
  public var bound: Bound

  public init(reading reader: inout NodeReader) {
    groupBy = GroupLevel.read(&reader)
    predicate = reader.condition("predicate", required: true)
    let max = reader.number("max")
    let min = reader.number("min")
    let deadline = reader.date("deadline")
    var bounds: [Bound] = []
    if let max { bounds.append(.atMost(max.numerator / max.denominator)) }
    if let min { bounds.append(.atLeast(min.numerator / min.denominator, deadline: deadline)) }
    if let node = reader.value("per_year") {
      var p = reader.sub(node, context: "per_year")
      let field = p.fieldPath("date_field", types: ["date"]) ?? ""
      var minimum: [Int: Int] = [:]
      if let m = p.value("min", required: true), let pairs = m.pairs {
        for pair in pairs {
          guard let year = pair.key.keyText.flatMap({ Int($0) }), let n = p.number(from: pair.value, key: "min") else {
            p.report("POLICY-SCHEMA", zh: "per_year.min 的键应为年份", en: "keys of per_year.min must be years", at: pair.key.range)
            continue
          }
          minimum[year] = n.numerator / n.denominator
        }
      }
      p.finish()
      bounds.append(.perYear(dateField: field, minimum: minimum))
    }
    if bounds.count != 1 {
      reader.report(
        "POLICY-SCHEMA", zh: "group_count 需要且只能有 max、min 或 per_year 之一", en: "group_count needs exactly one of max, min, per_year",
        at: reader.range)
    }
    bound = bounds.first ?? .atMost(0)
  }

  public var reads: [String] {
    var paths = predicate?.expression.paths ?? []
    if case .perYear(let field, _) = bound { paths.append(field) }
    return paths
  }

  public var explanation: LocalizedText {
    let level = GroupLevel.chinese(groupBy)
    let source = predicate?.source ?? ""
    switch bound {
    case .atMost(let n):
      return LocalizedText(zh: "每个\(level)满足「\(source)」的小区不超过 \(n) 个", en: "at most \(n) records per \(groupBy) where \(source)")
    case .atLeast(let n, let deadline):
      let d = deadline.map { "\($0) 前" } ?? ""
      return LocalizedText(
        zh: "每个\(level)\(d)满足「\(source)」的小区至少 \(n) 个",
        en: "at least \(n) records per \(groupBy) where \(source)" + (deadline.map { " by \($0)" } ?? ""))
    case .perYear(let field, let minimum):
      let years = minimum.keys.sorted()
      return LocalizedText(
        zh: "每个\(level)按 \(field) 所在年份计数：" + years.map { "\($0) 年 ≥ \(minimum[$0] ?? 0)" }.joined(separator: "，") + "（年度结束后检查）",
        en: "per \(groupBy), records where \(source) counted by the year of \(field): "
          + years.map { "≥ \(minimum[$0] ?? 0) in \($0)" }.joined(separator: ", ") + " (checked once the year has ended)")
    }
  }
}
