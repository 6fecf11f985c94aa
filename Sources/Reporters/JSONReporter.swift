import Engine
import Records

/// `--format json`: the shape of cli.md, keys in a fixed order.
public enum JSONReporter: StreamingReporter {
  public static let identifier = "json"
  public static let description = "JSON（cli.md 规定的结构）/ JSON in the shape of cli.md"
  public static let fileExtension = "json"

  /// Stands for the findings array while the rest of the document is rendered.
  static let findingsHole = "\u{0}jiayuan-findings\u{0}"

  public static func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
    typealias V = JSONWriter.Value
    let s = report.summary
    let n = Tally(report)
    let outcomes: [(String, V)] = [
      ("pass", .int(s.outcomes[.pass] ?? 0)), ("fail", .int(s.outcomes[.fail] ?? 0)),
      ("insufficient", .int(s.outcomes[.insufficient] ?? 0)), ("not_applicable", .int(s.outcomes[.notApplicable] ?? 0)),
      ("notice", .int(s.outcomes[.notice] ?? 0)),
    ]
    let summary: V = .object([
      ("records", .int(s.records)), ("checked", .int(s.checked)), ("skipped", .int(s.skipped)),
      ("input_errors", .int(s.inputErrors)), ("errors", .int(n.errors)), ("warnings", .int(n.warnings)),
      ("info", .int(n.info)),
      (
        "insufficient",
        .object([("errors", .int(n.insufficientErrors)), ("warnings", .int(n.insufficientWarnings)), ("info", .int(n.insufficientInfo))])
      ),
      ("verdict", .string(Verdict.tone(report))),
      ("suppressed", .int(s.suppressed)), ("stale_records", .int(s.staleRecords)), ("mode", .string(s.mode)),
      ("outcomes", .object(outcomes)),
    ])
    let policies: [V] = report.policies.map {
      .object([
        ("id", .string($0.id)), ("version", .string($0.version)), ("source", .string($0.source)),
        ("sha256", .string($0.contentHash)),
      ])
    }
    let inputs: [V] = report.inputs.map {
      .object(
        [("path", .string($0.path)), ("records", .int($0.records)), ("sha256", .string($0.sha256))]
          + ($0.encoding.map { [("encoding", V.string($0))] } ?? []))
    }
    let comparison = Comparison(report)
    var compare: [(String, V)] = []
    if let c = comparison {
      compare = [
        (
          "compare",
          .object([
            ("previous", .string(c.previous.file)), ("previous_as_of", c.previous.asOf.map(V.string) ?? .null),
            ("new", .int(c.new)), ("persisting", .int(c.persisting)), ("fixed", .int(c.fixed.count)),
            (
              "fixed_findings",
              .array(
                c.fixed.map {
                  .object([
                    ("rule", .string($0.rule)), ("subject", .string($0.subject)), ("outcome", .string($0.outcome)),
                    ("message", .string($0.message)),
                  ])
                })
            ),
            (
              "aggregates",
              .array(
                c.changes.map { ch in
                  var pairs: [(String, V)] = [
                    ("rule", .string(ch.rule)), ("subject", .string(ch.subject)), ("previous", .string(ch.previous.actual)),
                    ("current", .string(ch.current)),
                  ]
                  if let v = ch.previous.share { pairs.append(("previous_share", .double(v))) }
                  if let v = ch.share { pairs.append(("current_share", .double(v))) }
                  if let v = ch.previous.gap { pairs.append(("previous_gap", .int(v))) }
                  if let v = ch.gap { pairs.append(("gap", .int(v))) }
                  if let p = ch.projection {
                    pairs.append(
                      (
                        "trajectory",
                        .object([
                          ("outlook", .string(p.outlook.rawValue)), ("projected_share", .double(p.projected)),
                          ("target", .double(p.target)), ("deadline", .string(p.deadline.description)),
                          ("basis", .string("previous_report")),
                        ])
                      ))
                  }
                  return .object(pairs)
                })
            ),
          ])
        )
      ]
    }
    let root: V = .object(
      [
        ("tool", .object([("name", .string(RunReport.toolName)), ("version", .string(RunReport.toolVersion))])),
        ("as_of", report.asOf.map { .string($0.description) } ?? .null),
        ("language", .string(report.language.rawValue)),
        ("column_unit", .string("unicode_code_points")),
        ("policies", .array(policies)),
        ("inputs", .array(inputs)),
        ("summary", summary),
      ] + compare + [
        ("findings", .string(findingsHole))
      ])
    guard let (head, tail, indent) = JSONWriter.renderAround(root, hole: findingsHole) else { return }
    sink.write(bytes: head)
    JSONWriter.streamArray(report.placed, indent: indent, to: &sink) { f in
      var value = finding(f, report.language)
      if let status = comparison?.status(f), case .object(var pairs) = value {
        pairs.append(("compare", .string(status.rawValue)))
        value = .object(pairs)
      }
      return value
    }
    sink.write(bytes: tail)
    sink.write("\n")
  }

  static func finding(_ f: Finding, _ language: Language) -> JSONWriter.Value {
    typealias V = JSONWriter.Value
    var pairs: [(String, V)] = [
      ("rule", .string(f.rule)), ("policy", f.policy.map(V.string) ?? .null), ("severity", .string(f.severity.rawValue)),
      ("outcome", .string(f.outcome.rawValue)), ("subject", .string(f.subject.key)), ("file", .string(f.file)),
      ("line", .int(f.range.start.line)), ("column", .int(f.range.start.column)),
      ("message", .string(f.message.text(language))),
    ]
    if let v = f.expected { pairs.append(("expected", .string(v.text(language)))) }
    if let v = f.actual { pairs.append(("actual", .string(v.text(language)))) }
    if let v = f.missing { pairs.append(("missing", .string(v))) }
    if let v = f.period { pairs.append(("period", .string(v))) }
    if let v = f.deadline { pairs.append(("deadline", .string(v.description))) }
    if let v = f.gap { pairs.append(("gap", .int(v))) }
    if let v = f.score { pairs.append(("score", .double(v))) }
    if let v = f.failingRecords { pairs.append(("failing_records", .array(v.map(V.string)))) }
    if let v = f.undeterminedRecords { pairs.append(("undetermined_records", .array(v.map(V.string)))) }
    if let c = f.citation {
      var cp: [(String, V)] = [("document", .string(c.document)), ("clause", .string(c.clause))]
      if let t = c.text { cp.append(("text", .string(t))) }
      pairs.append(("citation", .object(cp)))
    }
    if let fix = f.fix { pairs.append(("fix", .string(fix.text(language)))) }
    if !f.notes.isEmpty { pairs.append(("notes", .array(f.notes.map { .string($0.message.text(language)) }))) }
    pairs += FindingValues.pairs(f, language)
    // What `--compare` matches a later run's findings by (line-independent).
    pairs.append(("fingerprint", .string(f.fingerprint.value)))
    return .object(pairs)
  }
}
