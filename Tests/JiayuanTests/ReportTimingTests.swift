import Engine
import Foundation
import Records
import Testing

@testable import Policies

/// rules.md, "Reports about a period, and grace": a report on a period is judged once its
/// grace has passed; a first period the subject began after the middle of is not checked;
/// SC-TURNOVER-AUDIT counts turnovers from the effective date; and a record evaluated a
/// whole period after its own data is said to be stale (issue 12).
@Suite struct ReportTimingTests {
  static func date(_ text: String) throws -> CalendarDate { try #require(CalendarDate(text)) }

  static func check(_ text: String, asOf: String? = nil) throws -> Checker {
    var checker = Checker(policies: ShippedPolicies.all, asOf: try asOf.map(date))
    checker.keepOutcomes = true
    RecordSource.records(in: Array(text.utf8), file: "r.yaml", isCSV: false) { checker.add($0) }
    checker.finish()
    return checker
  }

  /// A disclosure in October, labelled for Q3 or not (SD-3 starts with 2023Q3: Q1 and Q2
  /// precede the activity).
  static func shandong(labelled: Bool) -> String {
    func label(_ q: Int) -> String { labelled ? ", period: 2023Q\(q)" : "" }
    return """
      id: SD-1
      name: 舜耕小区
      jurisdiction: {province: 山东省, city: 济南市, county: 历下区}
      as_of: 2024-01-10
      households: 540
      campaigns: [meihao-jiayuan-2023]
      public_revenue: true
      events:
        - {date: 2023-10-12, type: public_revenue_disclosure\(label(3))}
      """
  }

  @Test("the middle of a period is its first day plus half its days, rounded down")
  func middles() throws {
    func period(_ year: Int, _ quarter: Int?) throws -> Periods.Period {
      let r = try #require(ReportingPeriod(year: year, quarter: quarter))
      return Periods.Period(start: r.start, end: r.end, label: r.description, reporting: r)
    }
    #expect(try period(2023, nil).middle.description == "2023-07-02")
    #expect(try period(2024, nil).middle.description == "2024-07-02")
    #expect(try period(2023, 1).middle.description == "2023-02-15")
    #expect(try period(2023, 3).middle.description == "2023-08-16")
    #expect(try period(2023, 1).due(graceMonths: 1).description == "2023-04-30")
    #expect(try period(2023, 4).due(graceMonths: 1).description == "2024-01-31")
    #expect(try period(2023, nil).due(graceMonths: 3).description == "2024-03-31")
    #expect(try period(2023, 4).due(graceMonths: 2).description == "2024-02-29")
  }

  @Test("a quarter in its grace is an info notice with its due date; unlabelled reports in a grace are named")
  func pendingAndUnlabelled() throws {
    let checker = try Self.check(Self.shandong(labelled: false))
    let sd3 = checker.outcomes.filter { $0.rule == "SD-3-QUARTERLY-DISCLOSURE" }
    #expect(sd3.map(\.outcome) == [.fail])
    let findings = sd3.flatMap(\.findings)
    // Q3 fails (its October disclosure counts for Q4 by date); Q4 has October's.
    #expect(findings.map(\.period) == ["2023Q3"])
    let q3 = try #require(findings.first)
    #expect(q3.deadline?.description == "2023-10-31")
    #expect(q3.notes.count == 1)
    #expect(q3.notes.first?.message.zh.contains("period: 2023Q3") == true)
    #expect(q3.notes.first?.range?.start.line == 9)

    let pending = try Self.check(Self.shandong(labelled: true)).outcomes.filter { $0.rule == "SD-3-QUARTERLY-DISCLOSURE" }
    #expect(pending.map(\.outcome) == [.pass])
    let notice = try #require(pending.first?.findings.first)
    #expect(notice.outcome == .notice && notice.severity == .info)
    #expect(notice.period == "2023Q4" && notice.deadline?.description == "2024-01-31")
    #expect(notice.message.zh.contains("宽限期至 2024-01-31"))
    #expect(notice.message.en.contains("due by 2024-01-31"))
  }

  @Test("grace_months is read only with period, as whole months from 0 to 12")
  func graceIsLinted() throws {
    func findings(_ check: String) -> [String] {
      let text = """
        format: jiayuan-policy/1
        id: grace-test
        version: 1.0.0
        title: {zh: 测试, en: test}
        document: {title: 测试}
        jurisdiction: {province: 四川省}
        effective: {from: 2024-01-01}
        rules:
          - id: T-1
            severity: error
            title: {zh: 测试, en: test}
            message: {zh: 测试, en: test}
            citation: {clause: 一, text: 测试}
            check: \(check)
        """
      return PolicyLoader.load(Array(text.utf8), file: "p.yaml").findings.map(\.message.en)
    }
    #expect(findings("{kind: event_count, events: [fire_drill], period: year, grace_months: 3}").isEmpty)
    #expect(
      findings("{kind: event_count, events: [fire_drill], window: '1y', grace_months: 1}").contains {
        $0.contains("only to reports counted per year")
      })
    #expect(findings("{kind: event_count, events: [fire_drill], period: year, grace_months: 1.5}").contains { $0.contains("whole number") })
    #expect(
      findings("{kind: event_followed_by, event: committee_turnover, followed_by: turnover_audit, within_days: 60, since: soon}").contains {
        $0.contains("since must be effective")
      })
  }

  @Test("SC-TURNOVER-AUDIT asks no audit of a turnover before the effective date")
  func turnoversBeforeTheProgramme() throws {
    let text = """
      id: AH-1
      name: 金桂园
      jurisdiction: {province: 安徽省, city: 六安市, county: 舒城县}
      as_of: 2024-06-30
      households: 610
      owners_committee: {kind: committee, formed: 2019-10-01, members: 7, party_members: 5}
      public_revenue: true
      events:
        - {date: 2019-10-10, type: committee_turnover}
        - {date: 2023-03-06, type: committee_turnover}
      """
    let audit = try Self.check(text).outcomes.filter { $0.rule == "SC-TURNOVER-AUDIT" }
    #expect(audit.flatMap(\.findings).map(\.period) == ["2023-03-06"])
  }

  static let zigong = """
    id: ZG-1
    name: 测试小区
    jurisdiction: {province: 四川省, city: 自贡市, county: 自流井区}
    as_of: 2025-12-31
    households: 300
    property_service: {mode: professional, since: 2015-01-01}
    events:
      - {date: 2024-05-10, type: fire_drill}
      - {date: 2025-05-10, type: fire_drill}
    """

  @Test("a record evaluated a whole period after its data gets one REC-STALE-DATA notice, counted in the summary")
  func staleData() throws {
    let year = try Self.check(Self.zigong, asOf: "2026-12-31")
    let stale = year.findings.filter { $0.rule == "REC-STALE-DATA" }
    #expect(stale.count == 1)
    #expect(stale.first?.severity == .info && stale.first?.range.start.line == 4)
    #expect(stale.first?.message.zh.contains("365 天") == true)
    #expect(year.summary.staleRecords == 1)
    // A day short of a year, with only yearly rules: not stale.
    #expect(try Self.check(Self.zigong, asOf: "2026-12-30").summary.staleRecords == 0)
    #expect(try Self.check(Self.zigong).summary.staleRecords == 0)
    // Shandong has a quarterly rule: a quarter is enough, and it is said once, not per rule.
    let quarter = try Self.check(Self.shandong(labelled: false), asOf: "2024-04-10")
    #expect(quarter.findings.filter { $0.rule == "REC-STALE-DATA" }.count == 1)
    #expect(try Self.check(Self.shandong(labelled: false), asOf: "2024-04-09").summary.staleRecords == 0)
  }

  @Test("the summary line and the JSON summary say how many records are stale")
  func staleInTheSummary() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-stale-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("zg.yaml")
    try Data(Self.zigong.utf8).write(to: file)
    let text = try Support.run(["check", file.path, "--policy", "zigong-2024-2026", "--as-of", "2026-12-31"])
    #expect(text.stdout.contains("其中 1 条记录的数据早于评估日期满一个考核周期"))
    let json = try Support.run(["check", file.path, "--policy", "zigong-2024-2026", "--as-of", "2026-12-31", "--format", "json"])
    #expect(json.stdout.contains("\"stale_records\": 1") || json.stdout.contains("\"stale_records\":1"))
  }
}

