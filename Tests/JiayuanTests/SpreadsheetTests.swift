import Foundation
import Records
import Testing
import YAMLSource

/// Ledgers as people keep them (issue 13): Chinese headers, title rows, 序号 and 合计,
/// spreadsheet cell forms.
@Suite struct SpreadsheetTests {
  static func csv(_ text: String, file: String = "t.csv") -> [DecodedRecord] {
    var out: [DecodedRecord] = []
    RecordSource.records(in: Array(text.utf8), file: file, kind: .csv) { out.append($0) }
    return out
  }

  static func yaml(_ text: String) -> [DecodedRecord] {
    var out: [DecodedRecord] = []
    RecordSource.records(in: Array(text.utf8), file: "t.yaml", kind: .yaml) { out.append($0) }
    return out
  }

  /// A record's fields by value, without their places.
  static func values(_ record: Record?) -> [String: FieldValue] { record?.fields.mapValues(\.value) ?? [:] }

  static let chineseHeader = "小区编码,小区名称,省,市,区县,街道,社区,数据截止日期,户数,建成年份,委员人数,党员人数,物业服务企业"
  static let row = "AH-1,梅山花园,安徽省,六安市,舒城县,城关镇,梅山社区,2024-06-30,420,2015,7,4,安泰物业"
  static let twin = """
    id: AH-1
    name: 梅山花园
    jurisdiction: {province: 安徽省, city: 六安市, county: 舒城县, street: 城关镇, neighborhood: 梅山社区}
    as_of: 2024-06-30
    households: 420
    built_year: 2015
    owners_committee: {members: 7, party_members: 4}
    property_service: {company: 安泰物业}

    """

  // MARK: - Vocabulary

