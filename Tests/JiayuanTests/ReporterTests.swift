import Foundation
import Policies
import Records
import Reporters
import Testing
import YAMLSource

@testable import Engine

/// Every reporter on one fixed report, compared with `Golden/report.*`
/// (`JIAYUAN_RECORD_GOLDEN=1` rewrites them), and the SARIF and JUnit output validated
/// against the official schemas when the validators and `../shared/testdata` are there.
@Suite struct ReporterTests {
  /// A small policy written here, so the goldens do not move when a shipped policy's
  /// wording does.
  static let policyYAML = """
    format: jiayuan-policy/1
    id: test-2024
    version: 1.2.0
    title: {zh: 测试方案, en: Test programme}
    document:
      number: 测试〔2024〕1号
      title: 测试方案
      issued: 2024-01-02
    jurisdiction: {province: 安徽省, city: 六安市, county: 舒城县}
    effective: {from: 2024-01-02, to: 2025-12-31}
    rules:
      - id: T-OC-PARTY-RATIO
        severity: warning
        title: {zh: 业主委员会党员比例, en: Party members on the owners' committee}
        message: {zh: "党员比例 {actual}，低于 {expected}", en: "party members are {actual}, below {expected}"}
        citation: {clause: 三(二)5, text: 党员比例一般不低于60%}
        applies: "present(owners_committee) and owners_committee.members > 0"
        check:
          kind: ratio
          numerator: owners_committee.party_members
          denominator: owners_committee.members
          min: 60%
      - id: T-JOINT-AGREEMENT
        severity: error
        title: {zh: 签订党建联建协议, en: Joint-building agreement}
        message: {zh: 未签订党建联建协议, en: no joint-building agreement}
        citation: {clause: 三(四)10, text: 物业服务企业党组织全部与社区签订党建联建协议}
        check:
          kind: condition
          condition: "present(property_service.joint_building_agreement)"
      - id: T-PROPERTY-COVERAGE
        severity: error
        title: {zh: 物业服务全覆盖, en: Property service coverage}
        message: {zh: "覆盖率 {actual}，尚差 {gap} 个", en: "coverage is {actual}; {gap} short"}
        citation: {clause: 二, text: 到2024年底前实现物业服务全覆盖}
        check:
          kind: group_share
          group_by: county
          predicate: "property_service.mode != 'none'"
          targets:
            - {deadline: 2024-12-31, min: 100%}
      - id: T-DEMO-COMMUNITIES
        severity: info
        title: {zh: 示范点, en: Demonstration sites}
        message: {zh: "示范点 {count} 个，目标 {expected} 个", en: "{count} demonstration sites, target {expected}"}
        citation: {clause: 三(五)16, text: 力争打造5个以上市级示范点}
        check:
          kind: group_count
          group_by: county
          predicate: "has_award('city', 'shumei-red-community')"
          min: 5
          deadline: 2025-12-31

    """

  static let policy: Policy? = PolicyLoader.load(Array(policyYAML.utf8), file: "policies/test-2024.yaml").policy

  static func at(_ line: Int, _ column: Int, to endColumn: Int? = nil) -> SourceRange {
    SourceRange(start: SourceLocation(line: line, column: column), end: SourceLocation(line: line, column: endColumn ?? column))
  }

