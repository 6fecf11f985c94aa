import Engine
import Records

/// The words every human-readable report uses for a finding and a run, built from the
/// model: reports share these, never each other's output.
public enum FindingText {
  /// `file:line:col`, or the file alone for a finding without a position.
  public static func location(_ f: Finding) -> String {
    var location = f.file
    if f.range.start.line >= 1 { location += ":\(f.range.start.line):\(f.range.start.column)" }
    return location
  }

  /// A note, with its own place when it has one: `首次出现在此（a.yaml:5:1）`.
  public static func note(_ note: Note, _ language: Language) -> String {
    guard let range = note.range, range.start.line >= 1 else { return note.message.text(language) }
    let place = "\(note.file.map { $0 + ":" } ?? "")\(range.start.line):\(range.start.column)"
    return note.message.text(language) + (language == .zh ? "（\(place)）" : " (\(place))")
  }

  /// `要求 >= 60%，实际 42.9% (3/7)`.
  public static func comparison(_ f: Finding, _ language: Language) -> String? {
    guard let expected = f.expected, let actual = f.actual else { return nil }
    let e = expected.text(language)
    let a = actual.text(language)
    return language == .zh ? "要求 \(e)，实际 \(a)" : "expected \(e), actual \(a)"
  }

  /// `另有 2 个小区未计入：A（输入错误）、B（数据日期早于生效日期）；若全部达标差距 0，全部不达标差距 2`.
  public static func notCounted(_ f: Finding, _ language: Language) -> String? {
    guard !f.notCounted.isEmpty else { return nil }
    let zh = language == .zh
    let shown = f.notCounted.prefix(10).map { $0.text(language) }
    let more = f.notCounted.count > 10 ? (zh ? " 等" : " …") : ""
    var line =
      zh
      ? "另有 \(f.notCounted.count) 个小区未计入：" + shown.joined(separator: "、") + more
      : "\(f.notCounted.count) more communities not counted: " + shown.joined(separator: ", ") + more
    if let all = f.gapIfAllMet, let none = f.gapIfNoneMet {
      line += zh ? "；若这些小区全部达标，差距 \(all)；全部不达标，差距 \(none)" : "; were they all to meet it, gap \(all); were none, gap \(none)"
    }
    return line
  }

  /// The compiler-style line, then expected/actual, gap, failing records, notes, source
  /// and fix, each a line.
  public static func details(_ f: Finding, _ language: Language) -> [String] {
    let zh = language == .zh
    let keyword = f.severity == .info ? "note" : f.severity.rawValue
    var lines = ["\(location(f)): \(keyword): \(f.message.text(language)) [\(f.rule)] (\(f.subject.key))"]
    if let comparison = comparison(f, language) { lines.append("  " + comparison) }
    if let missing = f.missing { lines.append("  " + (zh ? "缺少：\(missing)" : "missing: \(missing)")) }
    if let deadline = f.deadline { lines.append("  " + (zh ? "期限：\(deadline)" : "deadline: \(deadline)")) }
    if let gap = f.gap { lines.append("  " + (zh ? "差距：\(gap) 个小区" : "gap: \(gap) communities")) }
    if let failing = f.failingRecords, !failing.isEmpty {
      lines.append("  " + (zh ? "未达标小区：" : "failing: ") + failing.joined(separator: ", "))
    }
    if let line = notCounted(f, language) { lines.append("  " + line) }
    for note in f.notes { lines.append("  · " + Self.note(note, language)) }
    if let c = f.citation, f.policy != nil {
      var source = "  " + (zh ? "依据：" : "source: ") + "\(c.document) \(c.clause)"
      if let t = c.text { source += " “\(t)”" }
      lines.append(source)
    }
    if let fix = f.fix { lines.append("  " + (zh ? "整改：" : "fix: ") + fix.text(language)) }
    return lines
  }
}

/// A run's findings counted as reports show them: what failed, by severity, apart from
/// what could not be decided for missing data. Missing data is never a pass, and never a
/// failure either (records.md): every report keeps the two apart.
public struct Tally: Sendable, Equatable {
  /// Failed findings (and notices) by severity; none of them insufficient.
  public var errors: Int
  public var warnings: Int
  public var info: Int
  /// Findings whose data was insufficient, by the severity of their rule.
  public var insufficientErrors: Int
  public var insufficientWarnings: Int
  public var insufficientInfo: Int

  public var insufficient: Int { insufficientErrors + insufficientWarnings + insufficientInfo }

