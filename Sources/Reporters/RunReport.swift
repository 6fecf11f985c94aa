import Engine
import Policies
import Records

/// An input file as the report names it: enough to re-run the same audit.
public struct InputSummary: Sendable {
  public var path: String
  public var records: Int
  public var sha256: String
  /// The text encoding a CSV file was read in (`utf-8`, `gb18030`); nil for YAML and JSON,
  /// which are always UTF-8.
  public var encoding: String?

  public init(path: String, records: Int, sha256: String, encoding: String? = nil) {
    self.path = path
    self.records = records
    self.sha256 = sha256
    self.encoding = encoding
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

/// The built-in record checks as reports list them.
public enum BuiltInRules {
  public static let all: [RuleInfo] = RecordChecks.builtIn.map { rule in
    RuleInfo(
      id: rule.id, policy: nil, severity: rule.severity, title: rule.title,
      citation: Citation(document: "jiayuan records.md", clause: rule.id), help: rule.help, scope: "record")
  }
}

/// One output format. Reporters are pure: a report in, the whole output out.
public protocol Reporter: Sendable {
  static var identifier: String { get }
  static var description: String { get }
  /// The name ending a file of this format takes (`sarif`, `junit.xml`).
  static var fileExtension: String { get }
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
