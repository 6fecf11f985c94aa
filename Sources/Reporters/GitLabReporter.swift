import Engine
import Records

/// `--format gitlab`: a GitLab Code Quality report (the Code Climate subset GitLab reads,
/// `artifacts: reports: codequality`), so a merge request that uploads data shows each
/// finding on its file and line. Severities map error → major, warning → minor, info →
/// info; the fingerprint is the line-independent one baselines use, so a moved record
/// is the same issue in GitLab's comparison of two pipelines.
public enum GitLabReporter: StreamingReporter {
  public static let identifier = "gitlab"
  public static let description = "GitLab 代码质量报告 / GitLab Code Quality report"
  public static let fileExtension = "codequality.json"

  public static func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
    typealias V = JSONWriter.Value
    // GitLab wants every fingerprint once: a rule that fires twice on one subject and
    // period (two schema errors differ by message, so only exact repeats) is numbered.
    var seen: [String: Int] = [:]
    JSONWriter.streamArray(report.placed, indent: 0, to: &sink) { f in
      var fingerprint = f.fingerprint.value
      let repeats = seen[fingerprint, default: 0]
      seen[fingerprint] = repeats + 1
      if repeats > 0 { fingerprint += "-\(repeats)" }
      let severity =
        switch f.severity {
        case .error: "major"
        case .warning: "minor"
        case .info: "info"
        }
      var description = f.message.text(report.language)
      if let comparison = FindingText.comparison(f, report.language) {
        description += report.language == .zh ? "（\(comparison)）" : " (\(comparison))"
      }
      return .object([
        ("description", .string(description)), ("check_name", .string(f.rule)), ("fingerprint", .string(fingerprint)),
        ("severity", .string(severity)),
        (
          "location",
          .object([("path", .string(f.file)), ("lines", .object([("begin", .int(Swift.max(f.range.start.line, 1)))]))])
        ),
      ])
    }
    sink.write("\n")
  }
}
