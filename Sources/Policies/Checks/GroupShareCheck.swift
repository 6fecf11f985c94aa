import Records
import YAMLSource

/// The share of a group's records meeting a predicate, against dated targets.
public struct GroupShareCheck: GroupCheckKind {
  public static let name = "group_share"
  public static let summary = LocalizedText(
    zh: "按辖区汇总满足条件的小区比例，对照分期目标，给出差距（物业服务覆盖率 2024 年底 70%）",
    en:
      "the share of a group's records meeting a predicate against dated targets, with the gap (property-service coverage 70% by the end of 2024)"
  )
  public static let examples = KindExamples(
    check:
      "{kind: group_share, group_by: county, predicate: \"property_service.mode != 'none'\", targets: [{deadline: 2024-12-31, min: 60%}]}",
    passing: ["{property_service: {mode: professional}}", "{property_service: {mode: backstop}}", "{property_service: {mode: none}}"],
    failing: ["{property_service: {mode: professional}}", "{property_service: {mode: none}}", "{property_service: {mode: none}}"])

  public struct Target: Sendable {
    public var deadline: CalendarDate
    public var min: Fraction
    /// The target's own severity where the document words it differently from the rule's
    /// others (舒城: 到2023年底…达到 70% is an error, 到2024年6月底，力争…90% a warning).
    public var severity: Severity?
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
        // An unknown severity is reported by the reader, with the nearest value.
        let severity = t.string("severity").flatMap(Severity.init(rawValue:))
        targets.append(Target(deadline: deadline, min: min, severity: severity, range: node.range))
      }
      t.finish()
    }
  }

  public var reads: [String] { predicate?.expression.paths ?? [] }

  /// Targets in date order, each inside the effective period.
  public func lint(_ rule: Rule, _ context: LintContext) {
    for (a, b) in zip(targets, targets.dropFirst()) where b.deadline <= a.deadline {
      context.report(
        "POLICY-TARGETS", zh: "目标日期应按先后排列：\(b.deadline) 不晚于 \(a.deadline)",
        en: "targets must be in date order: \(b.deadline) is not after \(a.deadline)", at: b.range)
    }
    // A programme raises its targets over time: a later target below an earlier one is
    // most likely two numbers swapped, and makes the later deadline easier to meet.
    for (a, b) in zip(targets, targets.dropFirst()) where b.deadline > a.deadline && b.min.double < a.min.double {
      context.report(
        "POLICY-TARGETS", zh: "目标在下降：\(a.deadline) 前 \(a.min)，\(b.deadline) 前却只要 \(b.min)（是否写反了？）",
        en: "the targets fall: \(a.min) by \(a.deadline), then only \(b.min) by \(b.deadline) (swapped?)", at: b.range, severity: .warning,
        fix: LocalizedText(
          zh: "目标按期限先后由低到高排列，如 2025-12-31 前 85%、2026-12-31 前 95%",
          en: "targets rise with their deadlines, e.g. 85% by 2025-12-31, 95% by 2026-12-31"))
    }
    for t in targets where context.isOutsidePeriod(t.deadline) {
      context.report(
        "POLICY-DEADLINE", zh: "目标期限 \(t.deadline) 不在有效期内", en: "deadline \(t.deadline) is outside the effective period",
        at: t.range)
    }
  }

  public var explanation: LocalizedText {
    let zh = targets.map { "\($0.deadline) 前 ≥ \($0.min)" + ($0.severity.map { "（\($0.rawValue)）" } ?? "") }.joined(separator: "，")
    let en = targets.map { "≥ \($0.min) by \($0.deadline)" + ($0.severity.map { " (\($0.rawValue))" } ?? "") }.joined(separator: ", ")
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

// MARK: - Evaluation

/// Per-group counters for a share target: no record is kept, only ids of those listed.
public struct ShareTally: Sendable {
  var total = 0
  var satisfied = 0
  var failing: [String] = []
}

extension GroupShareCheck {
  public var emptyTally: ShareTally { ShareTally() }

  /// Whether the record meets the predicate.
  public func vote(_ record: Record, _ evaluator: ExpressionEvaluator) -> Truth {
    predicate.map { evaluator.truth($0.expression) } ?? .no
  }

  /// Only records the rule applies to arrive here; the engine accounts for the others.
  public func tally(_ tally: inout ShareTally, _ truth: Truth, id: String, applies: Truth) {
    tally.total += 1
    if truth == .yes { tally.satisfied += 1 } else { tally.failing.append(id) }
  }

  public func whatIf(_ tally: ShareTally, _ detail: Detail, uncounted: Int) -> (ifAllMet: Int, ifNoneMet: Int)? {
    guard let target = targets.first(where: { $0.deadline == detail.deadline }) else { return nil }
    let required = target.min.ceilTimes(tally.total + uncounted)
    return (Swift.max(0, required - tally.satisfied - uncounted), Swift.max(0, required - tally.satisfied))
  }

  public func standing(_ tally: ShareTally, asOf: CalendarDate) -> Detail? {
    guard tally.total > 0, let target = targets.last(where: { $0.deadline <= asOf }) else { return nil }
    return Detail(
      actual: .share(part: Double(tally.satisfied), whole: Double(tally.total)), expected: .atLeast(.fraction(target.min)),
      deadline: target.deadline, gap: 0)
  }

  public func decide(_ tally: ShareTally, asOf: CalendarDate) -> CheckResult {
    guard tally.total > 0 else { return .notApplicable }
    let actual = Quantity.share(part: Double(tally.satisfied), whole: Double(tally.total))
    var result = CheckResult.pass
    if let target = targets.last(where: { $0.deadline <= asOf }) {
      let required = target.min.ceilTimes(tally.total)
      if tally.satisfied < required {
        result = .fail(
          Detail(
            actual: actual, expected: .atLeast(.fraction(target.min)), deadline: target.deadline, gap: required - tally.satisfied,
            failing: tally.failing, severity: target.severity))
      }
    }
    if let next = targets.first(where: { $0.deadline > asOf }) {
      let gap = Swift.max(0, next.min.ceilTimes(tally.total) - tally.satisfied)
      result.details.append(
        Detail(
          actual: actual, expected: .atLeast(.fraction(next.min)), deadline: next.deadline, gap: gap, isNotice: true,
          failing: gap > 0 ? tally.failing : nil))
    }
    return result
  }
}
