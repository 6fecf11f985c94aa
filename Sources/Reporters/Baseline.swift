import Engine
import Records
import YAMLSource

/// Known findings and waivers. A baseline lets a regulator adopt jiayuan on data with
/// known problems (new problems still fail); a waiver carries who approved it, why, and
/// until when — after that date the finding returns.
public struct Baseline: Sendable {
  public struct Entry: Sendable, Hashable {
    public var rule: String
    /// A record id or group; nil in a waiver means every subject.
    public var subject: String?
    /// Line-independent identity (`Finding.fingerprint`); nil matches any.
    public var fingerprint: String?
    public var reason: String?
    public var approvedBy: String?
    public var until: CalendarDate?
    public var isWaiver: Bool
  }

  public var entries: [Entry]

  public init(entries: [Entry]) { self.entries = entries }

  public static let format = "jiayuan-baseline/1"

  /// What applying a baseline did.
  public struct Outcome: Sendable {
    /// The findings still shown, in report order.
    public var kept: FindingList
    public var suppressed: Int
    /// Waivers past their date: the findings they covered are shown again.
    public var expired: [Entry]
  }

  /// Suppresses matching findings. Each baseline entry hides one finding (count-aware);
  /// a waiver hides every finding it matches until `until` (inclusive).
  public func apply(to findings: some Sequence<Finding>, on date: CalendarDate, spillAbove: Int? = nil) -> Outcome {
    var remaining: [String: Int] = [:]
    for e in entries where !e.isWaiver { remaining[key(e.rule, e.subject, e.fingerprint), default: 0] += 1 }
    // Waivers are a handful; a written baseline can hold a province's million findings.
    let allWaivers = entries.filter(\.isWaiver)
    var kept = FindingStore(spillAbove: spillAbove)
    var suppressed = 0
    var expired = Set<Entry>()
    for finding in findings {
      let fp = finding.fingerprint.value
      let k = key(finding.rule, finding.subject.key, fp)
      if let n = remaining[k], n > 0 {
        remaining[k] = n - 1
        suppressed += 1
        continue
      }
      let waivers = allWaivers.filter {
        $0.rule == finding.rule && ($0.subject == nil || $0.subject == finding.subject.key)
          && ($0.fingerprint == nil || $0.fingerprint == fp)
      }
      if waivers.contains(where: { $0.until.map { date <= $0 } ?? true }) {
        suppressed += 1
        continue
      }
      var shown = finding
      for w in waivers {
        expired.insert(w)
        shown.notes.append(
          Note(
            LocalizedText(
              zh: "豁免已于 \(w.until?.description ?? "") 到期（\(w.approvedBy ?? "") 批准：\(w.reason ?? "")）",
              en: "waiver expired on \(w.until?.description ?? "") (approved by \(w.approvedBy ?? ""): \(w.reason ?? ""))")))
      }
      kept.append(shown)
    }
    return Outcome(kept: kept.finish(), suppressed: suppressed, expired: Array(expired))
  }

  private func key(_ rule: String, _ subject: String?, _ fingerprint: String?) -> String {
    "\(rule)\u{1F}\(subject ?? "")\u{1F}\(fingerprint ?? "")"
  }

  // MARK: - Files

  /// The baseline of a run's findings, as YAML a person can read and turn into waivers.
  public static func write(_ findings: some Sequence<Finding>) -> String {
    var sink = StringSink()
    write(findings, to: &sink)
    return sink.text
  }

  public static func write<Sink: ReportSink>(_ findings: some Sequence<Finding>, to sink: inout Sink) {
    sink.write(
      """
      # jiayuan baseline: findings known when it was written. `jiayuan check --baseline FILE`
      # hides them; new findings still fail. Move an entry to `waivers:` with reason,
      # approved_by and until to make it a dated, approved exception.
      format: \(format)
      findings:

      """)
    var none = true
    for f in findings {
      none = false
      sink.write(
        "  - rule: \(f.rule)\n    subject: \(quote(f.subject.key))\n    fingerprint: \(f.fingerprint.value)\n"
          + "    # \(f.file):\(f.range.start.line): \(f.message.zh.replacingNewlines)\n")
    }
    if none { sink.write("  []\n") }
    sink.write("waivers: []\n")
  }

