import Engine
import Records

/// `--format text`: compiler-style lines grouped by file and record, the clause and the
/// fix under each finding, one verdict line last. Colour only when asked (a terminal).
public enum TextReporter: Reporter {
  public static let identifier = "text"
  public static let description = "文本（默认，类似编译器输出）/ compiler-style text (default)"

  public static func generate(_ report: RunReport) -> String { generate(report, color: false) }

  public static func generate(_ report: RunReport, color: Bool) -> String {
    let zh = report.language == .zh
    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    var out = ""
    var lastGroup = ""
    for f in groupedByRecord(report.findings) {
      let group = "\(f.file) · \(f.subject)"
      if group != lastGroup {
        if !lastGroup.isEmpty { out += "\n" }
        out += paint("== \(f.subject) (\(f.file))", "1") + "\n"
        lastGroup = group
      }
      let severityWord: String =
        switch f.severity {
        case .error: paint(zh ? "错误" : "error", "31;1")
        case .warning: paint(zh ? "警告" : "warning", "33;1")
        case .info: paint(zh ? "提示" : "note", "36;1")
        }
      // Machine-readable severity stays in English so editors can parse the line.
      let keyword = f.severity == .info ? "note" : f.severity.rawValue
      out += "\(f.file):\(f.range.start.line):\(f.range.start.column): \(keyword): \(f.message.text(report.language)) [\(f.rule)]"
      out += zh ? "  (\(severityWord))\n" : "\n"
      if let expected = f.expected, let actual = f.actual, f.outcome == .fail {
        out += "    " + (zh ? "要求 \(expected)，实际 \(actual)" : "expected \(expected), actual \(actual)") + "\n"
      }
      if let gap = f.gap, f.outcome == .fail {
        out += "    " + (zh ? "差距：\(gap) 个小区" : "gap: \(gap) communities") + "\n"
      }
      if let failing = f.failingRecords, !failing.isEmpty, f.outcome == .fail {
        let shown = failing.prefix(10).joined(separator: ", ") + (failing.count > 10 ? " …(+\(failing.count - 10))" : "")
        out += "    " + (zh ? "未达标小区：" : "failing: ") + shown + "\n"
      }
      for note in f.notes { out += "    · \(note.text(report.language))\n" }
      if let c = f.citation, f.policy != nil {
        out += "    " + (zh ? "依据：" : "source: ") + "\(c.document) \(c.clause)"
        if let t = c.text { out += " “\(t)”" }
        out += "\n"
      }
      if let fix = f.fix { out += "    " + (zh ? "整改：" : "fix: ") + fix.text(report.language) + "\n" }
    }
    if !report.findings.isEmpty { out += "\n" }
    out += summaryLine(report)
    return out
  }

  /// Findings of one file and subject together, in order of first appearance, so a
  /// reader sees each record (or group) once.
  static func groupedByRecord(_ findings: [Finding]) -> [Finding] {
    var order: [String] = []
    var groups: [String: [Finding]] = [:]
    for f in findings {
      let key = f.file + "\u{0}" + f.subject
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(f)
    }
    return order.flatMap { groups[$0] ?? [] }
  }

  public static func summaryLine(_ report: RunReport) -> String {
    let s = report.summary
    let zh = report.language == .zh
    var line =
      zh
      ? "共 \(s.records) 条记录：检查 \(s.checked)，跳过 \(s.skipped)，输入错误 \(s.inputErrors)；错误 \(s.errors)，警告 \(s.warnings)，提示 \(s.info)"
      : "\(s.records) records: \(s.checked) checked, \(s.skipped) skipped, \(s.inputErrors) input errors; \(s.errors) errors, \(s.warnings) warnings, \(s.info) notes"
    if s.suppressed > 0 { line += zh ? "（已豁免 \(s.suppressed)）" : " (\(s.suppressed) suppressed)" }
    line += "\n"
    let verdict: String
    if s.errors > 0 {
      verdict = zh ? "结论：不通过，请按上述错误整改后重新提交。" : "verdict: FAIL — fix the errors above and submit again."
    } else if s.warnings > 0 {
      verdict = zh ? "结论：通过，但有警告需要关注。" : "verdict: pass, with warnings to look at."
    } else {
      verdict = zh ? "结论：通过。" : "verdict: pass."
    }
    return line + verdict + "\n"
  }
}
