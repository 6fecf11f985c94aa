import Foundation
import Policies
import Records
import Testing
import YAMLSource

@testable import Engine
@testable import Reporters

/// Reports a regulator acts on (issue 14): missing data counted apart from failure, an
/// aggregate placed at its group, the community × rule matrix, and condition rules'
/// placeholders that say what was read.
@Suite struct RegulatorReportTests {
  /// The fixed report of `ReporterTests`: one error failed (T-PROPERTY-COVERAGE), one
  /// error-level check lacked data (T-JOINT-AGREEMENT), one REC- error, one warning.
  static func report(_ language: Language = .zh) throws -> RunReport { try ReporterTests.report(language) }

  // MARK: Insufficient apart from fail

  @Test func missingDataIsCountedApartFromErrorsInEveryFormat() throws {
    let report = try Self.report()
    let tally = Tally(report)
    #expect(tally.errors == 2)
    #expect(tally.insufficientErrors == 1)
    #expect(Verdict.conclusion(report) == "结论：不通过：2 项不达标，另有 1 项因数据不足无法判断；请整改后重新提交。")
    let text = TextReporter.generate(report)
    #expect(text.contains("错误 2，警告 1，数据不足 1，提示 1"))
    #expect(text.contains("[T-JOINT-AGREEMENT]  (数据不足)"))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(JSONReporter.generate(report).utf8)) as? [String: Any])
    let summary = try #require(json["summary"] as? [String: Any])
    #expect(summary["errors"] as? Int == 2)
    #expect((summary["insufficient"] as? [String: Any])?["errors"] as? Int == 1)
    #expect(summary["verdict"] as? String == "fail")
    let html = HTMLReporter.generate(report)
    #expect(html.contains("<div class=\"n\">2</div><div class=\"k\">错误</div>"))
    #expect(html.contains("<div class=\"n\">1</div><div class=\"k\">数据不足</div>"))
    #expect(html.contains("<span class=\"badge insufficient\">数据不足</span>"))
    #expect(html.contains("rect class=\"seg-insufficient\""))
    let markdown = MarkdownReporter.generate(report)
    #expect(markdown.contains("| 错误 | 2 |"))
    #expect(markdown.contains("| 数据不足 | 1 |"))
    #expect(markdown.contains("| 数据不足（错误级） | T-JOINT-AGREEMENT |"))
    let junit = JUnitReporter.generate(report)
    #expect(junit.contains("<skipped message=\"数据不足："))
    #expect(!junit.contains("type=\"T-JOINT-AGREEMENT\""))
  }

  @Test func onlyMissingDataIsUndecidedNotAPass() throws {
    var report = try Self.report(.en)
    report.findings = FindingList(ReporterTests.findings.filter { $0.outcome == .insufficient })
    report.summary.errors = 1
    report.summary.warnings = 0
    report.summary.info = 0
    #expect(Verdict.tone(report) == "undecided")
    #expect(Verdict.conclusion(report).hasPrefix("verdict: UNDECIDED: 1 requirements could not be decided"))
    #expect(HTMLReporter.generate(report).contains("<p class=\"verdict undecided\">"))
  }

  // MARK: Aggregates at their group

  @Test func anAggregateIsPlacedAtItsGroupAndRuleNotAtARecord() throws {
    let report = try Self.report()
    let policy = try #require(ReporterTests.policy)
    let rule = try #require(policy.rules.first { $0.id == "T-PROPERTY-COVERAGE" })
    let line = rule.range.start.line
    #expect(line > 1)
    let placed = try #require(report.placed.first { $0.rule == "T-PROPERTY-COVERAGE" })
    #expect(placed.file == "policies/test-2024.yaml")
    #expect(placed.range.start.line == line)
    let text = TextReporter.generate(report)
    #expect(text.contains("== county:舒城县 (policies/test-2024.yaml)\npolicies/test-2024.yaml:\(line):"))
    // After the records: the county's block is the last before the summary.
    let county = try #require(text.range(of: "== county:舒城县"))
    #expect(!text[county.upperBound...].contains("== AH-LA"))
    let json = JSONReporter.generate(report)
    #expect(json.contains("\"subject\": \"county:舒城县\",\n      \"file\": \"policies/test-2024.yaml\",\n      \"line\": \(line)"))
    let sarif = SARIFReporter.generate(report)
    #expect(sarif.contains("\"fullyQualifiedName\": \"county:舒城县\""))
    #expect(!sarif.contains("\"uri\": \"records/a.yaml\"},\n              \"region\": {\"startLine\": 0"))
    #expect(GitHubReporter.generate(report).contains("file=policies/test-2024.yaml,line=\(line)"))
    #expect(CSVReporter.generate(report).contains("county:舒城县,policies/test-2024.yaml,\(line),"))
    let markdown = MarkdownReporter.generate(report)
    #expect(markdown.contains("county:舒城县 | policies/test-2024.yaml:\(line):"))
  }

