import Policies
import Records
import YAMLSource

/// Checks a stream of records against policies. Record rules are decided as each record
/// arrives (by `RecordEvaluator`, on any thread); the checker merges the verdicts in input
/// order: duplicate ids, counts, aggregates with per-group counters and percentiles with one
/// number per record, decided in `finish()`. One bad record never stops the others.
public struct Checker {
  public private(set) var evaluator: RecordEvaluator
  public var policies: [Policy] { evaluator.policies }
  /// Keep every rule outcome (for `jiayuan test`), not only the findings.
  public var keepOutcomes: Bool {
    get { evaluator.keepOutcomes }
    set { evaluator.keepOutcomes = newValue }
  }

  public private(set) var summary = RunSummary()
  private var store: FindingStore
  /// The findings in report order, once `finish()` has run.
  public private(set) var findingList = FindingList([])
  public var findings: [Finding] { Array(findingList) }
  public private(set) var outcomes: [RuleOutcome] = []
  /// Every record's outcome per rule, when asked for (`keepMatrix`).
  public private(set) var matrix: OutcomeMatrix?

  /// Keeps the community × rule matrix, at most `rowLimit` rows (cells come from the
  /// evaluator, which must keep them: set before any record is added).
  public mutating func keepMatrix(rowLimit: Int = OutcomeMatrix.defaultRowLimit) {
    evaluator.keepCells = true
    matrix = OutcomeMatrix(policies: policies, rowLimit: rowLimit)
  }

  /// Where each id was first seen: a file number and line packed in one word.
  private var firstSeen = FirstSeenIndex()
  private var fileNumbers: [String: Int] = [:]
  private var fileNames: [String] = []
  private var groups: [String: GroupState] = [:]
  private var groupOrder: [String] = []
  private var populations: [String: Population] = [:]
  /// Rules decided at the end, one per candidate record: on disk for a large run.
  private var pendingFirst: SpillQueue<PendingRule>
  /// Deferred rules that refer to other rules' outcomes: decided after the first ones.
  private var pendingReferring: SpillQueue<PendingRule>
  /// A spilled file could not be read back at the end: some results are missing.
  public private(set) var readFailed = false
  /// A deferred rule's state did not decode (a damaged spill): counted as a read failure.
  private var undecodable = false

  struct GroupState {
    var rule: Rule
    var policy: Policy
    var subject: Subject
    /// The latest evaluation date of its records (or `--as-of`); nil while only input
    /// errors, which have none, are in it.
    var asOf: CalendarDate?
    var origin: RecordOrigin
    var tally: any GroupAccumulator
    var notCounted: [NotCounted] = []
    /// Records of the run inside the group, whether counted or not.
    var members = 0
  }

  /// Whether area targets are judged or shown as a self-check's notices.
  public var mode: CheckMode = .automatic

  public init(policies: [Policy], asOf: CalendarDate? = nil) {
    self.init(evaluator: RecordEvaluator(policies: policies, asOf: asOf))
  }

  /// `spillAbove`: findings held in memory before sorted runs go to a temporary file.
  public init(evaluator: RecordEvaluator, spillAbove: Int? = nil) {
    self.evaluator = evaluator
    store = FindingStore(spillAbove: spillAbove)
    let flushBytes = spillAbove.map { _ in 1 << 20 }
    pendingFirst = SpillQueue(flushBytes: flushBytes)
    pendingReferring = SpillQueue(flushBytes: flushBytes)
  }

  // MARK: - Records

  /// Evaluates and merges one record on the calling thread.
  public mutating func add(_ decoded: DecodedRecord) {
    add(evaluator.verdict(decoded))
  }