  @Test("every scalar field of the schema has a Chinese header, and every term names one field")
  func vocabularyCoversTheSchema() {
    var seen: [String: String] = [:]
    for (path, terms) in HeaderVocabulary.terms {
      #expect(RecordSchema.spec(for: path) != nil, "\(path) is not a field")
      for term in terms {
        let key = HeaderVocabulary.normalize(term)
        #expect(seen[key] == nil, "\(term) names \(seen[key] ?? "") and \(path)")
        seen[key] = path
        #expect(HeaderVocabulary.resolve(term) == .field(path), "\(term)")
      }
    }
    let named = Set(HeaderVocabulary.terms.map(\.path))
    for spec in RecordSchema.fields where !spec.type.isList && spec.type != .object && !spec.path.hasPrefix("fees.") {
      #expect(named.contains(spec.path), "\(spec.path) has no header term")
    }
    // No ambiguous term is also an ordinary one.
    for term in HeaderVocabulary.ambiguous.keys { #expect(seen[term] == nil, "\(term)") }
  }

  @Test(
    "the terms and variants people write name their field",
    arguments: [
      ("小区编码", "id"), ("业委会委员人数", "owners_committee.members"), ("其中党员", "owners_committee.party_members"),
      ("其中：党员", "owners_committee.party_members"), ("户数（户）", "households"), ("户 数", "households"),
      ("委员\n人数", "owners_committee.members"), ("小区编码*", "id"), ("＊户数", "households"),
      ("社区综合服务设施面积（平方米）", "facilities.service_area_m2"), ("2023年应收物业费", "fees.2023.due"),
      ("2023年实收物业费（元）", "fees.2023.collected"), ("应收物业费2024", "fees.2024.due"), ("ID", "id"),
      ("owners_committee.members", "owners_committee.members"), ("fees.2024.due", "fees.2024.due"), ("区县", "jurisdiction.county"),
      ("街道（乡镇）", "jurisdiction.street"), ("数据截止日期", "as_of"), ("建成年份", "built_year"), ("物业服务企业", "property_service.company"),
    ])
  func variants(header: String, path: String) {
    #expect(HeaderVocabulary.resolve(header) == .field(path))
  }

  @Test("ambiguous, ignored, unknown and empty headers")
  func otherHeaders() {
    #expect(HeaderVocabulary.resolve("类型") == .ambiguous(["category", "owners_committee.kind", "party_branch.kind"]))
    #expect(HeaderVocabulary.resolve("成立日期") == .ambiguous(["owners_committee.formed", "party_branch.formed"]))
    #expect(HeaderVocabulary.resolve("序号") == .ignored)
    #expect(HeaderVocabulary.resolve("备注") == .ignored)
    #expect(HeaderVocabulary.resolve("  ") == .empty)
    #expect(HeaderVocabulary.resolve("委员数") == .unknown(suggestion: "委员人数"))
    #expect(HeaderVocabulary.resolve("2023年应收物业费（万元）") != .field("fees.2023.due"))
    #expect(HeaderVocabulary.header(for: "fees.2023.due") == "2023年应收物业费")
  }

  // MARK: - Tables

  @Test("a ledger with Chinese headers gives the same record as its YAML twin")
  func chineseHeaders() throws {
    let records = Self.csv(Self.chineseHeader + "\n" + Self.row + "\n")
    let record = try #require(records.first?.record, "\(records.flatMap(\.findings).map(\.message.zh))")
    #expect(records.count == 1 && records[0].findings.isEmpty)
    let twin = try #require(Self.yaml(Self.twin).first?.record)
    #expect(Self.values(record) == Self.values(twin))
  }

  @Test("title rows, 序号 and 备注 columns, a 合计 row and blank rows are passed over with one notice each")
  func ledgerFurniture() throws {
    let text = """
      舒城县住宅小区统计台账（截至2024年6月30日）,,,,,,,,,,,,,,
      填报单位：舒城县住建局,,,,,,,,,,,,,,
      序号,\(Self.chineseHeader),备注
      1,\(Self.row),
      ,,,,,,,,,,,,,,
      2,\(Self.row.replacingOccurrences(of: "AH-1", with: "AH-2")),新建
      合计,,,,,,,,,840,,14,8,,
      ,,,,,,,,,,,,,,
      ,,,,,,,,,,,,,,

      """
    let records = Self.csv(text)
    #expect(records.count == 2, "\(records.map { $0.id ?? "-" })")
    #expect(records.allSatisfy { $0.record != nil })
    let twin = try #require(Self.yaml(Self.twin).first?.record)
    #expect(Self.values(records[0].record) == Self.values(twin))
    let notes = records.flatMap(\.findings)
    #expect(notes.allSatisfy { $0.severity == .info && $0.rule == "REC-SCHEMA" }, "\(notes.map(\.message.zh))")
    let words = notes.map(\.message.zh)
    #expect(words.filter { $0.contains("标题行") }.count == 1)
    #expect(words.filter { $0.contains("“序号”列") }.count == 1)
    #expect(words.filter { $0.contains("“备注”列") }.count == 1)
    #expect(words.filter { $0.contains("合计") }.count == 1)
    #expect(words.filter { $0.contains("空行") }.count == 2, "\(words)")  // row 5, and rows 8–9
    #expect(notes.first { $0.message.zh.contains("标题行") }?.range.start == SourceLocation(line: 1, column: 1))
    #expect(words.contains { $0.contains("第8–9行") })
  }

  @Test("an unknown header is one error at its cell with did-you-mean, not one per row; the rows are still records")
  func unknownHeader() throws {
    let text = Self.chineseHeader + ",委员数\n" + Self.row + ",3\n" + Self.row.replacingOccurrences(of: "AH-1", with: "AH-2") + ",3\n"
    let records = Self.csv(text)
    #expect(records.count == 2 && records.allSatisfy { $0.record != nil })
    let errors = records.flatMap(\.findings).filter { $0.severity == .error }
    #expect(errors.count == 1, "\(errors.map(\.message.zh))")
    let error = try #require(errors.first)
    #expect(error.rule == "REC-SCHEMA" && error.range.start.line == 1)
    #expect(error.message.zh.contains("未知表头“委员数”") && error.message.zh.contains("是否应为 委员人数"))
  }

  @Test("an ambiguous header is an error at its cell naming the candidates")
  func ambiguousHeader() throws {
    let records = Self.csv(Self.chineseHeader + ",类型\n" + Self.row + ",commodity\n")
    #expect(records.count == 1 && records[0].record != nil)
    let error = try #require(records[0].findings.first { $0.severity == .error })
    #expect(error.message.en.contains("category, owners_committee.kind, party_branch.kind"))
    #expect(error.message.zh.contains("小区类型"))
  }

  @Test("a Chinese term and its dotted path in one header are a duplicate column")
  func termAndPathCollide() {
    let records = Self.csv(Self.chineseHeader + ",households\n" + Self.row + ",420\n")
    #expect(records.count == 1 && records[0].isInputError)
    #expect(records[0].findings.contains { $0.rule == "REC-DUPLICATE-KEY" && $0.message.en.contains("households") })
  }

  @Test("a bad cell's error names the cell and its header")
  func cellLabels() throws {
    let records = Self.csv(Self.chineseHeader + "\n" + Self.row.replacingOccurrences(of: ",420,", with: ",四百,") + "\n")
    let error = try #require(records.first?.findings.first { $0.severity == .error })
    #expect(error.message.zh.contains("第2行 I列，表头“户数”"), "\(error.message.zh)")
  }

  // MARK: - Cell forms

  static let formsHeader =
    "id,name,jurisdiction.province,jurisdiction.city,jurisdiction.county,as_of,households,owners_assembly,property_service.mode,garbage_sorting.door_to_door_rate,fees.2023.due"

  static func formsRow(_ cells: [String]) -> String {
    "F-1,甲,安徽省,六安市,舒城县," + cells.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",")
  }

