import Engine
import Records

/// `--format markdown`: a summary table and a findings table (GitHub-flavoured Markdown),
/// for a pull-request comment, a job summary or a wiki page.
public enum MarkdownReporter: Reporter {
  public static let identifier = "markdown"
  public static let description = "Markdown（概况表与发现表）/ Markdown summary and findings tables"
  public static let fileExtension = "md"

  public static func generate(_ report: RunReport) -> String {
    let zh = report.language == .zh
    let s = report.summary
    let n = Tally(report)
    var out = zh ? "# jiayuan 检查报告\n\n" : "# jiayuan report\n\n"
    out += "- " + (zh ? "数据截止日期：" : "as of: ") + escape(report.asOf?.description ?? (zh ? "各记录自身的日期" : "each record's own date")) + "\n"
    if !report.policies.isEmpty {
      let names = report.policies.map { p in
        let title = escape(p.title.text(report.language))
        return "\(escape(p.id)) \(escape(p.version))" + (zh ? "（\(title)）" : " (\(title))")
      }
      out += "- " + (zh ? "策略：" : "policies: ") + names.joined(separator: zh ? "；" : "; ") + "\n"
    }
    out += "- " + (zh ? "工具：" : "tool: ") + "\(RunReport.toolName) \(RunReport.toolVersion)\n\n"

    out += zh ? "## 概况\n\n| 项目 | 数量 |\n| --- | ---: |\n" : "## Summary\n\n| | count |\n| --- | ---: |\n"
    let rows: [(String, String, Int)] = [
      ("记录", "records", s.records), ("已检查", "checked", s.checked), ("已跳过", "skipped", s.skipped),
      ("输入错误", "input errors", s.inputErrors), ("错误", "errors", n.errors), ("警告", "warnings", n.warnings),
      ("数据不足", "insufficient data", n.insufficient), ("提示", "notes", n.info), ("已豁免", "suppressed", s.suppressed),
    ]
    for (z, e, n) in rows { out += "| \(zh ? z : e) | \(n) |\n" }
    let verdict = Verdict.conclusion(report)
    out += "\n" + escape(verdict) + "\n\n"

    out += zh ? "## 发现\n\n" : "## Findings\n\n"
    guard !report.findings.isEmpty else {
      out += zh ? "没有发现。\n" : "No findings.\n"
      return out
    }
    out +=
      zh
      ? "| 级别 | 规则 | 对象 | 位置 | 说明 | 要求 | 实际 | 依据 |\n"
      : "| severity | rule | subject | location | message | expected | actual | source |\n"
    out += "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
    for f in report.placed {
      let level =
        switch f.severity {
        case .error: zh ? "错误" : "error"
        case .warning: zh ? "警告" : "warning"
        case .info: zh ? "提示" : "note"
        }
      // Missing data is not a failure: its own word, the rule's level beside it.
      let severity = f.outcome != .insufficient ? level : zh ? "数据不足（\(level)级）" : "insufficient data (\(level) rule)"
      var location = f.file
      if f.range.start.line >= 1 { location += ":\(f.range.start.line):\(f.range.start.column)" }
      var message = [f.message.text(report.language)]
      if let v = f.missing { message.append((zh ? "缺少：" : "missing: ") + v) }
      if let v = f.deadline { message.append((zh ? "期限：" : "deadline: ") + v.description) }
      if let v = f.gap { message.append(zh ? "差距：\(v) 个小区" : "gap: \(v) communities") }
      if let v = f.failingRecords, !v.isEmpty {
        let shown = v.prefix(10).joined(separator: ", ") + (v.count > 10 ? " …(+\(v.count - 10))" : "")
        message.append((zh ? "未达标小区：" : "failing: ") + shown)
      }
      if let line = FindingText.notCounted(f, report.language) { message.append(line) }
      var citation = ""
      if let c = f.citation { citation = "\(c.document) \(c.clause)" }
      let cells = [
        severity, f.rule, f.subject.key, location, message.joined(separator: "\n"), f.expected?.text(report.language) ?? "",
        f.actual?.text(report.language) ?? "", citation,
      ]
      out += "| " + cells.map(escape).joined(separator: " | ") + " |\n"
    }
    return out
  }

  /// Table-cell text: `|` and the characters Markdown would read as markup or HTML are
  /// backslash-escaped (`\` itself first), line breaks become `<br>`.
  public static func escape(_ text: String) -> String {
    var out = ""
    var previousCR = false
    for c in text.unicodeScalars {
      defer { previousCR = c == "\r" }
      // Controls and bidi overrides shown as written (line breaks become `<br>` below).
      if c != "\r", c != "\n", VisibleText.needsEscape(c) {
        out += VisibleText.escape(String(c))
        continue
      }
      switch c {
      case "\\", "|", "`", "*", "[", "]", "<", ">": out += "\\" + String(c)
      case "\r": out += "<br>"
      case "\n": if !previousCR { out += "<br>" }
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
