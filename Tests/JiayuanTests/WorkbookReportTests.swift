import Engine
import Foundation
import Records
import Testing

@testable import Reporters

/// `--format xlsx`: the workbook a county sends to its streets (汇总, 问题清单, 矩阵, 未计入).
@Suite struct WorkbookReportTests {
  static let unzip = "/usr/bin/unzip"

  /// A part of a workbook, read back with `unzip -p`.
  static func part(_ bytes: [UInt8], _ name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wb-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("r.xlsx")
    try Data(bytes).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: unzip)
    process.arguments = ["-p", file.path, name]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: unzip)))
  func theWorkbookHasFourSheetsInTheReportsLanguage() throws {
    let zh = try XLSXReporter.workbook(try ReporterTests.report(.zh))
    let book = try Self.part(zh, "xl/workbook.xml")
    for name in ["汇总", "问题清单", "矩阵", "未计入"] { #expect(book.contains("name=\"\(name)\"")) }
    let summary = try Self.part(zh, "xl/worksheets/sheet1.xml")
    #expect(summary.contains("结论：不通过：2 项不达标，另有 1 项因数据不足无法判断"))
    #expect(summary.contains(">T-PROPERTY-COVERAGE<"))
    #expect(summary.contains("AH-LA-SC-0003 龙津苑"))
    let findings = try Self.part(zh, "xl/worksheets/sheet2.xml")
    #expect(findings.contains(">小区名称<"))
    #expect(findings.contains(">梅山花园<"))
    #expect(findings.contains(">数据不足<"))
    // Cells are strings and numbers: nothing the data holds becomes a formula.
    #expect(!findings.contains("<f>"))
    let matrix = try Self.part(zh, "xl/worksheets/sheet3.xml")
    #expect(matrix.contains(">✗<") && matrix.contains(">?<") && matrix.contains(">!<"))
    let en = try XLSXReporter.workbook(try ReporterTests.report(.en))
    let enBook = try Self.part(en, "xl/workbook.xml")
    for name in ["Summary", "Findings", "Matrix", "Not counted"] { #expect(enBook.contains("name=\"\(name)\"")) }
  }

  @Test func notCountedRecordsHaveTheirOwnSheet() throws {
    var report = try ReporterTests.report(.zh)
    var findings = ReporterTests.findings
    let k = try #require(findings.firstIndex { $0.rule == "T-PROPERTY-COVERAGE" })
    findings[k].notCounted = [NotCounted(id: "AH-LA-SC-0002", reason: .inputError, file: "records/舒城县 b.yaml", line: 1)]
    report.findings = FindingList(findings)
    let sheet = XLSXReporter.notCounted(report)
    #expect(sheet.rows.count == 2)
    #expect(sheet.rows[1][3] == .text("AH-LA-SC-0002"))
    #expect(sheet.rows[1][5] == .text("输入错误"))
  }

  @Test func aWorkbookNeedsAnOutputFileAndNeverReplacesAnInput() throws {
    let record = "examples/records/shucheng/meishan.yaml"
    let toStdout = try Support.run(["check", record, "--format", "xlsx"])
    #expect(toStdout.status == 2)
    #expect(toStdout.stderr.contains("--output"))
    let over = try Support.run(["check", record, "--format", "xlsx", "--output", record])
    #expect(over.status == 2)
    #expect(over.stderr.contains("拒绝"))
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wb-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("审计.xlsx").path
    let run = try Support.run(["check", record, "--as-of", "2024-04-01", "--format", "xlsx", "--output", out])
    #expect(run.status == 1)
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: out)))
    #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
  }

  /// The workbook opens in LibreOffice: converted back to CSV, each sheet reads as written.
  /// Slow (LibreOffice starts), so only with `JIAYUAN_LIBREOFFICE=1`.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["JIAYUAN_LIBREOFFICE"] == "1"))
  func roundTripsThroughLibreOffice() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wb-lo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("report.xlsx")
    try Data(try XLSXReporter.workbook(try ReporterTests.report(.zh))).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
    process.arguments = [
      "--headless", "-env:UserInstallation=file://\(dir.path)/profile",
      "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir.path, file.path,
    ]
    process.standardOutput = Pipe()
    process.standardError = Pipe()
    try process.run()
    process.waitUntilExit()
    let matrix = try String(contentsOf: dir.appendingPathComponent("report-矩阵.csv"), encoding: .utf8)
    #expect(matrix.contains("AH-LA-SC-0001,梅山花园,城关镇,梅山社区,records/a.yaml,1,1,1,0,✗,?"))
    let findings = try String(contentsOf: dir.appendingPathComponent("report-问题清单.csv"), encoding: .utf8)
    #expect(findings.contains("T-OC-PARTY-RATIO"))
  }
}