  @Test(
    "spreadsheet cell forms read as the YAML values",
    arguments: [
      (["2024-06-30", "420", "true", "professional", "0.6", "1234"], ["2024/6/30", "420.0", "是", "专业化物业服务", "60%", "1,234"]),
      (["2024-06-30", "420", "false", "self_managed", "0.6", "1234"], ["2024年6月30日", "４２０", "否", "业主自管", "０.６", "1,234.0"]),
      (["2024-06-30", "420", "true", "backstop", "1", "1234567"], ["2024.6.30", "420", "√", "街道社区兜底", "100%", "1,234,567"]),
      (["2024-06-30", "420", "false", "none", "0.05", "0"], ["2024-6-30", "420", "×", "无物业", "5%", "0"]),
      (["2024-06-30", "420", "true", "professional", "0.5", "10"], ["2024-06-30", "4.2E+2", "TRUE", "professional", "0.5", "10"]),
      (["2024-06-30", "420", "false", "professional", "0.5", "10"], ["2024/06/30 0:00", "420", "False", "专业化物业", "0.5", "10"]),
    ])
  func cellForms(yamlCells: [String], sheetCells: [String]) throws {
    let plain = try #require(Self.csv(Self.formsHeader + "\n" + Self.formsRow(yamlCells) + "\n").first?.record)
    let forms = Self.csv(Self.formsHeader + "\n" + Self.formsRow(sheetCells) + "\n")
    let record = try #require(forms.first?.record, "\(forms.flatMap(\.findings).map(\.message.zh))")
    #expect(forms[0].findings.isEmpty, "\(forms[0].findings.map(\.message.zh))")
    #expect(Self.values(record) == Self.values(plain))
  }