/// issue 17: a dated target worded 力争 carries its own severity; the rule's others keep theirs.
@Suite struct TargetSeverityTests {
  static func policy(_ targets: String) -> LoadedPolicy {
    let text = """
      format: jiayuan-policy/1
      id: target-test
      version: 1.0.0
      title: {zh: 测试, en: test}
      document: {title: 测试}
      jurisdiction: {province: 安徽省}
      effective: {from: 2023-01-01}
      rules:
        - id: T-1
          severity: error
          title: {zh: 测试, en: test}
          message: {zh: "覆盖率 {actual}", en: "coverage {actual}"}
          citation: {clause: 二, text: 测试}
          check: {kind: group_share, group_by: county, predicate: "present(party_branch)", targets: \(targets)}
      """
    return PolicyLoader.load(Array(text.utf8), file: "p.yaml")
  }

  @Test("a failing target gives its own severity, a target without one the rule's")
  func severityByTarget() throws {
    let loaded = Self.policy("[{deadline: 2023-12-31, min: 50%}, {deadline: 2024-06-30, min: 90%, severity: warning}]")
    let policy = try #require(loaded.policy)
    func severity(asOf: String) throws -> Severity? {
      var checker = Checker(policies: [policy], asOf: CalendarDate(asOf))
      let text = (0..<4).map { i in
        "{id: A-\(i), name: 小区\(i), jurisdiction: {province: 安徽省, city: 六安市, county: 舒城县}, as_of: \(asOf), households: 10"
          + (i == 0 ? ", party_branch: {kind: branch}}" : "}")
      }.joined(separator: "\n---\n")
      RecordSource.records(in: Array(text.utf8), file: "r.yaml", isCSV: false) { checker.add($0) }
      checker.finish()
      return checker.findings.first { $0.rule == "T-1" && $0.outcome == .fail }?.severity
    }
    #expect(try severity(asOf: "2024-01-31") == .error)
    #expect(try severity(asOf: "2024-07-31") == .warning)
  }

  @Test("an unknown target severity is a located POLICY-SCHEMA with the nearest value")
  func unknownSeverity() {
    let messages = Self.policy("[{deadline: 2023-12-31, min: 50%, severity: warnng}]").findings.map(\.message.en)
    #expect(messages.contains { $0.contains("warnng") && $0.contains("did you mean warning") }, "\(messages)")
  }
}