  static let findings: [Finding] = [
    Finding(
      rule: "REC-SCHEMA", severity: .error, subject: .record(id: "AH-LA-SC-0002"), file: "records/舒城县 b.yaml", range: at(7, 5, to: 9),
      message: LocalizedText(
        zh: "字段 \"name\" 的值 <空> & 无效, 达标率 100%\n第二行：请检查",
        en: "field \"name\": value <empty> & invalid, 100% sure\nsecond line: check it")),
    Finding(
      rule: "T-OC-PARTY-RATIO", policy: "test-2024", severity: .warning, subject: .record(id: "AH-LA-SC-0001"),
      place: RecordPlace(name: "梅山花园", street: "城关镇", neighborhood: nil), file: "records/a.yaml",
      range: at(14, 3, to: 4), message: LocalizedText(zh: "党员比例 57.1%（4/7），低于 60%", en: "party members are 57.1% (4/7), below 60%"),
      expected: .atLeast(.fraction(Fraction(60, 100, isPercent: true))), actual: .share(part: 4, whole: 7),
      citation: Citation(document: "测试〔2024〕1号", clause: "三(二)5", text: "党员比例一般不低于60%"),
      fix: LocalizedText(zh: "换届时提高党员比例", en: "raise the share at the next election")),
    Finding(
      rule: "T-JOINT-AGREEMENT", policy: "test-2024", severity: .error, outcome: .insufficient, subject: .record(id: "AH-LA-SC-0001"),
      file: "records/a.yaml", range: at(20, 3),
      message: LocalizedText(
        zh: "缺少 property_service.joint_building_agreement，无法判断", en: "property_service.joint_building_agreement is missing"),
      missing: "property_service.joint_building_agreement",
      citation: Citation(document: "测试〔2024〕1号", clause: "三(四)10", text: "物业服务企业党组织全部与社区签订党建联建协议")),
    Finding(
      rule: "T-PROPERTY-COVERAGE", policy: "test-2024", severity: .error, subject: .group(level: "county", name: "舒城县"),
      file: "records/a.yaml",
      range: SourceRange(at: SourceLocation(line: 0, column: 0)),
      message: LocalizedText(zh: "覆盖率 66.7% (2/3)，尚差 1 个", en: "coverage is 66.7% (2/3); 1 short"),
      expected: .atLeast(.fraction(Fraction(100, 100, isPercent: true))),
      actual: .share(part: 2, whole: 3), citation: Citation(document: "测试〔2024〕1号", clause: "二", text: "到2024年底前实现物业服务全覆盖"),
      deadline: CalendarDate("2024-12-31"), period: "2024-12-31", gap: 1, failingRecords: ["AH-LA-SC-0003"]),
    Finding(
      rule: "T-DEMO-COMMUNITIES", policy: "test-2024", severity: .info, outcome: .notice, subject: .group(level: "county", name: "舒城县"),
      file: "records/a.yaml", range: SourceRange(at: SourceLocation(line: 0, column: 0)),
      message: LocalizedText(zh: "示范点 3 个，目标 5 个", en: "3 demonstration sites, target 5"), expected: .stated(.count(5)), actual: .count(3),
      citation: Citation(document: "测试〔2024〕1号", clause: "三(五)16"), deadline: CalendarDate("2025-12-31"), gap: 2),
  ].sorted(by: Finding.reportOrder)

  static func report(_ language: Language = .zh, findings: [Finding] = findings) throws -> RunReport {
    let policy = try #require(Self.policy, "the test policy loads")
    var summary = RunSummary()
    summary.records = 3
    summary.checked = 2
    summary.inputErrors = 1
    summary.errors = findings.filter { $0.severity == .error }.count
    summary.warnings = findings.filter { $0.severity == .warning }.count
    summary.info = findings.filter { $0.severity == .info }.count
    summary.outcomes = [.pass: 10, .fail: 2, .insufficient: 1, .notApplicable: 4, .notice: 1]
    var report = RunReport(
      asOf: CalendarDate(year: 2024, month: 6, day: 30), policies: [policy],
      inputs: [InputSummary(path: "records/a.yaml", records: 2, sha256: String(repeating: "0", count: 64))],
      summary: summary, findings: findings, language: language)
    report.matrix = matrix(policy)
    return report
  }

  /// The matrix of the same three records: one failing and lacking data, one passing,
  /// one an input error.
  static func matrix(_ policy: Policy) -> OutcomeMatrix {
    var matrix = OutcomeMatrix(policies: [policy])
    _ = matrix.addRow(
      id: "AH-LA-SC-0001", place: RecordPlace(name: "梅山花园", street: "城关镇", neighborhood: "梅山社区"), file: "records/a.yaml",
      line: 1, sequence: 1, inputError: false)
    matrix.setLast(policy: 0, index: 0, .fail)
    matrix.setLast(policy: 0, index: 1, .insufficient)
    _ = matrix.addRow(
      id: "AH-LA-SC-0003", place: RecordPlace(name: "龙津苑", street: "千人桥镇", neighborhood: nil), file: "records/a.yaml", line: 30,
      sequence: 2, inputError: false)
    matrix.setLast(policy: 0, index: 0, .notApplicable)
    matrix.setLast(policy: 0, index: 1, .pass)
    _ = matrix.addRow(id: "AH-LA-SC-0002", place: nil, file: "records/舒城县 b.yaml", line: 1, sequence: 3, inputError: true)
    return matrix
  }