  @Test("无, -, / and empty are not reported", arguments: ["无", "-", "/", "", "—", "／"])
  func notReported(cell: String) throws {
    let records = Self.csv(Self.formsHeader + "\n" + Self.formsRow(["2024-06-30", "420", cell, cell, cell, cell]) + "\n")
    let record = try #require(records.first?.record)
    #expect(records[0].findings.isEmpty)
    #expect(record.fields["owners_assembly"] == nil && record.fields["property_service.mode"] == nil)
    #expect(record.fields["fees.2023.due"] == nil)
  }

  @Test(
    "anything else is a located REC-SCHEMA naming the forms accepted",
    arguments: [
      (7, "有", "是/否、√/×、TRUE/FALSE"), (8, "专业", "专业化物业服务（professional）"), (6, "四百", "1,234、４２０、420.0"),
      (6, "420.5", "420.0"), (9, "61", "61%"), (9, "1,2,3", "61%"), (5, "2024/13/1", "2024年6月30日"), (5, "30/6/2024", "2024/6/30"),
      (6, "42%", "420.0"),
    ])
  func badForms(index: Int, cell: String, words: String) throws {
    var cells = ["2024-06-30", "420", "true", "professional", "0.6", "1234"]
    cells[index - 5] = cell
    let records = Self.csv(Self.formsHeader + "\n" + Self.formsRow(cells) + "\n")
    let errors = records.flatMap(\.findings).filter { $0.severity == .error }
    #expect(errors.count == 1, "\(errors.map(\.message.zh))")
    let error = try #require(errors.first)
    #expect(error.rule == "REC-SCHEMA" && error.range.start.line == 2)
    #expect(error.message.zh.contains(words), "\(error.message.zh)")
  }

  @Test("YAML keeps its own rules: 是 and 2024/6/30 are errors there")
  func yamlIsNotASpreadsheet() {
    let text = Self.twin + "owners_assembly: 是\nproperty_service: {since: 2024/6/30}\n"
    let findings = Self.yaml(text.replacingOccurrences(of: "property_service: {company: 安泰物业}\n", with: "")).flatMap(\.findings)
    #expect(findings.filter { $0.rule == "REC-SCHEMA" && $0.severity == .error }.count == 2, "\(findings.map(\.message.en))")
  }

  @Test("the shipped zigong ledger re-saved by LibreOffice (true → TRUE) reads as before")
  func upperCaseBooleans() throws {
    let text = String(decoding: Support.bytes("examples/records/zigong/communities.csv"), as: UTF8.self)
    let before = Self.csv(text)
    let after = Self.csv(text.replacingOccurrences(of: ",true,", with: ",TRUE,"))
    #expect(before.count == after.count && after.allSatisfy { $0.record != nil })
    #expect(before.map { Self.values($0.record) } == after.map { Self.values($0.record) })
  }
}

