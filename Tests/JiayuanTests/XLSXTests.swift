import Engine
import Foundation
import Policies
import Testing
import YAMLSource
import ZIPFoundation

@testable import Records

/// `.xlsx` workbooks: a file LibreOffice wrote, cell types, merged headers, hostile archives.
@Suite struct XLSXTests {
  static let fixtures = "Tests/JiayuanTests/Fixtures/sheets/"

  static func read(_ bytes: [UInt8], file: String = "t.xlsx", caps: XLSXReader.Limits? = nil) -> [DecodedRecord] {
    var out: [DecodedRecord] = []
    XLSXReader.records(bytes, file: file, limits: .default, xlsx: caps) { out.append($0) }
    return out
  }

  static func records(_ name: String) -> [DecodedRecord] {
    var out: [DecodedRecord] = []
    RecordSource.records(in: Support.bytes(fixtures + name), file: name, kind: InputKind(path: name)) { out.append($0) }
    return out
  }

  static func errors(_ records: [DecodedRecord]) -> [Finding] { records.flatMap(\.findings).filter { $0.severity == .error } }

  @Test("the ledger saved by LibreOffice, as GB18030 CSV, as UTF-8 CSV with a BOM: the records of the YAML twin")
  func everyFormGivesTheTwin() throws {
    let twin = Self.records("ledger.yaml").map { SpreadsheetTests.values($0.record) }
    #expect(twin.count == 3 && !twin.contains { $0.isEmpty })
    for name in ["ledger.xlsx", "ledger.csv", "ledger-gbk.csv", "ledger-bom.csv"] {
      let read = Self.records(name)
      #expect(Self.errors(read).isEmpty, "\(name): \(Self.errors(read).map(\.message.zh))")
      #expect(read.map { SpreadsheetTests.values($0.record) } == twin, "\(name)")
      let notes = read.flatMap(\.findings).map(\.message.zh)
      #expect(notes.contains { $0.contains("标题行") } && notes.contains { $0.contains("合计") }, "\(name): \(notes)")
    }
  }

  @Test("a LibreOffice workbook's places are sheet rows and column numbers, its file named with the sheet")
  func places() throws {
    let read = Self.records("ledger.xlsx")
    let record = try #require(read.first?.record)
    #expect(record.origin.file == "ledger.xlsx#ledger")
    // 户数 is column J of row 3.
    #expect(record.fields["households"]?.range.start == SourceLocation(line: 3, column: 10))
    #expect(record.fields["as_of"]?.value == .date(try #require(CalendarDate("2024-06-30"))))
  }