  /// Every format of the registry has its goldens: a new format gets them by being listed.
  static var extensions: [(any Reporter.Type, String)] {
    ReportFormats.all.filter { !$0.isBinary }.map { ($0, $0.fileExtension) }
  }

  @Test func policyLoads() {
    let loaded = PolicyLoader.load(Array(Self.policyYAML.utf8), file: "policies/test-2024.yaml")
    #expect(loaded.findings.isEmpty, "\(loaded.findings.map { "\($0.range.start) \($0.rule) \($0.message.en)" })")
    #expect(loaded.policy != nil)
  }

  @Test(arguments: [Language.zh, .en])
  func goldens(_ language: Language) throws {
    let report = try Self.report(language)
    for (reporter, ext) in Self.extensions {
      let name = language == .zh ? "report.\(ext)" : "report.en.\(ext)"
      try Support.assertGolden(reporter.generate(report), name)
    }
  }

  /// The README's table of formats is the registry's.
  @Test func readmeListsEveryFormat() throws {
    let url = Support.packageRoot.appendingPathComponent("README.md")
    let readme = String(decoding: try Data(contentsOf: url), as: UTF8.self)
    let begin = "<!-- formats:begin (generated from ReportFormats.table; JIAYUAN_RECORD_GOLDEN=1 swift test rewrites it) -->\n"
    let end = "<!-- formats:end -->"
    let start = try #require(readme.range(of: begin), "README.md has no formats markers")
    let stop = try #require(readme.range(of: end, range: start.upperBound..<readme.endIndex))
    if ProcessInfo.processInfo.environment["JIAYUAN_RECORD_GOLDEN"] == "1" {
      try Data((readme[..<start.upperBound] + ReportFormats.table + readme[stop.lowerBound...]).utf8).write(to: url)
      return
    }
    #expect(String(readme[start.upperBound..<stop.lowerBound]) == ReportFormats.table, "re-record with JIAYUAN_RECORD_GOLDEN=1")
    #expect(Set(ReportFormats.all.map { $0.identifier }).count == ReportFormats.all.count)
  }

  /// GitLab drops issues that share a fingerprint: exact repeats are numbered.
  @Test func gitlabFingerprintsAreUnique() throws {
    let twice = Self.findings + [Self.findings[0]]
    let data = Data(GitLabReporter.generate(try Self.report(.en, findings: twice)).utf8)
    let issues = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
    #expect(fingerprints.count == twice.count && Set(fingerprints).count == twice.count)
    #expect(issues.allSatisfy { ["major", "minor", "info"].contains($0["severity"] as? String ?? "") })
  }

