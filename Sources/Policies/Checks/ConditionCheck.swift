import Records

/// A condition that must hold: `mechanisms.coordination = true`.
public struct ConditionCheck: CheckKind {
  public static let name = "condition"
  public static let keys = ["condition"]
  public var condition: Condition?

  public init(reading reader: inout NodeReader) {
    condition = reader.condition("condition", required: true)
  }

  public var reads: [String] { condition?.expression.paths ?? [] }

  public var explanation: LocalizedText {
    LocalizedText(zh: "条件成立即通过：\(condition?.source ?? "")", en: "passes when the condition holds: \(condition?.source ?? "")")
  }
}
