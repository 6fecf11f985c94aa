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

/// What a run comes to: its counts and its conclusion, as text, Markdown and HTML say it.
public enum Verdict {
  public static func counts(_ report: RunReport) -> String {
    let s = report.summary
    var line =
      report.language == .zh
      ? "共 \(s.records) 条记录：检查 \(s.checked)，跳过 \(s.skipped)，输入错误 \(s.inputErrors)；错误 \(s.errors)，警告 \(s.warnings)，提示 \(s.info)"
      : "\(s.records) records: \(s.checked) checked, \(s.skipped) skipped, \(s.inputErrors) input errors; \(s.errors) errors, \(s.warnings) warnings, \(s.info) notes"
    if s.suppressed > 0 { line += report.language == .zh ? "（已豁免 \(s.suppressed)）" : " (\(s.suppressed) suppressed)" }
    if s.staleRecords > 0 {
      line +=
        report.language == .zh
        ? "；其中 \(s.staleRecords) 条记录的数据早于评估日期满一个考核周期（REC-STALE-DATA）"
        : "; \(s.staleRecords) records hold data a whole period or more older than the evaluation date (REC-STALE-DATA)"
    }
    return line
  }

  public static func conclusion(_ report: RunReport) -> String {
    let s = report.summary
    let zh = report.language == .zh
    if s.errors > 0 {
      return zh ? "结论：不通过，请按上述错误整改后重新提交。" : "verdict: FAIL — fix the errors above and submit again."
    }
    if s.warnings > 0 { return zh ? "结论：通过，但有警告需要关注。" : "verdict: pass, with warnings to look at." }
    return zh ? "结论：通过。" : "verdict: pass."
  }
}