  // MARK: The community × rule matrix

  static let shucheng = ["examples/records/shucheng/chengguan.yaml", "examples/records/shucheng/meishan.yaml"].map {
    Support.packageRoot.appendingPathComponent($0).path
  }

  @Test func theMatrixHasARowPerCommunityPassesIncluded() throws {
    let policies = ShippedPolicies.all.filter { $0.id == "shucheng-2023" }
    let run = try Run.check(
      paths: Self.shucheng, policies: policies, asOf: CalendarDate("2024-04-01"), threads: 1, matrixRows: 100)
    let matrix = try #require(run.matrix)
    #expect(matrix.rows.map(\.id) == ["AH-LA-SC-0002", "AH-LA-SC-0003", "AH-LA-SC-0004", "AH-LA-SC-0001"])
    let column = try #require(matrix.columns.firstIndex { $0.rule == "SC-CHAIR-REPORT" })
    #expect(matrix.cell(row: 3, column: column) == .fail)
    #expect(matrix.cell(row: 1, column: column) == .notApplicable)
    let charter = try #require(matrix.columns.firstIndex { $0.rule == "SC-PARTY-IN-CHARTER" })
    #expect(matrix.cell(row: 3, column: charter) == .insufficient)
    let audit = try #require(matrix.columns.firstIndex { $0.rule == "SC-TURNOVER-AUDIT" })
    #expect(matrix.cell(row: 1, column: audit) == .pass)
    var report = RunReport(
      asOf: CalendarDate("2024-04-01"), policies: policies, inputs: [], summary: run.summary, findings: run.findings, language: .zh)
    report.matrix = run.matrix
    let csv = MatrixCSVReporter.generate(report)
    let lines = csv.components(separatedBy: "\r\n")
    #expect(lines[0].hasPrefix("\u{FEFF}小区编码,小区名称,街道,社区,文件,行,不达标,数据不足,通过,SC-OC-PARTY-RATIO 业主委员会党员比例"))
    #expect(lines[2].hasPrefix("AH-LA-SC-0003,龙津苑,城关镇,,"))
    #expect(lines[4].hasSuffix(",2,1,4,✗,?,✓,✓,✓,✗,✓"))  // SC-CROSS-APPOINTMENT ✓ among the passes
    let html = HTMLReporter.generate(report)
    #expect(html.contains("<table id=\"matrix-table\" class=\"matrix\">"))
    #expect(html.contains("<th scope=\"row\" class=\"first\" title=\"\(Self.shucheng[0]):16\">AH-LA-SC-0003</th><td>龙津苑</td>"))
    #expect(html.contains("<option value=\"千人桥镇\">千人桥镇</option>"))
    // The findings table and the aggregate lists carry names, which the filter finds.
    #expect(html.contains("AH-LA-SC-0001<div class=\"sub\">梅山花园 · 城关镇 · 梅山社区</div>"))
    #expect(html.contains("AH-LA-SC-0003 龙津苑"))
    // Compliance, not counts: the county's share against its target line, and each rule
    // across the communities.
    #expect(html.contains("<svg class=\"chart compliance\""))
    #expect(html.contains("<line class=\"target\""))
    #expect(html.contains("75% / 目标 100%（2023-12-31 前）"))
    #expect(html.contains("<svg class=\"chart outcomes\""))
    #expect(html.contains("SC-CHAIR-REPORT 业主委员会主任年度述职：通过 1，不达标 2，数据不足 0"))
  }

