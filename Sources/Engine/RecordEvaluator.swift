import Policies
import Records
import YAMLSource

/// The part of a check that needs one record and nothing else, so it runs on the worker
/// threads that decoded the record. What it cannot decide alone (aggregates, percentiles,
/// scorecards, duplicate ids) it hands on in the `RecordVerdict` for the `Checker`, which
/// merges verdicts strictly in input order.
public struct RecordEvaluator: Sendable {
  public let policies: [Policy]
  public let asOf: CalendarDate?
  /// Keep every rule outcome (for `jiayuan test`), not only the findings.
  public var keepOutcomes = false
  /// Keep each record's outcome per rule, passes included (`OutcomeMatrix`).
  public var keepCells = false

  /// How each rule is decided (per policy, per rule), asked of its kind once: the hot
  /// loop does no dynamic casts and knows no kind by name.
  let scopes: [[CheckScope]]
  /// The deferred rules that measure records for a population, with their policy.
  let measuring: [(check: any DeferredCheckKind, policy: Int)]
  /// Rules whose outcome a deferred rule refers to.
  let referencedRules: Set<String>
  /// Per policy, the shortest period (in months) of its rules that judge period by period.
  let shortestPeriod: [Int?]

  public init(policies: [Policy], asOf: CalendarDate? = nil) {
    self.policies = policies
    self.asOf = asOf
    scopes = policies.map { $0.rules.map(\.check.scope) }
    var measuring: [(check: any DeferredCheckKind, policy: Int)] = []
    var refs = Set<String>()
    for (p, rules) in scopes.enumerated() {
      for scope in rules {
        guard case .deferred(let check) = scope else { continue }
        refs.formUnion(check.refersTo)
        measuring.append((check, p))
      }
    }
    self.measuring = measuring
    referencedRules = refs
    shortestPeriod = policies.map { $0.rules.compactMap(\.check.periodMonths).min() }
  }

  /// Everything one record decides alone, in the order a single-threaded run meets it.
  public func verdict(_ decoded: DecodedRecord) -> RecordVerdict {
    var verdict = RecordVerdict(decoded: decoded)
    guard let record = decoded.record else {
      placeInGroups(decoded, into: &verdict)
      return verdict
    }
    verdict.identity = RecordVerdict.Identity(
      id: record.id, origin: record.origin, idRange: record.fields["id"]?.range ?? record.origin.range,
      place: keepCells ? record.place : nil)
    let placement = Divisions.place(record.jurisdiction)
    verdict.findings = RecordChecks.check(record, placement: placement)
    for (check, p) in measuring { verdict.measures += check.measures(of: record, in: policies[p]) }
    var period: Int?
    for (p, policy) in policies.enumerated() where policy.jurisdiction.contains(record.jurisdiction) {
      verdict.checked = true
      for (r, rule) in policy.rules.enumerated() { evaluate(rule, scopes[p][r], policy: p, index: r, on: record, into: &verdict) }
      if let months = shortestPeriod[p], (asOf ?? record.asOf) >= policy.effectiveFrom { period = Swift.min(period ?? months, months) }
    }
    if let period, let notice = Self.staleNotice(record, evaluatedAt: asOf, periodMonths: period) {
      verdict.findings.append(notice)
      verdict.stale = true
    }
    if !verdict.checked, !placement.problems.isEmpty, let meant = placement.corrected {
      sayWhatANearMissMissed(record, meant: meant, into: &verdict)
    }
    return verdict
  }

  /// rules.md, REC-JURISDICTION: a record no policy applies to, whose names are a near
  /// miss of a policy's jurisdiction (霍山 for 霍山县), is not checked by that policy — its
  /// names are never corrected silently — but it is not lost either: its REC-JURISDICTION
  /// warning names the policies it missed, and their aggregates over the place it was
  /// meant for list it among the records they did not count.
  private func sayWhatANearMissMissed(_ record: Record, meant: Jurisdiction, into verdict: inout RecordVerdict) {
    let missed = policies.indices.filter { policies[$0].jurisdiction.contains(meant) }
    guard !missed.isEmpty else { return }
    let names = missed.map { "\(policies[$0].id)（\(Self.name(policies[$0].jurisdiction))）" }
    let namesEn = missed.map { "\(policies[$0].id) (\(Self.name(policies[$0].jurisdiction)))" }
    for i in verdict.findings.indices where verdict.findings[i].rule == "REC-JURISDICTION" {
      verdict.findings[i].message.zh += "；因此策略 \(names.joined(separator: "、"))未检查该记录"
      verdict.findings[i].message.en += "; so \(namesEn.joined(separator: ", ")) did not check this record"
    }
    placeInGroups(meant, policies: missed, reason: .jurisdictionNearMiss, into: &verdict)
  }

  /// Province/city/county, as people name a place.
  static func name(_ j: Jurisdiction) -> String { [j.province, j.city, j.county].compactMap { $0 }.joined(separator: "/") }

