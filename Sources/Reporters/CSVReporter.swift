import Engine
import Records

/// `--format csv`: one row per finding, for spreadsheets. RFC 4180 (CRLF line ends, fields
/// with `,` `"` CR or LF quoted, quotes doubled), with a UTF-8 byte-order mark first so
/// Excel opens the Chinese text as UTF-8. Text that Excel would read as a formula
/// (starting with `=` `+` `-` `@`, tab or CR) gets a leading `'`.
public enum CSVReporter: StreamingReporter {
  public static let identifier = "csv"
  public static let description = "CSV（每条发现一行，带 BOM 以便 Excel 打开）/ CSV, one row per finding (with a BOM for Excel)"
  public static let fileExtension = "csv"

  public static let header = [
    "rule", "policy", "severity", "outcome", "subject", "file", "line", "column", "message", "expected", "actual",
    "missing", "gap", "deadline", "citation", "not_counted",
  ]

  public static func write<Sink: ReportSink>(_ report: RunReport, to out: inout Sink) {
    out.write("\u{FEFF}" + header.joined(separator: ",") + "\r\n")
    for f in report.placed {
      let start = f.range.start
      let citation = f.citation.map { "\($0.document) \($0.clause)" }
      let row: [String] = [
        text(f.rule), text(f.policy), f.severity.rawValue, f.outcome.rawValue, text(f.subject.key), text(f.file),
        start.line >= 1 ? String(start.line) : "", start.line >= 1 && start.column >= 1 ? String(start.column) : "",
        text(f.message.text(report.language)), text(f.expected?.text(report.language)), text(f.actual?.text(report.language)),
        text(f.missing),
        f.gap.map(String.init) ?? "", text(f.deadline?.description), text(citation),
        text(f.notCounted.map { $0.text(report.language) }.joined(separator: "; ")),
      ]
      out.write(row.joined(separator: ",") + "\r\n")
    }
  }

  /// A text cell: defused against formula evaluation, then quoted when needed. Every
  /// CSV the tool writes (`check`, `score`) goes through it.
  public static func text(_ value: String?) -> String {
    guard var value, !value.isEmpty else { return "" }
    if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { value = "'" + value }
    return field(value)
  }

  /// RFC 4180 quoting.
  public static func field(_ value: String) -> String {
    let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
    guard needsQuotes else { return value }
    var out = "\""
    for c in value.unicodeScalars {
      if c == "\"" { out += "\"\"" } else { out.unicodeScalars.append(c) }
    }
    return out + "\""
  }
}
