import Engine
import Foundation
import Policies
import Testing
import YAMLSource

@testable import Records

/// Events in a county's ledger (`SheetEvents`): a date column per event type, and an
/// events sheet of a workbook joined by 小区编码.
@Suite struct SheetEventsTests {
  static let header = "小区编码,小区名称,省,市,区县,数据截止日期,户数,物业服务方式,首次实现物业服务覆盖的日期,企业党组织"
  static func row(_ id: String, _ extra: String) -> String {
    "\(id),盐都花园,四川省,自贡市,大安区,2025-06-30,340,专业化物业服务,2018-05-01,是," + extra
  }

  static func check(_ decoded: [DecodedRecord]) -> [Finding] {
    var checker = Checker(policies: ShippedPolicies.all)
    for d in decoded { checker.add(d) }
    checker.finish()
    return checker.findings
  }

  static func outcome(_ findings: [Finding], _ rule: String, _ id: String) -> Outcome? {
    findings.first { $0.rule == rule && $0.subject == .record(id: id) }?.outcome
  }

  // MARK: - A date column per type

  @Test(
    "a 消防演练 column reports fire_drill: ZG-FIRE-DRILL is judged (pass, and fail on an empty cell); a type with no column stays insufficient")
  func perTypeColumn() throws {
    let text = [Self.header + ",消防演练日期", Self.row("Z-1", "2024/11/9"), Self.row("Z-2", ""), Self.row("Z-3", "无")]
      .joined(separator: "\n")
    let decoded = SpreadsheetTests.csv(text)
    #expect(decoded.flatMap(\.findings).filter { $0.severity == .error }.isEmpty)
    #expect(decoded.first?.record?.reportedEventTypes == ["fire_drill"])
    let findings = Self.check(decoded)
    #expect(Self.outcome(findings, "ZG-FIRE-DRILL", "Z-1") == nil)  // a pass gives no finding
    #expect(Self.outcome(findings, "ZG-FIRE-DRILL", "Z-2") == .fail)
    #expect(Self.outcome(findings, "ZG-FIRE-DRILL", "Z-3") == .fail)
    // party_service_project has no column: not reported, never "0 held".
    let projects = try #require(findings.first { $0.rule == "ZG-SERVICE-PROJECTS" && $0.subject == .record(id: "Z-1") })
    #expect(projects.outcome == .insufficient)
    #expect(projects.message.zh.contains("认领党建服务项目（party_service_project）"))
  }

  @Test("the same rule on a ledger with no event column at all is insufficient, as before")
  func noColumn() {
    let findings = Self.check(SpreadsheetTests.csv([Self.header, String(Self.row("Z-1", "").dropLast())].joined(separator: "\n")))
    #expect(Self.outcome(findings, "ZG-FIRE-DRILL", "Z-1") == .insufficient)
  }

  @Test("several dates in one cell, separated by 、，；; or a line break, in every date form")
  func severalDates() throws {
    let text = Self.header + ",消防演练\n" + Self.row("Z-1", "\"2023/4/1；2024年6月30日\n2024-11-2、2025.1.5,2025-3-1\"")
    let record = try #require(SpreadsheetTests.csv(text).first?.record)
    #expect(record.events.map(\.date.description) == ["2023-04-01", "2024-06-30", "2024-11-02", "2025-01-05", "2025-03-01"])
    #expect(record.events.allSatisfy { $0.type == "fire_drill" })
  }

  @Test("a bad date is an error at its cell naming the header; the cell's other dates are kept")
  func badDate() throws {
    let text = [Self.header + ",fire_drill", Self.row("Z-1", "2024/6/30；2024/13/2")].joined(separator: "\n")
    let decoded = try #require(SpreadsheetTests.csv(text).first)
    let error = try #require(decoded.findings.first { $0.severity == .error })
    #expect(error.rule == "REC-SCHEMA" && error.subject == .record(id: "Z-1"))
    #expect(error.range.start.line == 2 && error.range.start.column == text.split(separator: "\n")[1].count - 18)
    #expect(error.message.zh.contains("“2024/13/2”不是日期") && error.message.zh.contains("第2行 K列，表头“fire_drill”"))
    #expect(decoded.record?.events.map(\.date.description) == ["2024-06-30"])
  }

  @Test("- or / in an event column leaves that type unreported for the row")
  func dashIsUnreported() {
    let text = [Self.header + ",消防演练日期", Self.row("Z-1", "-")].joined(separator: "\n")
    let decoded = SpreadsheetTests.csv(text)
    #expect(decoded.first?.record?.reportedEventTypes == [])
    #expect(Self.outcome(Self.check(decoded), "ZG-FIRE-DRILL", "Z-1") == .insufficient)
  }

