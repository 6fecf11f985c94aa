import Records
import Testing
import YAMLSource

@Suite struct RecordTests {
  private func decode(_ text: String, csv: Bool = false) -> [DecodedRecord] {
    var out: [DecodedRecord] = []
    RecordSource.records(in: Array(text.utf8), file: csv ? "t.csv" : "t.yaml", isCSV: csv) { out.append($0) }
    return out
  }

  private let valid = """
    id: T-1
    name: 测试
    jurisdiction: {province: 安徽省, city: 六安市, county: 舒城县}
    as_of: 2024-06-30
    households: 100

    """

  @Test func aValidRecordDecodes() throws {
    let records = decode(valid + "owners_committee: {kind: committee, members: 7, party_members: 4}\n")
    let record = try #require(records.first?.record)
    #expect(record.id == "T-1")
    #expect(record["owners_committee.members"]?.value == .integer(7))
    #expect(record["owners_committee.members"]?.range.start == SourceLocation(line: 6, column: 46))
    #expect(records.first?.findings.isEmpty == true)
  }

  @Test func unknownFieldSuggestsTheNearestName() {
    let findings = decode(valid + "housholds_total: 3\nowners_comittee: {members: 1}\n").flatMap(\.findings)
    #expect(findings.count == 2)
    #expect(findings[1].message.en == "unknown field owners_comittee; did you mean owners_committee?")
    #expect(findings[1].range.start == SourceLocation(line: 7, column: 1))
  }

  @Test func yaml11BooleansAreExplained() {
    let f = decode(valid + "owners_assembly: yes\n").flatMap(\.findings)
    #expect(f.count == 1)
    #expect(f.first?.message.en.contains("YAML 1.1 read it as true") == true)
    #expect(f.first?.range.start == SourceLocation(line: 6, column: 18))
  }

  @Test func octalLookingNumbersWarnButLoad() {
    let r = decode(valid + "built_year: 02015\n")
    #expect(r.first?.record?["built_year"]?.value == .integer(2015))
    #expect(r.first?.findings.first?.severity == .warning)
  }

  @Test func impossibleDatesAndRanges() {
    let f = decode(
      """
      id: T-2
      name: x
      jurisdiction: {province: 安徽省, city: 六安市, county: 舒城县}
      as_of: 2023-02-30
      households: -5
      garbage_sorting: {door_to_door_rate: .nan}
      """
    ).flatMap(\.findings)
    #expect(f.map(\.range.start.line) == [4, 5, 6])
    #expect(f[0].message.en.contains("no such calendar date"))
    #expect(f[1].message.en.contains("at least 1"))
    #expect(f[2].message.en.contains("finite"))
  }

  @Test func missingRequiredFieldsAreNamed() {
    let f = decode("id: T-3\nname: x\n").flatMap(\.findings)
    #expect(f.contains { $0.message.en == "required field as_of is missing" })
    #expect(f.contains { $0.message.en == "required field jurisdiction.province is missing" })
    #expect(decode("id: T-3\nname: x\n").first?.isInputError == true)
  }

  @Test func aDocumentThatIsNotAMappingIsAnInputError() {
    let r = decode("- a\n- b\n")
    #expect(r.count == 1)
    #expect(r[0].isInputError)
    #expect(r[0].findings.first?.rule == "REC-SCHEMA")
  }

  @Test func oneBadDocumentLeavesTheOthers() {
    let r = decode(valid + "---\nid: [\n---\n" + valid)
    #expect(r.count == 3)
    #expect(r[0].record != nil)
    #expect(r[1].findings.first?.rule == "REC-PARSE")
    // Reading resumed at the next `---`: the last document is read.
    #expect(r[2].record != nil && r[2].origin.index == 2)
  }

  @Test func csvCellsAreTypedByTheirFieldWithPositions() {
    let csv =
      "id,name,jurisdiction.province,jurisdiction.city,jurisdiction.county,as_of,households,owners_assembly,fees.2023.due\n"
      + "0007,\"甲, 乙\",安徽省,六安市,舒城县,2024-06-30,120,true,1000\n" + "B,乙,安徽省,六安市,舒城县,2024-06-30,1x,yes,\n"
    let r = decode(csv, csv: true)
    #expect(r.count == 2)
    #expect(r[0].record?.id == "0007")
    #expect(r[0].record?.name == "甲, 乙")
    #expect(r[0].record?["fees.2023.due"]?.value == .number(1000))
    #expect(r[1].findings.map(\.range.start) == [SourceLocation(line: 3, column: 28), SourceLocation(line: 3, column: 31)])
  }