/// `--compare PREVIOUS.json`: rectification tracking between two audits of the same
/// county (`Fixtures/compare`). Worked out by hand: the previous audit has 9 problems
/// (13 findings less 4 notices); the resubmission fixes 3 (龙津苑 gets backstop service, so
/// the county's property coverage is 4/4; 梅山花园's party members 5/7 = 71% ≥ 60%, and
/// its party_in_charter is now given), breaks 1 (春秋新村's party members 2/5 = 40%), and
/// leaves 3 (桃溪小区's agreement, service projects and charter). The three 2023 chair
/// reports are not problems on 2024-01-01: their grace runs to 2024-03-31 (notices).
@Suite struct CompareTests {
  static let fixture = "Tests/JiayuanTests/Fixtures/compare"

  @Test func newPersistingAndFixedAreCountedAgainstThePreviousReport() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmp-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let previous = dir.appendingPathComponent("previous.json").path
    let common = ["--as-of", "2024-01-01", "--policy", "shucheng-2023"]
    _ = try Support.run(["check", "\(Self.fixture)/previous"] + common + ["--format", "json", "--output", previous])
    let text = try Support.run(["check", "\(Self.fixture)/current"] + common + ["--compare", previous])
    #expect(text.stdout.contains("相比：新增 1，仍未整改 3，已整改 3"))
    #expect(text.stdout.contains("已整改：SC-OC-PARTY-RATIO AH-LA-SC-0001"))
    #expect(text.stdout.contains("SC-PROPERTY-COVERAGE county:舒城县：75% (3/4) → 已达标（本次无发现）"))
    let json = try Support.run(["check", "\(Self.fixture)/current"] + common + ["--compare", previous, "--format", "json"])
    let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let compare = try #require(root["compare"] as? [String: Any])
    #expect(compare["new"] as? Int == 1)
    #expect(compare["persisting"] as? Int == 3)
    #expect(compare["fixed"] as? Int == 3)
    let findings = try #require(root["findings"] as? [[String: Any]])
    let ratio = try #require(findings.first { $0["rule"] as? String == "SC-OC-PARTY-RATIO" })
    #expect(ratio["compare"] as? String == "new")
    #expect(ratio["fingerprint"] is String)
    let html = try Support.run(["check", "\(Self.fixture)/current"] + common + ["--compare", previous, "--format", "html"])
    #expect(html.stdout.contains("<section id=\"progress\">"))
    #expect(html.stdout.contains("<div class=\"n\">3</div><div class=\"k\">已整改</div>"))
    #expect(html.stdout.contains("<div class=\"sub compare-new\">新增</div>"))
    // A file that is no jiayuan report is refused before any record is read.
    let bad = try Support.run(["check", "\(Self.fixture)/current", "--compare", "\(Self.fixture)/current/meishan.yaml"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("不是 jiayuan 的 JSON 报告"))
  }
}

/// ★ Trajectory: a target not yet due, projected from the pace between two reports.
@Suite struct TrajectoryTests {
  /// The fixed report (as of 2024-06-30) has coverage 2/3 against 100% by 2024-12-31.
  /// Half a year earlier it was 1/2: +16.7 points in 182 days, 184 days left, so
  /// 66.7% + 16.7% × 184/182 = 83.5% at the deadline: more than 5 points short.
  @Test func aTargetNotYetDueIsProjectedFromThePreviousReport() throws {
    var report = try ReporterTests.report(.zh)
    var previous = PreviousReport(file: "2023.json", asOf: "2023-12-31")
    previous.figures["T-PROPERTY-COVERAGE|county:舒城县"] = PreviousReport.Figure(actual: "50% (1/2)", share: 0.5, gap: 1)
    report.previous = previous
    let comparison = try #require(Comparison(report))
    let change = try #require(comparison.changes.first { $0.rule == "T-PROPERTY-COVERAGE" })
    let projection = try #require(change.projection)
    #expect(projection.outlook == .willMiss)
    #expect(abs(projection.projected - (2.0 / 3 + (2.0 / 3 - 0.5) / 182 * 184)) < 1e-9)
    let text = TextReporter.generate(report)
    #expect(text.contains("50% (1/2) → 66.7% (2/3)，差距 1 → 1；将无法达标：按两次报告之间的进度，2024-12-31 时预计 83.5%（目标 100%）"))
    #expect(JSONReporter.generate(report).contains("\"outlook\": \"will_miss\""))
    #expect(HTMLReporter.generate(report).contains("<span class=\"badge error\">将无法达标"))
    // On track when the pace suffices: from 1/3 half a year earlier, +33 points reach 100%.
    previous.figures["T-PROPERTY-COVERAGE|county:舒城县"] = PreviousReport.Figure(actual: "33.3% (1/3)", share: 1.0 / 3, gap: 2)
    report.previous = previous
    #expect(Comparison(report)?.changes.first?.projection?.outlook == .onTrack)
  }
}
