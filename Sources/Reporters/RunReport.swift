import Engine
import Policies
import Records
import YAMLSource

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
  /// Every community's outcome per rule, passes included, when the run kept it (the
  /// formats with `MatrixReporter.needsMatrix` ask for it).
  public var matrix: OutcomeMatrix?
  /// The previous run's JSON report given with `--compare`, read.
  public var previous: PreviousReport?
  /// Where each policy rule is written, by policy and rule id: where an aggregate's
  /// finding is placed (`locate(_:)`).
  let ruleSites: [String: (file: String, range: SourceRange)]

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
    var sites: [String: (file: String, range: SourceRange)] = [:]
    for policy in policies {
      for rule in policy.rules where sites[policy.id + "\u{0}" + rule.id] == nil {
        sites[policy.id + "\u{0}" + rule.id] = (rule.file, rule.range)
      }
    }
    ruleSites = sites
  }

  /// A finding as every report places it. An aggregate's finding (`county:舒城县`) is its
  /// group's, not its first record's: no community is at fault for a county's figure, so
  /// it is placed where the target it missed is written, the rule's line in the policy
  /// file (`policies/shucheng-2023.yaml:57:5`); a rule not found keeps the file without
  /// a line. Record findings are unchanged.
  public func locate(_ f: Finding) -> Finding {
    guard f.subject.group != nil, let policy = f.policy else { return f }
    var placed = f
    if let site = ruleSites[policy + "\u{0}" + f.rule] {
      placed.file = site.file
      placed.range = site.range
    } else {
      placed.file = self.policies.first { $0.id == policy }?.source ?? f.file
      placed.range = SourceRange(at: SourceLocation(line: 0, column: 0))
    }
    return placed
  }

  /// The findings in report order, each placed by `locate(_:)`: what reporters print.
  public var placed: LazyMapSequence<FindingList, Finding> { findings.lazy.map { locate($0) } }

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
  /// Whether the format shows the community × rule matrix, which the run then keeps.
  static var needsMatrix: Bool { get }
  /// A binary format (a workbook) is written to an `--output` file only, never to a
  /// terminal or a pipe, and has no text golden.
  static var isBinary: Bool { get }
  /// Writes the report piece by piece. The formats a bulk run uses (text, json, sarif,
  /// csv, github) stream finding by finding; the others write `generate`'s text.
  static func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink)
}

extension Reporter {
  public static var needsMatrix: Bool { false }
  public static var isBinary: Bool { false }
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
