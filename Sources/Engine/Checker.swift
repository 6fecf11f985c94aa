import Policies
import Records
import YAMLSource

/// Checks a stream of records against policies. Record rules are decided as each record
/// arrives; aggregates keep per-group counters, percentiles one number per record, and
/// are decided in `finish()`. One bad record never stops the others.
public struct Checker {
  public let policies: [Policy]
  public let asOf: CalendarDate?
  /// Keep every rule outcome (for `jiayuan test`), not only the findings.
  public var keepOutcomes = false

  public private(set) var summary = RunSummary()
  public private(set) var findings: [Finding] = []
  public private(set) var outcomes: [RuleOutcome] = []

  private var firstByID: [String: RecordOrigin] = [:]
  private var groups: [String: GroupState] = [:]
  private var groupOrder: [String] = []
  private var populations: [String: Population] = [:]
  private var rankingKeys: [String] = []
  private var pendingPercentiles: [PendingRule<PercentileCandidate>] = []
  private var pendingScores: [PendingRule<PendingScore>] = []
  /// Outcomes scorecards refer to, by record id then rule id.
  private var referenced: [String: [String: Outcome]] = [:]
  private let referencedRules: Set<String>

  struct GroupState {
    var rule: Rule
    var policy: Policy
    var subject: String
    var asOf: CalendarDate
    var origin: RecordOrigin
    var share = ShareTally()
    var count = CountTally()
  }

  struct PendingRule<State> {
    var rule: Rule
    var record: String
    var origin: RecordOrigin
    var applies: Truth
    var state: State
  }

  /// How each rule is decided, worked out once: the hot loop does no dynamic casts.
  enum Plan {
    case record(any RecordEvaluating)
    case share(GroupShareCheck, level: String)
    case count(GroupCountCheck, level: String)
    case percentile(PercentileCheck)
    case scorecard(ScorecardCheck)
    case none
  }

  /// Per policy, per rule.
  private let plans: [[Plan]]
  private let percentileChecks: [PercentileCheck]

  public init(policies: [Policy], asOf: CalendarDate? = nil) {
    self.policies = policies
    self.asOf = asOf
    plans = policies.map { policy in
      policy.rules.map { rule -> Plan in
        switch rule.check {
        case let share as GroupShareCheck: .share(share, level: share.groupBy)
        case let count as GroupCountCheck: .count(count, level: count.groupBy)
        case let percentile as PercentileCheck: .percentile(percentile)
        case let card as ScorecardCheck: .scorecard(card)
        case let check as any RecordEvaluating: .record(check)
        default: .none
        }
      }
    }
    percentileChecks = policies.flatMap { $0.rules.compactMap { $0.check as? PercentileCheck } }
    var refs = Set<String>()
    var keys: [String] = []
    for policy in policies {
      for rule in policy.rules {
        if let card = rule.check as? ScorecardCheck {
          refs.formUnion(card.disqualifiedBy)
          for item in card.items { if case .rule(let id)? = item.test { refs.insert(id) } }
        }
        if let p = rule.check as? PercentileCheck { keys += p.rankings.map(\.key) }
      }
    }
    referencedRules = refs
    rankingKeys = Array(Set(keys)).sorted()
  }

  // MARK: - Records

  public mutating func add(_ decoded: DecodedRecord) {
    summary.records += 1
    guard let record = decoded.record else {
      summary.inputErrors += 1
      report(decoded.findings)
      return
    }
    if let first = firstByID[record.id] {
      summary.inputErrors += 1
      let idRange = record.fields["id"]?.range ?? record.origin.range
      report(
        decoded.findings + [
          Finding(
            rule: "REC-DUPLICATE-ID", severity: .error, subject: record.id, file: record.origin.file, range: idRange,
            message: LocalizedText(
              zh: "小区编码 \(record.id) 重复（首次出现在 \(first.file):\(first.range.start.line)）",
              en: "id \(record.id) is used again (first at \(first.file):\(first.range.start.line))"))
        ])
      return
    }
    firstByID[record.id] = record.origin
    report(decoded.findings + RecordChecks.check(record))
    collectPopulation(record)
    var checked = false
    for (p, policy) in policies.enumerated() where policy.jurisdiction.contains(record.jurisdiction) {
      checked = true
      for (r, rule) in policy.rules.enumerated() { evaluate(rule, plans[p][r], of: policy, on: record) }
    }
    if checked { summary.checked += 1 } else { summary.skipped += 1 }
  }

  private mutating func collectPopulation(_ record: Record) {
    guard !rankingKeys.isEmpty else { return }
    let city = record.jurisdiction.groupKey(at: "city") ?? record.jurisdiction.province
    for p in percentileChecks {
      for ranking in p.rankings {
        if let v = p.measure(ranking, of: record) {
          populations[city + "|" + ranking.key, default: Population()].values.append(v)
        }
      }
    }
    // A population is complete only at the end; mark nothing sorted until then.
  }

