import Records
import YAMLSource

/// A kind of check: how a rule decides. A kind is one file under `Checks/` holding what it
/// reads from the policy, how it decides, its lint checks, its messages and its examples;
/// `CheckKinds.all` lists it. The engine only asks a kind for its `scope`, so adding one
/// touches no switch anywhere.
public protocol CheckKind: Sendable {
  static var name: String { get }
  /// What the kind decides, in a line, for the docs' table of kinds.
  static var summary: LocalizedText { get }
  /// A passing and a failing example: `docs/policy-language.md` shows them and one test
  /// runs them for every kind, so the docs cannot show an example that does not work.
  static var examples: KindExamples { get }
  init(reading reader: inout NodeReader)
  /// Every field path the check reads.
  var reads: [String] { get }
  /// The event types the check reads, for a spreadsheet row that reports only some
  /// (`RecordContext.eventsUnreported`); nil for every type. `EventTypesRead.swift`.
  var eventTypesRead: [String]? { get }
  /// How the check decides, in words, for `jiayuan explain`.
  var explanation: LocalizedText { get }
  /// How the engine decides it: per record, per group, or once every record is read.
  var scope: CheckScope { get }
  /// Checks of meaning beyond reading (deadlines inside the effective period, references
  /// to other rules), run by `lint` and by every load.
  func lint(_ rule: Rule, _ context: LintContext)
  /// The length in months of the periods the check judges one by one (12 for each year,
  /// 3 for each quarter); nil for others. A record whose data is at least that much older
  /// than the evaluation date is said to be (rules.md; issue 12, stale data).
  var periodMonths: Int? { get }
}

extension CheckKind {
  public func lint(_ rule: Rule, _ context: LintContext) {}
  public var eventTypesRead: [String]? { nil }
  public var periodMonths: Int? { nil }

  /// The keys the kind accepts besides `kind`: the ones its reader asks for. Found by
  /// reading an empty mapping, so the list cannot drift from what `init` reads.
  public static var keys: [String] { NodeReader.keysAsked(by: Self.self) }
}

/// How a rule is decided, which is all the engine needs to know of its kind.
public enum CheckScope: Sendable {
  case record(any RecordCheckKind)
  case group(any GroupCheckKind)
  case deferred(any DeferredCheckKind)

  /// In words, for the docs.
  public var name: LocalizedText {
    switch self {
    case .record: LocalizedText(zh: "单个小区", en: "record")
    case .group: LocalizedText(zh: "汇总（按辖区）", en: "group")
    case .deferred: LocalizedText(zh: "单个小区，全部读完后判定", en: "record, decided at the end")
    }
  }
}

// MARK: - Per record

/// Decided from one record alone, on the worker thread that decoded it.
public protocol RecordCheckKind: CheckKind {
  func evaluate(_ context: RecordContext) -> CheckResult
}

extension RecordCheckKind {
  public var scope: CheckScope { .record(self) }
}

// MARK: - Per group

/// An aggregate: decided per group of records sharing a jurisdiction level, from a tally
/// of its own type. Each record contributes a `Vote`, worked out on the worker thread;
/// votes are tallied in input order.
public protocol GroupCheckKind: CheckKind {
  associatedtype Tally: Sendable
  associatedtype Vote: Sendable
  var groupBy: String { get }
  var emptyTally: Tally { get }
  /// What a record contributes; not asked of records the rule does not apply to.
  func vote(_ record: Record, _ evaluator: ExpressionEvaluator) -> Vote
  func tally(_ tally: inout Tally, _ vote: Vote, id: String, applies: Truth)
  func decide(_ tally: Tally, asOf: CalendarDate) -> CheckResult
  /// The gap of one of `decide`'s details were `uncounted` more records counted and all
  /// of them to meet the predicate, and were none to; nil where the kind cannot say.
  func whatIf(_ tally: Tally, _ detail: Detail, uncounted: Int) -> (ifAllMet: Int, ifNoneMet: Int)?
  /// Where a passing group stands against the target in force (actual, expected,
  /// deadline), for the notice that a pass leaves records out; nil where it cannot say.
  func standing(_ tally: Tally, asOf: CalendarDate) -> Detail?
}

extension GroupCheckKind {
  public var scope: CheckScope { .group(self) }

  public func whatIf(_ tally: Tally, _ detail: Detail, uncounted: Int) -> (ifAllMet: Int, ifNoneMet: Int)? { nil }
  public func standing(_ tally: Tally, asOf: CalendarDate) -> Detail? { nil }

  /// A group's counter, its tally type hidden from the engine.
  public func startGroup() -> any GroupAccumulator { KindAccumulator(kind: self, tally: emptyTally) }

  public func anyVote(_ record: Record, _ evaluator: ExpressionEvaluator) -> any Sendable { vote(record, evaluator) }
}

/// One group's running tally of one aggregate rule.
public protocol GroupAccumulator: Sendable {
  mutating func add(_ vote: any Sendable, id: String, applies: Truth)
  func decide(asOf: CalendarDate) -> CheckResult
  func whatIf(_ detail: Detail, uncounted: Int) -> (ifAllMet: Int, ifNoneMet: Int)?
  func standing(asOf: CalendarDate) -> Detail?
}

