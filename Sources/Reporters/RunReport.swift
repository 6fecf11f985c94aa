import Engine
import Policies
import Records

/// An input file as the report names it: enough to re-run the same audit.
public struct InputSummary: Sendable {
  public var path: String
  public var records: Int
  public var sha256: String

  public init(path: String, records: Int, sha256: String) {
    self.path = path
    self.records = records
    self.sha256 = sha256
  }
}

/// Everything a reporter needs: what ran, on what, and what it found.
public struct RunReport: Sendable {
  public static let toolName = "jiayuan"
  public static let toolVersion = "0.1.0"

  public var asOf: CalendarDate?
  public var policies: [Policy]
  public var inputs: [InputSummary]
  public var summary: RunSummary
  /// In report order; for a large run, merged from disk on each pass.
  public var findings: FindingList
  public var language: Language

  public init(
    asOf: CalendarDate?, policies: [Policy], inputs: [InputSummary], summary: RunSummary, findings: FindingList,
    language: Language
  ) {
    self.asOf = asOf
    self.policies = policies
    self.inputs = inputs
    self.summary = summary
    self.findings = findings
    self.language = language
  }

  public init(
    asOf: CalendarDate?, policies: [Policy], inputs: [InputSummary], summary: RunSummary, findings: [Finding], language: Language
  ) {
    self.init(
      asOf: asOf, policies: policies, inputs: inputs, summary: summary, findings: FindingList(findings), language: language)
  }

  /// Every rule that could appear: the built-in checks and the policies' rules.
  public var rules: [RuleInfo] {
    BuiltInRules.all
      + policies.flatMap { policy in
        policy.rules.map { rule in
          RuleInfo(
            id: rule.id, policy: policy.id, severity: rule.severity, title: rule.title, citation: rule.citation,
            help: rule.check.explanation, scope: rule.groupBy ?? "record")
        }
      }
  }
}

/// A rule as reports list it (SARIF `tool.driver.rules`, `jiayuan rules`).
public struct RuleInfo: Sendable {
  public var id: String
  public var policy: String?
  public var severity: Severity
  public var title: LocalizedText
  public var citation: Citation?
  public var help: LocalizedText
  public var scope: String
}

/// The built-in record checks of rules.md, always on.
public enum BuiltInRules {
  public static let all: [RuleInfo] = [
    info(
      "REC-PARSE", .error, "文件不是有效的 YAML/JSON/CSV", "the file is valid YAML/JSON/CSV", "报告 libyaml 的问题及行列位置",
      "reports libyaml's problem with its line and column"),
    info(
      "REC-SCHEMA", .error, "字段类型、取值范围与必填项", "field types, ranges and required fields", "每个字段须符合记录格式 v1 的类型与范围；未知字段报错并给出建议",
      "each field has the type and range of record format v1; unknown fields are errors with a suggestion"),
    info(
      "REC-DUPLICATE-KEY", .error, "映射中的键重复", "a mapping repeats a key", "同一映射中不能出现两次相同的键（在第二次出现处报告）",
      "a key may appear once per mapping (reported at its second occurrence)"),
    info(
      "REC-DUPLICATE-ID", .error, "同一次检查中小区编码重复", "two records in one run share an id", "按路径与文档顺序，第一条记录被检查，之后重复的记录报错",
      "the first record in path and document order is checked; each later one is the duplicate"),
    info(
      "REC-PARTY-MEMBERS", .error, "党员人数或交叉任职人数多于委员人数", "party members or cross-appointed exceed members",
      "owners_committee.party_members 与 .cross_appointed 不得多于 .members",
      "owners_committee.party_members and .cross_appointed are at most .members"),
    info(
      "REC-FUTURE-EVENT", .error, "事件日期晚于数据截止日期", "an event is dated after the record's as_of", "每个事件的日期应不晚于 as_of",
      "every event is dated on or before as_of"),
    info(
      "REC-COLLECTED-EXCEEDS-DUE", .warning, "实收物业费多于应收", "fees collected exceed fees due", "fees.<年>.collected 不应多于 .due",
      "fees.<year>.collected should not exceed .due"),
    info(
      "REC-READ", .error, "路径无法作为记录文件读取", "a path cannot be read as a record file",
      "权限不足、文件已消失、悬空链接、命名管道、套接字、设备、与记录文件同名的目录、目录循环或超过上限的流：报告路径与系统给出的原因，检查继续",
      "permission, vanished, dangling link, FIFO, socket, device, a directory named like a record file, a directory loop, a stream over the cap: the path and the system's reason; the run goes on"
    ),
  ]

  private static func info(_ id: String, _ severity: Severity, _ zh: String, _ en: String, _ helpZh: String, _ helpEn: String) -> RuleInfo {
    RuleInfo(
      id: id, policy: nil, severity: severity, title: LocalizedText(zh: zh, en: en),
      citation: Citation(document: "jiayuan records.md", clause: id), help: LocalizedText(zh: helpZh, en: helpEn), scope: "record")
  }
}

/// One output format. Reporters are pure: a report in, the whole output out.
public protocol Reporter: Sendable {
  static var identifier: String { get }
  static var description: String { get }
  static func generate(_ report: RunReport) -> String
  /// Writes the report piece by piece. The formats a bulk run uses (text, json, sarif,
  /// csv, github) stream finding by finding; the others write `generate`'s text.
  static func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink)
}

extension Reporter {
  public static func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) { sink.write(generate(report)) }
}

/// A streaming reporter's whole output as one string.
protocol StreamingReporter: Reporter {}

extension StreamingReporter {
  public static func generate(_ report: RunReport) -> String {
    var sink = StringSink()
    write(report, to: &sink)
    return sink.text
  }
}
