import Records

/// Every kind of check, by the name a policy writes in `kind:`. Hand-written on purpose:
/// adding a kind is adding a file under `Checks/` and a line here.
public enum CheckKinds {
  public static let all: [any CheckKind.Type] = [
    ConditionCheck.self,
    RatioCheck.self,
    PerHouseholdsCheck.self,
    FeeCollectionCheck.self,
    EventCountCheck.self,
    NoEventCheck.self,
    EventFollowedByCheck.self,
    AttendanceCheck.self,
    PercentileCheck.self,
    ScorecardCheck.self,
    GroupShareCheck.self,
    GroupCountCheck.self,
  ]

  public static func named(_ name: String) -> (any CheckKind.Type)? {
    all.first { $0.name == name }
  }

  /// The table of kinds in `docs/policy-language.md`, made from the kinds themselves (a
  /// test keeps the docs equal to it): name, keys, what it decides, and its examples.
  public static var reference: String {
    var out = "| kind | keys | decides · 判定 |\n|---|---|---|\n"
    for kind in all {
      let keys = kind.keys.map { "`\($0)`" }.joined(separator: ", ")
      out += "| `\(kind.name)` | \(keys) | \(kind.summary.zh)<br>\(kind.summary.en) |\n"
    }
    for kind in all {
      let examples = kind.examples
      out += "\n#### `\(kind.name)`\n\n\(kind.summary.zh)。\(kind.summary.en).\n\n"
      out += "```yaml\ncheck: \(examples.check)\n```\n\n"
      out += "As of \(examples.asOf) · 评估日 \(examples.asOf):\n\n"
      out += "- passes · 通过: " + examples.passing.map { "`\($0)`" }.joined(separator: " + ") + "\n"
      out += "- fails · 不通过: " + examples.failing.map { "`\($0)`" }.joined(separator: " + ") + "\n"
    }
    return out
  }
}
