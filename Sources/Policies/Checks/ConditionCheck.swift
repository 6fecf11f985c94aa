import Records

/// A condition that must hold: `mechanisms.coordination = true`.
public struct ConditionCheck: RecordCheckKind {
  public static let name = "condition"
  public static let summary = LocalizedText(
    zh: "条件表达式成立即通过（公共收益公开）",
    en: "passes when a condition holds (public revenue disclosed)")
  public static let examples = KindExamples(
    check: "{kind: condition, condition: public_revenue = true}",
    passing: ["{public_revenue: true}"], failing: ["{public_revenue: false}"])
  public var condition: Condition?

  public init(reading reader: inout NodeReader) {
    condition = reader.condition("condition", required: true)
  }

  public var reads: [String] { condition?.expression.paths ?? [] }

  public var explanation: LocalizedText {
    LocalizedText(zh: "条件成立即通过：\(condition?.source ?? "")", en: "passes when the condition holds: \(condition?.source ?? "")")
  }
}

// MARK: - Evaluation

extension ConditionCheck {
  public func evaluate(_ context: RecordContext) -> CheckResult {
    guard let condition else { return .notApplicable }
    let evaluator = context.evaluator
    switch evaluator.truth(condition.expression) {
    case .yes: return .pass
    case .unknown(let missing): return .insufficient(missing, range: context.record.range(of: missing))
    case .no:
      let paths = condition.expression.paths.filter { context.record.fields[$0] != nil }
      let actual = paths.map { "\($0) = \(context.record.fields[$0]?.value.display ?? "")" }.joined(separator: ", ")
      return .fail(
        Detail(
          range: paths.first.map { context.record.range(of: $0) },
          actual: actual.isEmpty ? nil : .words(LocalizedText(zh: actual, en: actual)),
          expected: .stated(.words(LocalizedText(zh: condition.source, en: condition.source)))))
    }
  }
}
