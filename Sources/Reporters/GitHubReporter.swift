import Engine
import Records

/// `--format github`: GitHub Actions workflow commands, one annotation per finding:
/// `::error file=F,line=L,col=C,title=RULE::message` (`::warning`, `::notice` for info).
/// The message carries the details on further lines (expected and actual, gap, source).
public enum GitHubReporter: StreamingReporter {
  public static let identifier = "github"
  public static let description = "GitHub Actions 注释 / GitHub Actions workflow annotations"
  public static let fileExtension = "github.txt"

  public static func write<Sink: ReportSink>(_ report: RunReport, to out: inout Sink) {
    for f in report.placed {
      let command =
        switch f.severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
      var properties = ["file=" + escapeProperty(f.file)]
      let start = f.range.start
      if start.line >= 1 {
        properties.append("line=\(start.line)")
        if start.column >= 1 { properties.append("col=\(start.column)") }
      }
      properties.append("title=" + escapeProperty(f.rule))
      var lines = [f.message.text(report.language)]
      lines += FindingText.details(f, report.language).dropFirst().map { String($0.drop(while: { $0 == " " })) }
      out.write("::\(command) \(properties.joined(separator: ","))::\(escapeData(lines.joined(separator: "\n")))\n")
    }
  }

  /// Message data: `%`, CR and LF (the runner's `escapeData`), and other controls and
  /// bidi overrides made visible (`VisibleText`): a log shows them as written.
  public static func escapeData(_ s: String) -> String { escape(s, alsoEscaping: []) }

  /// Property values: as data, plus `:` and `,` (the runner's `escapeProperty`).
  public static func escapeProperty(_ s: String) -> String { escape(s, alsoEscaping: [":", ","]) }

  private static func escape(_ s: String, alsoEscaping separators: Set<Unicode.Scalar>) -> String {
    var out = ""
    for c in s.unicodeScalars {
      switch c {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      case ":" where separators.contains(c): out += "%3A"
      case "," where separators.contains(c): out += "%2C"
      default:
        if VisibleText.needsEscape(c) { out += VisibleText.escape(String(c)) } else { out.unicodeScalars.append(c) }
      }
    }
    return out
  }
}
