import Engine
import Foundation
import Records
import Testing
import YAMLSource

/// Limits that must fail *and* inputs at the limit that must pass (as go-yaml's limit
/// tests do), through the record decoder (`RecordSource.records`) and the built binary.
/// Each refused input is a located input error in bounded time; the rest of the run is
/// unharmed. HostileInputTests covers the same defences at the YAML layer.
@Suite
struct HostileLimitsTests {
  typealias Loc = YAMLSource.SourceLocation

  // MARK: - Inputs

  /// A complete record of 舒城县 (a shipped policy's jurisdiction); `households` on line 5.
  static func record(
    _ id: String, name: String = "梅山花园", asOf: String = "2024-06-30", households: String = "420", extra: String = ""
  ) -> String {
    "id: \(id)\nname: \(name)\njurisdiction: {province: 安徽省, city: 六安市, county: 舒城县}\nas_of: \(asOf)\nhouseholds: \(households)\n"
      + extra
  }

  static let csvHeader = "id,name,jurisdiction.province,jurisdiction.city,jurisdiction.county,as_of,households\n"

  static func decode(_ text: String, csv: Bool = false, limits: YAMLLimits = .default) -> [DecodedRecord] {
    decode(Array(text.utf8), csv: csv, limits: limits)
  }

  static func decode(_ bytes: [UInt8], csv: Bool = false, limits: YAMLLimits = .default) -> [DecodedRecord] {
    var out: [DecodedRecord] = []
    RecordSource.records(in: bytes, file: csv ? "t.csv" : "t.yaml", isCSV: csv, limits: limits) { out.append($0) }
    return out
  }

