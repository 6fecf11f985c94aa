import Records
import YAMLSource

/// `extends`: a county's policy that tightens its city's inherits the city's rules. One
/// place resolves it, so `check`, `lint`, `test` and `explain` all see the same policy.
public enum PolicyExtension {
  /// Each policy with its parent's rules first (renamed to the child policy), or a
  /// located `POLICY-EXTENDS` problem: a parent not loaded nor shipped, a child outside
  /// the parent's jurisdiction, a rule id the child redefines, a chain that loops.
  ///
  /// A child sets a parameter of its parent by declaring one of the same name: the
  /// inherited rules then use the child's value. `overrides` are the user's values
  /// (`--param child.name=V`) by policy id, for parameters the child only inherits.
  public static func resolve(
    _ policies: [Policy], parents available: [Policy], overrides: [String: [String: Fraction]] = [:]
  ) -> (policies: [Policy], findings: [Finding]) {
    var resolved: [Policy] = []
    var findings: [Finding] = []
    for policy in policies {
      switch inherit(policy, from: policies + available, seen: [policy.id], setting: overrides[policy.id] ?? [:]) {
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

  /// `setting`: parameter values a descendant gives, nearest first, which win over the
  /// policy's own.
  private static func inherit(_ policy: Policy, from all: [Policy], seen: Set<String>, setting: [String: Fraction]) -> Inherited {
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
    // What the parent's rules are read with: the child's own value for a parameter the
    // parent declares too, and what the child was given for it.
    var values = setting
    for p in policy.parameters where values[p.name] == nil { values[p.name] = p.value }
    let shadowed = values.filter { name, value in found.parameters.contains { $0.name == name && $0.value != value } }
    var base = found
    if !shadowed.isEmpty, !found.sourceBytes.isEmpty {
      var given: [String: Fraction] = [:]
      for p in found.parameters { given[p.name] = values[p.name] ?? p.value }
      let reread = PolicyLoader.load(found.sourceBytes, file: found.source, overrides: given)
      guard let p = reread.policy else {
        let names = shadowed.keys.sorted().joined(separator: ", ")
        return problem(
          "策略 \(policy.id) 为 \(parentID) 设定的参数（\(names)）使其无法加载",
          "the parameters policy \(policy.id) sets for \(parentID) (\(names)) make it fail to load")
      }
      base = p
    }
    let parent: Policy
    switch inherit(base, from: all, seen: seen.union([parentID]), setting: values) {
    case .policy(let p): parent = p
    case .problem(let f): return .problem(f)
    }
    guard parent.jurisdiction.contains(policy.jurisdiction) else {
      return problem(
        "策略 \(policy.id) 的辖区不在其继承的 \(parentID) 的辖区之内",
        "policy \(policy.id) lies outside the jurisdiction of \(parentID), which it extends")
    }
    let ownRules = Set(policy.rules.map(\.id))
    if let clash = parent.rules.first(where: { ownRules.contains($0.id) }) {
      return problem(
        "策略 \(policy.id) 重新定义了 \(parentID) 的规则 \(clash.id)；请另取规则 id",
        "policy \(policy.id) redefines rule \(clash.id) of \(parentID); give it an id of its own")
    }
    var child = policy
    // The parent's parameters the child does not declare are the child's too, so that
    // `explain` lists them and `--param child.name` reaches them.
    let own = Set(policy.parameters.map(\.name))
    child.parameters += parent.parameters.filter { !own.contains($0.name) }
    child.rules =
      parent.rules.map {
        var rule = $0
        rule.policy = policy.id
        return rule
      } + policy.rules
    return .policy(child)
  }
}