  /// Merges a record's verdict; verdicts must arrive in input order.
  public mutating func add(_ verdict: RecordVerdict) {
    summary.records += 1
    guard let record = verdict.identity else {
      summary.inputErrors += 1
      report(verdict.input)
      let id = verdict.inputID ?? "\(verdict.inputOrigin.file):\(verdict.inputOrigin.range.start.line)"
      _ = matrix?.addRow(
        id: id, place: nil, file: verdict.inputOrigin.file, line: verdict.inputOrigin.range.start.line, sequence: summary.records,
        inputError: true)
      for vote in verdict.votes { tally(vote, origin: verdict.inputOrigin, id: id) }
      return
    }
    let place = UInt64(fileNumber(record.origin.file)) << 32 | UInt64(UInt32(clamping: record.origin.range.start.line))
    if let packed = firstSeen.firstPlace(of: record.id, recording: place) {
      let first = (file: fileNames[Int(packed >> 32)], line: Int(packed & 0xFFFF_FFFF))
      summary.inputErrors += 1
      report(verdict.input)
      _ = matrix?.addRow(
        id: record.id, place: record.place, file: record.origin.file, line: record.origin.range.start.line,
        sequence: summary.records, inputError: true)
      report([
        Finding(
          rule: "REC-DUPLICATE-ID", severity: .error, subject: .record(id: record.id), file: record.origin.file, range: record.idRange,
          message: LocalizedText(
            zh: "小区编码 \(record.id) 重复（首次出现在 \(first.file):\(first.line)）",
            en: "id \(record.id) is used again (first at \(first.file):\(first.line))"),
          notes: [
            Note(
              LocalizedText(zh: "首次出现在此", en: "first used here"), file: first.file,
              range: SourceRange(at: SourceLocation(line: first.line, column: 1)))
          ])
      ])
      return
    }
    report(verdict.input)
    report(verdict.findings)
    for outcome in verdict.settled { summary.outcomes[outcome, default: 0] += 1 }
    if verdict.checked, matrix != nil,
      matrix?.addRow(
        id: record.id, place: record.place, file: record.origin.file, line: record.origin.range.start.line,
        sequence: summary.records, inputError: false) == true
    {
      for cell in verdict.cells { matrix?.setLast(policy: cell.policy, index: cell.index, cell.outcome) }
    }
    if keepOutcomes { outcomes += verdict.outcomes }
    for (key, value) in verdict.measures { populations[key, default: Population()].values.append(value) }
    let sequence = summary.records
    for var pending in verdict.deferred {
      pending.sequence = sequence
      pendingFirst.append(pending)
    }
    for var pending in verdict.referring {
      pending.sequence = sequence
      pending.known = verdict.referenced
      pendingReferring.append(pending)
    }
    for vote in verdict.votes { tally(vote, origin: record.origin, id: record.id) }
    if verdict.checked { summary.checked += 1 } else { summary.skipped += 1 }
    if verdict.stale { summary.staleRecords += 1 }
  }

  /// Files are numbered as they come; records of one file come together.
  private mutating func fileNumber(_ file: String) -> Int {
    if let last = fileNames.last, last == file { return fileNames.count - 1 }
    if let known = fileNumbers[file] { return known }
    fileNumbers[file] = fileNames.count
    fileNames.append(file)
    return fileNames.count - 1
  }

  private mutating func tally(_ vote: GroupVote, origin: RecordOrigin, id: String) {
    // Taken out while mutated, so its id lists are not copied on every append.
    var state: GroupState
    if let existing = groups.removeValue(forKey: vote.groupKey) {
      state = existing
      if evaluator.asOf == nil, let date = vote.date, date > state.asOf ?? date { state.asOf = date }
      // A group is placed at its first record; an input error only holds the place.
      if state.asOf == nil, vote.date != nil { state.origin = origin }
      if state.asOf == nil { state.asOf = vote.date }
    } else {
      guard case .group(let kind) = evaluator.scopes[vote.policy][vote.index] else { return }
      state = GroupState(
        rule: policies[vote.policy].rules[vote.index], policy: policies[vote.policy], subject: .group(level: vote.level, name: vote.name),
        asOf: vote.date, origin: origin, tally: kind.startGroup())
      groupOrder.append(vote.groupKey)
    }
    defer { groups[vote.groupKey] = state }
    state.members += 1
    if vote.applies == .no { return }
    // Counted, or named with the reason: nothing leaves a denominator silently.
    if let reason = vote.exclusion {
      state.notCounted.append(NotCounted(id: id, reason: reason, file: origin.file, line: origin.range.start.line))
      return
    }
    if case .unknown(let missing) = vote.applies {
      state.notCounted.append(
        NotCounted(id: id, reason: .appliesUndecided, missing: missing, file: origin.file, line: origin.range.start.line))
      return
    }
    if let value = vote.vote { state.tally.add(value, id: id, applies: vote.applies) }
  }

  // MARK: - End of run