  /// Data cannot forge a line, a workflow command or terminal control: an id with a line
  /// break and `::error`, ESC sequences and U+202E reach the text, Markdown and GitHub
  /// outputs only as visible `\u…` escapes.
  @Test func controlCharactersFromDataAreVisible() throws {
    var hostile = Self.findings
    hostile[0].subject = .record(id: "X\n::error file=README.md,line=1::forged")
    hostile[0].file = "records/\u{202E}lmth.exe.yaml"
    hostile[0].message = LocalizedText(zh: "清屏\u{1B}[2J\u{1B}]0;title\u{7}\u{85}", en: "clear\u{1B}[2J\u{9B}31m")
    for language in [Language.zh, .en] {
      let report = try Self.report(language, findings: hostile)
      for (name, text) in [
        ("text", TextReporter.generate(report)), ("markdown", MarkdownReporter.generate(report)),
        ("github", GitHubReporter.generate(report)),
      ] {
        let raw = text.unicodeScalars.filter { $0 != "\n" && VisibleText.needsEscape($0) }
        #expect(raw.isEmpty, "\(name): raw \(raw.map { String($0.value, radix: 16) })")
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("::error file=README.md") }, "\(name)")
        #expect(text.contains("\\u202E"), "\(name)")
      }
      #expect(TextReporter.generate(report).contains("X\\u000A::error file=README.md"))
    }
  }

  // MARK: SARIF

  private func sarif(_ report: RunReport) throws -> [String: Any] {
    let data = Data(SARIFReporter.generate(report).utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func sarifListsEveryRuleAndPointsResultsAtThem() throws {
    let report = try Self.report()
    let root = try sarif(report)
    #expect(root["version"] as? String == "2.1.0")
    let run = try #require((root["runs"] as? [[String: Any]])?.first)
    // §3.14.27: results into text files need columnKind; the schema cannot enforce it.
    #expect(run["columnKind"] as? String == "unicodeCodePoints")
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(rules.compactMap { $0["id"] as? String } == report.rules.map(\.id))
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == report.findings.count)
    for result in results {
      let index = try #require(result["ruleIndex"] as? Int)
      #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
      let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
      if let region = location["region"] as? [String: Any] {
        #expect((region["startLine"] as? Int ?? 0) >= 1)
      }
    }
    // The aggregate is its county's (a logical location), placed at its rule's line in
    // the policy, never at a record's.
    let aggregate = try #require(results.first { $0["ruleId"] as? String == "T-PROPERTY-COVERAGE" })
    let place = (aggregate["locations"] as? [[String: Any]])?.first
    let physical = place?["physicalLocation"] as? [String: Any]
    #expect((physical?["artifactLocation"] as? [String: Any])?["uri"] as? String == "policies/test-2024.yaml")
    #expect((physical?["region"] as? [String: Any])?["startLine"] as? Int == 31)
    let logical = (place?["logicalLocations"] as? [[String: Any]])?.first
    #expect(logical?["fullyQualifiedName"] as? String == "county:舒城县")
    // Chinese and spaces in a path are percent-encoded into a URI reference.
    let schemaResult = try #require(results.first { $0["ruleId"] as? String == "REC-SCHEMA" })
    let uri =
      ((schemaResult["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
      .flatMap { $0["artifactLocation"] as? [String: Any] }?["uri"] as? String
    #expect(uri == "records/%E8%88%92%E5%9F%8E%E5%8E%BF%20b.yaml")
  }

  @Test func sarifFingerprintIgnoresTheLine() {
    var moved = Self.findings[0]
    moved.range = Self.at(70, 1)
    #expect(moved.fingerprint == Self.findings[0].fingerprint)
    var other = moved
    other.subject = .record(id: "AH-LA-SC-0009")
    #expect(other.fingerprint != moved.fingerprint)
    // An aggregate's missed target and its next target differ only by deadline.
    var next = Self.findings.first { $0.rule == "T-PROPERTY-COVERAGE" }!
    let missed = next
    next.deadline = CalendarDate("2025-12-31")
    #expect(next.fingerprint != missed.fingerprint)
    let fingerprints = Self.findings.map(\.fingerprint)
    #expect(Set(fingerprints).count == fingerprints.count)
  }

  static let schemas = Support.sharedTestdata.appendingPathComponent("schemas")
  static let sarifSchema = schemas.appendingPathComponent("sarif-schema-2.1.0.json")
  static let jenkinsXSD = schemas.appendingPathComponent("jenkins-xunit-junit-10.xsd")
  static let windyroadXSD = schemas.appendingPathComponent("windyroad-JUnit.xsd")

  static func onPath(_ tool: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(tool)
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }

  static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

  /// Runs a validator; returns its exit status and combined output.
  static func validate(_ tool: URL, _ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = tool
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  static func temporaryFile(_ name: String, _ text: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-reporter-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  @Test(
    .enabled(if: onPath("check-jsonschema") != nil, "check-jsonschema is not on PATH (pip install check-jsonschema)"),
    .enabled(if: exists(sarifSchema), "../shared/testdata/schemas/sarif-schema-2.1.0.json is absent"))
  func sarifValidatesAgainstTheOfficialSchema() throws {
    let tool = try #require(Self.onPath("check-jsonschema"))
    for language in [Language.zh, .en] {
      for findings in [Self.findings, []] {
        let file = try Self.temporaryFile("report.sarif", SARIFReporter.generate(try Self.report(language, findings: findings)))
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let (status, output) = try Self.validate(tool, ["--schemafile", Self.sarifSchema.path, file.path])
        #expect(status == 0, "check-jsonschema (\(language), \(findings.count) findings): \(output)")
      }
    }
  }

  // MARK: JUnit

  @Test(
    .enabled(if: onPath("xmllint") != nil, "xmllint is not on PATH (apt-get install libxml2-utils)"),
    .enabled(if: exists(jenkinsXSD) && exists(windyroadXSD), "../shared/testdata/schemas/*.xsd are absent"))
  func junitValidatesAgainstBothSchemas() throws {
    let tool = try #require(Self.onPath("xmllint"))
    var hostile = Self.findings
    hostile[0].message = LocalizedText(zh: "控制字符\u{1}\u{8}\u{B}\u{FFFE}与\r\n换行\t", en: "controls\u{1}\u{1B}")
    hostile[0].subject = .record(id: "a]]>b")
    for language in [Language.zh, .en] {
      for findings in [Self.findings, [], hostile] {
        let file = try Self.temporaryFile("report.xml", JUnitReporter.generate(try Self.report(language, findings: findings)))
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        for xsd in [Self.jenkinsXSD, Self.windyroadXSD] {
          let (status, output) = try Self.validate(tool, ["--noout", "--schema", xsd.path, file.path])
          #expect(status == 0, "xmllint \(xsd.lastPathComponent) (\(language), \(findings.count) findings): \(output)")
        }
      }
    }
  }

  @Test func junitGroupsByPolicyAndRuleAndSubject() throws {
    let xml = JUnitReporter.generate(try Self.report())
    #expect(xml.components(separatedBy: "<testsuite ").count - 1 == 2)
    #expect(xml.contains("<testsuite package=\"test-2024\" id=\"0\" name=\"test-2024\" timestamp=\"2024-06-30T00:00:00\""))
    #expect(xml.contains("<testsuite package=\"records\" id=\"1\" name=\"records\""))
    // The check that lacked data is skipped, not failed.
    #expect(xml.contains("tests=\"4\" failures=\"2\" errors=\"0\" skipped=\"1\""))
    #expect(xml.contains("<testcase classname=\"test-2024\" name=\"T-DEMO-COMMUNITIES county:舒城县\" time=\"0\"/>"))
    #expect(!xml.contains("<testsuites "))
  }

  // MARK: Escaping

  @Test func xmlEscaping() {
    #expect(XMLEscaping.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
    #expect(XMLEscaping.escape("x\u{0}\u{1}\u{B}\u{FFFE}\u{FFFF}y") == "xy")
    #expect(XMLEscaping.escape("1\n2\r3\t4") == "1\n2&#13;3\t4")
    #expect(XMLEscaping.escape("1\n2\t3", attribute: true) == "1&#10;2&#9;3")
    #expect(XMLEscaping.escape("舒城😀") == "舒城😀")
  }

  @Test func githubEscaping() {
    #expect(GitHubReporter.escapeData("100%\r\na:b,c") == "100%25%0D%0Aa:b,c")
    #expect(GitHubReporter.escapeProperty("100%\r\na:b,c") == "100%25%0D%0Aa%3Ab%2Cc")
  }

  @Test func csvQuotingAndBOM() throws {
    #expect(CSVReporter.field("plain") == "plain")
    #expect(CSVReporter.field("a,b") == "\"a,b\"")
    #expect(CSVReporter.field("say \"hi\"\nbye") == "\"say \"\"hi\"\"\nbye\"")
    let csv = CSVReporter.generate(try Self.report())
    #expect(csv.hasPrefix("\u{FEFF}rule,policy,severity,outcome,subject,file,line,column,message,"))
    #expect(csv.hasSuffix("\r\n"))
  }

  @Test func markdownEscaping() {
    #expect(MarkdownReporter.escape("a|b\\c") == "a\\|b\\\\c")
    #expect(MarkdownReporter.escape("<b>x</b>\r\ny") == "\\<b\\>x\\</b\\><br>y")
  }

  @Test func everyReporterIsDeterministic() throws {
    let report = try Self.report()
    for (reporter, _) in Self.extensions {
      #expect(reporter.generate(report) == reporter.generate(report), "\(reporter.identifier)")
    }
  }
}
