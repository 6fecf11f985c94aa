import Foundation
import Testing

@testable import Engine
@testable import Policies
@testable import Records

/// Every kind's examples are run, and the docs' table of kinds is the one the kinds make.
@Suite struct CheckKindTests {
  /// The example rule inside a minimal policy of 四川省自贡市, effective from 2020.
  static func policy(for kind: any CheckKind.Type) throws -> Policy {
    let examples = kind.examples
    let text = """
      format: jiayuan-policy/1
      id: kind-example
      version: 1.0.0
      title: {zh: 示例, en: example}
      document: {title: 示例}
      jurisdiction: {province: 四川省, city: 自贡市}
      effective: {from: 2020-01-01}
      rules:
        - id: EX-RULE
          severity: error
          title: {zh: 示例规则, en: example rule}
          message: {zh: "示例 {actual}", en: "example {actual}"}
          citation: {clause: 一, text: 示例}
      \(examples.applies.map { "    applies: \"\($0)\"\n" } ?? "")    check: \(examples.check)

      """
    let loaded = PolicyLoader.load(Array(text.utf8), file: "example.yaml")
    #expect(loaded.findings.isEmpty, "\(kind.name): \(loaded.findings.map(\.message.en))")
    return try #require(loaded.policy)
  }

  /// A partial record (a flow mapping) inside a complete one.
  static func record(_ partial: String, number: Int, asOf: String) -> String {
    let inner = partial.trimmingCharacters(in: .whitespaces).dropFirst().dropLast()
    let households = partial.contains("households:") ? "" : "households: 100, "
    return """
      {id: EX-\(number), name: 示例小区\(number), jurisdiction: {province: 四川省, city: 自贡市, county: 自流井区}, \
      as_of: \(asOf), \(households)\(inner)}
      """
  }

  static func outcomes(_ kind: any CheckKind.Type, _ records: [String]) throws -> [RuleOutcome] {
    let examples = kind.examples
    let text = records.enumerated().map { record($1, number: $0, asOf: examples.asOf) }.joined(separator: "\n---\n")
    var checker = Checker(policies: [try policy(for: kind)], asOf: CalendarDate(examples.asOf))
    checker.keepOutcomes = true
    RecordSource.records(in: Array(text.utf8), file: "example.yaml", isCSV: false) { checker.add($0) }
    checker.finish()
    let inputErrors = checker.findings.filter { $0.rule.hasPrefix("REC-") }
    #expect(inputErrors.isEmpty, "\(kind.name): \(inputErrors.map(\.message.en))")
    return checker.outcomes.filter { $0.rule == "EX-RULE" }
  }

  @Test("each kind's passing example passes and its failing example fails", arguments: CheckKinds.all.map { $0.name })
  func examples(_ name: String) throws {
    let kind = try #require(CheckKinds.named(name))
    let examples = kind.examples
    let passing = try Self.outcomes(kind, examples.passing)
    #expect(!passing.isEmpty && passing.allSatisfy { $0.outcome == examples.passingOutcome }, "\(passing.map(\.outcome))")
    let failing = try Self.outcomes(kind, examples.failing)
    #expect(failing.contains { $0.outcome == examples.failingOutcome }, "\(failing.map(\.outcome))")
    if let score = examples.passingScore { #expect(passing.flatMap(\.findings).compactMap(\.score) == [score]) }
    if let score = examples.failingScore { #expect(failing.flatMap(\.findings).compactMap(\.score) == [score]) }
  }

  /// The per-year fee check (the kind added to show that a kind is one file and a line):
  /// each failing year is its own finding, a year with half its data is insufficient, and
  /// a community with no completed year is not judged.
  @Test func feeCollectionJudgesEveryCompletedYear() throws {
    let two = try Self.outcomes(
      FeeCollectionCheck.self,
      [
        "{fees: {2022: {due: 100, collected: 70}, 2023: {due: 100, collected: 95}, 2024: {due: 100, collected: 80}, 2025: {due: 100, collected: 1}}}"
      ]
    )
    #expect(two.map(\.outcome) == [.fail])
    #expect(two.flatMap(\.findings).map(\.period) == ["2022", "2024"])
    #expect(two.flatMap(\.findings).map { $0.actual?.description } == ["70% (70/100)", "80% (80/100)"])
    let half = try Self.outcomes(FeeCollectionCheck.self, ["{fees: {2024: {due: 100}}}"])
    #expect(half.map(\.outcome) == [.insufficient] && half.first?.findings.first?.missing == "fees.2024.collected")
  }

  /// The keys come from what each reader asks, so the docs, the schema and lint agree.
  @Test func keysAreWhatTheReaderAsks() throws {
    #expect(RatioCheck.keys == ["numerator", "denominator", "min", "max"])
    #expect(EventCountCheck.keys == ["events", "min", "since", "period", "grace_months", "window", "campaign"])
    #expect(EventFollowedByCheck.keys == ["event", "followed_by", "within_days", "since"])
    #expect(AttendanceCheck.keys == ["events", "roles", "required_when", "window", "campaign"])
    #expect(GroupCountCheck.keys == ["group_by", "predicate", "max", "min", "deadline", "per_year"])
    for kind in CheckKinds.all {
      #expect(!kind.keys.isEmpty, "\(kind.name)")
      #expect(!kind.keys.contains("kind"))
    }
  }

  /// `docs/policy-language.md` holds `CheckKinds.reference` between its markers;
  /// `JIAYUAN_RECORD_GOLDEN=1` rewrites it.
  @Test func docsTableIsTheKindsOwn() throws {
    let url = Support.packageRoot.appendingPathComponent("docs/policy-language.md")
    let doc = String(decoding: try Data(contentsOf: url), as: UTF8.self)
    let begin = "<!-- kinds:begin (generated from CheckKinds.reference; JIAYUAN_RECORD_GOLDEN=1 swift test rewrites it) -->\n"
    let end = "<!-- kinds:end -->"
    let start = try #require(doc.range(of: begin), "docs/policy-language.md has no kinds markers")
    let stop = try #require(doc.range(of: end, range: start.upperBound..<doc.endIndex))
    let current = String(doc[start.upperBound..<stop.lowerBound])
    if ProcessInfo.processInfo.environment["JIAYUAN_RECORD_GOLDEN"] == "1" {
      try Data((doc[..<start.upperBound] + CheckKinds.reference + doc[stop.lowerBound...]).utf8).write(to: url)
      return
    }
    #expect(current == CheckKinds.reference, "docs/policy-language.md's kinds table is stale; re-record with JIAYUAN_RECORD_GOLDEN=1")
  }
}
