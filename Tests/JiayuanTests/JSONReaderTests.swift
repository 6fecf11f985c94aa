import Engine
import Foundation
import Testing

@testable import Records
@testable import YAMLSource

/// nst/JSONTestSuite (318 files) through `JSONReader`, read from
/// `../shared/testdata/json-test-suite/` beside the package root; skipped when absent.
/// `y_` must load to the value Foundation's parser gives, `n_` must be refused with a
/// located problem, and each `i_` file is accepted or refused as `choices` says.
@Suite(
  // The data is shared between worktrees and is not part of the package: skip, not fail.
  .enabled(if: JSONSuiteData.available, "../shared/testdata/json-test-suite not found")
)
struct JSONTestSuiteTests {
  /// Our choice for each implementation-defined file: accepted (true) or refused, and why.
  static let choices: [String: (accepted: Bool, why: String)] = {
    var out: [String: (Bool, String)] = [:]
    for name in [
      "i_number_double_huge_neg_exp", "i_number_huge_exp", "i_number_neg_int_huge_exp", "i_number_pos_double_huge_exp",
      "i_number_real_neg_overflow", "i_number_real_pos_overflow", "i_number_real_underflow", "i_number_too_big_neg_int",
      "i_number_too_big_pos_int", "i_number_very_big_negative_int",
    ] {
      out[name] = (true, "any size of number parses; the record decoder says out of range or not finite")
    }
    for name in [
      "i_object_key_lone_2nd_surrogate", "i_string_1st_surrogate_but_2nd_missing", "i_string_1st_valid_surrogate_2nd_invalid",
      "i_string_incomplete_surrogate_and_escape_valid", "i_string_incomplete_surrogate_pair",
      "i_string_incomplete_surrogates_escape_valid", "i_string_invalid_lonely_surrogate", "i_string_invalid_surrogate",
      "i_string_inverted_surrogates_U+1D11E", "i_string_lone_second_surrogate",
    ] {
      out[name] = (false, "an escaped lone surrogate is a syntax error, never U+FFFD")
    }
    for name in [
      "i_string_UTF-16LE_with_BOM", "i_string_UTF-8_invalid_sequence", "i_string_UTF8_surrogate_U+D800",
      "i_string_invalid_utf-8", "i_string_iso_latin_1", "i_string_lone_utf8_continuation_byte", "i_string_not_in_unicode_range",
      "i_string_overlong_sequence_2_bytes", "i_string_overlong_sequence_6_bytes", "i_string_overlong_sequence_6_bytes_null",
      "i_string_truncated-utf-8", "i_string_utf16BE_no_BOM", "i_string_utf16LE_no_BOM",
    ] {
      out[name] = (false, "not well-formed UTF-8: an encoding problem at its byte")
    }
    out["i_structure_500_nested_arrays"] = (false, "deeper than YAMLLimits.maxDepth (64)")
    out["i_structure_UTF-8_BOM_empty_object"] = (true, "a BOM at the start is skipped")
    return out
  }()

  @Test("the suite holds 95 y_, 188 n_ and 35 i_ files, and every i_ file has a choice")
  func inventory() {
    let names = JSONSuiteData.names
    #expect(names.filter { $0.hasPrefix("y_") }.count == 95)
    #expect(names.filter { $0.hasPrefix("n_") }.count == 188)
    let implementationDefined = Set(names.filter { $0.hasPrefix("i_") })
    #expect(implementationDefined.count == 35)
    #expect(implementationDefined == Set(Self.choices.keys), "choices differ from the suite's i_ files")
  }

