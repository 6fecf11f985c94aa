import Engine
import Foundation
import Policies
import Records
import Testing

/// A regulator acts on one line: an aggregate counts every community of its group, or
/// names it with the reason (rules.md, aggregate accounting). The figures are worked by
/// hand from SC-PROPERTY-COVERAGE (舒城县, 100% property-service coverage by 2023-12-31).
@Suite struct AggregateAccountingTests {
  static let header =
    "id,name,jurisdiction.province,jurisdiction.city,jurisdiction.county,as_of,households,property_service.mode,garbage_sorting.door_to_door_rate\n"

  /// A 30-row county ledger: rows 28–30 without property service.
  static func ledger(badCell: (Int) -> Bool, asOf: (Int) -> String = { _ in "2024-06-30" }) -> String {
    var text = header
    for n in 1...30 {
      let mode = n > 27 ? "none" : "professional"
      text += "AH-LA-SC-\(n),小区\(n),安徽省,六安市,舒城县,\(asOf(n)),100,\(mode),\(badCell(n) ? "abc" : "0.5")\n"
    }
    return text
  }

  static func coverage(_ csv: String) throws -> Finding {
    var checker = Checker(policies: ShippedPolicies.all)
    RecordSource.records(in: Array(csv.utf8), file: "台账.csv", isCSV: true) { checker.add($0) }
    checker.finish()
    return try #require(checker.findings.first { $0.rule == "SC-PROPERTY-COVERAGE" && $0.outcome == .fail })
  }

  /// Before: a bad optional cell dropped the whole row, 13/15 with gap 2 for 15 bad cells.
  @Test func aBadOptionalCellDoesNotDropTheCommunity() throws {
    let f = try Self.coverage(Self.ledger(badCell: { $0 % 2 == 0 }))
    #expect(f.actual == .share(part: 27, whole: 30))
    #expect(f.gap == 3)
    #expect(f.failingRecords == ["AH-LA-SC-28", "AH-LA-SC-29", "AH-LA-SC-30"])
    #expect(f.notCounted.isEmpty)
  }

  /// A record dated before the programme took effect (2023-03-06) is not counted, and is
  /// named: before, it counted and the gap was one more.
  @Test func membershipIsDecidedAtEachRecordsDate() throws {
    let f = try Self.coverage(Self.ledger(badCell: { _ in false }, asOf: { $0 == 30 ? "2023-03-05" : "2024-06-30" }))
    #expect(f.actual == .share(part: 27, whole: 29))
    #expect(f.gap == 2)
    #expect(f.notCounted.map(\.id) == ["AH-LA-SC-30"] && f.notCounted.first?.reason == .beforeEffective)
  }

  /// A row that cannot be placed (its as_of unreadable) but whose county can be read is
  /// named by the county's figure; where it could turn the verdict, both gaps are given.
  @Test func inputErrorsInsideTheGroupAreNamed() throws {
    var csv = Self.header
    for n in 1...9 { csv += "AH-LA-SC-\(n),小区\(n),安徽省,六安市,舒城县,2024-06-30,100,professional,0.5\n" }
    csv += "AH-LA-SC-10,小区10,安徽省,六安市,舒城县,昨天,100,none,0.5\n"
    var checker = Checker(policies: ShippedPolicies.all)
    RecordSource.records(in: Array(csv.utf8), file: "台账.csv", isCSV: true) { checker.add($0) }
    checker.finish()
    // 9 of 9 counted meet the 100% target, but the tenth could be either way.
    let notices = checker.findings.filter { $0.rule == "SC-PROPERTY-COVERAGE" }
    #expect(checker.summary.inputErrors == 1)
    let f = try #require(notices.first)
    #expect(f.notCounted.map(\.id) == ["AH-LA-SC-10"] && f.notCounted.first?.reason == .inputError)
    #expect(f.gapIfAllMet == 0 && f.gapIfNoneMet == 1)
  }

  /// Property: over generated ledgers with random faults, every aggregate counts or names
  /// every record of its group, on 1 and 2 threads alike.
  @Test func countedPlusNotCountedIsTheGroup() throws {
    var rng = AccountingPropertyTests.PRNG(state: 2026)
    for _ in 0..<20 {
      var csv = Self.header
      var placed = 0
      for n in 1...(5 + rng.int(30)) {
        let mode = rng.int(4) == 0 ? "none" : "professional"
        let date = ["2024-06-30", "2024-06-30", "2023-01-01", "昨天"][rng.int(4)]
        // A ragged row (an unquoted comma) is an input error that can still be placed.
        let cell = ["abc", "0.5", "0.5", "1,5"][rng.int(4)]
        csv += "AH-LA-SC-\(n),小区\(n),安徽省,六安市,舒城县,\(date),100,\(mode),\(cell)\n"
        placed += 1
      }
      var checker = Checker(policies: ShippedPolicies.all)
      RecordSource.records(in: Array(csv.utf8), file: "台账.csv", isCSV: true) { checker.add($0) }
      checker.finish()
      for f in checker.findings where f.rule == "SC-PROPERTY-COVERAGE" {
        guard case .share(_, let whole)? = f.actual else { continue }
        #expect(Int(whole) + f.notCounted.count == placed, "\(f.message.en) \(f.notCounted.map(\.id))")
      }
    }
  }
}

/// Property (issue 12): over generated county ledgers with random faults, every aggregate's
/// verdict and figure on the faulty ledger equal those on its faultless subset with the
/// field-level faults repaired — the rows that are input errors left out, the bad optional
/// cells given good values. A fault changes what is named, never the figure of the rest.
@Suite struct FaultsDoNotMoveTheFigureTests {
  static func aggregates(_ csv: String) -> [String: String] {
    var checker = Checker(policies: ShippedPolicies.all)
    RecordSource.records(in: Array(csv.utf8), file: "台账.csv", isCSV: true) { checker.add($0) }
    checker.finish()
    var out: [String: String] = [:]
    for f in checker.findings where f.subject.key.hasPrefix("county:") && f.outcome == .fail {
      out[f.rule] = "\(f.actual.map { "\($0)" } ?? "-") gap \(f.gap.map(String.init) ?? "-")"
    }
    return out
  }

