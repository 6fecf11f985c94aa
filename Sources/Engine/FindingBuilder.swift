import Policies
import Records
import YAMLSource

/// Turns a rule's result into what the user reads: the rule's own message with the
/// actual and expected values, the clause it breaks, and what would fix it.
enum FindingBuilder {
  static func finding(
    rule: Rule, policy: Policy, subject: String, outcome: Outcome, detail: Detail, origin: RecordOrigin, isGroup: Bool
  ) -> Finding {
    var values = detail.values
    values["actual"] = detail.actual ?? ""
    values["expected"] = bare(detail.expected ?? "")
    values["missing"] = detail.missing ?? ""
    values["period"] = detail.period ?? ""
    values["deadline"] = detail.deadline ?? ""
    values["gap"] = detail.gap.map(String.init) ?? ""
    values["count"] = values["count"] ?? detail.actual ?? ""
    values["total"] = values["total"] ?? ""
    values["roles"] = values["roles"] ?? ""
    values["event"] = values["event"] ?? ""
    var message: LocalizedText
    switch outcome {
    case .insufficient:
      let missing = detail.missing ?? "?"
      message = LocalizedText(
        zh: "缺少数据：未填报 \(missing)，无法判断「\(rule.title.zh)」",
        en: "insufficient data: \(missing) is not reported, so \(rule.title.en) cannot be decided")
    case .notice where isGroup:
      message = LocalizedText(
        zh:
          "下一目标：\(detail.deadline ?? "") 前 \(values["expected"] ?? "")，当前 \(detail.actual ?? "")，还差 \(detail.gap ?? 0) 个小区（\(rule.title.zh)）",
        en:
          "next target: \(values["expected"] ?? "") by \(detail.deadline ?? ""), now \(detail.actual ?? ""), \(detail.gap ?? 0) more communities needed (\(rule.title.en))"
      )
    case .notice:
      message = rule.message.filling(values)
    default:
      message = rule.message.filling(values)
      if let period = detail.period, !rule.message.zh.contains("{period}"), !isGroup {
        message = LocalizedText(zh: message.zh + "（\(period)）", en: message.en + " (\(period))")
      }
    }
    return Finding(
      rule: rule.id, policy: policy.id, severity: outcome == .notice ? .info : rule.severity, outcome: outcome, subject: subject,
      file: origin.file, range: detail.range ?? origin.range, message: message, expected: detail.expected, actual: detail.actual,
      missing: detail.missing, citation: rule.citation, fix: outcome == .fail ? rule.fix : nil, deadline: detail.deadline,
      period: detail.period, gap: detail.gap, failingRecords: detail.failing, undeterminedRecords: detail.undetermined,
      score: detail.score, notes: detail.notes)
  }

  /// `>= 60%` → `60%`, for messages that say "below {expected}".
  static func bare(_ expected: String) -> String {
    for prefix in [">= ", "<= ", "> ", "< "] where expected.hasPrefix(prefix) { return String(expected.dropFirst(prefix.count)) }
    return expected
  }
}
