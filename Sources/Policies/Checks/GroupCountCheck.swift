import Records

/// Counts in a group: at most N (a cap on titles), at least N by a deadline, or at least
/// N per calendar year by a date field.
public struct GroupCountCheck: GroupCheckKind {
  public static let name = "group_count"
  public static let summary = LocalizedText(
    zh: "按辖区计数满足条件的小区：不超过、期限前不少于、或每年不少于若干个（每市“美好家园”不超过 10 个）",
    en: "counts a group's records meeting a predicate: at most, at least by a deadline, or at least per year (at most 10 per city)")
  public static let examples = KindExamples(
    check: "{kind: group_count, group_by: county, predicate: public_revenue = true, max: 1}",
    passing: ["{public_revenue: true}", "{public_revenue: false}"],
    failing: ["{public_revenue: true}", "{public_revenue: true}"])

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

  public func lint(_ rule: Rule, _ context: LintContext) {
    if case .atLeast(_, let deadline?) = bound, context.isOutsidePeriod(deadline) {
      context.report(
        "POLICY-DEADLINE", zh: "期限 \(deadline) 不在有效期内", en: "deadline \(deadline) is outside the effective period", at: rule.range)
    }
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

// MARK: - Evaluation

public struct CountTally: Sendable {
  var total = 0
  var count = 0
  var matching: [String] = []
  var perYear: [Int: Int] = [:]
}

extension GroupCountCheck {
  public struct Vote: Sendable {
    var predicate: Truth
    /// The year a per-year count files the record under.
    var year: Int?
  }

  public var emptyTally: CountTally { CountTally() }

  public func vote(_ record: Record, _ evaluator: ExpressionEvaluator) -> Vote {
    var year: Int?
    if case .perYear(let field, _) = bound, case .date(let d)? = record.fields[field]?.value { year = d.year }
    return Vote(predicate: predicate.map { evaluator.truth($0.expression) } ?? .no, year: year)
  }

  /// Only records the rule applies to arrive here; the engine accounts for the others.
  public func tally(_ tally: inout CountTally, _ vote: Vote, id: String, applies: Truth) {
    let truth = vote.predicate
    let year = vote.year
    tally.total += 1
    guard truth == .yes else { return }
    tally.count += 1
    tally.matching.append(id)
    if let year { tally.perYear[year, default: 0] += 1 }
  }

  public func decide(_ tally: CountTally, asOf: CalendarDate) -> CheckResult {
    switch bound {
    case .atMost(let k):
      guard tally.count > k else { return .pass }
      return .fail(Detail(actual: .count(tally.count), expected: .atMost(.count(k)), gap: tally.count - k, failing: tally.matching))
    case .atLeast(let k, let deadline):
      if let deadline, asOf < deadline {
        var result = CheckResult.pass
        result.details.append(
          Detail(
            actual: .count(tally.count), expected: .atLeast(.count(k)), deadline: deadline, gap: Swift.max(0, k - tally.count),
            isNotice: true))
        return result
      }
      guard tally.count < k else { return .pass }
      return .fail(Detail(actual: .count(tally.count), expected: .atLeast(.count(k)), deadline: deadline, gap: k - tally.count))
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
              Detail(actual: .count(n), expected: .atLeast(.count(k)), period: String(year), deadline: end, gap: k - n))
          }
        } else {
          result.details.append(
            Detail(
              actual: .count(n), expected: .atLeast(.count(k)), period: String(year), deadline: end, gap: Swift.max(0, k - n),
              isNotice: true))
          break
        }
      }
      return result
    }
  }
}