  @Test func csvRaggedRowsAndBOM() {
    let r = decode("\u{FEFF}id,name\nA,x,extra\n", csv: true)
    #expect(r.count == 1)
    #expect(r[0].findings.first?.rule == "REC-PARSE")
    #expect(r[0].findings.first?.range.start == SourceLocation(line: 2, column: 5))
  }

  @Test func recordChecks() throws {
    let text =
      valid + """
        owners_committee: {kind: committee, members: 3, party_members: 4, cross_appointed: 2}
        fees: {2023: {due: 100, collected: 120}}
        events: [{date: 2024-07-01, type: fire_drill}]
        """
    let record = try #require(decode(text).first?.record)
    let rules = RecordChecks.check(record).map(\.rule)
    #expect(rules.sorted() == ["REC-COLLECTED-EXCEEDS-DUE", "REC-FUTURE-EVENT", "REC-PARTY-MEMBERS"])
  }

  @Test func calendarArithmetic() throws {
    let leap = try #require(CalendarDate("2024-02-29"))
    #expect(leap.adding(months: -12).description == "2023-02-28")
    #expect(leap.adding(days: 1).description == "2024-03-01")
    #expect(try #require(CalendarDate("2024-01-01")).days(since: try #require(CalendarDate("2023-01-01"))) == 365)
    #expect(CalendarDate("2023-02-29") == nil)
  }
}

@Suite struct CSVControlCharacterTests {
  @Test func aNulInACSVCellIsALocatedParseError() {
    var out: [DecodedRecord] = []
    RecordSource.records(in: Array("id,name\nA,x\u{0}y\n".utf8), file: "t.csv", isCSV: true) { out.append($0) }
    #expect(out.count == 1)
    #expect(out.first?.findings.first?.rule == "REC-PARSE")
    #expect(out.first?.findings.first?.range.start == SourceLocation(line: 2, column: 4))
  }
}

@Suite struct ReportingPeriodTests {
  @Test(arguments: [
    ("2023", "2023", "2023-01-01", "2023-12-31"),
    ("2023Q4", "2023Q4", "2023-10-01", "2023-12-31"),
    ("2024q1", "2024Q1", "2024-01-01", "2024-03-31"),
    ("2023-Q2", "2023Q2", "2023-04-01", "2023-06-30"),
    ("2023年", "2023", "2023-01-01", "2023-12-31"),
    ("2023年度", "2023", "2023-01-01", "2023-12-31"),
    ("2023年第四季度", "2023Q4", "2023-10-01", "2023-12-31"),
    ("2023年第3季度", "2023Q3", "2023-07-01", "2023-09-30"),
  ])
  func readsTheFormsALedgerWrites(text: String, label: String, start: String, end: String) {
    let period = ReportingPeriod(text)
    #expect(period?.description == label)
    #expect(period?.start.description == start)
    #expect(period?.end.description == end)
  }

  @Test(arguments: ["2023Q5", "2023Q0", "23", "2023年第五季度", "Q4", "", "2023-12", "２０２３"])
  func refusesWhatIsNotAYearOrAQuarter(text: String) {
    #expect(ReportingPeriod(text) == nil)
  }

  @Test func anEventWithAPeriodCountsThereAndNotWhereItsDateFalls() throws {
    let date = try #require(CalendarDate("2024-01-15"))
    let y2023 = try #require(ReportingPeriod(year: 2023))
    let y2024 = try #require(ReportingPeriod(year: 2024))
    let range = SourceRange(at: SourceLocation(line: 1, column: 1))
    let labelled = Event(date: date, type: "chair_annual_report", period: y2023, range: range)
    #expect(labelled.counts(for: y2023))
    #expect(!labelled.counts(for: y2024))
    let unlabelled = Event(date: date, type: "chair_annual_report", range: range)
    #expect(unlabelled.counts(for: y2024))
    #expect(!unlabelled.counts(for: y2023))
  }
}
