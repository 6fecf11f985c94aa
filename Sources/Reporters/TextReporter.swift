import Engine
import Records

/// `--format text`: compiler-style lines grouped by file and record, the clause and the
/// fix under each finding, one verdict line last. Colour only when asked (a terminal).
public enum TextReporter: StreamingReporter {
  public static let identifier = "text"
  public static let description = "文本（默认，类似编译器输出）/ compiler-style text (default)"
  public static let fileExtension = "txt"

  public static func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
    write(report, color: false, to: &sink)
  }

  public static func generate(_ report: RunReport, color: Bool) -> String {
    var sink = StringSink()
    write(report, color: color, to: &sink)
    return sink.text
  }

  public static func write<Sink: ReportSink>(_ report: RunReport, color: Bool, to sink: inout Sink) {
    var grouping = RecordGrouping()
    var lastGroup = ""
    // An aggregate's findings are its group's, under a `== county:舒城县` header after the
    // records: at most one per rule, group and target, so holding them is cheap.
    var aggregates: [Finding] = []
    for f in report.placed {
      if f.subject.group != nil {
        aggregates.append(f)
        continue
      }
      for g in grouping.add(f) { write(g, report, color: color, lastGroup: &lastGroup, to: &sink) }
    }
    for g in grouping.flush() { write(g, report, color: color, lastGroup: &lastGroup, to: &sink) }
    var order: [String] = []
    var byGroup: [String: [Finding]] = [:]
    for f in aggregates {
      if byGroup[f.subject.key] == nil { order.append(f.subject.key) }
      byGroup[f.subject.key, default: []].append(f)
    }
    for key in order {
      // In the order the policy writes its rules.
      for f in (byGroup[key] ?? []).sorted(by: Finding.reportOrder) {
        write(f, report, color: color, lastGroup: &lastGroup, to: &sink)
      }
    }
    var out = ""
    if !report.findings.isEmpty { out += "\n" }
    if let comparison = Comparison(report) { out += compareLines(comparison, report.language) }
    out += encodingLine(report)
    out += summaryLine(report)
    sink.write(out)
  }

  /// One finding, under a header when it starts a new record or group.
  private static func write<Sink: ReportSink>(
    _ f: Finding, _ report: RunReport, color: Bool, lastGroup: inout String, to sink: inout Sink
  ) {
    let zh = report.language == .zh
    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    // Whatever comes from data is made visible before any colour is added.
    let clean = VisibleText.escape
    let file = clean(f.file)
    var out = ""
    let group = "\(f.file) · \(f.subject.key)"
    if group != lastGroup {
      if !lastGroup.isEmpty { out += "\n" }
      out += paint("== \(clean(f.subject.key)) (\(file))", "1") + "\n"
      lastGroup = group
    }
    let severityWord: String =
      switch (f.outcome, f.severity) {
      // Missing data is no failure: its own word, whatever the rule's level.
      case (.insufficient, _): paint(zh ? "数据不足" : "insufficient data", "35")
      case (_, .error): paint(zh ? "错误" : "error", "31;1")
      case (_, .warning): paint(zh ? "警告" : "warning", "33;1")
      case (_, .info): paint(zh ? "提示" : "note", "36;1")
      }
    // Machine-readable severity stays in English so editors can parse the line.
    let keyword = f.severity == .info ? "note" : f.severity.rawValue
    out += "\(file):\(f.range.start.line):\(f.range.start.column): \(keyword): \(clean(f.message.text(report.language))) [\(f.rule)]"
    out += zh ? "  (\(severityWord))\n" : "\n"
    if f.outcome == .fail, let comparison = FindingText.comparison(f, report.language) { out += "    " + clean(comparison) + "\n" }
    if let gap = f.gap, f.outcome == .fail {
      out += "    " + (zh ? "差距：\(gap) 个小区" : "gap: \(gap) communities") + "\n"
    }
    if let failing = f.failingRecords, !failing.isEmpty, f.outcome == .fail {
      let shown = failing.prefix(10).joined(separator: ", ") + (failing.count > 10 ? " …(+\(failing.count - 10))" : "")
      out += "    " + (zh ? "未达标小区：" : "failing: ") + clean(shown) + "\n"
    }
    if let line = FindingText.notCounted(f, report.language) { out += "    " + clean(line) + "\n" }
    for note in f.notes { out += "    · \(clean(FindingText.note(note, report.language)))\n" }
    if let c = f.citation, f.policy != nil {
      out += "    " + (zh ? "依据：" : "source: ") + clean("\(c.document) \(c.clause)")
      if let t = c.text { out += " “\(clean(t))”" }
      out += "\n"
    }
    if let fix = f.fix { out += "    " + (zh ? "整改：" : "fix: ") + clean(fix.text(report.language)) + "\n" }
    sink.write(out)
  }

  /// Findings of one file and subject together, in order of first appearance, so a
  /// reader sees each record (or group) once. Findings come sorted by file and position,
  /// so a file's findings are held until the next file starts, or `window` of them (a
  /// huge single file then shows a record that straddles the window under two headers).
  struct RecordGrouping {
    static let window = 4096
    private var file: String?
    private var order: [String] = []
    private var groups: [String: [Finding]] = [:]
    private var held = 0

    mutating func add(_ f: Finding) -> [Finding] {
      var out: [Finding] = []
      if f.file != file || held >= Self.window { out = flush() }
      file = f.file
      if groups[f.subject.key] == nil { order.append(f.subject.key) }
      groups[f.subject.key, default: []].append(f)
      held += 1
      return out
    }

    mutating func flush() -> [Finding] {
      let out = order.flatMap { groups[$0] ?? [] }
      order.removeAll(keepingCapacity: true)
      groups.removeAll(keepingCapacity: true)
      held = 0
      return out
    }
  }

  /// `--compare`: the counts, what was fixed (at most 20 named) and each aggregate's
  /// change since the previous report.
  static func compareLines(_ c: Comparison, _ language: Language) -> String {
    let zh = language == .zh
    let clean = VisibleText.escape
    var out = "== " + clean(c.headline(language)) + "\n"
    for p in c.fixed.prefix(20) {
      out += "  " + (zh ? "已整改：" : "fixed: ") + clean("\(p.rule) \(p.subject) \(p.message)") + "\n"
    }
    if c.fixed.count > 20 { out += "  " + (zh ? "……另有 \(c.fixed.count - 20) 项已整改" : "… \(c.fixed.count - 20) more fixed") + "\n" }
    for change in c.changes { out += "  " + clean(c.changeLine(change, language)) + "\n" }
    return out + "\n"
  }

  /// The CSV files read as GB18030, so that the user knows how their bytes were taken;
  /// nothing when every input was UTF-8.
  static func encodingLine(_ report: RunReport) -> String {
    let files = report.inputs.filter { $0.encoding == TextEncoding.gb18030.rawValue }.map(\.path)
    guard !files.isEmpty else { return "" }
    let shown = files.prefix(5).joined(separator: ", ") + (files.count > 5 ? " …（\(files.count)）" : "")
    return report.language == .zh
      ? "按 GB18030（GBK）编码读取：\(shown)\n" : "read as GB18030 (GBK): \(shown)\n"
  }

  public static func summaryLine(_ report: RunReport) -> String {
    Verdict.counts(report) + "\n" + Verdict.conclusion(report) + "\n"
  }
}