/// CSV as Chinese-locale Excel saves it: GB18030/GBK; UTF-8 with or without BOM.
@Suite struct CSVEncodingTests {
  /// UTF-8 text as GB18030 bytes (what Excel's "CSV" writes on a Chinese Windows).
  static func gbk(_ text: String) throws -> [UInt8] {
    let cd = iconv_open("GB18030", "UTF-8")
    try #require(cd != iconv_t(bitPattern: -1))
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    var inLeft = input.count
    var outLeft = output.count
    let result = input.withUnsafeMutableBufferPointer { ib in
      output.withUnsafeMutableBufferPointer { ob -> Int in
        var ip: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ib.baseAddress!).assumingMemoryBound(to: CChar.self)
        var op: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ob.baseAddress!).assumingMemoryBound(to: CChar.self)
        return iconv(cd, &ip, &inLeft, &op, &outLeft)
      }
    }
    try #require(result != -1)
    output.removeLast(outLeft)
    return output
  }

  static let ledger = SpreadsheetTests.chineseHeader + "\n" + SpreadsheetTests.row + "\n"

  static func read(_ bytes: [UInt8], encoding: TextEncoding? = nil) -> ([DecodedRecord], TextEncoding?) {
    var out: [DecodedRecord] = []
    let read = RecordSource.records(in: bytes, file: "t.csv", kind: .csv, encoding: encoding) { out.append($0) }
    return (out, read)
  }

  @Test("a GBK ledger is read as GB18030 and gives the records of its UTF-8 twin")
  func gbkLedger() throws {
    let bytes = try Self.gbk(Self.ledger)
    #expect(String(validating: bytes, as: UTF8.self) == nil)
    let (records, encoding) = Self.read(bytes)
    #expect(encoding == .gb18030)
    let (twin, twinEncoding) = Self.read(Array(Self.ledger.utf8))
    #expect(twinEncoding == .utf8)
    #expect(records.count == 1 && records[0].findings.isEmpty, "\(records.flatMap(\.findings).map(\.message.zh))")
    #expect(SpreadsheetTests.values(records.first?.record) == SpreadsheetTests.values(twin.first?.record))
    // Places are the characters' own: 户数 (I) of row 2 at the column an editor shows.
    #expect(records.first?.record?.fields["households"]?.range.start == twin.first?.record?.fields["households"]?.range.start)
  }

  @Test("UTF-8 with a BOM is UTF-8; forcing utf-8 on GBK is the located UTF-8 error; forcing gb18030 reads it")
  func forced() throws {
    let (bom, encoding) = Self.read(Array(("\u{FEFF}" + Self.ledger).utf8))
    #expect(encoding == .utf8 && bom.first?.record != nil)
    let bytes = try Self.gbk(Self.ledger)
    let (refused, _) = Self.read(bytes, encoding: .utf8)
    #expect(refused.count == 1 && refused[0].isInputError)
    #expect(refused[0].findings.first?.message.zh.contains("UTF-8") == true)
    #expect(refused[0].findings.first?.range.start.line == 1)
    let (forced, used) = Self.read(bytes, encoding: .gb18030)
    #expect(used == .gb18030 && forced.first?.record != nil)
    // A byte GB18030 has no reading for, located in the file's characters.
    let (bad, _) = Self.read(try Self.gbk("小区编码,小区名称\n") + [0x41, 0x2C, 0xFF, 0x0A], encoding: .gb18030)
    #expect(bad.first?.isInputError == true)
    #expect(bad.first?.findings.first?.range.start == SourceLocation(line: 2, column: 3))
    #expect(bad.first?.findings.first?.message.zh.contains("GB18030") == true)
  }

  @Test("a UTF-8 file damaged after its Chinese header stays a UTF-8 error, never mojibake")
  func damagedUTF8() {
    var bytes = Array(Self.ledger.utf8)
    let at = bytes.count - 3
    bytes[at] = 0x41  // 业 of the company's name loses a continuation byte
    let (records, encoding) = Self.read(bytes)
    #expect(encoding == .utf8)
    #expect(records.count == 1 && records[0].isInputError)
    #expect(records[0].findings.first?.message.zh.contains("UTF-8") == true)
  }

  @Test("through the binary: the report says which encoding each CSV was read in")
  func provenance() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-enc-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("台账_gbk.csv")
    try Data(try Self.gbk(Self.ledger)).write(to: file)
    let json = try Support.run(["check", file.path, "--format", "json", "--no-progress"])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let inputs = try #require(object?["inputs"] as? [[String: Any]])
    #expect(inputs.first?["encoding"] as? String == "gb18030")
    let text = try Support.run(["check", file.path, "--no-progress"])
    #expect(text.stdout.contains("按 GB18030（GBK）编码读取：\(file.path)"), "\(text.stdout)")
    let forced = try Support.run(["check", file.path, "--encoding", "utf-8", "--no-progress"])
    #expect(forced.status == 1 && forced.stdout.contains("不是有效的 UTF-8"))
    let wrong = try Support.run(["check", file.path, "--encoding", "latin1"])
    #expect(wrong.status != 0 && wrong.stderr.contains("--encoding"))
  }
}