  private mutating func evaluate(_ rule: Rule, _ plan: Plan, of policy: Policy, on record: Record) {
    let date = asOf ?? record.asOf
    switch plan {
    case .share(_, let level), .count(_, let level):
      accumulate(rule, plan, of: policy, on: record, level: level)
      return
    case .none: return
    default: break
    }
    guard date >= policy.effectiveFrom, rule.from.map({ date >= $0 }) ?? true else {
      settle(rule, subject: record.id, CheckResult.notApplicable, origin: record.origin, policy: policy)
      return
    }
    let applies = rule.applies.map { ExpressionEvaluator(record: record, asOf: date).truth($0.expression) } ?? .yes
    if applies == .no {
      settle(rule, subject: record.id, .notApplicable, origin: record.origin, policy: policy)
      return
    }
    let context = RecordContext(record: record, asOf: date, policy: policy, rule: rule)
    switch plan {
    case .percentile(let percentile):
      pendingPercentiles.append(
        PendingRule(rule: rule, record: record.id, origin: record.origin, applies: applies, state: percentile.candidate(record)))
    case .scorecard(let card):
      pendingScores.append(
        PendingRule(rule: rule, record: record.id, origin: record.origin, applies: applies, state: card.pending(context)))
    case .record(let check):
      let result = Self.combine(applies: applies, check.evaluate(context), record: record)
      settle(rule, subject: record.id, result, origin: record.origin, policy: policy)
    default: break
    }
  }

  /// rules.md: an undecidable `applies` gives insufficient only when the check itself
  /// fails or is unknown; otherwise the rule passes.
  static func combine(applies: Truth, _ result: CheckResult, record: Record?) -> CheckResult {
    guard case .unknown(let missing) = applies else { return result }
    switch result.outcome {
    case .fail, .insufficient: return .insufficient(missing, range: record?.range(of: missing))
    default: return result
    }
  }

  private mutating func accumulate(_ rule: Rule, _ plan: Plan, of policy: Policy, on record: Record, level: String) {
    guard let key = record.jurisdiction.groupKey(at: level), let name = record.jurisdiction.name(at: level) else { return }
    let groupKey = rule.id + "|" + key
    let date = asOf ?? record.asOf
    // Taken out while mutated, so its id lists are not copied on every append.
    var state: GroupState
    if let existing = groups.removeValue(forKey: groupKey) {
      state = existing
      if asOf == nil, date > state.asOf { state.asOf = date }
    } else {
      state = GroupState(rule: rule, policy: policy, subject: "\(level):\(name)", asOf: date, origin: record.origin)
      groupOrder.append(groupKey)
    }
    defer { groups[groupKey] = state }
    let evaluator = ExpressionEvaluator(record: record, asOf: date)
    let applies = rule.applies.map { evaluator.truth($0.expression) } ?? .yes
    if applies == .no { return }
    switch plan {
    case .share(let share, _):
      let truth = share.predicate.map { evaluator.truth($0.expression) } ?? .no
      share.tally(&state.share, record: record, applies: applies, predicate: truth)
    case .count(let count, _):
      let truth = count.predicate.map { evaluator.truth($0.expression) } ?? .no
      count.tally(&state.count, record: record, applies: applies, predicate: truth)
    default: break
    }
  }

  // MARK: - End of run

  public mutating func finish() {
    for key in populations.keys { populations[key]?.sort() }
    for pending in pendingPercentiles {
      guard let check = pending.rule.check as? PercentileCheck, let policy = policy(of: pending.rule) else { continue }
      let result = Self.combine(applies: pending.applies, check.decide(pending.state, populations: populations), record: nil)
      settle(pending.rule, subject: pending.record, result, origin: pending.origin, policy: policy)
    }
    for pending in pendingScores {
      guard let card = pending.rule.check as? ScorecardCheck, let policy = policy(of: pending.rule) else { continue }
      let result = card.decide(pending.state, outcomes: referenced[pending.record] ?? [:])
      settle(pending.rule, subject: pending.record, result, origin: pending.origin, policy: policy)
    }
    for key in groupOrder {
      guard let group = groups[key] else { continue }
      let result: CheckResult
      if group.asOf < group.policy.effectiveFrom || (group.rule.from.map { group.asOf < $0 } ?? false) {
        result = .notApplicable
      } else if let share = group.rule.check as? GroupShareCheck {
        result = share.decide(group.share, asOf: group.asOf)
      } else if let count = group.rule.check as? GroupCountCheck {
        result = count.decide(group.count, asOf: group.asOf)
      } else {
        continue
      }
      settle(group.rule, subject: group.subject, result, origin: group.origin, policy: group.policy, isGroup: true)
    }
    findings.sort(by: Finding.reportOrder)
  }

  private func policy(of rule: Rule) -> Policy? { policies.first { $0.id == rule.policy } }

  // MARK: - Findings

  private mutating func report(_ list: [Finding]) {
    for finding in list {
      summary.count(finding)
      findings.append(finding)
    }
  }

  private mutating func settle(
    _ rule: Rule, subject: String, _ result: CheckResult, origin: RecordOrigin, policy: Policy, isGroup: Bool = false
  ) {
    summary.outcomes[result.outcome, default: 0] += 1
    if referencedRules.contains(rule.id) { referenced[subject, default: [:]][rule.id] = result.outcome }
    var produced: [Finding] = []
    for detail in result.details {
      let outcome: Outcome = detail.isNotice ? .notice : result.outcome
      guard outcome == .fail || outcome == .insufficient || outcome == .notice else { continue }
      produced.append(FindingBuilder.finding(rule: rule, policy: policy, subject: subject, outcome: outcome, detail: detail, origin: origin, isGroup: isGroup))
    }
    report(produced)
    if keepOutcomes { outcomes.append(RuleOutcome(rule: rule.id, subject: subject, outcome: result.outcome, findings: produced)) }
  }
}