  @Test("every y_ file parses to the value Foundation's parser gives", arguments: JSONSuiteData.names.filter { $0.hasPrefix("y_") })
  func valid(name: String) throws {
    let bytes = try JSONSuiteData.bytes(name)
    let docs = JSONReader.documents(bytes)
    try #require(docs.count == 1)
    let fatal = docs[0].problems.filter(\.isFatal)
    #expect(fatal.isEmpty, "\(name): \(fatal.map { "\($0.range.start) \($0.message)" })")
    let (mine, failure) = JSONLike.from(docs)
    #expect(failure == nil, "\(name): \(failure ?? "")")
    // Duplicate keys: both JSON and YAML here keep the first and report the second;
    // Foundation keeps the last, so the values are not compared.
    guard docs[0].problems.allSatisfy({ $0.kind != .duplicateKey }) else {
      #expect(name.hasPrefix("y_object_duplicated_key"))
      return
    }
    let foundation = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)
    let theirs = try #require(JSONLike.from(json: foundation))
    #expect(mine.count == 1 && Self.same(mine[0], theirs), "\(name): \(mine) vs \(theirs)")
  }

  /// Equal, numbers within a relative 1e-12: Foundation's own parser rounds
  /// `-0.000…01` (78 digits) to -1.0000000000000005e-78, where `Double("…")` is exact.
  static func same(_ a: JSONLike, _ b: JSONLike) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)): return x == y || abs(x - y) <= 1e-12 * max(abs(x), abs(y))
    case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    case (.object(let x), .object(let y)):
      return x.count == y.count && x.allSatisfy { key, value in y[key].map { same(value, $0) } ?? false }
    default: return a == b
    }
  }

  @Test("every n_ file is refused with a located problem", arguments: JSONSuiteData.names.filter { $0.hasPrefix("n_") })
  func invalid(name: String) throws {
    let docs = JSONReader.documents(try JSONSuiteData.bytes(name))
    try #require(docs.count == 1)
    #expect(docs[0].root == nil, "\(name) was accepted")
    let problem = try #require(docs[0].problems.first { $0.isFatal }, "\(name): no fatal problem")
    #expect([.jsonSyntax, .encoding, .tooDeep].contains(problem.kind), "\(name): \(problem.kind)")
    #expect(problem.range.start.line >= 1 && problem.range.start.column >= 1, "\(name): \(problem.range)")
    // Every JSON syntax message has its own Chinese, not the catch-all.
    #expect(!ParseMessages.chinese(problem).contains("不符合 JSON 格式"), "\(name): no Chinese for \(problem.message)")
  }

  @Test("each i_ file is accepted or refused as chosen", arguments: JSONSuiteData.names.filter { $0.hasPrefix("i_") })
  func implementationDefined(name: String) throws {
    let choice = try #require(Self.choices[name])
    let docs = JSONReader.documents(try JSONSuiteData.bytes(name))
    let accepted = docs.count == 1 && docs[0].root != nil && docs[0].problems.isEmpty
    #expect(accepted == choice.accepted, "\(name): \(choice.why); got \(docs.flatMap(\.problems).map(\.message))")
    if !accepted {
      let problem = try #require(docs.first?.problems.first)
      #expect(problem.range.start.line >= 1 && problem.range.start.column >= 1)
    }
  }

  @Test("as record files: y_ files give no REC-PARSE, n_ files give one each")
  func asRecordFiles() throws {
    var wrong: [String] = []
    for name in JSONSuiteData.names where !name.hasPrefix("i_") {
      var parse = 0
      RecordSource.records(in: try JSONSuiteData.bytes(name), file: name + ".json", kind: .json) { decoded in
        parse += decoded.findings.filter { $0.rule == "REC-PARSE" }.count
      }
      if name.hasPrefix("y_") ? parse != 0 : parse != 1 { wrong.append("\(name): \(parse) REC-PARSE") }
    }
    #expect(wrong.isEmpty, "\(wrong)")
  }
}

enum JSONSuiteData {
  static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
  static let directory = packageRoot.appendingPathComponent("../shared/testdata/json-test-suite/test_parsing")
    .standardizedFileURL

  static let available = FileManager.default.fileExists(atPath: directory.path)

  /// File names without `.json`, sorted; empty when the data is absent.
  static let names: [String] = {
    guard available, let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
    return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }()

  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: directory.appendingPathComponent(name + ".json")))
  }
}

/// The reader on inputs written here: locations, keys, limits, layouts, and the records
/// they give through `RecordSource` and `Run.check`.
@Suite
struct JSONReaderTests {
  typealias Loc = YAMLSource.SourceLocation

  static func docs(_ text: String, _ layout: JSONReader.Layout = .value, limits: YAMLLimits = .default) -> [YAMLDocument] {
    JSONReader.documents(Array(text.utf8), layout: layout, limits: limits)
  }

