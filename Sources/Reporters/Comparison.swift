import Engine
import Foundation
import Records
import YAMLSource

/// The JSON report of an earlier run (`--compare PREVIOUS.json`), read for what
/// rectification tracking needs: each problem's fingerprint, and each aggregate's figure.
public struct PreviousReport: Sendable {
  /// A problem of the previous run (a `fail` or `insufficient` finding).
  public struct Problem: Sendable {
    public var rule: String
    public var subject: String
    public var outcome: String
    public var message: String
  }

  /// An aggregate's figure in the previous run.
  public struct Figure: Sendable {
    public var actual: String
    public var share: Double?
    public var gap: Int?
  }

  public var file: String
  public var asOf: String?
  /// By fingerprint, in the previous report's order.
  public var problems: [(fingerprint: String, problem: Problem)] = []
  /// By `rule|subject`: the first figure the previous report gave.
  public var figures: [String: Figure] = [:]

  public struct Failure: Error, Sendable {
    public var message: LocalizedText
  }

  /// Reads a report `jiayuan check --format json` wrote. A finding without a
  /// `fingerprint` (a report of an older version) is matched by the fingerprint of its
  /// rule, subject, period and deadline, which is the same for every policy rule.
  public static func read(_ bytes: [UInt8], file: String) throws(Failure) -> PreviousReport {
    func fail(_ zh: String, _ en: String) -> Failure {
      Failure(message: LocalizedText(zh: "\(file) 不是 jiayuan 的 JSON 报告：\(zh)", en: "\(file) is not a jiayuan JSON report: \(en)"))
    }
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(bytes))
    } catch {
      throw fail("无法解析 JSON", "it does not parse as JSON")
    }
    guard let root = object as? [String: Any], let tool = root["tool"] as? [String: Any], tool["name"] as? String == "jiayuan",
      let findings = root["findings"] as? [[String: Any]]
    else { throw fail("缺少 tool 或 findings", "no tool or findings") }
    var previous = PreviousReport(file: file, asOf: root["as_of"] as? String)
    var seen = Set<String>()
    for f in findings {
      guard let rule = f["rule"] as? String, let subject = f["subject"] as? String, let outcome = f["outcome"] as? String else {
        continue
      }
      if f["group"] != nil, previous.figures[rule + "|" + subject] == nil, let actual = f["actual"] as? String {
        var share: Double?
        if let value = f["actual_value"] as? [String: Any], value["kind"] as? String == "share" {
          share = value["value"] as? Double
        }
        previous.figures[rule + "|" + subject] = Figure(actual: actual, share: share, gap: f["gap"] as? Int)
      }
      guard outcome == "fail" || outcome == "insufficient" else { continue }
      let fingerprint: String
      if let given = f["fingerprint"] as? String {
        fingerprint = given
      } else {
        guard let policy = f["policy"] as? String else { continue }
        var finding = Finding(
          rule: rule, policy: policy, severity: .error, subject: Subject(key: subject, kind: f["group"] != nil ? 1 : 0), file: "",
          range: .fileStart, message: LocalizedText(zh: "", en: ""))
        finding.period = f["period"] as? String
        finding.deadline = (f["deadline"] as? String).flatMap(CalendarDate.init)
        fingerprint = finding.fingerprint.value
      }
      guard seen.insert(fingerprint).inserted else { continue }
      previous.problems.append(
        (fingerprint, Problem(rule: rule, subject: subject, outcome: outcome, message: f["message"] as? String ?? "")))
    }
    return previous
  }
}

/// This run beside the previous one: every problem new or persisting, the previous ones
/// gone (fixed), and each aggregate's figure then and now (整改 progress).
struct Comparison {
  enum Status: String {
    case new, persisting
  }

  struct Change {
    var rule: String
    var subject: String
    var previous: PreviousReport.Figure
    var current: String
    var share: Double?
    var gap: Int?
    /// For a target not yet due: the share at its deadline if the pace since the previous
    /// report went on, and what that means.
    var projection: Projection?
  }

  /// Whether a target not yet due will be met, from the pace between two reports.
  struct Projection {
    enum Outlook: String {
      case onTrack = "on_track"
      case atRisk = "at_risk"
      case willMiss = "will_miss"
    }

    var deadline: CalendarDate
    var target: Double
    var projected: Double
    var outlook: Outlook

    /// Five points below the target is still at risk, not lost.
    static let margin = 0.05

    /// The share at `deadline`, extrapolating the change from `then` (at `since`) to
    /// `now` (at `asOf`) in a straight line; nil when the dates do not allow it.
    init?(then: Double, since: CalendarDate, now: Double, asOf: CalendarDate, deadline: CalendarDate, target: Double) {
      let elapsed = asOf.days(since: since)
      let left = deadline.days(since: asOf)
      guard elapsed > 0, left > 0 else { return nil }
      let projected = max(0, min(1, now + (now - then) / Double(elapsed) * Double(left)))
      self.deadline = deadline
      self.target = target
      self.projected = projected
      outlook = projected + 1e-9 >= target ? .onTrack : projected + Self.margin >= target ? .atRisk : .willMiss
    }