  @Test func theFigureOfTheRestIsTheFigureOfTheFaultlessSubset() {
    var rng = AccountingPropertyTests.PRNG(state: 1202)
    for _ in 0..<20 {
      var faulty = AggregateAccountingTests.header
      var repaired = AggregateAccountingTests.header
      for n in 1...(5 + rng.int(30)) {
        let mode = rng.int(4) == 0 ? "none" : "professional"
        let row = { (date: String, cell: String) in "AH-LA-SC-\(n),小区\(n),安徽省,六安市,舒城县,\(date),100,\(mode),\(cell)\n" }
        switch rng.int(5) {
        case 0:  // an input error (as_of unreadable, or a ragged row): not in the subset
          faulty += rng.int(2) == 0 ? row("昨天", "0.5") : row("2024-06-30", "1,5")
        case 1:  // a bad optional cell: repaired in the subset
          faulty += row("2024-06-30", ["abc", "\"1,5\"", "2.5", "无效"][rng.int(4)])
          repaired += row("2024-06-30", "0.5")
        default:
          faulty += row("2024-06-30", "0.5")
          repaired += row("2024-06-30", "0.5")
        }
      }
      #expect(Self.aggregates(faulty) == Self.aggregates(repaired), "\(faulty)")
    }
  }
}

/// Before, a county whose every row was an input error gave no aggregate finding at all:
/// its coverage line vanished from the report while the run's verdict read as if the
/// county had been judged.
@Suite struct OnlyInputErrorsInAGroupTests {
  @Test func theAggregateIsInsufficientAndNamesThem() throws {
    var csv = AggregateAccountingTests.header
    for n in 1...3 { csv += "AH-LA-SC-\(n),小区\(n),安徽省,六安市,舒城县,昨天,100,none,0.5\n" }
    var checker = Checker(policies: ShippedPolicies.all)
    RecordSource.records(in: Array(csv.utf8), file: "台账.csv", isCSV: true) { checker.add($0) }
    checker.finish()
    #expect(checker.summary.inputErrors == 3)
    let coverage = try #require(checker.findings.first { $0.rule == "SC-PROPERTY-COVERAGE" })
    #expect(coverage.outcome == .insufficient)
    #expect(coverage.notCounted.map(\.id) == ["AH-LA-SC-1", "AH-LA-SC-2", "AH-LA-SC-3"])
    #expect(coverage.notCounted.allSatisfy { $0.reason == .inputError })
    #expect(coverage.message.zh.contains("舒城县的 3 个小区均有输入错误"))
  }
}

/// rules.md, "Self-check or audit". Before, a property company's one-record self-check
/// failed on its county's coverage ("尚差 1 个小区", exit 1); a regulator's run over the
/// county still fails on it.
@Suite struct SelfCheckOrAuditTests {
  static func run(_ rows: Int, mode: CheckMode) throws -> (coverage: Finding?, summary: RunSummary) {
    var csv = AggregateAccountingTests.header
    for n in 1...rows { csv += "AH-LA-SC-\(n),小区\(n),安徽省,六安市,舒城县,2024-06-30,100,none,0.5\n" }
    var checker = Checker(policies: ShippedPolicies.all)
    checker.mode = mode
    RecordSource.records(in: Array(csv.utf8), file: "台账.csv", isCSV: true) { checker.add($0) }
    checker.finish()
    return (checker.findings.first { $0.rule == "SC-PROPERTY-COVERAGE" }, checker.summary)
  }

  @Test func oneRecordIsASelfCheckAndItsAreaTargetsAreNotices() throws {
    let (coverage, summary) = try Self.run(1, mode: .automatic)
    let f = try #require(coverage)
    #expect(f.outcome == .notice && f.severity == .info)
    #expect(f.message.zh.hasPrefix("自查提示：舒城县「物业服务全覆盖」须在 2023-12-31 前达到 100%"))
    #expect(f.message.zh.contains("本次记录中尚不满足该项的小区：AH-LA-SC-1"))
    #expect(summary.mode == "self_check")
  }

  @Test func twoRecordsInAGroupAreAnAuditOfIt() throws {
    let (coverage, summary) = try Self.run(2, mode: .automatic)
    #expect(coverage?.outcome == .fail && coverage?.gap == 2)
    #expect(summary.mode == "audit")
  }

  @Test func theFlagsForceEither() throws {
    #expect(try Self.run(1, mode: .audit).coverage?.outcome == .fail)
    let forced = try Self.run(3, mode: .selfCheck)
    #expect(forced.coverage?.outcome == .notice)
    #expect(forced.coverage?.message.en.contains("AH-LA-SC-1, AH-LA-SC-2, AH-LA-SC-3 do not meet it yet") == true)
    #expect(forced.summary.mode == "self_check")
  }

  @Test func theReportSaysWhichItWas() throws {
    let one = try Support.run(["check", "examples/records/jingan/daning.yaml", "--format", "json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
    let summary = try #require(object["summary"] as? [String: Any])
    #expect(["self_check", "none"].contains(summary["mode"] as? String ?? ""))
    let county = try Support.run(["check", "examples/records/shucheng", "--lang", "en"])
    #expect(county.stdout.contains("an audit: area targets are judged"))
    let both = try Support.run(["check", "examples/records/shucheng", "--self-check", "--audit"])
    #expect(both.status == 2)
  }
}
