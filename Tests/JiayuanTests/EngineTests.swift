import Engine
import Policies
import Records
import Testing

@Suite struct EngineTests {
  @Test func trailingWindowsEndOnTheAsOfDate() throws {
    let window = try #require(TrailingWindow("1y"))
    #expect(window.start(endingOn: try #require(CalendarDate("2024-02-29"))).description == "2023-03-01")
    #expect(window.start(endingOn: try #require(CalendarDate("2024-06-30"))).description == "2023-07-01")
    #expect(TrailingWindow("2x") == nil)
  }

  /// The same records give the same findings alone and in a mix with broken ones.
  @Test func aRecordsFindingsDoNotDependOnItsNeighbours() throws {
    let good = Support.bytes("examples/records/shucheng/meishan.yaml")
    func findings(_ files: [(String, [UInt8])]) -> [Finding] {
      var checker = Checker(policies: ShippedPolicies.all)
      for (name, bytes) in files { RecordSource.records(in: bytes, file: name, isCSV: false) { checker.add($0) } }
      checker.finish()
      return checker.findings.filter { $0.subject == .record(id: "AH-LA-SC-0001") }
    }
    let alone = findings([("a.yaml", good)])
    let mixed = findings([("0.yaml", Array("id: [".utf8)), ("a.yaml", good), ("b.yaml", Array("- 1\n".utf8))])
    #expect(!alone.isEmpty)
    #expect(alone.map(\.message) == mixed.map(\.message))
  }

  @Test func summaryAccountsForEveryRecord() {
    var checker = Checker(policies: ShippedPolicies.all)
    let text = """
      id: A
      name: a
      jurisdiction: {province: 河北省, city: 石家庄市, county: 长安区}
      as_of: 2024-01-01
      households: 10
      ---
      id: A
      name: b
      jurisdiction: {province: 河北省, city: 石家庄市, county: 长安区}
      as_of: 2024-01-01
      households: 10
      ---
      - not a record
      """
    RecordSource.records(in: Array(text.utf8), file: "m.yaml", isCSV: false) { checker.add($0) }
    checker.finish()
    let s = checker.summary
    #expect(s.records == 3)
    #expect(s.skipped == 1)
    #expect(s.inputErrors == 2)
    #expect(s.records == s.checked + s.skipped + s.inputErrors)
    #expect(checker.findings.contains { $0.rule == "REC-DUPLICATE-ID" && $0.range.start.line == 7 })
  }
}

/// A spreadsheet row gives no way to report events: event rules on it are insufficient
/// ("表格未提供消防演练（fire_drill）的活动记录"), never a failure with 实际 0 (rules.md, absent data). Before, every
/// ledger row failed ZG-FIRE-DRILL and SC-CHAIR-REPORT as artefacts.
@Suite struct SpreadsheetEventsTests {
  @Test func eventRulesOnARowWithoutEventsAreInsufficient() throws {
    var checker = Checker(policies: ShippedPolicies.all)
    RecordSource.records(in: Support.bytes("examples/records/zigong/communities.csv"), file: "z.csv", isCSV: true) {
      checker.add($0)
    }
    checker.finish()
    let drills = checker.findings.filter { $0.rule == "ZG-FIRE-DRILL" }
    #expect(!drills.isEmpty)
    #expect(drills.allSatisfy { $0.outcome == .insufficient && $0.missing == "events" })
    #expect(drills.first?.message.zh.contains("表格未提供消防演练（fire_drill）的活动记录") == true)
    // The same record in YAML with no events listed: none held, a failure.
    let yaml = """
      id: Z-1
      name: 盐都花园
      jurisdiction: {province: 四川省, city: 自贡市, county: 自流井区}
      as_of: 2025-06-30
      households: 400
      property_service: {mode: professional, since: 2024-05-01, company_party_org: true}
      """
    var alone = Checker(policies: ShippedPolicies.all)
    RecordSource.records(in: Array(yaml.utf8), file: "z.yaml", isCSV: false) { alone.add($0) }
    alone.finish()
    #expect(alone.findings.first { $0.rule == "ZG-FIRE-DRILL" }?.outcome == .fail)
  }
}