    func words(_ language: Language) -> String {
      let zh = language == .zh
      let word =
        switch outlook {
        case .onTrack: zh ? "可望达标" : "on track"
        case .atRisk: zh ? "有风险" : "at risk"
        case .willMiss: zh ? "将无法达标" : "will miss"
        }
      let p = NumberFormat.percent(projected)
      let t = NumberFormat.percent(target)
      return zh
        ? "\(word)：按两次报告之间的进度，\(deadline) 时预计 \(p)（目标 \(t)）"
        : "\(word): at the pace between the two reports, \(p) by \(deadline) (target \(t))"
    }
  }

  let previous: PreviousReport
  /// The fingerprints of this run's problems.
  let current: Set<String>
  private let before: Set<String>
  var new = 0
  var persisting = 0
  var fixed: [PreviousReport.Problem] = []
  var changes: [Change] = []

  /// Only the problems (fail, insufficient) are compared; notices are not problems.
  static func isProblem(_ f: Finding) -> Bool { f.outcome == .fail || f.outcome == .insufficient }

  init?(_ report: RunReport) {
    guard let previous = report.previous else { return nil }
    self.previous = previous
    before = Set(previous.problems.map(\.fingerprint))
    var current = Set<String>()
    var figures: Set<String> = []
    for f in report.placed {
      if f.subject.group != nil, let actual = f.actual, figures.insert(f.rule + "|" + f.subject.key).inserted,
        let then = previous.figures[f.rule + "|" + f.subject.key]
      {
        var share: Double?
        if case .share(let part, let whole) = actual, whole != 0 { share = part / whole }
        var projection: Projection?
        if let now = share, let before = then.share, let since = previous.asOf.flatMap(CalendarDate.init), let asOf = report.asOf,
          let deadline = f.deadline, let e = f.expected, case .fraction(let target) = e.value
        {
          projection = Projection(then: before, since: since, now: now, asOf: asOf, deadline: deadline, target: target.double)
        }
        changes.append(
          Change(
            rule: f.rule, subject: f.subject.key, previous: then, current: actual.text(report.language), share: share, gap: f.gap,
            projection: projection))
      }
      guard Self.isProblem(f) else { continue }
      let print = f.fingerprint.value
      guard current.insert(print).inserted else { continue }
      if before.contains(print) { persisting += 1 } else { new += 1 }
    }
    // An aggregate with a figure then and no finding now met its target.
    for (key, then) in previous.figures.sorted(by: { $0.key < $1.key }) where !figures.contains(key) {
      guard let bar = key.firstIndex(of: "|") else { continue }
      let met = report.language == .zh ? "已达标（本次无发现）" : "met (no finding now)"
      changes.append(
        Change(
          rule: String(key[..<bar]), subject: String(key[key.index(after: bar)...]), previous: then, current: met, share: nil, gap: nil))
    }
    self.current = current
    fixed = previous.problems.filter { !current.contains($0.fingerprint) }.map(\.problem)
  }

  func status(_ f: Finding) -> Status? {
    guard Self.isProblem(f) else { return nil }
    return before.contains(f.fingerprint.value) ? .persisting : .new
  }

  static func word(_ status: Status, _ language: Language) -> String {
    switch status {
    case .new: language == .zh ? "新增" : "new"
    case .persisting: language == .zh ? "仍未整改" : "persisting"
    }
  }

  /// `与上次报告（a.json，截至 2023-12-31）相比：新增 2，仍未整改 5，已整改 3`.
  func headline(_ language: Language) -> String {
    let date = previous.asOf.map { language == .zh ? "，截至 \($0)" : ", as of \($0)" } ?? ""
    return language == .zh
      ? "与上次报告（\(previous.file)\(date)）相比：新增 \(new)，仍未整改 \(persisting)，已整改 \(fixed.count)"
      : "against the previous report (\(previous.file)\(date)): \(new) new, \(persisting) persisting, \(fixed.count) fixed"
  }

  /// `SC-PROPERTY-COVERAGE county:舒城县：80% (12/15) → 86.7% (13/15)，差距 3 → 2`.
  func changeLine(_ c: Change, _ language: Language) -> String {
    var line = "\(c.rule) \(c.subject)" + (language == .zh ? "：" : ": ") + "\(c.previous.actual) → \(c.current)"
    if let a = c.previous.gap, let b = c.gap { line += language == .zh ? "，差距 \(a) → \(b)" : ", gap \(a) → \(b)" }
    if let p = c.projection { line += (language == .zh ? "；" : "; ") + p.words(language) }
    return line
  }
}
