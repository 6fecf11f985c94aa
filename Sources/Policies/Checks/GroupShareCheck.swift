import Records
import YAMLSource

/// The share of a group's records meeting a predicate, against dated targets.
public struct GroupShareCheck: GroupCheckKind {
  public static let name = "group_share"
  public static let keys = ["group_by", "predicate", "targets"]

  public struct Target: Sendable {
    public var deadline: CalendarDate
    public var min: Fraction
    public var range: SourceRange
  }

  public var groupBy: String
  public var predicate: Condition?
  public var targets: [Target]

  public init(reading reader: inout NodeReader) {
    groupBy = GroupLevel.read(&reader)
    predicate = reader.condition("predicate", required: true)
    targets = []
    guard let list = reader.value("targets", required: true) else { return }
    guard let nodes = list.items, !nodes.isEmpty else {
      reader.report("POLICY-SCHEMA", zh: "targets 应为非空列表", en: "targets must be a non-empty list", at: list.range)
      return
    }
    for node in nodes {
      var t = reader.sub(node, context: "targets[]")
      if let deadline = t.date("deadline", required: true), let min = t.number("min", required: true) {
        targets.append(Target(deadline: deadline, min: min, range: node.range))
      }
      t.finish()
    }
  }

  public var reads: [String] { predicate?.expression.paths ?? [] }

  public var explanation: LocalizedText {
    let zh = targets.map { "\($0.deadline) 前 ≥ \($0.min)" }.joined(separator: "，")
    let en = targets.map { "≥ \($0.min) by \($0.deadline)" }.joined(separator: ", ")
    return LocalizedText(
      zh: "按\(GroupLevel.chinese(groupBy))汇总满足「\(predicate?.source ?? "")」的小区比例：\(zh)；差距 = ceil(目标 × N) − 满足数",
      en: "share of records per \(groupBy) where \(predicate?.source ?? ""): \(en); gap = ceil(target × N) − count")
  }
}

enum GroupLevel {
  static let levels = ["province", "city", "county", "street"]

  static func read(_ reader: inout NodeReader) -> String {
    let level = reader.string("group_by", required: true) ?? "county"
    if !levels.contains(level) {
      reader.report(
        "POLICY-SCHEMA", zh: "group_by 应为 \(levels.joined(separator: "/"))",
        en: "group_by must be one of \(levels.joined(separator: ", "))",
        at: reader.keyRange("group_by"))
    }
    return level
  }

  static func chinese(_ level: String) -> String {
    switch level {
    case "province": "省"
    case "city": "市"
    case "county": "区县"
    case "street": "街道"
    default: level
    }
  }
}
