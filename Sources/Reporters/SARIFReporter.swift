import Engine
import Records

/// `--format sarif`: SARIF 2.1.0 (OASIS), for code-scanning dashboards and editors.
/// Every rule that could fire is in `tool.driver.rules` with its help and citation; each
/// finding is a result located by line and column (Unicode code points, 1-based), with a
/// line-independent fingerprint so a moved record keeps its identity.
public enum SARIFReporter: StreamingReporter {
  public static let identifier = "sarif"
  public static let description = "SARIF 2.1.0（代码扫描平台）/ SARIF 2.1.0 for code-scanning tools"
  public static let fileExtension = "sarif"

  public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
  public static let informationURI = "https://github.com/jiayuan/jiayuan"
  public static let fingerprintKey = "jiayuan/v1"

  public static func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
    typealias V = JSONWriter.Value
    let language = report.language
    var rules = report.rules
    // A finding of a rule no policy lists (should not happen) still gets a descriptor,
    // so every result's ruleIndex points somewhere.
    let listed = Set(rules.map(\.id))
    for id in report.findings.ruleIDs.sorted() where !listed.contains(id) {
      rules.append(
        RuleInfo(
          id: id, policy: nil, severity: .error, title: LocalizedText(zh: id, en: id), citation: nil,
          help: LocalizedText(zh: "", en: ""), scope: "record"))
    }
    let descriptors: [V] = rules.map { descriptor($0, language) }
    let driver: V = .object([
      ("name", .string(RunReport.toolName)),
      ("version", .string(RunReport.toolVersion)),
      ("semanticVersion", .string(RunReport.toolVersion)),
      ("informationUri", .string(informationURI)),
      ("rules", .array(descriptors)),
    ])
    var runProperties: [(String, V)] = []
    if let asOf = report.asOf { runProperties.append(("as_of", .string(asOf.description))) }
    runProperties.append(
      ("policies", .array(report.policies.map { .object([("id", .string($0.id)), ("version", .string($0.version))]) })))
    let run: V = .object([
      ("tool", .object([("driver", driver)])),
      ("invocations", .array([.object([("executionSuccessful", .bool(true))])])),
      ("language", .string(language == .zh ? "zh-CN" : "en-US")),
      ("columnKind", .string("unicodeCodePoints")),
      ("results", .string(JSONReporter.findingsHole)),
      ("properties", .object(runProperties)),
    ])
    let root: V = .object([
      ("$schema", .string(schemaURI)),
      ("version", .string("2.1.0")),
      ("runs", .array([run])),
    ])
    guard let (head, tail, indent) = JSONWriter.renderAround(root, hole: JSONReporter.findingsHole) else { return }
    sink.write(bytes: head)
    // Looked up per finding: by policy and id, else by id (a built-in REC- rule).
    var byPolicy: [String: Int] = [:]
    var byID: [String: Int] = [:]
    for (i, rule) in rules.enumerated() {
      if byPolicy[(rule.policy ?? "") + "\u{1F}" + rule.id] == nil { byPolicy[(rule.policy ?? "") + "\u{1F}" + rule.id] = i }
      if byID[rule.id] == nil { byID[rule.id] = i }
    }
    JSONWriter.streamArray(report.placed, indent: indent, to: &sink) { f in
      result(f, ruleIndex: byPolicy[(f.policy ?? "") + "\u{1F}" + f.rule] ?? byID[f.rule], language)
    }
    sink.write(bytes: tail)
    sink.write("\n")
  }

  static func index(of f: Finding, in rules: [RuleInfo]) -> Int? {
    rules.firstIndex { $0.id == f.rule && $0.policy == f.policy } ?? rules.firstIndex { $0.id == f.rule }
  }

  static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .info: "note"
    }
  }

  static func descriptor(_ rule: RuleInfo, _ language: Language) -> JSONWriter.Value {
    typealias V = JSONWriter.Value
    let help = helpText(rule, language)
    var pairs: [(String, V)] = [
      ("id", .string(rule.id)),
      ("name", .string(pascalCase(rule.id))),
      ("shortDescription", .object([("text", .string(rule.title.text(language)))])),
      ("fullDescription", .object([("text", .string(help))])),
      ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
      ("help", .object([("text", .string(help))])),
    ]
    var properties: [(String, V)] = []
    if let policy = rule.policy { properties.append(("policy", .string(policy))) }
    properties.append(("scope", .string(rule.scope)))
    properties.append(("tags", .array([.string(rule.policy ?? "records"), .string(rule.scope)])))
    pairs.append(("properties", .object(properties)))
    return .object(pairs)
  }

  /// The rule's help, then its source: `document clause “text”`.
  static func helpText(_ rule: RuleInfo, _ language: Language) -> String {
    var parts: [String] = []
    let help = rule.help.text(language)
    if !help.isEmpty { parts.append(help) }
    if let c = rule.citation {
      var source = (language == .zh ? "依据：" : "Source: ") + "\(c.document) \(c.clause)"
      if let t = c.text { source += language == .zh ? "“\(t)”" : " “\(t)”" }
      parts.append(source)
    }
    return parts.isEmpty ? rule.title.text(language) : parts.joined(separator: "\n\n")
  }

  static func result(_ f: Finding, ruleIndex: Int?, _ language: Language) -> JSONWriter.Value {
    typealias V = JSONWriter.Value
    var pairs: [(String, V)] = [("ruleId", .string(f.rule))]
    if let ruleIndex { pairs.append(("ruleIndex", .int(ruleIndex))) }
    pairs.append(("level", .string(level(f.severity))))
    pairs.append(("message", .object([("text", .string(f.message.text(language)))])))
    // A sheet of a workbook has no lines: the workbook is the artifact and the cell
    // (`台账!J7`) a logical location.
    let (artifact, sheet) = XLSXReader.split(f.file)
    var physical: [(String, V)] = [("artifactLocation", .object([("uri", .string(uriReference(artifact)))]))]
    let start = f.range.start
    var logical: [V] = []
    if let sheet {
      let cell = XLSXReader.cellName(sheet: sheet, start)
      logical = [.object([("name", .string(cell)), ("fullyQualifiedName", .string("\(artifact)#\(cell)")), ("kind", .string("element"))])]
    } else if start.line >= 1 {
      var region: [(String, V)] = [("startLine", .int(start.line))]
      if start.column >= 1 { region.append(("startColumn", .int(start.column))) }
      let end = f.range.end
      if start.column >= 1, end > start, end.column >= 1 {
        if end.line != start.line { region.append(("endLine", .int(end.line))) }
        region.append(("endColumn", .int(end.column)))
      }
      physical.append(("region", .object(region)))
    }
    // An aggregate is its group's: the group is the logical location; the physical one
    // is the rule's line in the policy (`RunReport.locate`).
    if let group = f.subject.group {
      logical.append(
        .object([("name", .string(group.name)), ("fullyQualifiedName", .string(f.subject.key)), ("kind", .string("namespace"))]))
    }
    var location: [(String, V)] = [("physicalLocation", .object(physical))]
    if !logical.isEmpty { location.append(("logicalLocations", .array(logical))) }
    pairs.append(("locations", .array([.object(location)])))
    pairs.append(("partialFingerprints", .object([(fingerprintKey, .string(f.fingerprint.value))])))
    var properties: [(String, V)] = []
    if let v = f.policy { properties.append(("policy", .string(v))) }
    properties.append(("outcome", .string(f.outcome.rawValue)))
    properties.append(("subject", .string(f.subject.key)))
    if let v = f.expected { properties.append(("expected", .string(v.text(language)))) }
    if let v = f.actual { properties.append(("actual", .string(v.text(language)))) }
    if let v = f.missing { properties.append(("missing", .string(v))) }
    if let v = f.period { properties.append(("period", .string(v))) }
    if let v = f.gap { properties.append(("gap", .int(v))) }
    if let v = f.deadline { properties.append(("deadline", .string(v.description))) }
    if let v = f.score { properties.append(("score", .double(v))) }
    if let v = f.failingRecords { properties.append(("failing_records", .array(v.map(V.string)))) }
    if let v = f.undeterminedRecords { properties.append(("undetermined_records", .array(v.map(V.string)))) }
    if let c = f.citation {
      var cp: [(String, V)] = [("document", .string(c.document)), ("clause", .string(c.clause))]
      if let t = c.text { cp.append(("text", .string(t))) }
      properties.append(("citation", .object(cp)))
    }
    if let fix = f.fix { properties.append(("fix", .string(fix.text(language)))) }
    if !f.notes.isEmpty { properties.append(("notes", .array(f.notes.map { .string($0.message.text(language)) }))) }
    properties += FindingValues.pairs(f, language)
    pairs.append(("properties", .object(properties)))
    return .object(pairs)
  }

  /// `SC-OC-PARTY-RATIO` → `ScOcPartyRatio`: SARIF's readable rule name.
  static func pascalCase(_ id: String) -> String {
    id.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).map { word in
      word.prefix(1).uppercased() + word.dropFirst().lowercased()
    }.joined()
  }

  /// A file path as a URI reference: `/` separators, and every byte outside RFC 3986's
  /// unreserved set and `/` percent-encoded (Chinese file names, spaces, `#`, `?`).
  static func uriReference(_ path: String) -> String {
    var out = ""
    for byte in String(path.map { $0 == "\\" ? "/" : $0 }).utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return out
  }
}
