import Records
import YAMLSource

/// A scorecard: items with points, the evidence each rests on, and disqualifiers.
public struct ScorecardCheck: DeferredCheckKind {
  public static let name = "scorecard"
  public static let summary = LocalizedText(
    zh: "评分表：各项成立得分，缺少数据得 0 分，不合格项取消资格；结果总是提示",
    en: "a scorecard: each item earns its points when it holds, 0 without data; always a notice with the score")
  public static let examples = KindExamples(
    check:
      "{kind: scorecard, total: 10, items: [{id: '1', points: 6, condition: public_revenue = true}, {id: '2', points: 4, condition: owners_assembly = true}]}",
    passing: ["{public_revenue: true, owners_assembly: true}"], failing: ["{public_revenue: true, owners_assembly: false}"],
    passingOutcome: .notice, failingOutcome: .notice, passingScore: 10, failingScore: 6)

  public struct Item: Sendable {
    public enum Test: Sendable {
      case condition(Condition)
      /// Earns its points when another rule of the policy passes.
      case rule(String)
      /// numerator ÷ denominator strictly above a share.
      case ratioAbove(numerator: String, denominator: String, share: Fraction)
    }
    public var id: String
    public var points: Double
    public var title: LocalizedText?
    public var test: Test?
    public var range: SourceRange
  }

  public var total: Double
  public var items: [Item]
  public var disqualifiedBy: [String]

  public init(reading reader: inout NodeReader) {
    total = reader.number("total")?.double ?? 100
    disqualifiedBy = reader.strings("disqualified_by")
    items = []
    guard let list = reader.value("items", required: true) else { return }
    guard let nodes = list.items else {
      reader.report("POLICY-SCHEMA", zh: "items 应为列表", en: "items must be a list", at: list.range)
      return
    }
    for node in nodes {
      var r = reader.sub(node, context: "items[]")
      let id = r.string("id", required: true) ?? "?"
      let points = r.number("points", required: true)?.double ?? 0
      let title = r.localized("title")
      var test: Item.Test?
      if r.has("condition"), let c = r.condition("condition") { test = .condition(c) }
      if let rule = r.string("rule") { test = .rule(rule) }
      if let ratioNode = r.value("ratio") {
        var q = r.sub(ratioNode, context: "ratio")
        if let n = q.fieldPath("numerator", types: ["integer", "number"]),
          let d = q.fieldPath("denominator", types: ["integer", "number"]), let share = q.number("above", required: true)
        {
          test = .ratioAbove(numerator: n, denominator: d, share: share)
        }
        q.finish()
      }
      if test == nil, !r.has("condition") {
        r.report("POLICY-SCHEMA", zh: "评分项 \(id) 需要 condition、rule 或 ratio", en: "item \(id) needs condition, rule or ratio", at: r.range)
      }
      r.finish()
      items.append(Item(id: id, points: points, title: title, test: test, range: node.range))
    }
    let sum = items.reduce(0) { $0 + $1.points }
    if sum != total {
      reader.report(
        "POLICY-SCHEMA", zh: "评分项分值合计 \(NumberFormat.plain(sum))，与 total \(NumberFormat.plain(total)) 不符",
        en: "item points add up to \(NumberFormat.plain(sum)), not the total \(NumberFormat.plain(total))", at: list.range)
    }
  }

  public var reads: [String] {
    var paths: [String] = []
    for item in items {
      switch item.test {
      case .condition(let c)?: paths += c.expression.paths
      case .ratioAbove(let n, let d, _)?: paths += [n, d]
      default: break
      }
    }
    var seen = Set<String>()
    return paths.filter { seen.insert($0).inserted }
  }

  public var explanation: LocalizedText {
    LocalizedText(
      zh: "\(items.count) 个评分项，满分 \(NumberFormat.plain(total))；每项条件成立得分，缺少数据得 0 分并注明无佐证；\(disqualifiedBy.joined(separator: "、")) 不通过者取消资格",
      en:
        "\(items.count) items, \(NumberFormat.plain(total)) points; an item earns its points when its check holds, 0 without evidence; disqualified when \(disqualifiedBy.joined(separator: ", ")) fails"
    )
  }
}

// MARK: - Evaluation

/// A candidate's scorecard until the rules it refers to (a percentile) are decided.
public struct PendingScore: Sendable {
  public enum ItemState: Sendable {
    case earned, notEarned, noEvidence(String)
    case dependsOn(String)
  }
  var items: [ItemState]
}

extension ScorecardCheck {
  public var refersTo: [String] {
    var ids = disqualifiedBy
    for item in items { if case .rule(let id)? = item.test { ids.append(id) } }
    return ids
  }

