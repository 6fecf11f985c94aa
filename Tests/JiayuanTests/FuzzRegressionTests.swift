import Foundation
import Policies
import Records
import Testing
import YAMLSource

/// Every input that ever broke something (a crash, a hang, a slow unit, a wrong answer)
/// found while fuzzing (`Fuzz/`), kept as a test. Inputs too odd to write inline live in
/// `Fixtures/fuzz/TARGET/`, replayed here through the same entry point and invariants as
/// the fuzz target `TARGET` (drop a crash artifact there to make it a test).
@Suite
struct FuzzRegressionTests {
  static let fixtures = Support.packageRoot.appendingPathComponent("Tests/JiayuanTests/Fixtures/fuzz")

  static func fixtureFiles(_ target: String) -> [String] {
    let dir = fixtures.appendingPathComponent(target)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted().map { dir.appendingPathComponent($0).path }
  }

  static func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

  // MARK: - Replays (the fuzz targets' invariants)

  @Test("Fixtures/fuzz/yaml replays through YAMLReader", arguments: fixtureFiles("yaml"))
  func yaml(path: String) {
    let input = Self.bytes(path)
    let docs = YAMLReader.documents(input)
    for doc in docs {
      #expect(doc.problems.allSatisfy { $0.range.start.line >= 1 && $0.range.start.column >= 1 })
      if doc.root == nil { #expect(doc.problems.contains { $0.isFatal }) }
    }
    var streamed = 0
    YAMLReader.readDocuments(input) { _ in streamed += 1 }
    #expect(streamed == docs.count)
  }

  @Test(
    "Fixtures/fuzz/records replays through RecordSource (first byte: bit 0 CSV, bit 2 JSON, bit 3 JSON Lines, bit 1 small limits)",
    arguments: fixtureFiles("records"))
  func records(path: String) {
    let input = Self.bytes(path)
    guard let mode = input.first else { return }
    let limits = mode & 2 == 2 ? YAMLLimits(maxDepth: 8, maxAliasExpansion: 100, maxFileBytes: 4096, maxScalarBytes: 64) : .default
    let kind: InputKind = mode & 1 == 1 ? .csv : mode & 4 == 0 ? .yaml : mode & 8 == 0 ? .json : .jsonLines
    RecordSource.records(in: Array(input.dropFirst()), file: "fuzz", kind: kind, limits: limits) { decoded in
      if decoded.isInputError { #expect(decoded.findings.contains { $0.severity == .error }) }
      #expect(decoded.findings.allSatisfy { $0.range.start.line >= 1 && $0.range.start.column >= 1 })
    }
  }

  @Test("Fixtures/fuzz/policy replays through PolicyLoader", arguments: fixtureFiles("policy"))
  func policy(path: String) {
    let loaded = PolicyLoader.load(Self.bytes(path), file: "fuzz.yaml")
    #expect(loaded.policy == nil || !loaded.hasErrors)
    #expect(loaded.findings.allSatisfy { $0.range.start.line >= 1 && $0.range.start.column >= 1 })
  }

  @Test(
    "Fixtures/fuzz/json replays through JSONReader (first byte: bits 0-1 layout, bit 2 small limits)", arguments: fixtureFiles("json"))
  func json(path: String) {
    let input = Self.bytes(path)
    guard let mode = input.first else { return }
    let layout: JSONReader.Layout = mode & 3 == 0 ? .value : mode & 3 == 1 ? .elements : .lines
    let limits = mode & 4 == 4 ? YAMLLimits(maxDepth: 8, maxAliasExpansion: 100, maxFileBytes: 4096, maxScalarBytes: 64) : .default
    var index = 0
    JSONReader.readDocuments(Array(input.dropFirst()), layout: layout, limits: limits) { doc in
      #expect(doc.index == index)
      index += 1
      #expect(doc.problems.allSatisfy { $0.range.start.line >= 1 && $0.range.start.column >= 1 })
      #expect((doc.root == nil) == doc.problems.contains { $0.isFatal })
    }
  }

  @Test("Fixtures/fuzz/expression replays through ExpressionParser and the type checker", arguments: fixtureFiles("expression"))
  func expression(path: String) {
    let text = String(decoding: Self.bytes(path), as: UTF8.self)
    let origin = YAMLSource.SourceLocation(line: 3, column: 12)
    do {
      let e = try ExpressionParser.parse(text, origin: origin, parameters: ["rate": Fraction(95, 100)])
      let errors = ExpressionTypeChecker.checkCondition(e, at: SourceRange(at: origin))
      #expect(errors.allSatisfy { $0.range.start.line >= 1 })
    } catch {
      #expect(error.range.start.line == 3 && error.range.start.column >= 12)
    }
  }

  @Test("every fuzz target has replay fixtures")
  func fixturesPresent() {
    for target in ["yaml", "records", "policy", "expression"] {
      #expect(!Self.fixtureFiles(target).isEmpty, "Fixtures/fuzz/\(target) is empty")
    }
  }

  // MARK: - Found by fuzzing, kept inline

  static func record(_ extra: String) -> String {
    "id: FZ\nname: x\njurisdiction: {province: 安徽省, city: 六安市, county: 舒城县}\nas_of: 2024-06-30\nhouseholds: 5\n" + extra
  }

  /// Slow unit (policy and expression targets): "did you mean" ran an edit distance of
  /// the whole unknown name against every candidate, re-lowercasing it each time. A 1 MiB
  /// unknown key (an explicit `? key`, which libyaml's 1024-character limit on implicit
  /// keys does not cover) took ~13 s in a debug build; now candidates whose length alone
  /// rules them out are skipped. Bounded time, same located error.
  @Test("a 1 MiB unknown key, enum value or condition path is a located error, quickly")
  func hugeUnknownNames() throws {
    let long = String(repeating: "k", count: (1 << 20) - 16)
    var decoded: [DecodedRecord] = []
    RecordSource.records(in: Array(Self.record("? \(long)\n: 1\n").utf8), file: "t.yaml", isCSV: false) { decoded.append($0) }
    let key = try #require(decoded.first?.findings.first { $0.rule == "REC-SCHEMA" })
    #expect(key.range.start == YAMLSource.SourceLocation(line: 6, column: 3))
    #expect(!key.message.en.contains("did you mean"))

    decoded = []
    RecordSource.records(in: Array(Self.record("category: \(long)\n").utf8), file: "t.yaml", isCSV: false) { decoded.append($0) }
    let value = try #require(decoded.first?.findings.first { $0.rule == "REC-SCHEMA" })
    #expect(value.range.start == YAMLSource.SourceLocation(line: 6, column: 11))

    // Close names still get their suggestion.
    #expect(Suggestions.closest(to: "houshold", in: ["households", "name"]) == "households")
    #expect(Suggestions.closest(to: "HOUSEHOLDS", in: ["households"]) == "households")
    #expect(Suggestions.closest(to: "hosueholds", in: ["name", "households", "as_of"]) == "households")
    #expect(Suggestions.closest(to: "nmae", in: ["name", "households"]) == "name")
    #expect(Suggestions.closest(to: "asof", in: ["as_of", "id"]) == "as_of")
    #expect(Suggestions.closest(to: "zzzzzzzz", in: ["name", "households"]) == nil)
    // The nearest wins when several are within the limit.
    #expect(Suggestions.closest(to: "fees", in: ["feet", "fees2", "fees"]) == "fees")

    let origin = YAMLSource.SourceLocation(line: 1, column: 1)
    let expression = try ExpressionParser.parse("\(long) = 1", origin: origin, parameters: [:])
    let errors = ExpressionTypeChecker.checkCondition(expression, at: SourceRange(at: origin))
    #expect(errors.first?.message.en.contains("has no field") == true)
  }

  /// Wrong answer (records target, CSV mode): a CSV integer too large for Int was read
  /// by `Double` as 1e20 and reported as "must be an integer", where YAML says "out of
  /// range"; the big-integer branch after it could never run.
  @Test("a CSV integer over Int.max is out of range, as in YAML")
  func csvBigInteger() {
    let csv =
      "id,name,jurisdiction.province,jurisdiction.city,jurisdiction.county,as_of,households\nC,甲,安徽省,六安市,舒城县,2024-06-30,99999999999999999999\n"
    var decoded: [DecodedRecord] = []
    RecordSource.records(in: Array(csv.utf8), file: "t.csv", isCSV: true) { decoded.append($0) }
    let finding = decoded.first?.findings.first
    #expect(finding?.message.en.contains("out of range") == true, "\(finding?.message.en ?? "none")")
    #expect(finding?.range.start == YAMLSource.SourceLocation(line: 2, column: 28))
  }

  /// Crash (records target, `Fixtures/fuzz/records/crash-a76edf60-tagged-empty-id`): a
  /// record whose required field was null (`id:`, `id: ~`, `id: !tag` with no value,
  /// `households: null`) was counted as an input error with no finding at all: the run
  /// lost it silently, and since no error was reported `--fail-on error` exited 0. A null
  /// required field now is "required field … is missing"; an empty quoted id, which the
  /// record cannot be built without, is reported too.
  @Test(
    "a null or empty required value is a located error, never a silent input error",
    arguments: [
      ("id:", "required field id is missing", 1, 1), ("id: ~", "required field id is missing", 1, 1),
      ("id: !SX-YC-0001", "required field id is missing", 1, 1), ("id: ''", "id cannot be empty", 1, 5),
      ("id: \"\"", "id cannot be empty", 1, 5),
    ])
  func nullRequired(idLine: String, words: String, line: Int, column: Int) throws {
    let text = Self.record("").replacingOccurrences(of: "id: FZ", with: idLine)
    var decoded: [DecodedRecord] = []
    RecordSource.records(in: Array(text.utf8), file: "t.yaml", isCSV: false) { decoded.append($0) }
    let record = try #require(decoded.first)
    #expect(record.isInputError)
    let finding = try #require(record.findings.first { $0.severity == .error }, "silent input error")
    #expect(finding.message.en.contains(words), "\(finding.message.en)")
    #expect(finding.range.start == YAMLSource.SourceLocation(line: line, column: column))
  }

  @Test("null name, as_of, households and jurisdiction are each reported missing")
  func nullRequiredFields() throws {
    let text = "id: FZ\nname:\njurisdiction: ~\nas_of: null\nhouseholds: ~\n"
    var decoded: [DecodedRecord] = []
    RecordSource.records(in: Array(text.utf8), file: "t.yaml", isCSV: false) { decoded.append($0) }
    let messages = Set(try #require(decoded.first).findings.map(\.message.en))
    for field in ["name", "as_of", "households", "jurisdiction.province", "jurisdiction.city", "jurisdiction.county"] {
      #expect(messages.contains("required field \(field) is missing"), "\(messages)")
    }
  }

  @Test("through the binary: a record with a null id fails the run (exit 1), counted as an input error with its error")
  func nullIdFailsTheRun() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-nullid-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("r.yaml")
    try Data(Self.record("").replacingOccurrences(of: "id: FZ", with: "id:").utf8).write(to: file)
    let run = try Support.run(["check", file.path, "--format", "json", "--no-progress"])
    #expect(run.status == 1, "\(run.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let summary = try #require(object["summary"] as? [String: Any])
    #expect(summary["input_errors"] as? Int == 1)
    // One error, the record's own; the county's aggregates, which now count nobody, are
    // insufficient and name it.
    let findings = try #require(object["findings"] as? [[String: Any]])
    #expect(findings.filter { $0["outcome"] as? String == "fail" }.count == 1)
    #expect(findings.filter { $0["outcome"] as? String != "fail" }.allSatisfy { $0["outcome"] as? String == "insufficient" })
  }
}