  /// The one input error an input gives, with its rule, place and words.
  static func expectError(
    _ records: [DecodedRecord], _ rule: String, at location: Loc, _ words: String, kept: Bool = false,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    #expect(records.count == 1, "\(records.count) records", sourceLocation: sourceLocation)
    guard let decoded = records.first else { return }
    // records.md: only a record that cannot be placed (its id, jurisdiction or as_of) is an
    // input error; any other bad value leaves that field unreported and the record checked.
    #expect(decoded.isInputError == !kept, kept ? "the record is kept" : "an input error", sourceLocation: sourceLocation)
    let found = decoded.findings.contains {
      $0.rule == rule && $0.severity == .error && $0.range.start == location && (words.isEmpty || $0.message.en.contains(words))
    }
    #expect(
      found, "no \(rule) at \(location) saying \"\(words)\" in \(decoded.findings.map { "\($0.rule) \($0.range.start) \($0.message.en)" })",
      sourceLocation: sourceLocation)
  }

  /// A record that decodes with no error (warnings allowed).
  static func expectRecord(_ records: [DecodedRecord], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Record? {
    #expect(records.count == 1, sourceLocation: sourceLocation)
    let errors = records.flatMap(\.findings).filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors.map { "\($0.rule) \($0.range.start) \($0.message.en)" })", sourceLocation: sourceLocation)
    return records.first?.record
  }

  // MARK: - Aliases

  @Test("alias expansion exactly at the budget loads; one node over is refused where it happens")
  func aliasBudget() throws {
    let budget = YAMLLimits.default.maxAliasExpansion
    func campaigns(_ aliases: Int) -> String {
      Self.record("AL", extra: "campaigns:\n  - &c meihao\n" + String(repeating: "  - *c\n", count: aliases))
    }
    let at = try #require(Self.expectRecord(Self.decode(campaigns(budget))))
    #expect(at.campaigns.count == budget + 1)
    // Line 7 holds `&c`; alias k (1-based) is on line 7 + k: the one over the budget on 7 + budget + 1.
    Self.expectError(
      Self.decode(campaigns(budget + 1)), "REC-PARSE", at: Loc(line: 8 + budget, column: 5), "billion laughs")
  }

  @Test("billion laughs is refused inside the first level that crosses the budget")
  func billionLaughs() {
    // a: 11 nodes; b: 10 × a; c: 10 × b; d: 10 × c … Expansion passes 10,000 at d's 8th alias.
    var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for (name, previous) in zip("bcdefghi", "abcdefgh") {
      text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
    }
    let column = 8 + 7 * 4  // "d: &d [" then "*c, " × 7
    Self.expectError(Self.decode(text), "REC-PARSE", at: Loc(line: 4, column: column), "billion laughs")
  }

  @Test("an alias to its own ancestor is a cycle; an alias to a finished node is a value")
  func selfReference() throws {
    Self.expectError(Self.decode("id: &x [*x]\n"), "REC-PARSE", at: Loc(line: 1, column: 9), "cycle")
    Self.expectError(Self.decode("&r {id: *r}\n"), "REC-PARSE", at: Loc(line: 1, column: 9), "cycle")
    let text = Self.record("X1").replacingOccurrences(of: "id: X1\nname: 梅山花园", with: "id: &i X1\nname: *i")
    let record = try #require(Self.expectRecord(Self.decode(text)))
    #expect(record.name == "X1")
  }

  // MARK: - Depth, file size, scalar size

  @Test("nesting at the depth limit reads (the field is then unknown); one level deeper is refused")
  func depth() {
    let limit = YAMLLimits.default.maxDepth
    // The record is level 1; `x:` holds limit − 1 (at) or limit (over) flow levels.
    let at = Self.decode(
      Self.record("D", extra: "x: " + String(repeating: "[", count: limit - 1) + String(repeating: "]", count: limit - 1) + "\n"))
    #expect(!at.flatMap(\.findings).contains { $0.rule == "REC-PARSE" })
    Self.expectError(at, "REC-SCHEMA", at: Loc(line: 6, column: 1), "unknown field x", kept: true)
    let over = Self.decode(
      Self.record("D", extra: "x: " + String(repeating: "[", count: limit) + String(repeating: "]", count: limit) + "\n"))
    Self.expectError(over, "REC-PARSE", at: Loc(line: 6, column: 3 + limit), "deeper than \(limit)")
  }

  @Test("a small depth limit: a real record's attendees at the limit read, one level less refuses them")
  func depthOfARealRecord() throws {
    // record (1) → events (2) → event (3) → attendees (4)
    let text = Self.record("EV", extra: "events:\n  - {date: 2024-01-05, type: fire_drill, attendees: [police]}\n")
    let record = try #require(Self.expectRecord(Self.decode(text, limits: YAMLLimits(maxDepth: 4))))
    #expect(record.events.first?.attendees == ["police"])
    Self.expectError(Self.decode(text, limits: YAMLLimits(maxDepth: 3)), "REC-PARSE", at: Loc(line: 7, column: 53), "deeper than 3")
  }

  @Test("a file at the size cap reads; one byte over is refused at 1:1 (YAML and CSV)")
  func fileSizeCap() throws {
    let yaml = Array(Self.record("SZ").utf8)
    _ = try #require(Self.expectRecord(Self.decode(yaml, limits: YAMLLimits(maxFileBytes: yaml.count))))
    Self.expectError(Self.decode(yaml, limits: YAMLLimits(maxFileBytes: yaml.count - 1)), "REC-PARSE", at: Loc(line: 1, column: 1), "limit")

    let csv = Array((Self.csvHeader + "C,甲,安徽省,六安市,舒城县,2024-06-30,100\n").utf8)
    _ = try #require(Self.expectRecord(Self.decode(csv, csv: true, limits: YAMLLimits(maxFileBytes: csv.count))))
    Self.expectError(
      Self.decode(csv, csv: true, limits: YAMLLimits(maxFileBytes: csv.count - 1)), "REC-PARSE", at: Loc(line: 1, column: 1), "limit")
  }

  @Test("a file over the cap is refused from its size alone: the finding and hash of reading it whole")
  func oversizedFileIsNotRead() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-oversized-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let yaml = Array(Self.record("SZ").utf8)
    let csv = Array((Self.csvHeader + "C,甲,安徽省,六安市,舒城县,2024-06-30,100\n").utf8)
    for (name, bytes) in [("big.yaml", yaml), ("big.csv", csv)] {
      let path = dir.appendingPathComponent(name).path
      #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
      let limits = YAMLLimits(maxFileBytes: bytes.count - 1)
      let run = try Run.check(paths: [path], policies: [], asOf: nil, limits: limits, threads: 1)
      let read = Self.decode(bytes, csv: name.hasSuffix(".csv"), limits: limits)
      #expect(Array(run.findings).map(\.message) == read.flatMap(\.findings).map(\.message))
      #expect(Array(run.findings).map(\.range) == read.flatMap(\.findings).map(\.range))
      #expect(run.summary.records == 1 && run.summary.inputErrors == 1)
      #expect(run.inputs.first?.sha256 == SHA256.hex(bytes))
    }
  }

  @Test("a stream that never ends (/dev/zero as stdin) is read only to the cap + 1 and refused (REC-READ); named, the device is not read")
  func endlessInput() throws {
    let limits = YAMLLimits(maxFileBytes: 4096)
    let fd = open("/dev/zero", O_RDONLY)
    defer { close(fd) }
    guard case .failed(let failure) = InputFiles.readStream(fd, name: "<stdin>", limit: 4096) else {
      Issue.record("/dev/zero as a stream was not refused")
      return
    }
    #expect(failure.reason.en == "the stream is longer than the limit of 4096 bytes; it was not read further")
    // At the cap exactly, a stream is read.
    var pipe: [Int32] = [0, 0]
    #expect(Foundation.pipe(&pipe) == 0)
    let bytes = Array(Self.record("STREAM").utf8)
    #expect(write(pipe[1], bytes, bytes.count) == bytes.count)
    close(pipe[1])
    defer { close(pipe[0]) }
    guard case .file(let file) = InputFiles.readStream(pipe[0], name: "<stdin>", limit: bytes.count) else {
      Issue.record("a stream at the cap was refused")
      return
    }
    #expect(file.bytes == bytes)
    // Named as a path, a device is refused by its kind before it is opened.
    let run = try Run.check(paths: ["/dev/zero"], policies: [], asOf: nil, limits: limits, threads: 1)
    #expect(run.summary.records == 1 && run.summary.inputErrors == 1)
    let finding = try #require(Array(run.findings).first)
    #expect(finding.rule == "REC-READ" && finding.range.start == Loc(line: 1, column: 1))
    #expect(finding.message.en == "cannot read /dev/zero: not a regular file but a character device")
  }

  @Test("a scalar of exactly 1 MiB loads; 1 MiB + 1 and 10 MB are refused where they start")
  func scalarCap() throws {
    let cap = YAMLLimits.default.maxScalarBytes
    #expect(cap == 1 << 20)
    let at = try #require(Self.expectRecord(Self.decode(Self.record("S", name: String(repeating: "a", count: cap)))))
    #expect(at.name.utf8.count == cap)
    Self.expectError(
      Self.decode(Self.record("S", name: String(repeating: "a", count: cap + 1))), "REC-PARSE", at: Loc(line: 2, column: 7),
      "\(cap + 1) bytes")
    // Multi-byte: 349,526 × 3 bytes = 1,048,578 bytes, over the cap by 2 though only 349,526 characters.
    Self.expectError(
      Self.decode(Self.record("S", name: String(repeating: "园", count: cap / 3 + 1))), "REC-PARSE", at: Loc(line: 2, column: 7),
      "over the limit")
    let tenMB = 10_000_000
    Self.expectError(
      Self.decode(Self.record("S", name: String(repeating: "a", count: tenMB))), "REC-PARSE", at: Loc(line: 2, column: 7),
      "\(tenMB) bytes")
    // Quoted and block scalars count the same way.
    Self.expectError(
      Self.decode(Self.record("S", name: "\"" + String(repeating: "b", count: cap + 1) + "\"")), "REC-PARSE",
      at: Loc(line: 2, column: 7), "over the limit")
    Self.expectError(
      Self.decode(Self.record("S", name: "|\n  " + String(repeating: "c", count: cap + 1))), "REC-PARSE",
      at: Loc(line: 2, column: 7), "over the limit")
  }

  // MARK: - Bytes

  @Test(
    "NUL bytes are located errors, in keys and values",
    arguments: [
      ("name: 梅山\u{0}花园", Loc(line: 2, column: 9)),
      ("na\u{0}me: 梅山花园", Loc(line: 2, column: 3)),
      ("name: \"梅山\u{0}\"", Loc(line: 2, column: 10)),
    ])
  func nul(line: String, at location: Loc) {
    let text = Self.record("NUL").replacingOccurrences(of: "name: 梅山花园", with: line)
    Self.expectError(Self.decode(text), "REC-PARSE", at: location, "control characters")
  }

  @Test("invalid UTF-8 in a key and in a value (YAML), in a header and a cell (CSV)")
  func invalidUTF8() {
    func replacing(_ text: String, _ target: String, with bytes: [UInt8]) -> [UInt8] {
      let t = Array(text.utf8)
      let r = Array(target.utf8)
      let i = (0...(t.count - r.count)).first { Array(t[$0..<($0 + r.count)]) == r }!
      return Array(t[..<i]) + bytes + Array(t[(i + r.count)...])
    }
    let yaml = Self.record("U")
    // `as_of` → `as\xFF_of`: line 4, column 3.
    Self.expectError(
      Self.decode(replacing(yaml, "as_of", with: Array("as".utf8) + [0xFF] + Array("_of".utf8))), "REC-PARSE",
      at: Loc(line: 4, column: 3), "UTF-8")
    // `梅山花园` → `梅` + 0xFF: line 2, column 8.
    Self.expectError(
      Self.decode(replacing(yaml, "梅山花园", with: Array("梅".utf8) + [0xFF])), "REC-PARSE", at: Loc(line: 2, column: 8), "UTF-8")
    // A truncated sequence (the first two bytes of 花) before a line break: libyaml
    // names the first byte that cannot continue it, the line break at 2:10.
    Self.expectError(
      Self.decode(replacing(yaml, "花园", with: [0xE8, 0x8A])), "REC-PARSE", at: Loc(line: 2, column: 10), "UTF-8")
    // Overlong encoding of "/" and a UTF-16 surrogate are refused too.
    Self.expectError(Self.decode(replacing(yaml, "花园", with: [0xC0, 0xAF])), "REC-PARSE", at: Loc(line: 2, column: 9), "")
    Self.expectError(Self.decode(replacing(yaml, "花园", with: [0xED, 0xA0, 0x80])), "REC-PARSE", at: Loc(line: 2, column: 9), "")

    let row = "C,甲,安徽省,六安市,舒城县,2024-06-30,100\n"
    // CSV: one encoding error stops the whole file (it is one input error), located.
    Self.expectError(
      Self.decode(replacing(Self.csvHeader + row, "households", with: Array("house".utf8) + [0xFE]), csv: true), "REC-PARSE",
      at: Loc(line: 1, column: 80), "UTF-8")
    Self.expectError(
      Self.decode(replacing(Self.csvHeader + row, "甲", with: [0xFF]), csv: true), "REC-PARSE", at: Loc(line: 2, column: 3), "UTF-8")
  }

  // MARK: - Numbers and dates

  @Test(
    "integers that overflow are out of range, located (YAML)",
    arguments: ["99999999999999999999", "-99999999999999999999", "9223372036854775808", "0x10000000000000000"])
  func overflowYAML(text: String) {
    Self.expectError(
      Self.decode(Self.record("OVF", households: text)), "REC-SCHEMA", at: Loc(line: 5, column: 13), "out of range", kept: true)
  }

  @Test("integers that overflow are out of range in CSV too; Int.max is a value")
  func overflowCSV() throws {
    for text in ["99999999999999999999", "-99999999999999999999", "+9223372036854775808"] {
      Self.expectError(
        Self.decode(Self.csvHeader + "C,甲,安徽省,六安市,舒城县,2024-06-30,\(text)\n", csv: true), "REC-SCHEMA",
        at: Loc(line: 2, column: 28), "out of range", kept: true)
    }
    // A number field takes a large value written as an integer the same way YAML does.
    Self.expectError(
      Self.decode(
        "id,name,jurisdiction.province,jurisdiction.city,jurisdiction.county,as_of,households,fees.2024.due\nC,甲,安徽省,六安市,舒城县,2024-06-30,1,99999999999999999999\n",
        csv: true),
      "REC-SCHEMA", at: Loc(line: 2, column: 30), "out of range", kept: true)
    let max = try #require(Self.expectRecord(Self.decode(Self.record("MAX", households: "9223372036854775807"))))
    #expect(max.households == Int.max)
    let csvMax = try #require(
      Self.expectRecord(Self.decode(Self.csvHeader + "C,甲,安徽省,六安市,舒城县,2024-06-30,9223372036854775807\n", csv: true)))
    #expect(csvMax.households == Int.max)
  }

  @Test(
    "NaN and infinities where a count is expected are type errors", arguments: [".nan", ".NaN", ".inf", "-.Inf", "+.INF", "1e3", "1.5"])
  func nanWhereCount(text: String) {
    Self.expectError(
      Self.decode(Self.record("N", households: text)), "REC-SCHEMA", at: Loc(line: 5, column: 13), "an integer", kept: true)
  }

  @Test("NaN and infinities where a number is expected are not finite; CSV's NaN/inf are not numbers")
  func nanWhereNumber() throws {
    for text in [".nan", ".inf", "-.inf"] {
      Self.expectError(
        Self.decode(Self.record("N", extra: "satisfaction: {score: \(text)}\n")), "REC-SCHEMA", at: Loc(line: 6, column: 23), "finite",
        kept: true)
    }
    for text in ["NaN", "nan", "inf", "-Infinity", "1e400"] {
      let records = Self.decode(Self.csvHeader + "C,甲,安徽省,六安市,舒城县,2024-06-30,\(text)\n", csv: true)
      Self.expectError(records, "REC-SCHEMA", at: Loc(line: 2, column: 28), "households", kept: true)
    }
    // At the edge: the largest finite score in range loads.
    _ = try #require(Self.expectRecord(Self.decode(Self.record("N", extra: "satisfaction: {score: 100}\n"))))
  }

  @Test(
    "impossible dates are located; the real edges load",
    arguments: ["2023-02-30", "2023-02-29", "2024-02-30", "2023-13-01", "2023-04-31", "2023-00-10"])
  func impossibleDate(text: String) {
    Self.expectError(Self.decode(Self.record("DT", asOf: text)), "REC-SCHEMA", at: Loc(line: 4, column: 8), "no such calendar date")
    // In an event, too.
    let event = Self.record("DT", extra: "events:\n  - {date: \(text), type: fire_drill}\n")
    Self.expectError(Self.decode(event), "REC-SCHEMA", at: Loc(line: 7, column: 12), "no such calendar date", kept: true)
    // CSV
    Self.expectError(
      Self.decode(Self.csvHeader + "C,甲,安徽省,六安市,舒城县,\(text),100\n", csv: true), "REC-SCHEMA", at: Loc(line: 2, column: 17),
      "no such calendar date")
  }

  @Test("leap days and month ends that exist load", arguments: ["2024-02-29", "2023-02-28", "2000-02-29", "2023-12-31", "2023-04-30"])
  func realDate(text: String) throws {
    let record = try #require(Self.expectRecord(Self.decode(Self.record("DT", asOf: text))))
    #expect(record.asOf.description == text)
  }

  @Test("negative and zero households are refused; one household is the floor", arguments: ["-5", "0", "-0", "-9223372036854775808"])
  func negativeHouseholds(text: String) {
    Self.expectError(
      Self.decode(Self.record("NEG", households: text)), "REC-SCHEMA", at: Loc(line: 5, column: 13), "at least 1", kept: true)
  }

  @Test func oneHousehold() throws {
    #expect(try #require(Self.expectRecord(Self.decode(Self.record("ONE", households: "1")))).households == 1)
  }

  // MARK: - CSV

  @Test("a CSV with a BOM and ragged rows: the long row is a located parse error, the short one a schema error, the good row a record")
  func raggedCSVWithBOM() throws {
    let text =
      "\u{FEFF}" + Self.csvHeader + "C-1,甲,安徽省,六安市,舒城县,2024-06-30,100\n" + "C-2,乙,安徽省,六安市,舒城县,2024-06-30,100,extra\n"
      + "C-3,丙,安徽省,六安市\n" + "\"C-4\",丁,安徽省,六安市,舒城县,2024-06-30,100,,\n"
    let records = Self.decode(text, csv: true)
    #expect(records.count == 4)
    let good = try #require(records.first?.record)
    #expect(good.id == "C-1")
    // The BOM is not a column: C-1's households cell is at column 30.
    #expect(good.fields["households"]?.range.start == Loc(line: 2, column: 30))
    Self.expectError([records[1]], "REC-PARSE", at: Loc(line: 3, column: 34), "8 cells but the header has 7")
    Self.expectError([records[2]], "REC-SCHEMA", at: Loc(line: 4, column: 1), "as_of is missing")
    #expect(records[2].findings.contains { $0.message.en.contains("households is missing") })
    Self.expectError([records[3]], "REC-PARSE", at: Loc(line: 5, column: 36), "9 cells")
  }

  @Test("an unclosed quote swallows the rest of the file as one located error")
  func unclosedQuote() {
    let records = Self.decode(Self.csvHeader + "C,\"甲,安徽省,六安市,舒城县,2024-06-30,100\nD,乙\n", csv: true)
    Self.expectError(records, "REC-PARSE", at: Loc(line: 2, column: 3), "never closed")
  }

  // MARK: - The whole run, through the binary

  struct HostileFile {
    var name: String
    var bytes: [UInt8]
    /// Expected input-error finding (rule, line, column), nil when the file must load.
    var error: (String, Int, Int)?
    /// The error is a bad value that leaves the record checked (records.md).
    var kept = false
  }

  static var hostileFiles: [HostileFile] {
    let cap = YAMLLimits.default.maxScalarBytes
    var files: [HostileFile] = [
      HostileFile(
        name: "alias-over.yaml",
        bytes: Array(record("H-AL", extra: "campaigns:\n  - &c meihao\n" + String(repeating: "  - *c\n", count: 10_001)).utf8),
        error: ("REC-PARSE", 10_008, 5)),
      HostileFile(name: "alias-cycle.yaml", bytes: Array("id: &x [*x]\n".utf8), error: ("REC-PARSE", 1, 9)),
      HostileFile(
        name: "depth-over.yaml",
        bytes: Array(record("H-D", extra: "x: " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "\n").utf8),
        error: ("REC-PARSE", 6, 67)),
      HostileFile(
        name: "scalar-10mb.yaml", bytes: Array(record("H-S", name: String(repeating: "a", count: 10_000_000)).utf8),
        error: ("REC-PARSE", 2, 7)),
      HostileFile(name: "scalar-at-cap.yaml", bytes: Array(record("H-SCAP", name: String(repeating: "a", count: cap)).utf8), error: nil),
      HostileFile(name: "nul.yaml", bytes: Array(record("H-NUL", name: "梅山\u{0}花园").utf8), error: ("REC-PARSE", 2, 9)),
      HostileFile(
        name: "overflow.yaml", bytes: Array(record("H-OVF", households: "99999999999999999999").utf8), error: ("REC-SCHEMA", 5, 13),
        kept: true),
      HostileFile(
        name: "int-max.yaml",
        bytes: Array(record("H-MAX", households: "9223372036854775807", extra: "facilities: {service_area_m2: 126}\n").utf8), error: nil),
      HostileFile(name: "nan.yaml", bytes: Array(record("H-NAN", households: ".nan").utf8), error: ("REC-SCHEMA", 5, 13), kept: true),
      HostileFile(name: "inf.yaml", bytes: Array(record("H-INF", households: ".inf").utf8), error: ("REC-SCHEMA", 5, 13), kept: true),
      HostileFile(name: "date.yaml", bytes: Array(record("H-DATE", asOf: "2023-02-30").utf8), error: ("REC-SCHEMA", 4, 8)),
      HostileFile(name: "negative.yaml", bytes: Array(record("H-NEG", households: "-5").utf8), error: ("REC-SCHEMA", 5, 13), kept: true),
      HostileFile(
        name: "ragged.csv",
        bytes: [0xEF, 0xBB, 0xBF]
          + Array((csvHeader + "H-C1,甲,安徽省,六安市,舒城县,2024-06-30,100\nH-C2,乙,安徽省,六安市,舒城县,2024-06-30,100,extra\n").utf8),
        error: ("REC-PARSE", 3, 35)),
    ]
    var key = Array(record("H-UK").utf8)
    key.insert(0xFF, at: key.firstIndex(of: UInt8(ascii: "_"))!)  // as\xFF_of
    files.append(HostileFile(name: "utf8-key.yaml", bytes: key, error: ("REC-PARSE", 4, 3)))
    var value = Array(record("H-UV").utf8)
    value.insert(0xFF, at: Array(value).firstIndex(of: 0xE6)! + 3)  // 梅 then 0xFF
    files.append(HostileFile(name: "utf8-value.yaml", bytes: value, error: ("REC-PARSE", 2, 8)))
    if HostileData.available, let laughs = try? HostileData.bytes("billion-laughs.yaml") {
      files.append(HostileFile(name: "billion-laughs.yaml", bytes: laughs, error: ("REC-PARSE", 5, 8)))
    }
    return files
  }

  struct Report {
    var records = 0, checked = 0, skipped = 0, inputErrors = 0
    var findings: [[String: Any]] = []
    var inputs: [String: Int] = [:]

    init(_ run: Support.Run) throws {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
      let summary = try #require(object["summary"] as? [String: Any])
      records = summary["records"] as? Int ?? -1
      checked = summary["checked"] as? Int ?? -1
      skipped = summary["skipped"] as? Int ?? -1
      inputErrors = summary["input_errors"] as? Int ?? -1
      findings = object["findings"] as? [[String: Any]] ?? []
      for input in object["inputs"] as? [[String: Any]] ?? [] {
        if let path = input["path"] as? String { inputs[path] = input["records"] as? Int }
      }
    }

    /// Findings of one file's records, as comparable text. Group findings (subject
    /// `LEVEL:NAME`) sit at their group's first record but count the whole run: left out.
    func findings(of file: String) -> [String] {
      findings.filter { $0["file"] as? String == file && !(($0["subject"] as? String) ?? "").contains(":") }.map { f in
        ["rule", "policy", "severity", "outcome", "subject", "line", "column", "message"].map { "\(f[$0] ?? "-")" }.joined(separator: "|")
      }.sorted()
    }
  }

  @Test(
    "one run over every hostile file and a good record: each hostile file a located error, the good record's findings as alone, every record counted"
  )
  func mixedRun() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let good = dir.appendingPathComponent("good.yaml").path
    try Data(Support.bytes("examples/records/shucheng/meishan.yaml")).write(to: URL(fileURLWithPath: good))
    let files = Self.hostileFiles
    for file in files { try Data(file.bytes).write(to: dir.appendingPathComponent(file.name)) }

    let alone = try Report(Support.run(["check", good, "--format", "json", "--lang", "en", "--no-progress"]))
    #expect(alone.records == 1 && alone.checked == 1)
    #expect(!alone.findings(of: good).isEmpty)

    let run = try Support.run(["check", dir.path, "--format", "json", "--lang", "en", "--no-progress"])
    #expect(run.status == 1, "\(run.stderr)")
    let mix = try Report(run)
    #expect(mix.records == mix.checked + mix.skipped + mix.inputErrors)
    #expect(mix.inputs.count == files.count + 1)
    #expect(mix.inputs.values.reduce(0, +) == mix.records)
    // The good record: checked, with exactly the findings it has alone.
    #expect(mix.findings(of: good) == alone.findings(of: good))
    for file in files {
      let path = dir.appendingPathComponent(file.name).path
      #expect((mix.inputs[path] ?? 0) >= 1, "\(file.name) not read")
      let findings = mix.findings.filter { $0["file"] as? String == path }
      if let (rule, line, column) = file.error {
        #expect(
          findings.contains { $0["rule"] as? String == rule && $0["line"] as? Int == line && $0["column"] as? Int == column },
          "\(file.name): \(findings.map { "\($0["rule"] ?? "") \($0["line"] ?? ""):\($0["column"] ?? "")" })")
      } else {
        #expect(!findings.contains { ($0["rule"] as? String).map { ["REC-PARSE", "REC-SCHEMA"].contains($0) } ?? false }, "\(file.name)")
      }
    }
    // Loaded at the limits: scalar-at-cap, int-max, the good record, the ragged CSV's good
    // row; and the records whose bad value only leaves that field unreported.
    #expect(mix.checked == 4 + files.filter(\.kept).count)
    #expect(mix.inputErrors == files.filter { $0.error != nil && !$0.kept }.count)
  }

  // MARK: - Outputs

  /// `--output` is written to `.NAME.RANDOM.tmp` beside the target, then renamed: a run
  /// killed (SIGKILL, nothing to clean up) while checking or while writing leaves the
  /// target absent, or the previous complete file. The temporary file may stay behind;
  /// it is hidden and its `.tmp` extension keeps it out of `jiayuan check DIR`.
  @Test("a run killed midway leaves no half-written --output file")
  func killedRunLeavesNoPartialOutput() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-kill-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let n = 8_000
    let input = dir.appendingPathComponent("big.yaml")
    try Data((0..<n).map { "---\n" + Self.record("K\($0)", households: "5") }.joined().utf8).write(to: input)
    let output = dir.appendingPathComponent("report.json")
    let old = Data("{\"an old, complete report\": true}\n".utf8)

    /// Starts a run; kills it once `when` says so; returns whether it was killed.
    func run(killWhen when: (Int32) -> Bool) throws -> Bool {
      let process = Process()
      process.executableURL = Support.binary
      process.arguments = ["check", input.path, "--format", "json", "--output", output.path, "--no-progress"]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      let deadline = Date().addingTimeInterval(120)
      var killed = false
      while process.isRunning, Date() < deadline {
        if when(process.processIdentifier) {
          kill(process.processIdentifier, SIGKILL)
          killed = true
          break
        }
        usleep(100)
      }
      process.waitUntilExit()
      if killed { #expect(process.terminationReason == .uncaughtSignal) }
      return killed
    }

    /// The run's temporary file, if it has one yet (its name is random).
    func temporary(_ pid: Int32) -> String? {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
      return names.first { $0.hasPrefix(".report.json.") && $0.hasSuffix(".tmp") }.map { dir.appendingPathComponent($0).path }
    }

    for previous in [nil, old] {
      // 1. Killed while checking (shortly after the start).
      try? FileManager.default.removeItem(at: output)
      if let previous { try previous.write(to: output) }
      let start = Date()
      let early = try run { _ in Date().timeIntervalSince(start) > 0.3 }
      #expect(early, "the run ended within 0.3 s: make the input larger")
      #expect(FileManager.default.contents(atPath: output.path) == previous)

      // 2. Killed as soon as the temporary output file appears (mid-write).
      var pid: Int32 = 0
      let midWrite = try run { p in
        pid = p
        return temporary(p) != nil
      }
      if midWrite {
        #expect(FileManager.default.contents(atPath: output.path) == previous)
        // The stray temporary file is hidden and never read as records.
        let entries = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(
          entries.allSatisfy { $0 == "big.yaml" || $0 == "report.json" || ($0.hasPrefix(".report.json.") && $0.hasSuffix(".tmp")) },
          "\(entries)")
        if let stray = temporary(pid) { try? FileManager.default.removeItem(atPath: stray) }
      } else {
        // The write won the race: the file is whole.
        let data = try #require(FileManager.default.contents(atPath: output.path))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((object["summary"] as? [String: Any])?["records"] as? Int == n)
      }
    }
  }
}