  public init(_ report: RunReport) {
    let s = report.summary
    let f = report.findings
    insufficientErrors = min(s.errors, f.insufficientCount(of: .error))
    insufficientWarnings = min(s.warnings, f.insufficientCount(of: .warning))
    insufficientInfo = min(s.info, f.insufficientCount(of: .info))
    errors = s.errors - insufficientErrors
    warnings = s.warnings - insufficientWarnings
    info = s.info - insufficientInfo
  }
}

/// What a run comes to: its counts and its conclusion, as text, Markdown and HTML say it.
public enum Verdict {
  public static func counts(_ report: RunReport) -> String {
    let s = report.summary
    let n = Tally(report)
    var line =
      report.language == .zh
      ? "共 \(s.records) 条记录：检查 \(s.checked)，跳过 \(s.skipped)，输入错误 \(s.inputErrors)；错误 \(n.errors)，警告 \(n.warnings)，数据不足 \(n.insufficient)，提示 \(n.info)"
      : "\(s.records) records: \(s.checked) checked, \(s.skipped) skipped, \(s.inputErrors) input errors; \(n.errors) errors, \(n.warnings) warnings, \(n.insufficient) insufficient data, \(n.info) notes"
    if s.suppressed > 0 { line += report.language == .zh ? "（已豁免 \(s.suppressed)）" : " (\(s.suppressed) suppressed)" }
    switch s.mode {
    case "self_check":
      line += report.language == .zh ? "；自查：区域目标只作提示" : "; a self-check: area targets are notes"
    case "audit":
      line += report.language == .zh ? "；审计：区域目标按规定判定" : "; an audit: area targets are judged"
    case "mixed":
      line +=
        report.language == .zh
        ? "；审计，另有 \(s.selfCheckedGroups) 个只有一条记录的区域按自查处理（其目标只作提示）"
        : "; an audit, with \(s.selfCheckedGroups) areas of one record each taken as self-checks (their targets are notes)"
    default: break
    }
    if s.staleRecords > 0 {
      line +=
        report.language == .zh
        ? "；其中 \(s.staleRecords) 条记录的数据早于评估日期满一个考核周期（REC-STALE-DATA）"
        : "; \(s.staleRecords) records hold data a whole period or more older than the evaluation date (REC-STALE-DATA)"
    }
    return line
  }

  /// How the run ended, in a word: `fail` (an error failed), `undecided` (no error failed
  /// but an error-level check lacked data: not a pass), `warn`, `pass`.
  public static func tone(_ report: RunReport) -> String {
    let n = Tally(report)
    if n.errors > 0 { return "fail" }
    if n.insufficientErrors > 0 { return "undecided" }
    if n.warnings > 0 || n.insufficientWarnings > 0 { return "warn" }
    return "pass"
  }

  /// `不通过：12 项不达标，另有 5 项因数据不足无法判断`, the headline every report shares.
  public static func headline(_ report: RunReport) -> String {
    let n = Tally(report)
    let zh = report.language == .zh
    let short = n.insufficientErrors + n.insufficientWarnings
    let besides = short == 0 ? "" : zh ? "，另有 \(short) 项因数据不足无法判断" : "; \(short) more could not be decided for missing data"
    switch tone(report) {
    case "fail":
      return zh ? "不通过：\(n.errors) 项不达标\(besides)" : "FAIL: \(n.errors) requirements not met\(besides)"
    case "undecided":
      return zh
        ? "无法判定：\(n.insufficientErrors) 项因数据不足无法判断，未发现不达标项"
        : "UNDECIDED: \(n.insufficientErrors) requirements could not be decided for missing data; none failed"
    case "warn":
      let warned = n.warnings == 0 ? "" : zh ? "有 \(n.warnings) 项警告需要关注" : "\(n.warnings) warnings to review"
      let missing =
        n.insufficientWarnings == 0
        ? ""
        : zh
          ? (warned.isEmpty ? "有 " : "") + "\(n.insufficientWarnings) 项因数据不足无法判断"
          : "\(n.insufficientWarnings) could not be decided for missing data"
      let parts = [warned, missing].filter { !$0.isEmpty }.joined(separator: zh ? "，另有 " : "; ")
      return zh ? "通过，但\(parts)" : "pass, with \(parts)"
    default:
      return zh ? "通过" : "pass"
    }
  }

  public static func conclusion(_ report: RunReport) -> String {
    let zh = report.language == .zh
    let head = headline(report)
    switch tone(report) {
    case "fail":
      return zh ? "结论：\(head)；请整改后重新提交。" : "verdict: \(head) — fix them and submit again."
    case "undecided":
      return zh ? "结论：\(head)；请补全数据后重新提交。" : "verdict: \(head) — complete the data and submit again."
    case "warn": return zh ? "结论：\(head)。" : "verdict: \(head)."
    default: return zh ? "结论：通过。" : "verdict: pass."
    }
  }
}