struct KindAccumulator<Kind: GroupCheckKind>: GroupAccumulator {
  let kind: Kind
  var tally: Kind.Tally

  mutating func add(_ vote: any Sendable, id: String, applies: Truth) {
    // Votes are made by the same kind (`anyVote`), so this always holds.
    guard let vote = vote as? Kind.Vote else { return }
    kind.tally(&tally, vote, id: id, applies: applies)
  }

  func decide(asOf: CalendarDate) -> CheckResult { kind.decide(tally, asOf: asOf) }

  func whatIf(_ detail: Detail, uncounted: Int) -> (ifAllMet: Int, ifNoneMet: Int)? {
    kind.whatIf(tally, detail, uncounted: uncounted)
  }

  func standing(asOf: CalendarDate) -> Detail? { kind.standing(tally, asOf: asOf) }
}

// MARK: - At the end of the run

/// A rule on a record that can only be decided once every record is read: a rank in the
/// city's population, a scorecard that counts other rules' outcomes. What a record leaves
/// for the end is `Pending`, encoded so that a large run keeps it on disk.
public protocol DeferredCheckKind: CheckKind {
  associatedtype Pending: SpillCodable & Sendable
  /// Rules of the same policy whose outcome on the record the decision needs. A kind that
  /// refers to none is decided first, so others may refer to it.
  var refersTo: [String] { get }
  /// The numbers of a record (any record the policy's area could rank, checked or not)
  /// that the end of the run ranks against, by population key.
  func measures(of record: Record, in policy: Policy) -> [(key: String, value: Double)]
  func pending(_ context: RecordContext) -> Pending
  func decide(_ pending: Pending, _ end: EndOfRun) -> CheckResult
}

extension DeferredCheckKind {
  public var scope: CheckScope { .deferred(self) }
  public var refersTo: [String] { [] }
  public func measures(of record: Record, in policy: Policy) -> [(key: String, value: Double)] { [] }

  public func encodedPending(_ context: RecordContext) -> [UInt8] {
    var out = SpillWriter()
    pending(context).encode(to: &out)
    return out.bytes
  }

  /// nil when the bytes do not decode (a damaged spill file).
  public func decide(encoded bytes: [UInt8], _ end: EndOfRun) -> CheckResult? {
    bytes.withUnsafeBufferPointer { buffer in
      var input = SpillReader(buffer)
      return Pending.decode(from: &input).map { decide($0, end) }
    }
  }
}

/// What the end of a run knows when it decides a deferred rule on one record.
public struct EndOfRun {
  /// Sorted values per population key (`measures`).
  public var populations: [String: Population]
  /// The outcome of each rule the deferred rule refers to, on the same record.
  public var outcomes: [String: Outcome]

  public init(populations: [String: Population], outcomes: [String: Outcome]) {
    self.populations = populations
    self.outcomes = outcomes
  }
}

// MARK: - Lint and examples

/// What a kind's lint checks see of the policy around the rule.
public struct LintContext {
  public let effectiveFrom: CalendarDate
  public let effectiveTo: CalendarDate?
  /// The ids of the policy's rules, for references.
  public let ruleIDs: Set<String>
  let issues: PolicyIssues

  init(effectiveFrom: CalendarDate, effectiveTo: CalendarDate?, ruleIDs: Set<String>, issues: PolicyIssues) {
    self.effectiveFrom = effectiveFrom
    self.effectiveTo = effectiveTo
    self.ruleIDs = ruleIDs
    self.issues = issues
  }

  public func isOutsidePeriod(_ date: CalendarDate) -> Bool {
    date < effectiveFrom || (effectiveTo.map { date > $0 } ?? false)
  }

  public func report(
    _ rule: String, zh: String, en: String, at range: SourceRange, severity: Severity = .error, fix: LocalizedText? = nil
  ) {
    issues.add(rule, zh, en, at: range, severity: severity, fix: fix)
  }
}

/// A kind's examples: the `check:` mapping of a rule, and records that pass and fail it.
/// Records give only the fields that matter; the test and the docs put each inside a
/// complete record (id, name, jurisdiction 四川省自贡市自流井区, as_of).
public struct KindExamples: Sendable {
  /// YAML of the rule's `check:` mapping, `kind:` included.
  public var check: String
  /// An `applies:` condition the example rule carries, if any.
  public var applies: String?
  /// The evaluation date of both examples.
  public var asOf: String
  /// Records (YAML mappings, flow or block) that together pass: for an aggregate, one group.
  public var passing: [String]
  public var failing: [String]
  /// What the rule gives on the passing records (every subject) and on the failing ones
  /// (some subject): a scorecard gives notices that differ in score.
  public var passingOutcome: Outcome
  public var failingOutcome: Outcome
  public var passingScore: Double?
  public var failingScore: Double?

  public init(
    check: String, applies: String? = nil, asOf: String = "2025-06-30", passing: [String], failing: [String],
    passingOutcome: Outcome = .pass, failingOutcome: Outcome = .fail, passingScore: Double? = nil,
    failingScore: Double? = nil
  ) {
    self.check = check
    self.applies = applies
    self.asOf = asOf
    self.passing = passing
    self.failing = failing
    self.passingOutcome = passingOutcome
    self.failingOutcome = failingOutcome
    self.passingScore = passingScore
    self.failingScore = failingScore
  }
}
