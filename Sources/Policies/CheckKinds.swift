/// Every kind of check, by the name a policy writes in `kind:`. Hand-written on purpose:
/// adding a kind is adding a file and a line here.
public enum CheckKinds {
  public static let all: [any CheckKind.Type] = [
    ConditionCheck.self,
    RatioCheck.self,
    PerHouseholdsCheck.self,
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
}