  public mutating func finish() {
    for key in populations.keys { populations[key]?.sort() }
    // Outcomes of first-stage rules that a referring rule needs, in input order like the
    // referring rules themselves.
    var late: [(sequence: Int, rule: String, outcome: Outcome)] = []
    let first = pendingFirst.drain()
    for pending in first {
      let result = decide(pending, outcomes: [:])
      let rule = policies[pending.policy].rules[pending.index]
      if evaluator.referencedRules.contains(rule.id) { late.append((pending.sequence, rule.id, result.outcome)) }
    }
    var next = 0
    let referring = pendingReferring.drain()
    for pending in referring {
      var outcomes: [String: Outcome] = [:]
      for (rule, outcome) in pending.known { outcomes[rule] = outcome }
      while next < late.count, late[next].sequence < pending.sequence { next += 1 }
      var k = next
      while k < late.count, late[k].sequence == pending.sequence {
        outcomes[late[k].rule] = late[k].outcome
        k += 1
      }
      _ = decide(pending, outcomes: outcomes)
    }
    readFailed = first.readFailed || referring.readFailed || undecodable
    for key in groupOrder {
      guard let group = groups[key] else { continue }
      var result: CheckResult
      if let asOf = group.asOf, asOf >= group.policy.effectiveFrom, group.rule.from.map({ asOf >= $0 }) ?? true {
        result = group.tally.decide(asOf: asOf)
      } else if group.asOf == nil, !group.notCounted.isEmpty,
        evaluator.asOf.map({ date in date >= group.policy.effectiveFrom && group.rule.from.map { date >= $0 } ?? true }) ?? true
      {
        // Only input errors in the group: no figure can be given, and saying nothing would
        // let the county's line vanish from the report.
        result = .nothingCounted
      } else {
        result = .notApplicable
      }
      if result.outcome != .notApplicable {
        if mode.isSelfCheck(members: group.members) {
          summary.selfCheckedGroups += 1
          // The area's target, and where this run's records stand: a notice, not a failure.
          if result.outcome == .fail {
            result.outcome = .notice
            for k in result.details.indices { result.details[k].selfCheck = true }
          }
        } else {
          summary.auditedGroups += 1
        }
      }
      if !group.notCounted.isEmpty, result.outcome == .pass, let asOf = group.asOf, var standing = group.tally.standing(asOf: asOf) {
        standing.isNotice = true
        standing.passUnconfirmed = true
        result.details.append(standing)
      }
      if !group.notCounted.isEmpty {
        let undecided = group.notCounted.filter { $0.reason == .appliesUndecided }.map(\.id)
        for k in result.details.indices {
          result.details[k].notCounted = group.notCounted
          if !undecided.isEmpty { result.details[k].undetermined = undecided }
          // The gaps only where the records left out could turn the verdict.
          if let (all, none) = group.tally.whatIf(result.details[k], uncounted: group.notCounted.count), (all == 0) != (none == 0) {
            result.details[k].gapIfAllMet = all
            result.details[k].gapIfNoneMet = none
          }
        }
      }
      settle(group.rule, subject: group.subject, place: nil, result, origin: group.origin, policy: group.policy)
    }
    findingList = store.finish()
  }

  /// Decides and settles one deferred rule on one record; its result for the caller.
  private mutating func decide(_ pending: PendingRule, outcomes: [String: Outcome]) -> CheckResult {
    let policy = policies[pending.policy]
    let rule = policy.rules[pending.index]
    guard case .deferred(let check) = evaluator.scopes[pending.policy][pending.index],
      let decided = check.decide(encoded: pending.state, EndOfRun(populations: populations, outcomes: outcomes))
    else {
      undecodable = true
      return .notApplicable
    }
    let result = RecordEvaluator.combine(applies: pending.applies, decided, record: nil)
    matrix?.set(sequence: pending.sequence, policy: pending.policy, index: pending.index, result.outcome)
    settle(rule, subject: .record(id: pending.record), place: pending.place, result, origin: pending.origin, policy: policy)
    return result
  }

  // MARK: - Findings

  private mutating func report(_ list: [Finding]) {
    for finding in list {
      summary.count(finding)
      store.append(finding)
    }
  }

  private mutating func settle(
    _ rule: Rule, subject: Subject, place: RecordPlace?, _ result: CheckResult, origin: RecordOrigin, policy: Policy
  ) {
    summary.outcomes[result.outcome, default: 0] += 1
    let produced = RecordEvaluator.findings(rule, policy: policy, subject: subject, place: place, result, origin: origin)
    report(produced)
    if keepOutcomes { outcomes.append(RuleOutcome(rule: rule.id, subject: subject.key, outcome: result.outcome, findings: produced)) }
  }
}