  public func lint(_ rule: Rule, _ context: LintContext) {
    for name in disqualifiedBy where !context.ruleIDs.contains(name) {
      context.report(
        "POLICY-SCHEMA", zh: "disqualified_by 引用了不存在的规则 \(name)", en: "disqualified_by names no rule \(name)", at: rule.range)
    }
    for item in items {
      if case .rule(let name)? = item.test, !context.ruleIDs.contains(name) {
        context.report(
          "POLICY-SCHEMA", zh: "评分项 \(item.id) 引用了不存在的规则 \(name)", en: "item \(item.id) names no rule \(name)", at: item.range)
      }
    }
  }

  public func decide(_ pending: PendingScore, _ end: EndOfRun) -> CheckResult { decide(pending, outcomes: end.outcomes) }

  public func pending(_ context: RecordContext) -> PendingScore {
    let evaluator = context.evaluator
    let states: [PendingScore.ItemState] = items.map { item in
      switch item.test {
      case .condition(let c)?:
        switch evaluator.truth(c.expression) {
        case .yes: return .earned
        case .no: return .notEarned
        case .unknown(let m): return .noEvidence(m)
        }
      case .ratioAbove(let n, let d, let share)?:
        guard let dv = context.number(d) else { return .noEvidence(d) }
        guard let nv = context.number(n) else { return .noEvidence(n) }
        guard dv > 0 else { return .notEarned }
        return nv * Double(share.denominator) > Double(share.numerator) * dv ? .earned : .notEarned
      case .rule(let id)?: return .dependsOn(id)
      case nil: return .noEvidence("?")
      }
    }
    return PendingScore(items: states)
  }

  /// `outcomes` gives the outcome of every rule the card refers to, for this record.
  func decide(_ pending: PendingScore, outcomes: [String: Outcome]) -> CheckResult {
    var score = 0.0
    var notes: [LocalizedText] = []
    for (item, state) in zip(items, pending.items) {
      let title = item.title ?? LocalizedText(zh: item.id, en: item.id)
      let points = NumberFormat.plain(item.points)
      var resolved = state
      if case .dependsOn(let id) = state {
        switch outcomes[id] {
        case .pass?: resolved = .earned
        case .insufficient?: resolved = .noEvidence(id)
        default: resolved = .notEarned
        }
      }
      switch resolved {
      case .earned:
        score += item.points
        notes.append(LocalizedText(zh: "\(item.id) \(title.zh)：\(points)/\(points)", en: "\(item.id) \(title.en): \(points)/\(points)"))
      case .notEarned:
        notes.append(LocalizedText(zh: "\(item.id) \(title.zh)：0/\(points)", en: "\(item.id) \(title.en): 0/\(points)"))
      case .noEvidence(let field), .dependsOn(let field):
        notes.append(
          LocalizedText(
            zh: "\(item.id) \(title.zh)：0/\(points)（无佐证：\(field)）", en: "\(item.id) \(title.en): 0/\(points) (no evidence: \(field))"))
      }
    }
    let disqualifiers = disqualifiedBy.filter { outcomes[$0] == .fail }
    if !disqualifiers.isEmpty {
      notes.append(
        LocalizedText(
          zh: "取消资格：\(disqualifiers.joined(separator: "、")) 不通过", en: "disqualified: \(disqualifiers.joined(separator: ", ")) failed"))
    }
    return CheckResult(
      outcome: .notice,
      details: [
        Detail(
          actual: .number(score), expected: .stated(.number(total)), notes: notes.map { Note($0) },
          values: ["total": NumberFormat.plain(total), "disqualified": disqualifiers.isEmpty ? "" : "true"], score: score)
      ])
  }
}

extension PendingScore: SpillCodable {
  public func encode(to out: inout SpillWriter) {
    out.array(items) { out, item in
      switch item {
      case .earned: out.byte(0)
      case .notEarned: out.byte(1)
      case .noEvidence(let field):
        out.byte(2)
        out.string(field)
      case .dependsOn(let rule):
        out.byte(3)
        out.string(rule)
      }
    }
  }

  public static func decode(from input: inout SpillReader) -> PendingScore? {
    guard
      let items = input.array({ r -> ItemState? in
        switch r.byte() {
        case 0: return .earned
        case 1: return .notEarned
        case 2: return r.string().map { .noEvidence($0) }
        case 3: return r.string().map { .dependsOn($0) }
        default: return nil
        }
      })
    else { return nil }
    return PendingScore(items: items)
  }
}
