import Records
import YAMLSource

/// A scorecard: items with points, the evidence each rests on, and disqualifiers.
public struct ScorecardCheck: CheckKind {
  public static let name = "scorecard"
  public static let keys = ["total", "items", "disqualified_by"]

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