  @Test("event headers: the Chinese names of records.md, with 日期 or 时间, the type and events.<type>")
  func eventHeaders() {
    for (header, type) in [
      ("消防演练日期", "fire_drill"), ("消防演练", "fire_drill"), ("fire_drill", "fire_drill"), ("events.fire_drill", "fire_drill"),
      ("业委会主任述职时间", "chair_annual_report"), ("换届/离任经济责任审计", "turnover_audit"), ("公共收益收支公示日期", "public_revenue_disclosure"),
    ] {
      #expect(HeaderVocabulary.resolve(header) == .field("events." + type), "\(header)")
    }
    for type in RecordSchema.eventTypes { #expect(HeaderVocabulary.eventHeader(for: type) != nil, "\(type)") }
  }

  // MARK: - An events sheet

  static func workbook(events: [[String]], ledger: [[String]], eventsFirst: Bool = true) throws -> [DecodedRecord] {
    let e = XLSXWriter.Sheet(name: "活动记录", rows: events.map { $0.map { XLSXWriter.Cell.text($0) } }, headerRows: 1)
    let l = XLSXWriter.Sheet(name: "台账", rows: ledger.map { $0.map { XLSXWriter.Cell.text($0) } }, headerRows: 1)
    let bytes = try XLSXWriter.workbook(eventsFirst ? [e, l] : [l, e])
    return XLSXTests.read(bytes, file: "台账.xlsx")
  }

  static let ledgerRows: [[String]] =
    [Self.header.split(separator: ",").map(String.init)]
    + ["Z-1", "Z-2", "Z-3"].map {
      Self.row($0, "").split(separator: ",", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

  @Test("an events sheet joins its rows to the communities by 小区编码, in any order of rows and sheets")
  func eventsSheetJoin() throws {
    let events = [
      ["小区编码", "活动类型", "日期", "标题"], ["Z-3", "消防演练", "2024/11/2", "应急疏散"], ["Z-1", "fire_drill", "2024年6月30日", ""],
      ["Z-3", "认领党建服务项目", "2024-05-20", "楼道微改造"],
    ]
    for eventsFirst in [true, false] {
      let read = try Self.workbook(events: events, ledger: Self.ledgerRows, eventsFirst: eventsFirst)
      #expect(read.count == 3)
      #expect(read.flatMap(\.findings).filter { $0.severity == .error }.isEmpty, "\(read.flatMap(\.findings).map(\.message.zh))")
      let byID = Dictionary(uniqueKeysWithValues: read.compactMap(\.record).map { ($0.id, $0) })
      #expect(byID["Z-1"]?.events.map(\.type) == ["fire_drill"])
      #expect(byID["Z-3"]?.events.map(\.type) == ["fire_drill", "party_service_project"])
      #expect(byID["Z-3"]?.events.first?.title == "应急疏散")
      #expect(byID["Z-2"]?.events.isEmpty == true && byID["Z-2"]?.reportedEventTypes == nil)
      let findings = Self.check(read)
      // Every type is reported: Z-2 held no drill, a failure; Z-1 and Z-3 pass.
      #expect(Self.outcome(findings, "ZG-FIRE-DRILL", "Z-2") == .fail)
      #expect(Self.outcome(findings, "ZG-FIRE-DRILL", "Z-1") == nil && Self.outcome(findings, "ZG-FIRE-DRILL", "Z-3") == nil)
    }
  }

  @Test("an events row whose id matches no community, a bad type and a bad date are errors at their cells")
  func eventsSheetProblems() throws {
    let events = [
      ["小区编码", "活动类型", "日期"], ["Z-1", "消防演戏", "2024/11/2"], ["Z-9", "消防演练", "2024/11/2"], ["Z-2", "消防演练", "2024/2/30"],
    ]
    let read = try Self.workbook(events: events, ledger: Self.ledgerRows)
    let errors = read.flatMap(\.findings).filter { $0.severity == .error }
    #expect(errors.count == 3, "\(errors.map(\.message.zh))")
    let type = try #require(errors.first { $0.message.zh.contains("未知活动类型") })
    #expect(type.file == "台账.xlsx#活动记录" && type.range.start == SourceLocation(line: 2, column: 2))
    #expect(type.subject == .record(id: "Z-1") && type.message.zh.contains("活动记录!B2") && type.message.zh.contains("消防演练"))
    let unknown = try #require(errors.first { $0.message.zh.contains("Z-9") })
    #expect(unknown.range.start == SourceLocation(line: 3, column: 1) && unknown.message.zh.contains("活动记录!A3"))
    let date = try #require(errors.first { $0.message.zh.contains("2024/2/30") })
    #expect(date.range.start == SourceLocation(line: 4, column: 3) && date.subject == .record(id: "Z-2"))
    // The ledger's three records, then the rows that could not be placed: one input error.
    #expect(read.count == 4 && read.prefix(3).allSatisfy { $0.record != nil } && read[3].isInputError)
    #expect(read[3].findings.contains { $0.message.zh.contains("Z-9") })
  }

  @Test("所属期间 in the events sheet: a 2023 report given in January 2024 counts for 2023; a period not yet ended is an error")
  func eventsSheetPeriod() throws {
    let events = [
      ["小区编码", "活动类型", "日期", "所属期间"], ["Z-1", "业委会主任述职", "2024/1/15", "2023年度"], ["Z-2", "公共收益收支公示", "2024/1/10", "2023年第四季度"],
      ["Z-3", "业委会主任述职", "2024/1/15", "2024"],
    ]
    let read = try Self.workbook(events: events, ledger: Self.ledgerRows)
    let byID = Dictionary(uniqueKeysWithValues: read.compactMap(\.record).map { ($0.id, $0) })
    #expect(byID["Z-1"]?.events.first?.period == ReportingPeriod(year: 2023))
    #expect(byID["Z-2"]?.events.first?.period == ReportingPeriod(year: 2023, quarter: 4))
    #expect(byID["Z-3"]?.events.isEmpty == true)
    let error = try #require(read.flatMap(\.findings).first { $0.severity == .error })
    #expect(error.message.zh.contains("所属期间 2024") && error.range.start == SourceLocation(line: 4, column: 4))
  }

  @Test("an events table in CSV read on its own is one located error saying it joins the ledger files of its folder")
  func csvEventsFileAlone() throws {
    let decoded = SpreadsheetTests.csv("小区编码,活动类型,日期\nZ-1,消防演练,2024/11/2\n", file: "活动记录.csv")
    #expect(decoded.count == 1 && decoded[0].record == nil)
    #expect(decoded[0].findings.first?.message.zh.contains("须与台账 CSV 放在同一目录中") == true)
  }

  // MARK: - A CSV events file in the ledger's folder

  /// A folder with a ledger CSV and an events CSV (GBK, as Excel saves it), checked
  /// through the binary: the findings as JSON.
  static func checkFolder(events name: String) throws -> (findings: [[String: Any]], inputs: [String]) {
    let folder = NSTemporaryDirectory() + "jiayuan-sheet-events-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let ledger = ([Self.header] + ["Z-1", "Z-2", "Z-3"].map { String(Self.row($0, "").dropLast()) }).joined(separator: "\r\n")
    try ledger.write(toFile: folder + "/ledger.csv", atomically: true, encoding: .utf8)
    let events =
      "小区编码,活动类型,日期,所属期间\r\nZ-3,消防演练,2024/11/2,\r\nZ-9,消防演练,2024/11/2,\r\nZ-1,业委会主任述职,2024/1/15,2023年度\r\nZ-1,消防演练,2024年6月30日,\r\n"
    try Data(try CSVEncodingTests.gbk(events)).write(to: URL(fileURLWithPath: folder + "/" + name))
    let run = try Support.run(["check", folder, "--policy", "zigong-2024-2026", "--format", "json", "--no-progress"])
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let inputs = (object?["inputs"] as? [[String: Any]] ?? []).compactMap {
      ($0["path"] as? String).map { String($0.split(separator: "/").last ?? "") }
    }
    return (object?["findings"] as? [[String: Any]] ?? [], inputs)
  }

  @Test(
    "a CSV events file (GBK) in the ledger's folder joins by 小区编码, whether it sorts before or after the ledger; an unknown id is located in it",
    arguments: ["0-活动记录.csv", "活动记录.csv"])
  func csvFolderJoin(name: String) throws {
    let (findings, inputs) = try Self.checkFolder(events: name)
    func outcome(_ id: String) -> String? {
      findings.first { $0["rule"] as? String == "ZG-FIRE-DRILL" && $0["subject"] as? String == id }?["outcome"] as? String
    }
    #expect(outcome("Z-1") == nil && outcome("Z-3") == nil)  // passes
    #expect(outcome("Z-2") == "fail")  // the folder reports every type: no row, no drill
    let unknown = try #require(findings.first { ($0["message"] as? String)?.contains("Z-9") == true })
    #expect(unknown["file"] as? String == nil || (unknown["file"] as? String)?.hasSuffix(name) == true)
    #expect(unknown["line"] as? Int == 3 && unknown["column"] as? Int == 1)
    // Reported after the ledger it joins, read as GB18030.
    #expect(inputs == ["ledger.csv", name])
  }
}

/// docs/records*.md give each event type's spreadsheet name, as `HeaderVocabulary` has it.
@Suite struct SheetEventsDocsTests {
  @Test func eventTableNamesTheHeaders() throws {
    for name in ["docs/records.md", "docs/records.en.md"] {
      let text = String(decoding: Support.bytes(name), as: UTF8.self)
      for (type, terms) in HeaderVocabulary.eventTerms {
        #expect(
          text.split(separator: "\n").contains { $0.hasPrefix("| `\(type)` |") && $0.hasSuffix("| \(terms[0]) |") }, "\(name): \(type)")
      }
    }
  }
}