  @Test func theMatrixIsBoundedAndSaysWhatItLeftOut() throws {
    let policies = ShippedPolicies.all.filter { $0.id == "shucheng-2023" }
    let run = try Run.check(paths: Self.shucheng, policies: policies, asOf: CalendarDate("2024-01-01"), threads: 1, matrixRows: 2)
    let matrix = try #require(run.matrix)
    #expect(matrix.rows.count == 2)
    #expect(matrix.omitted == 2)
    var report = RunReport(asOf: nil, policies: policies, inputs: [], summary: run.summary, findings: run.findings, language: .zh)
    report.matrix = run.matrix
    #expect(MatrixCSVReporter.generate(report).contains("… 另有 2 个小区未列出（矩阵最多 2 行）"))
    // Without a format that needs it, no matrix is kept.
    #expect(try Run.check(paths: Self.shucheng, policies: policies, asOf: nil, threads: 1).matrix == nil)
  }

  @Test func anInputErrorIsARowOfExclamationMarks() throws {
    var matrix = OutcomeMatrix(policies: try [#require(ReporterTests.policy)])
    let first = matrix.addRow(id: "A", place: nil, file: "a.yaml", line: 1, sequence: 1, inputError: false)
    #expect(first)
    matrix.setLast(policy: 0, index: 0, .pass)
    let second = matrix.addRow(id: "B", place: nil, file: "a.yaml", line: 9, sequence: 2, inputError: true)
    #expect(second)
    matrix.set(sequence: 1, policy: 0, index: 1, .fail)
    var report = try Self.report()
    report.matrix = matrix
    let csv = MatrixCSVReporter.generate(report)
    #expect(csv.contains("A,,,,a.yaml,1,1,0,1,✓,✗"))
    #expect(csv.contains("B,,,,a.yaml,9,0,0,0,!,!"))
  }

  // MARK: Condition placeholders

  @Test func aConditionSaysWhatItReadAndWhatItAsksInWords() throws {
    let yaml = """
      format: jiayuan-policy/1
      id: cond-2024
      version: 1.0.0
      title: {zh: 条件, en: Conditions}
      document: {number: 测试〔2024〕2号, title: 条件}
      jurisdiction: {province: 安徽省}
      effective: {from: 2023-01-01}
      rules:
        - id: C-FEES
          severity: error
          title: {zh: 物业费收缴率, en: Fee collection}
          message: {zh: "收缴率不足：{actual}（要求 {expected}）", en: "collection: {actual} (needs {expected})"}
          citation: {clause: 一, text: 收缴率不低于95%}
          check:
            kind: condition
            condition: fee_collection_rate() >= 95% and property_service.party_in_charter = true

      """
    let loaded = PolicyLoader.load(Array(yaml.utf8), file: "cond.yaml")
    let policy = try #require(loaded.policy, "\(loaded.findings.map(\.message.en))")
    let record = """
      id: AH-LA-SC-0009
      name: 测试小区
      households: 300
      as_of: 2024-03-01
      jurisdiction: {province: 安徽省, city: 六安市, county: 舒城县, street: 城关镇}
      property_service: {mode: professional, party_in_charter: true}
      fees:
        2023: {due: 600000, collected: 510000}

      """
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cond-\(UUID().uuidString).yaml").path
    try Data(record.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let run = try Run.check(paths: [path], policies: [policy], asOf: nil, threads: 1)
    #expect(run.summary.inputErrors == 0)
    #expect(!run.findings.contains { $0.rule.hasPrefix("REC-") })
    let f = try #require(run.findings.first { $0.rule == "C-FEES" })
    #expect(f.actual?.text(.zh) == "2023 年物业费收缴率 85% (510000/600000)，党建入章：是")
    #expect(f.expected?.text(.zh) == "物业费收缴率 >= 95% 且 党建入章 = 是")
    #expect(f.actual?.text(.en) == "fee collection rate 2023 85% (510000/600000), property_service.party_in_charter = true")
    #expect(!f.message.zh.contains("{…}"))
    #expect(f.message.zh.contains("85% (510000/600000)"))
  }
}