  private static func quote(_ s: String) -> String { JSONWriter.quote(s) }

  /// Reads a baseline or waiver file. Errors are located, for exit 2.
  public static func read(_ bytes: [UInt8], file: String) -> Result<Baseline, ToolError> {
    let documents = YAMLReader.documents(bytes)
    guard documents.count == 1, let root = documents[0].root, let pairs = root.pairs else {
      let at = documents.first?.problems.first?.range ?? .fileStart
      return .failure(
        ToolError(
          zh: "基线文件应为映射（\(documents.first?.problems.first?.message ?? "")）",
          en: documents.first?.problems.first?.message ?? "not a baseline mapping", file: file, range: at))
    }
    var entries: [Entry] = []
    for pair in pairs {
      switch pair.key.keyText {
      case "format":
        if pair.value.scalar?.text != format {
          return .failure(
            ToolError(zh: "不支持的格式，应为 \(format)", en: "unsupported format; expected \(format)", file: file, range: pair.value.range))
        }
      case "findings", "waivers":
        let isWaiver = pair.key.keyText == "waivers"
        guard let items = pair.value.items else {
          return .failure(
            ToolError(
              zh: "\(pair.key.keyText ?? "") 应为列表", en: "\(pair.key.keyText ?? "") must be a list", file: file, range: pair.value.range))
        }
        for item in items {
          switch entry(item, isWaiver: isWaiver, file: file) {
          case .success(let e): entries.append(e)
          case .failure(let error): return .failure(error)
          }
        }
      default:
        return .failure(
          ToolError(zh: "未知的键 \(pair.key.keyText ?? "")", en: "unknown key \(pair.key.keyText ?? "")", file: file, range: pair.key.range))
      }
    }
    return .success(Baseline(entries: entries))
  }

  private static func entry(_ node: YAMLNode, isWaiver: Bool, file: String) -> Result<Entry, ToolError> {
    guard let pairs = node.pairs else {
      return .failure(ToolError(zh: "每一项应为映射", en: "an entry must be a mapping", file: file, range: node.range))
    }
    var e = Entry(rule: "", subject: nil, fingerprint: nil, reason: nil, approvedBy: nil, until: nil, isWaiver: isWaiver)
    for pair in pairs {
      let text = pair.value.scalar?.text
      switch pair.key.keyText ?? "" {
      case "rule": e.rule = text ?? ""
      case "subject": e.subject = text
      case "fingerprint": e.fingerprint = text
      case "reason": e.reason = text
      case "approved_by": e.approvedBy = text
      case "until":
        guard let d = text.flatMap({ CalendarDate($0) }) else {
          return .failure(
            ToolError(zh: "until 应为日期 YYYY-MM-DD", en: "until must be a date YYYY-MM-DD", file: file, range: pair.value.range))
        }
        e.until = d
      default:
        return .failure(
          ToolError(zh: "未知的键 \(pair.key.keyText ?? "")", en: "unknown key \(pair.key.keyText ?? "")", file: file, range: pair.key.range))
      }
    }
    if e.rule.isEmpty { return .failure(ToolError(zh: "每一项需要 rule", en: "an entry needs a rule", file: file, range: node.range)) }
    if isWaiver, e.reason == nil || e.approvedBy == nil || e.until == nil {
      return .failure(
        ToolError(zh: "豁免需要 reason、approved_by 和 until", en: "a waiver needs reason, approved_by and until", file: file, range: node.range))
    }
    return .success(e)
  }
}

extension String {
  var replacingNewlines: String { split(whereSeparator: \.isNewline).joined(separator: " ") }
}