  /// issue 12: a record evaluated at an `--as-of` a whole period (of the shortest yearly or
  /// quarterly rule that checks it) or more after its own `as_of` is judged on events that
  /// stop short of the periods it is asked for; one notice on the record says so.
  static func staleNotice(_ record: Record, evaluatedAt asOf: CalendarDate?, periodMonths months: Int) -> Finding? {
    guard let asOf, asOf >= record.asOf.adding(months: months) else { return nil }
    let days = asOf.days(since: record.asOf)
    let span = months >= 12 ? LocalizedText(zh: "已满一年", en: "a full year") : LocalizedText(zh: "已满一个季度", en: "a full quarter")
    return Finding(
      rule: "REC-STALE-DATA", severity: .info, outcome: .notice, subject: .record(id: record.id), place: record.place,
      file: record.origin.file, range: record.fields["as_of"]?.range ?? record.origin.range,
      message: LocalizedText(
        zh: "数据截止 \(record.asOf)，早于评估日期 \(asOf) \(days) 天（\(span.zh)）：按年度或季度检查的规则只看记录所列的活动，\(record.asOf) 之后的活动均未计入",
        en:
          "the data ends on \(record.asOf), \(days) days before the evaluation date \(asOf) (\(span.en) or more): rules per year or quarter see only the events it lists, none after \(record.asOf)"
      ),
      fix: LocalizedText(
        zh: "更新记录至评估日期，或以记录自己的 as_of 评估（不带 --as-of）",
        en: "bring the record up to the evaluation date, or evaluate it at its own as_of (without --as-of)"))
  }