  @Test("cell types: shared and inline strings, numbers, booleans, dates (1900 and its fake leap day), errors")
  func cellTypes() throws {
    #expect(XLSXReader.Workbook.date(serial: 45473, date1904: false)?.description == "2024-06-30")
    #expect(XLSXReader.Workbook.date(serial: 61, date1904: false)?.description == "1900-03-01")
    #expect(XLSXReader.Workbook.date(serial: 59, date1904: false)?.description == "1900-02-28")
    #expect(XLSXReader.Workbook.date(serial: 0, date1904: true)?.description == nil)
    #expect(XLSXReader.Workbook.date(serial: 44011, date1904: true)?.description == "2024-06-30")
    #expect(XLSXReader.Workbook.shown(0.1 + 0.2) == "0.3")
    #expect(XLSXReader.Workbook.shown(1_250_000) == "1250000")
    #expect(XLSXReader.Workbook.isDateFormat(14, nil) && !XLSXReader.Workbook.isDateFormat(164, "General"))
    #expect(XLSXReader.Workbook.isDateFormat(176, #"yyyy"年"m"月"d"日""#))
    #expect(!XLSXReader.Workbook.isDateFormat(177, #"0.00"天""#))
    let sheet = XLSXWriter.Sheet(
      name: "台账",
      rows: [
        [.text("小区编码"), .text("小区名称"), .text("省"), .text("市"), .text("区县"), .text("数据截止日期"), .text("户数"), .text("业主大会")],
        [
          .text("X-1"), .text("甲"), .text("安徽省"), .text("六安市"), .text("舒城县"), .date(try #require(CalendarDate("2024-06-30"))), .number(420),
          .bool(true),
        ],
        [.text("X-2"), .text("乙"), .text("安徽省"), .text("六安市"), .text("舒城县"), .text("2024/6/30"), .text("#N/A"), .bool(false)],
      ], headerRows: 1)
    let read = Self.read(try XLSXWriter.workbook([sheet]))
    #expect(read.count == 2)
    let first = try #require(read.first?.record)
    #expect(first.fields["as_of"]?.value == .date(try #require(CalendarDate("2024-06-30"))))
    #expect(first.fields["households"]?.value == .integer(420) && first.fields["owners_assembly"]?.value == .boolean(true))
    let error = try #require(Self.errors(read).first)
    #expect(error.file == "t.xlsx#台账" && error.range.start == SourceLocation(line: 3, column: 7))
    #expect(error.message.zh.contains("台账!G3，表头“户数”"), "\(error.message.zh)")
  }

  @Test("merged header cells: a group row over the field row, 小区编码 merged down both rows")
  func mergedHeader() throws {
    var sheet = XLSXWriter.Sheet(
      name: "台账",
      rows: [
        [.text("舒城县小区台账")],
        [.text("小区编码"), .text("小区名称"), .text("省"), .text("市"), .text("区县"), .text("数据截止日期"), .text("户数"), .text("业委会"), .empty],
        [.empty, .empty, .empty, .empty, .empty, .empty, .empty, .text("委员人数"), .text("党员人数")],
        [.text("X-1"), .text("甲"), .text("安徽省"), .text("六安市"), .text("舒城县"), .text("2024-06-30"), .number(420), .number(7), .number(4)],
      ])
    sheet.merges = ["A1:I1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:I2"]
    let read = Self.read(try XLSXWriter.workbook([sheet]))
    #expect(Self.errors(read).isEmpty, "\(Self.errors(read).map(\.message.zh))")
    let record = try #require(read.first?.record)
    #expect(read.count == 1)
    #expect(record.fields["owners_committee.members"]?.value == .integer(7))
    #expect(record.fields["owners_committee.party_members"]?.value == .integer(4))
    #expect(record.fields["households"]?.value == .integer(420))
  }

  @Test("every sheet whose header names fields is a table; the others (a 填写说明, a chart's data) are passed over")
  func sheets() throws {
    let header: [XLSXWriter.Cell] = [.text("id"), .text("name"), .text("省"), .text("市"), .text("区县"), .text("as_of"), .text("户数")]
    func row(_ id: String) -> [XLSXWriter.Cell] {
      [.text(id), .text("甲"), .text("安徽省"), .text("六安市"), .text("舒城县"), .text("2024-06-30"), .number(100)]
    }
    let book = try XLSXWriter.workbook([
      XLSXWriter.Sheet(name: "城关镇", rows: [header, row("A-1"), row("A-2")]),
      XLSXWriter.Sheet(name: "填写说明", rows: [[.text("表头"), .text("字段")], [.text("小区编码"), .text("id")]]),
      XLSXWriter.Sheet(name: "统计", rows: [[.text("街道"), .text("小区数")], [.text("城关镇"), .number(2)]]),
      XLSXWriter.Sheet(name: "千人桥镇", rows: [header, row("B-1")]),
    ])
    let read = Self.read(book)
    #expect(read.map { $0.id ?? "-" } == ["A-1", "A-2", "B-1"])
    #expect(read.map(\.origin.file) == ["t.xlsx#城关镇", "t.xlsx#城关镇", "t.xlsx#千人桥镇"])
    let none = Self.read(try XLSXWriter.workbook([XLSXWriter.Sheet(name: "Sheet1", rows: [[.text("a"), .text("b")]])]))
    #expect(none.count == 1 && none[0].isInputError)
    #expect(none[0].findings.first?.message.zh.contains("没有一个工作表的表头含有已知字段") == true)
  }

  // MARK: - Hostile workbooks

  static func smallBook(rows: Int = 1, pad: Int = 0) throws -> [UInt8] {
    var table: [[XLSXWriter.Cell]] = [[.text("id"), .text("name"), .text("省"), .text("市"), .text("区县"), .text("as_of"), .text("户数")]]
    for k in 0..<rows {
      table.append([
        .text("H-\(k)"), .text(String(repeating: " ", count: pad) + "甲"), .text("安徽省"), .text("六安市"), .text("舒城县"), .text("2024-06-30"),
        .number(1),
      ])
    }
    return try XLSXWriter.workbook([XLSXWriter.Sheet(name: "S", rows: table)])
  }

  static func refusal(_ read: [DecodedRecord]) -> String {
    read.count == 1 && read[0].isInputError ? read[0].findings.first?.message.en ?? "" : "not refused: \(read.count) records"
  }

  @Test("a part over the entry cap, a zip bomb's ratio, a size that lies, too many shared strings: each one located refusal")
  func hostileArchives() throws {
    var caps = XLSXReader.Limits(maxEntryBytes: 4096)
    #expect(Self.refusal(Self.read(try Self.smallBook(rows: 100), caps: caps)).contains("over the limit of 4096"))
    // 8 MB of spaces in one cell compress about a thousandfold.
    caps = XLSXReader.Limits(maxEntryBytes: 64 << 20)
    #expect(Self.refusal(Self.read(try Self.smallBook(pad: 8 << 20), caps: caps)).contains("zip bomb"))
    // The central directory says 200 bytes; the sheet inflates to more.
    var lying = try Self.smallBook(rows: 20)
    let name = Array("xl/worksheets/sheet1.xml".utf8)
    var patched = false
    for i in 0..<(lying.count - 46 - name.count) where lying[i..<(i + 4)] == [0x50, 0x4B, 0x01, 0x02][...] {
      guard Array(lying[(i + 46)..<(i + 46 + name.count)]) == name else { continue }
      lying.replaceSubrange((i + 24)..<(i + 28), with: [200, 0, 0, 0])
      patched = true
    }
    #expect(patched)
    let liar = Self.refusal(Self.read(lying))
    #expect(liar.contains("declared size") || liar.contains("cannot be inflated"), "\(liar)")
    caps = XLSXReader.Limits(maxEntryBytes: 1 << 20)
    caps.maxSharedStrings = 2
    let strings = try #require(FileManager.default.contents(atPath: Support.packageRoot.path + "/" + Self.fixtures + "ledger.xlsx"))
    #expect(Self.refusal(Self.read([UInt8](strings), caps: caps)).contains("more than 2 shared strings"))
  }

  /// Found by the xlsx fuzz target: a central directory placed past the end of the file
  /// made ZIPFoundation's in-memory reader seek beyond the bytes and trap (`jiayuan check`
  /// died with SIGILL). Each such workbook is now refused as damaged, located.
  @Test("a ZIP whose offsets point outside the file is refused, never a crash (fuzz finds)")
  func zipOffsetsOutsideTheFile() throws {
    let dir = Support.packageRoot.appendingPathComponent("Tests/JiayuanTests/Fixtures/fuzz/xlsx").path
    let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    #expect(names.count >= 2)
    for name in names {
      // The fuzz input's first byte is the mode (0: the whole workbook).
      let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)).dropFirst())
      #expect(Self.refusal(Self.read(bytes)).contains("the ZIP archive is damaged"), "\(name)")
    }
    // A good workbook still passes the bounds check.
    #expect(ZIPBounds.problem(try Self.smallBook(rows: 3)) == nil)
    var cut = try Self.smallBook(rows: 3)
    cut.removeLast(30)
    #expect(ZIPBounds.problem(cut) != nil)
  }

  /// Found by the xlsx fuzz target: a cell before any readable row element (`<ro\u{7F} r="1">`)
  /// was placed on row 0, so its findings pointed at line 0. A sheet whose rows cannot be
  /// read still places every finding at a row and column from 1.
  @Test("a cell outside any readable row is placed by its own reference, never at line 0")
  func cellsOutsideARowArePlaced() throws {
    let sheet = """
      <worksheet><sheetData><ro\u{7F} r="1"><c r="A1" t="inlineStr"><is><t>小区编码</t></is></c>\
      <c r="B1" t="inlineStr"><is><t>户数</t></is></c></row><row r="0"><c r="A2" t="inlineStr"><is><t>X</t></is></c>\
      <c r="B2" t="inlineStr"><is><t>many</t></is></c></row></sheetData></worksheet>
      """
    let book = try XLSXWriter.workbook([XLSXWriter.Sheet(name: "S", rows: [[.text("x")]])])
    // Replace the written sheet with the damaged one, keeping the archive valid.
    let archive = try #require(try? Archive(data: Data(book), accessMode: .read))
    let out = try Archive(data: Data(), accessMode: .create)
    for entry in archive {
      var bytes = Data()
      _ = try archive.extract(entry) { bytes.append($0) }
      if entry.path == "xl/worksheets/sheet1.xml" { bytes = Data(sheet.utf8) }
      let data = bytes
      try out.addEntry(
        with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none,
        provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    }
    let decoded = Self.read(Array(try #require(out.data)))
    #expect(!decoded.isEmpty)
    for d in decoded {
      for f in d.findings { #expect(f.range.start.line >= 1 && f.range.start.column >= 1, "\(f.message.en) at \(f.range)") }
    }
  }

  /// Found by the xlsx fuzz target: a workbook whose xl/workbook.xml lists no sheet (or is
  /// empty) gave nothing at all, and a folder run passed over it.
  @Test("a workbook without sheets is a located refusal, not nothing")
  func aWorkbookWithoutSheets() throws {
    #expect(Self.refusal(Self.read(try XLSXWriter.workbook([]))).contains("has no sheets"))
  }

  @Test("not a ZIP, an old .xls, a DTD, a relationship that climbs out of the package: refused or ignored, never a crash")
  func hostileParts() throws {
    #expect(Self.refusal(Self.read(Array("id,name\n".utf8))).contains("not a ZIP"))
    #expect(
      Self.refusal(Self.read([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 512))).contains("not a ZIP"))
    #expect(Self.refusal(Self.read([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 64))).contains("damaged"))
    #expect(XLSXReader.Workbook.resolve("worksheets/sheet1.xml") == "xl/worksheets/sheet1.xml")
    #expect(XLSXReader.Workbook.resolve("/xl/worksheets/sheet1.xml") == "xl/worksheets/sheet1.xml")
    #expect(XLSXReader.Workbook.resolve("../../../etc/passwd") == nil)
    #expect(throws: SpreadsheetXML.Failure.self) {
      try SpreadsheetXML.scan(Array(#"<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>"#.utf8)) { _ in }
    }
    #expect(throws: SpreadsheetXML.Failure.self) { try SpreadsheetXML.scan(Array("<x>&bogus;</x>".utf8)) { _ in } }
    var texts: [String] = []
    try SpreadsheetXML.scan(Array("<x:t a='1'>&lt;&#20013;&#x6587;<![CDATA[<b>]]></x:t>".utf8)) {
      if case .text(let t) = $0 { texts.append(t) }
    }
    #expect(texts.joined() == "<中文<b>")
  }

  @Test("through the binary: .xlsx in a folder is read; SARIF names the workbook and the cell as a logical location")
  func throughTheBinary() throws {
    let folder = Self.fixtures.dropLast()
    let json = try Support.run(["check", String(folder), "--format", "json", "--no-progress"])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let inputs = try #require(object?["inputs"] as? [[String: Any]])
    let book = try #require(inputs.first { ($0["path"] as? String)?.hasSuffix("ledger.xlsx") == true })
    #expect(book["records"] as? Int == 3)
    let sarif = try Support.run(["check", Self.fixtures + "ledger.xlsx", "--format", "sarif", "--no-progress"])
    #expect(
      sarif.stdout.contains(#""uri" : "Tests/JiayuanTests/Fixtures/sheets/ledger.xlsx""#)
        || sarif.stdout.contains(#""uri": "Tests/JiayuanTests/Fixtures/sheets/ledger.xlsx""#))
    #expect(sarif.stdout.contains("ledger!A2"))
    #expect(!sarif.stdout.contains("%23"))
  }
}

/// `jiayuan template`: the YAML skeleton, and the ledger for spreadsheet users.
@Suite struct TemplateTests {
  static func temporary(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-template-\(getpid())-\(name)").path
  }

  /// The decoder's own findings: the template's example row must give none but notices.
  static func decoderErrors(_ records: [DecodedRecord]) -> [String] {
    records.flatMap(\.findings).filter { $0.severity != .info }.map(\.message.zh)
  }

  @Test("every column of the ledger template is headed by a term that names its field")
  func columnsRoundTrip() {
    #expect(LedgerTemplate.columns.count > 50)
    for column in LedgerTemplate.columns {
      #expect(HeaderVocabulary.resolve(column.header) == .field(column.path), "\(column.header)")
      #expect(!column.example.isEmpty || !column.allowed.isEmpty)
    }
    #expect(LedgerTemplate.columns.contains { $0.path == "fees.2023.due" && $0.header == "2023年应收物业费" })
  }

  @Test("template --format csv: UTF-8 with a BOM, Chinese headers, an example row that reads without an error")
  func csvTemplate() throws {
    let path = Self.temporary("t.csv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let run = try Support.run(["template", "--format", "csv", "--output", path])
    #expect(run.status == 0, "\(run.stderr)")
    let bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
    #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
    #expect(String(decoding: bytes, as: UTF8.self).contains("小区编码,小区名称,省,市,区县"))
    var read: [DecodedRecord] = []
    RecordSource.records(in: bytes, file: "t.csv", kind: .csv) { read.append($0) }
    #expect(read.count == 1 && read[0].record != nil)
    #expect(Self.decoderErrors(read).isEmpty, "\(Self.decoderErrors(read))")
    #expect(read[0].record?.fields["owners_committee.party_members"]?.value == .integer(4))
    #expect(read[0].record?.fields["property_service.mode"]?.value == .string("professional"))
    // A date column per event type: the CSV ledger reports every type.
    #expect(read[0].record?.reportedEventTypes == Set(RecordSchema.eventTypes))
    #expect(read[0].record?.events.map(\.type).sorted() == ["fire_drill", "public_revenue_disclosure"])
  }

  @Test(
    "template --format xlsx: a 台账 sheet with drop-down lists and event date columns, a 活动记录 sheet and a 填写说明 sheet; as written and as LibreOffice saves it again"
  )
  func xlsxTemplate() throws {
    let path = Self.temporary("t.xlsx")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let run = try Support.run(["template", "--format", "xlsx", "--output", path])
    #expect(run.status == 0, "\(run.stderr)")
    let written = [UInt8](try #require(FileManager.default.contents(atPath: path)))
    let resaved = Support.bytes(XLSXTests.fixtures + "template-resaved.xlsx")
    var records: [[String: FieldValue]] = []
    for (name, bytes) in [("written", written), ("resaved", resaved)] {
      let read = XLSXTests.read(bytes)
      #expect(read.count == 1 && read[0].record != nil, "\(name)")
      #expect(Self.decoderErrors(read).isEmpty, "\(name): \(Self.decoderErrors(read))")
      #expect(read.first?.origin.file == "t.xlsx#台账")
      records.append(SpreadsheetTests.values(read.first?.record))
    }
    #expect(records[0] == records[1])
    // The example's events: the ledger's date columns and the 活动记录 sheet, joined.
    for bytes in [written, resaved] {
      let events = XLSXTests.read(bytes).first?.record?.events.map { "\($0.type) \($0.date) \($0.period?.description ?? "-")" }
      #expect(
        events?.sorted() == [
          "chair_annual_report 2024-01-15 2023", "fire_drill 2024-04-15 -", "party_service_project 2024-05-20 -",
          "public_revenue_disclosure 2024-03-31 -",
        ])
    }
    let book = try XLSXReader.Workbook(written, caps: XLSXReader.Limits(maxEntryBytes: 1 << 20))
    #expect(book.sheets.map(\.name) == ["台账", "活动记录", "填写说明"])
    let sheet = String(decoding: try #require(try book.part("xl/worksheets/sheet1.xml")), as: UTF8.self)
    #expect(sheet.contains(#"<dataValidation type="list""#) && sheet.contains("专业化物业服务,业主自管"))
    let events = String(decoding: try #require(try book.part("xl/worksheets/sheet2.xml")), as: UTF8.self)
    #expect(events.contains(#"<dataValidation type="list""#) && events.contains("消防演练"))
    let guide = String(decoding: try #require(try book.part("xl/worksheets/sheet3.xml")), as: UTF8.self)
    #expect(guide.contains("可填写的值") && guide.contains("owners_committee.party_members") && guide.contains("所属期间"))
    // Not onto a terminal, but through a pipe it is the same workbook.
    let piped = try Support.run(["template", "--format", "xlsx"])
    #expect(piped.status == 0 && piped.stdout.hasPrefix("PK"))
  }

  @Test("the YAML template's commented fields, uncommented, decode: fees and facilities are not jumbled (no duplicate fees)")
  func yamlTemplateUncommented() throws {
    let run = try Support.run(["template"])
    var lines: [String] = []
    for line in run.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
      // `# key:` and `#   2023: {…}` are fields; prose comments and list examples stay.
      if line.hasPrefix("# "), let colon = line.firstIndex(of: ":") {
        let key = line.dropFirst(2).drop { $0 == " " }.prefix { $0 != ":" }
        if !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), colon > line.startIndex {
          lines.append(String(line.dropFirst(2)))
          continue
        }
      }
      lines.append(String(line))
    }
    let text = lines.joined(separator: "\n")
    #expect(text.contains("fees:  # 物业费") && text.contains("facilities:  # 设施"))
    var decoded: [DecodedRecord] = []
    RecordSource.records(in: Array(text.utf8), file: "t.yaml", kind: .yaml) { decoded.append($0) }
    #expect(decoded.count == 1)
    let errors = decoded.flatMap(\.findings).map(\.message.zh)
    #expect(errors.isEmpty, "\(errors)")
    let record = try #require(decoded.first?.record)
    #expect(record.fields["fees.2023.due"]?.value == .number(1_250_000))
    #expect(record.fields["facilities"] != nil)
  }
}

/// examples/ledger: the county ledger of the README, as GBK CSV and as .xlsx, against its
/// YAML twin (made together by examples/ledger/make.py).
@Suite struct LedgerExampleTests {
  static let twin = "Tests/JiayuanTests/Fixtures/ledger/shucheng-ledger.yaml"
  static let forms = ["examples/ledger/shucheng-ledger-gbk.csv", "examples/ledger/shucheng-ledger.xlsx"]

  static func records(_ path: String) -> [DecodedRecord] {
    var out: [DecodedRecord] = []
    RecordSource.records(in: Support.bytes(path), file: path, kind: InputKind(path: path)) { out.append($0) }
    return out
  }

  /// A finding as the user reads it, without its place (the forms differ only there) and
  /// without the spreadsheet's notices (title row, 序号, 合计), which YAML has no cause for.
  static func findings(_ path: String) throws -> [String] {
    let run = try Support.run(["check", path, "--format", "json", "--no-progress"])
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let findings = try #require(object?["findings"] as? [[String: Any]])
    return findings.filter { !($0["rule"] as? String == "REC-SCHEMA" && $0["severity"] as? String == "info") }.map { f in
      ["rule", "subject", "severity", "outcome", "message", "expected", "actual", "gap", "failing_records"].map { key in
        f[key].map { "\($0)" } ?? "-"
      }.joined(separator: " | ")
    }.sorted()
  }

  @Test("30 communities: the GBK CSV and the .xlsx give the records of the YAML twin")
  func sameRecords() throws {
    let twin = Self.records(Self.twin)
    #expect(twin.count == 30 && twin.allSatisfy { $0.record != nil && $0.findings.isEmpty })
    for path in Self.forms {
      let read = Self.records(path)
      #expect(read.count == 30, "\(path)")
      #expect(read.flatMap(\.findings).allSatisfy { $0.severity == .info }, "\(path): \(read.flatMap(\.findings).map(\.message.zh))")
      #expect(read.map { SpreadsheetTests.values($0.record) } == twin.map { SpreadsheetTests.values($0.record) }, "\(path)")
      func events(_ d: DecodedRecord) -> [String] { d.record?.events.map { "\($0.type) \($0.date)" }.sorted() ?? [] }
      #expect(read.map(events) == twin.map(events), "\(path)")
      #expect(twin.contains { events($0).count > 2 })
    }
  }

  @Test("the GBK CSV and the .xlsx give the findings of the YAML twin, through the binary, event rules included")
  func sameFindings() throws {
    let expected = try Self.findings(Self.twin)
    #expect(expected.count > 30)
    let eventRules = ["SC-SERVICE-PROJECTS", "SC-CHAIR-REPORT", "SC-TURNOVER-AUDIT"]
    for rule in eventRules { #expect(expected.contains { $0.hasPrefix(rule + " ") }, "\(rule)") }
    for path in Self.forms {
      let actual = try Self.findings(path)
      // The ledger's event columns report every type the county's rules read: nothing is
      // left insufficient for want of events.
      #expect(!actual.contains { $0.contains("表格未提供") }, "\(path)")
      #expect(actual == expected, "\(path): \(Set(actual).symmetricDifference(expected).sorted().prefix(6))")
    }
  }
}