  static func problem(_ text: String, _ layout: JSONReader.Layout = .value, limits: YAMLLimits = .default) -> YAMLProblem? {
    docs(text, layout, limits: limits).flatMap(\.problems).first
  }

  static func decode(_ text: String, file: String = "t.json") -> [DecodedRecord] {
    var out: [DecodedRecord] = []
    RecordSource.records(in: Array(text.utf8), file: file, kind: InputKind(path: file)) { out.append($0) }
    return out
  }

  /// 大宁花园 of `examples/records/jingan` as Python's `json.dumps` writes it (ASCII only:
  /// `\uXXXX` escapes, the emoji as a surrogate pair), with 🏠 in front of its name.
  static let pythonRecord = #"""
    {"id": "SH-JA-0001", "name": "\ud83c\udfe0 \u5927\u5b81\u82b1\u56ed", "jurisdiction": {"province": "\u4e0a\u6d77\u5e02", "city": "\u4e0a\u6d77\u5e02", "county": "\u9759\u5b89\u533a", "street": "\u5927\u5b81\u8def\u8857\u9053"}, "as_of": "2024-12-31", "households": 800, "property_service": {"mode": "professional", "company_party_org": true, "party_in_charter": true}, "owners_committee": {"kind": "committee", "members": 9, "party_members": 5, "party_org": true}, "notices": {"service_and_fees": true}, "events": [{"date": "2024-09-10", "type": "residential_joint_meeting", "attendees": ["party_org", "residents_committee", "police", "property_manager", "owners_committee_chair", "party_member_rep"]}]}
    """#

  /// The same record pretty-printed (`indent=2, ensure_ascii=False`), `id` changed.
  static func prettyRecord(id: String = "SH-JA-0002", households: String = "800") -> String {
    """
    {
      "id": "\(id)",
      "name": "大宁花园",
      "jurisdiction": {"province": "上海市", "city": "上海市", "county": "静安区", "street": "大宁路街道"},
      "as_of": "2024-12-31",
      "households": \(households),
      "property_service": {"mode": "professional", "company_party_org": true, "party_in_charter": true},
      "owners_committee": {"kind": "committee", "members": 9, "party_members": 5, "party_org": true},
      "notices": {"service_and_fees": true},
      "events": [
        {
          "date": "2024-09-10",
          "type": "residential_joint_meeting",
          "attendees": ["party_org", "residents_committee", "police", "property_manager", "owners_committee_chair", "party_member_rep"]
        }
      ]
    }
    """
  }

  static func temporaryFiles(_ files: [String: String]) throws -> (URL, [String]) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-json-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var paths: [String] = []
    for (name, text) in files.sorted(by: { $0.key < $1.key }) {
      let url = dir.appendingPathComponent(name)
      try Data(text.utf8).write(to: url)
      paths.append(url.path)
    }
    return (dir, paths)
  }

  // MARK: - End to end

  @Test("a record from Python's json.dump with an emoji checks clean through Run.check")
  func emojiRecordChecksClean() throws {
    let (dir, _) = try Self.temporaryFiles(["daning.json": Self.pythonRecord])
    defer { try? FileManager.default.removeItem(at: dir) }
    let paths = try InputFiles.expand([dir.path])
    #expect(paths.count == 1)
    let result = try Run.check(paths: paths, policies: ShippedPolicies.all, asOf: nil, threads: 1)
    let findings = Array(result.findings)
    #expect(result.summary.records == 1)
    #expect(result.summary.inputErrors == 0)
    #expect(result.summary.checked == 1)
    #expect(findings.isEmpty, "\(findings.map { "\($0.rule) \($0.range.start) \($0.message.en)" })")
    let decoded = Self.decode(Self.pythonRecord)
    #expect(decoded.first?.record?.name == "🏠 大宁花园")
    #expect(decoded.first?.record?.jurisdiction.street == "大宁路街道")
  }

  @Test("the built binary reads a folder of .json and .jsonl files as JSON")
  func binaryReadsJSONFiles() throws {
    let lines = [2, 3].map { Self.pythonRecord.replacingOccurrences(of: "SH-JA-0001", with: "SH-JA-000\($0)") + "\n" }.joined()
    let (dir, _) = try Self.temporaryFiles(["a.json": Self.pythonRecord, "b.jsonl": lines, "c.json": "{\"id\": 1,}\n"])
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try Support.run(["check", dir.path, "--lang", "zh", "--no-progress"])
    #expect(run.status == 1)
    #expect(run.stdout.contains("c.json:1:9: error: JSON 语法错误：最后一项后面多了逗号"), "\(run.stdout)")
    #expect(run.stdout.contains("共 4 条记录：检查 3，跳过 0，输入错误 1"), "\(run.stdout)")
  }

  // MARK: - Locations

  @Test("errors are located by line and code-point column in a multi-line file")
  func locations() throws {
    let text = "{\n  \"id\": \"A-1\",\n  \"name\": \"大宁花园\" \"x\",\n  \"households\": 800\n}\n"
    let problem = try #require(Self.problem(text))
    #expect(problem.kind == .jsonSyntax)
    #expect(problem.range.start == Loc(line: 3, column: 18))
    #expect(problem.message.contains("expected ',' or '}'"))
    // A trailing comma is located at the comma; CRLF breaks count once.
    let crlf = "{\r\n  \"id\": \"A-1\",\r\n  \"名称\": \"大宁\",\r\n}\r\n"
    let comma = try #require(Self.problem(crlf))
    #expect(comma.range.start == Loc(line: 3, column: 13))
    #expect(comma.message.hasPrefix("trailing comma"))
    // A BOM is not a column.
    let bom = try #require(Self.problem("\u{FEFF}{\"a\": tru}"))
    #expect(bom.range.start == Loc(line: 1, column: 7))
    // A node's range: start at its first character, end just after its last.
    let doc = try #require(Self.docs("[\n  {\"名\": \"大宁\"}, 12\n]").first?.root)
    let items = try #require(doc.items)
    #expect(items[0].range == SourceRange(start: Loc(line: 2, column: 3), end: Loc(line: 2, column: 14)))
    #expect(items[0].pairs?.first?.value.range == SourceRange(start: Loc(line: 2, column: 9), end: Loc(line: 2, column: 13)))
    #expect(items[1].range == SourceRange(start: Loc(line: 2, column: 16), end: Loc(line: 2, column: 18)))
    #expect(doc.range.end == Loc(line: 3, column: 2))
    // Through the decoder: the input error sits at the same place.
    let decoded = Self.decode(text)
    #expect(decoded.count == 1)
    #expect(decoded[0].findings.map(\.rule) == ["REC-PARSE"])
    #expect(decoded[0].findings.first?.range.start == Loc(line: 3, column: 18))
    #expect(decoded[0].findings.first?.message.zh.hasPrefix("JSON 语法错误：缺少逗号或右花括号") == true)
  }

  @Test("what libyaml let through is refused, each with its own message")
  func commonMistakes() throws {
    let cases: [(String, Loc, String, String)] = [
      ("{\"a\": 1,}", Loc(line: 1, column: 8), "trailing comma", "末尾逗号"),
      ("{\"a\": 1} // note", Loc(line: 1, column: 10), "comments are not allowed", "注释"),
      ("{'a': 1}", Loc(line: 1, column: 2), "not single quotes", "单引号"),
      ("{\"a\": NaN}", Loc(line: 1, column: 7), "NaN and Infinity", "NaN"),
      ("{\"a\": 0x1F}", Loc(line: 1, column: 7), "hexadecimal", "十六进制"),
      ("{\"a\": 007}", Loc(line: 1, column: 7), "leading zeros", "前导零"),
      ("{a: 1}", Loc(line: 1, column: 2), "keys must be strings", "键"),
      ("{\"a\": True}", Loc(line: 1, column: 7), "must be lowercase", "小写"),
      ("{\"名称\"：\"大宁\"}", Loc(line: 1, column: 6), "full-width", "全角"),
      ("{\"a\": \"x\u{3000}\"，\"b\": 1}", Loc(line: 1, column: 11), "full-width", "全角"),
      ("{\"a\": \"\\ud83c\"}", Loc(line: 1, column: 8), "lone surrogate", "代理项"),
      ("{\"a\": \"\\udfe0\\ud83c\"}", Loc(line: 1, column: 8), "lone surrogate", "代理项"),
      ("{\"a\": \"x\ty\"}", Loc(line: 1, column: 9), "must be escaped as \\t", "转义"),
      ("{\"a\": \"\\x41\"}", Loc(line: 1, column: 8), "invalid escape \\x", "转义"),
      ("{\"a\": 1", Loc(line: 1, column: 8), "unexpected end of input", "意外结束"),
      ("{\"a\": 1}}", Loc(line: 1, column: 9), "after the JSON value", "多余内容"),
      ("", Loc(line: 1, column: 1), "empty input", "文件为空"),
    ]
    for (text, at, english, chinese) in cases {
      let problem = try #require(Self.problem(text), "\(text) was accepted")
      #expect(problem.kind == .jsonSyntax, "\(text): \(problem.kind)")
      #expect(problem.range.start == at, "\(text): at \(problem.range.start), \(problem.message)")
      #expect(problem.message.contains(english), "\(text): \(problem.message)")
      let zh = ParseMessages.chinese(problem)
      #expect(zh.hasPrefix("JSON 语法错误：") && zh.contains(chinese), "\(text): \(zh)")
    }
  }

  @Test("surrogate pairs decode to their scalar; escapes, U+007F and U+FFFF are kept")
  func strings() throws {
    let root = try #require(
      Self.docs(#"["\ud83c\udfe0", "\uD834\uDD1E", "a\/b\"\\\b\f\n\r\t", "\u0041\u00e9\u4e2d", "\#u{7F}\#u{FFFF}"]"#).first?.root)
    let texts = (root.items ?? []).compactMap(\.scalar?.text)
    #expect(texts == ["🏠", "𝄞", "a/b\"\\\u{8}\u{C}\n\r\t", "Aé中", "\u{7F}\u{FFFF}"])
    #expect((root.items ?? []).allSatisfy { $0.scalar?.style == .doubleQuoted })
    // Strings stay strings; numbers and literals are plain, typed by the resolver.
    let values = try #require(Self.docs(#"["12", 12, "true", true, null, -0, 1E+2, 1.5e-3]"#).first?.root?.items)
    #expect(
      values.map { $0.scalar?.resolved } == [
        .string("12"), .int(12), .string("true"), .bool(true), .null, .int(0), .float(100), .float(0.0015),
      ])
  }

  @Test("invalid UTF-8 is an encoding problem at its byte; UTF-16 is named")
  func encoding() throws {
    let bad = try #require(JSONReader.documents(Array("{\"名\": \"大".utf8) + [0xFF] + Array("\"}".utf8)).first?.problems.first)
    #expect(bad.kind == .encoding)
    #expect(bad.range.start == Loc(line: 1, column: 9))
    let overlong = try #require(JSONReader.documents([0x22, 0xC0, 0xAF, 0x22]).first?.problems.first)
    #expect(overlong.kind == .encoding && overlong.range.start == Loc(line: 1, column: 2))
    let utf16 = try #require(JSONReader.documents([0x7B, 0x00, 0x7D, 0x00]).first?.problems.first)
    #expect(utf16.kind == .encoding && utf16.message.contains("UTF-16"))
  }

  @Test("the JSON number forms resolve as numbers")
  func numberForms() {
    let cases: [(String, ResolvedScalar)] = [
      ("0", .int(0)), ("-0", .int(0)), ("-12", .int(-12)), ("1E+2", .float(100)), ("1e2", .float(100)),
      ("1.5e-3", .float(0.0015)), ("-1.0e+28", .float(-1e28)), ("0e1", .float(0)), ("0.5", .float(0.5)),
      ("-0.0", .float(-0.0)), ("1E-2", .float(0.01)), ("1e400", .float(.infinity)), ("-1e400", .float(-.infinity)),
      ("123456789012345678901234567890", .bigInt("123456789012345678901234567890")),
      ("-123456789012345678901234567890", .bigInt("-123456789012345678901234567890")),
      ("9223372036854775807", .int(Int.max)), ("-9223372036854775808", .int(Int.min)),
    ]
    for (text, expected) in cases {
      #expect(ScalarResolver.resolvePlain(text) == expected, "\(text)")
    }
  }

  // MARK: - Keys, limits

  @Test("a duplicate key is located at the second, names the first and keeps it")
  func duplicateKeys() throws {
    let text = "{\n  \"id\": \"A-1\",\n  \"name\": \"x\",\n    \"id\": \"A-2\"\n}"
    let doc = try #require(Self.docs(text).first)
    let root = try #require(doc.root)
    #expect(root.pairs?.count == 2)
    #expect(root.pairs?.first?.value.scalar?.text == "A-1")
    let problem = try #require(doc.problems.first)
    #expect(problem.kind == .duplicateKey)
    #expect(problem.range.start == Loc(line: 4, column: 5))
    #expect(problem.related?.start == Loc(line: 2, column: 3))
    #expect(problem.message.contains("\"id\"") && problem.message.contains("first at line 2"))
    // A large object takes the dictionary path: the same answer.
    let many = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
    let large = try #require(Self.docs("{\(many), \"k7\": 0}").first)
    #expect(large.problems.map(\.kind) == [.duplicateKey])
    #expect(large.root?.pairs?.count == 40)
    // Through the decoder: REC-DUPLICATE-KEY, as in YAML.
    let decoded = Self.decode(Self.prettyRecord().replacingOccurrences(of: "\"as_of\"", with: "\"id\": \"X\", \"as_of\""))
    #expect(decoded.first?.findings.map(\.rule).contains("REC-DUPLICATE-KEY") == true)
  }

  @Test("nesting: 64 levels are read, 65 refused; the array of records is not a level")
  func depth() throws {
    let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(Self.docs(ok).first?.root != nil)
    let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    let problem = try #require(Self.problem(deep))
    #expect(problem.kind == .tooDeep)
    #expect(problem.range.start == Loc(line: 1, column: 65))
    // In a record file, each record counts from its own root.
    let small = YAMLLimits(maxDepth: 3)
    let inArray = Self.docs("[{\"a\": {\"b\": [1]}}, {\"a\": {\"b\": {\"c\": []}}}, {}]", .elements, limits: small)
    #expect(inArray.count == 2)
    #expect(inArray[0].root != nil)
    #expect(inArray[1].root == nil && inArray[1].problems.first?.kind == .tooDeep)
    #expect(inArray[1].problems.first?.range.start == Loc(line: 1, column: 39))
    // A million brackets: refused at once, no deep recursion.
    let huge = Array(repeating: UInt8(ascii: "["), count: 1_000_000)
    #expect(JSONReader.documents(huge).first?.problems.first?.kind == .tooDeep)
  }

  @Test("the scalar and file size limits apply as in YAML")
  func sizeLimits() throws {
    let limits = YAMLLimits(maxFileBytes: 200, maxScalarBytes: 8)
    let lines = Self.docs("{\"a\": \"12345678\"}\n{\"a\": \"123456789\"}\n{\"a\": 123456789}\n[1]\n", .lines, limits: limits)
    #expect(lines.map { $0.root != nil } == [true, false, false, true])
    #expect(lines[1].problems.first?.kind == .tooLarge)
    #expect(lines[1].problems.first?.range.start == Loc(line: 2, column: 7))
    #expect(lines[2].problems.first?.kind == .tooLarge)
    // Escapes count by the bytes they stand for.
    #expect(Self.docs(#"["\u00e9\u00e9\u00e9\u00e9"]"#, limits: limits).first?.root != nil)
    let big = Self.docs("[" + String(repeating: "1,", count: 150) + "1]", .elements, limits: limits)
    #expect(big.count == 1 && big[0].problems.first?.kind == .tooLarge && big[0].problems.first?.range == .fileStart)
  }

  // MARK: - Layouts

  @Test("an array of records: one document each, a bad one does not hide the others")
  func arrayOfRecords() throws {
    let text = "[\n" + Self.prettyRecord(id: "A-1") + ",\n  42,\n" + Self.prettyRecord(id: "A-3", households: "\"many\"") + "\n]\n"
    let docs = Self.docs(text, .elements)
    #expect(docs.map(\.index) == [0, 1, 2])
    #expect(docs.map(\.start.line) == [2, 19, 20])
    let decoded = Self.decode(text)
    #expect(decoded.count == 3)
    #expect(decoded[0].record?.id == "A-1")
    #expect(decoded[0].origin.index == 0)
    #expect(decoded[1].isInputError)
    #expect(decoded[1].findings.first?.range.start == Loc(line: 19, column: 3))
    #expect(decoded[2].id == "A-3")
    #expect(decoded[2].findings.contains { $0.rule == "REC-SCHEMA" && $0.range.start.line == 25 })
    // A syntax error inside the array: the records before it are kept, the rest of the
    // file is one input error, reported once.
    let broken = "[" + Self.pythonRecord + ", {\"id\": \"B\",, \"x\": 1}, " + Self.pythonRecord + "]"
    let partial = Self.decode(broken)
    #expect(partial.count == 2)
    #expect(partial[0].record?.name == "🏠 大宁花园")
    #expect(partial[1].isInputError && partial[1].origin.index == 1)
    #expect(partial[1].findings.map(\.rule) == ["REC-PARSE"])
    // An empty array holds no record; a single object is one; `null` is not a record.
    #expect(Self.decode("[ ]").isEmpty)
    #expect(Self.decode(Self.pythonRecord).count == 1)
    #expect(Self.decode("null").map(\.isInputError) == [true])
    // Content after the array is one more input error.
    let after = Self.decode("[" + Self.pythonRecord + "] x")
    #expect(after.map(\.isInputError) == [false, true])
    #expect(after[1].findings.first?.message.en.contains("after the array of records") == true)
  }

  @Test(".jsonl: one bad line is one input error, the lines after it are read")
  func jsonLines() throws {
    let second = Self.pythonRecord.replacingOccurrences(of: "SH-JA-0001", with: "SH-JA-0002")
    let text = Self.pythonRecord + "\n{\"id\": \"SH-JA-9\", \"name\": \"坏\"\n\n" + second + "\r\n   \n"
    let docs = Self.docs(text, .lines)
    #expect(docs.map(\.index) == [0, 1, 2])
    #expect(docs.map(\.start.line) == [1, 2, 4])
    let problem = try #require(docs[1].problems.first)
    #expect(problem.message.hasPrefix("unexpected end of line"))
    #expect(problem.range.start == Loc(line: 2, column: 30))
    #expect(ParseMessages.chinese(problem).contains("该行"))
    let decoded = Self.decode(text, file: "t.jsonl")
    #expect(decoded.map(\.isInputError) == [false, true, false])
    #expect(decoded.map(\.id) == ["SH-JA-0001", nil, "SH-JA-0002"])
    #expect(Self.decode(text, file: "t.NDJSON").count == 3)
    // Two values on a line, a string broken over two lines: each one error, located.
    let odd = Self.docs("{} {}\n[\"a\n\"]\n7\n", .lines)
    #expect(odd.map { $0.root != nil } == [false, false, false, true])
    #expect(odd.map { $0.problems.first?.range.start.line } == [1, 2, 3, nil])
    // Through the engine: every line counted.
    let (dir, paths) = try Self.temporaryFiles(["lines.jsonl": text])
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try Run.check(paths: paths, policies: ShippedPolicies.all, asOf: nil, threads: 1)
    #expect(result.summary.records == 3)
    #expect(result.summary.inputErrors == 1)
    #expect(result.summary.checked == 2)
    #expect(result.inputs.map(\.records) == [3])
  }

  @Test("file kinds come from the extension; folders list .json, .jsonl and .ndjson")
  func inputKinds() throws {
    #expect(InputKind(path: "a/b.JSON") == .json)
    #expect(InputKind(path: "b.jsonl") == .jsonLines)
    #expect(InputKind(path: "b.ndjson") == .jsonLines)
    #expect(InputKind(path: "b.csv") == .csv)
    #expect(InputKind(path: "b.yml") == .yaml)
    #expect(InputKind(path: "<stdin>") == .yaml)
    let (dir, _) = try Self.temporaryFiles(["a.json": "{}", "b.jsonl": "", "c.ndjson": "", "d.txt": "", "e.yaml": ""])
    defer { try? FileManager.default.removeItem(at: dir) }
    let found = try InputFiles.expand([dir.path]).map { URL(fileURLWithPath: $0).lastPathComponent }
    #expect(found == ["a.json", "b.jsonl", "c.ndjson", "e.yaml"])
  }
}
