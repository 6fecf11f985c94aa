import Records
import YAMLSource

/// `extends`: a county's policy that tightens its city's inherits the city's rules. One
/// place resolves it, so `check`, `lint`, `test` and `explain` all see the same policy.
public enum PolicyExtension {
  /// Each policy with its parent's rules first (renamed to the child policy), or a
  /// located `POLICY-EXTENDS` problem: a parent not loaded nor shipped, a child outside
  /// the parent's jurisdiction, a rule id the child redefines, a chain that loops.
  public static func resolve(_ policies: [Policy], parents available: [Policy]) -> (policies: [Policy], findings: [Finding]) {
    var resolved: [Policy] = []
    var findings: [Finding] = []
    for policy in policies {
      switch inherit(policy, from: policies + available, seen: [policy.id]) {
      case .policy(let p): resolved.append(p)
      case .problem(let problem): findings.append(problem)
      }
    }
    return (resolved, findings)
  }

  private enum Inherited {
    case policy(Policy)
    case problem(Finding)
  }

  private static func inherit(_ policy: Policy, from all: [Policy], seen: Set<String>) -> Inherited {
    guard let parentID = policy.extends else { return .policy(policy) }
    func problem(_ zh: String, _ en: String) -> Inherited {
      .problem(
        Finding(
          rule: "POLICY-EXTENDS", severity: .error, subject: .input(policy.source), file: policy.source,
          range: policy.extendsRange ?? .fileStart, message: LocalizedText(zh: zh, en: en)))
    }
    guard !seen.contains(parentID) else {
      return problem("extends 形成循环：\(policy.id) → \(parentID)", "extends loops: \(policy.id) → \(parentID)")
    }
    guard let found = all.first(where: { $0.id == parentID }) else {
      let hint = Suggestions.closest(to: parentID, in: all.map(\.id))
      return problem(
        "策略 \(policy.id) 继承的 \(parentID) 未加载，也不是内置策略" + (hint.map { "，是否应为 \($0)？" } ?? ""),
        "policy \(policy.id) extends \(parentID), which is neither loaded nor shipped" + (hint.map { "; did you mean \($0)?" } ?? ""))
    }
    let parent: Policy
    switch inherit(found, from: all, seen: seen.union([parentID])) {
    case .policy(let p): parent = p
    case .problem(let f): return .problem(f)
    }
    guard parent.jurisdiction.contains(policy.jurisdiction) else {
      return problem(
        "策略 \(policy.id) 的辖区不在其继承的 \(parentID) 的辖区之内",
        "policy \(policy.id) lies outside the jurisdiction of \(parentID), which it extends")
    }
    let own = Set(policy.rules.map(\.id))
    if let clash = parent.rules.first(where: { own.contains($0.id) }) {
      return problem(
        "策略 \(policy.id) 重新定义了 \(parentID) 的规则 \(clash.id)；请另取规则 id",
        "policy \(policy.id) redefines rule \(clash.id) of \(parentID); give it an id of its own")
    }
    var child = policy
    child.rules =
      parent.rules.map {
        var rule = $0
        rule.policy = policy.id
        return rule
      } + policy.rules
    return .policy(child)
  }
}