  private func evaluate(
    _ rule: Rule, _ scope: CheckScope, policy p: Int, index r: Int, on record: Record, into verdict: inout RecordVerdict
  ) {
    let policy = policies[p]
    let date = asOf ?? record.asOf
    if case .group(let group) = scope {
      vote(rule, group, policy: p, index: r, on: record, into: &verdict)
      return
    }
    guard date >= policy.effectiveFrom, rule.from.map({ date >= $0 }) ?? true else {
      settle(rule, policy: policy, .notApplicable, record: record, at: (p, r), into: &verdict)
      return
    }
    let applies = rule.applies.map { ExpressionEvaluator(record: record, asOf: date).truth($0.expression) } ?? .yes
    if applies == .no {
      settle(rule, policy: policy, .notApplicable, record: record, at: (p, r), into: &verdict)
      return
    }
    let context = RecordContext(record: record, asOf: date, policy: policy, rule: rule)
    switch scope {
    case .record(let check):
      let result = Self.combine(applies: applies, check.evaluate(context), record: record)
      settle(rule, policy: policy, result, record: record, at: (p, r), into: &verdict)
    case .deferred(let check):
      let pending = PendingRule(
        policy: p, index: r, record: record.id, place: record.place, origin: record.origin, applies: applies,
        state: check.encodedPending(context))
      if check.refersTo.isEmpty { verdict.deferred.append(pending) } else { verdict.referring.append(pending) }
    case .group: break
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

  private func vote(
    _ rule: Rule, _ group: any GroupCheckKind, policy p: Int, index r: Int, on record: Record, into verdict: inout RecordVerdict
  ) {
    let level = group.groupBy
    guard let key = record.jurisdiction.groupKey(at: level), let name = record.jurisdiction.name(at: level) else { return }
    let date = asOf ?? record.asOf
    let evaluator = ExpressionEvaluator(record: record, asOf: date)
    let applies = rule.applies.map { evaluator.truth($0.expression) } ?? .yes
    // Membership is decided at the record's own date (rules.md, aggregate accounting).
    let policy = policies[p]
    let early = date < policy.effectiveFrom || (rule.from.map { date < $0 } ?? false)
    verdict.votes.append(
      GroupVote(
        policy: p, index: r, groupKey: rule.id + "|" + key, level: level, name: name, date: date, applies: applies,
        vote: applies == .no || early ? nil : group.anyVote(record, evaluator), exclusion: early ? .beforeEffective : nil))
  }

  /// An input error whose place could be read is named by every aggregate of its area
  /// among the records it did not count, so a county's figure says what it left out.
  private func placeInGroups(_ decoded: DecodedRecord, into verdict: inout RecordVerdict) {
    guard let place = decoded.partialJurisdiction else { return }
    placeInGroups(
      place, policies: policies.indices.filter { policies[$0].jurisdiction.contains(place) }, reason: .inputError, into: &verdict)
  }

  /// Names a record in every aggregate of `place` of the given policies as not counted.
  private func placeInGroups(
    _ place: Jurisdiction, policies chosen: [Int], reason: NotCounted.Reason, into verdict: inout RecordVerdict
  ) {
    for p in chosen {
      let policy = policies[p]
      for (r, rule) in policy.rules.enumerated() {
        guard case .group(let group) = scopes[p][r], let key = place.groupKey(at: group.groupBy),
          let name = place.name(at: group.groupBy)
        else { continue }
        verdict.votes.append(
          GroupVote(
            policy: p, index: r, groupKey: rule.id + "|" + key, level: group.groupBy, name: name, date: nil, applies: .yes,
            vote: nil, exclusion: reason))
      }
    }
  }

  func settle(
    _ rule: Rule, policy: Policy, _ result: CheckResult, record: Record, at place: (policy: Int, index: Int),
    into verdict: inout RecordVerdict
  ) {
    verdict.settled.append(result.outcome)
    if keepCells { verdict.cells.append((place.policy, place.index, result.outcome)) }
    if referencedRules.contains(rule.id) { verdict.referenced.append((rule.id, result.outcome)) }
    let produced = Self.findings(
      rule, policy: policy, subject: .record(id: record.id), place: record.place, result, origin: record.origin)
    verdict.findings += produced
    if keepOutcomes {
      verdict.outcomes.append(RuleOutcome(rule: rule.id, subject: record.id, outcome: result.outcome, findings: produced))
    }
  }

  /// What the user reads of a result: failures, missing data and notices.
  static func findings(
    _ rule: Rule, policy: Policy, subject: Subject, place: RecordPlace?, _ result: CheckResult, origin: RecordOrigin
  ) -> [Finding] {
    var produced: [Finding] = []
    for detail in result.details {
      let outcome: Outcome = detail.isNotice ? .notice : result.outcome
      guard outcome == .fail || outcome == .insufficient || outcome == .notice else { continue }
      produced.append(
        FindingBuilder.finding(
          rule: rule, policy: policy, subject: subject, place: place, outcome: outcome, detail: detail, origin: origin))
    }
    return produced
  }
}

/// What one record decided alone, and what it leaves for the end of the run. It keeps
/// no part of the record itself, so the record is freed on the worker thread that built
/// it and the merge window holds only results.
public struct RecordVerdict: Sendable {
  /// The decoder's findings (input errors, schema problems).
  var input: [Finding]
  /// For a record that decoded: what the duplicate-id check needs.
  var identity: Identity?

  struct Identity: Sendable {
    var id: String
    var origin: RecordOrigin
    var idRange: SourceRange
    /// Where the community is, kept for the outcome matrix only.
    var place: RecordPlace?
  }

  /// Built-in record checks, then each settled rule's findings, in rule order.
  var findings: [Finding] = []
  /// The outcome of each settled rule, for the summary.
  var settled: [Outcome] = []
  /// Outcomes a scorecard refers to.
  var referenced: [(rule: String, outcome: Outcome)] = []
  var outcomes: [RuleOutcome] = []
  /// Each settled rule's outcome by its place in `RecordEvaluator.scopes`, when cells are kept.
  var cells: [(policy: Int, index: Int, outcome: Outcome)] = []
  /// The record's contribution to each aggregate rule of its policies.
  var votes: [GroupVote] = []
  /// Population key and value, per percentile ranking the record can be measured on.
  var measures: [(key: String, value: Double)] = []
  /// Deferred rules that refer to no other rule, and those that do (decided after them).
  var deferred: [PendingRule] = []
  var referring: [PendingRule] = []
  /// Some policy's jurisdiction covers the record.
  var checked = false
  /// The record carries a REC-STALE-DATA notice (counted in the summary).
  var stale = false

  /// An input error's id (when it could be read) and place, for the aggregates that name
  /// it among the records they did not count.
  var inputID: String?
  var inputOrigin: RecordOrigin

  init(decoded: DecodedRecord) {
    input = decoded.findings
    inputID = decoded.id
    inputOrigin = decoded.origin
  }

  /// Makes a piece's document index the file's: `offset` documents came before the piece.
  mutating func shiftIndex(by offset: Int, _ index: Int) {
    identity?.origin.index = offset + index
  }
}

/// A record's contribution to one aggregate rule in one group.
struct GroupVote: Sendable {
  /// The rule's place in `RecordEvaluator.scopes`.
  var policy: Int
  var index: Int
  var groupKey: String
  var level: String
  var name: String
  /// The record's evaluation date; nil for an input error, which has none to read.
  var date: CalendarDate?
  var applies: Truth
  /// What the rule's kind makes of the record; nil where the rule does not apply.
  var vote: (any Sendable)?
  /// Why the record is inside the group but not counted, when it is not.
  var exclusion: NotCounted.Reason?
}

/// A rule on a record that is decided only when every record has been read. One is kept
/// per record and rule until the end, so it names its rule by place, not by copy.
struct PendingRule: Sendable {
  /// The rule's place in `RecordEvaluator.scopes`.
  var policy: Int
  var index: Int
  /// The record's number in input order, set when the checker merges it.
  var sequence = 0
  var record: String
  var place: RecordPlace
  var origin: RecordOrigin
  var applies: Truth
  /// The kind's pending state, encoded (`DeferredCheckKind.encodedPending`).
  var state: [UInt8]
  /// For a rule that refers to others: their outcomes settled with the record.
  var known: [(rule: String, outcome: Outcome)] = []
}
