import Policies
import Records
import YAMLSource

/// Turns a rule's result into what the user reads: the rule's own message with the
/// actual and expected values, the clause it breaks, and what would fix it.
enum FindingBuilder {
  static func finding(
    rule: Rule, policy: Policy, subject: Subject, place: RecordPlace?, outcome: Outcome, detail: Detail,
    origin: RecordOrigin
  ) -> Finding {
    let isGroup = subject.group != nil
    func values(_ language: Language) -> [String: String] {
      var values = detail.values
      values["actual"] = detail.actual?.text(language) ?? ""
      // Messages say "below {expected}": the bound without its relation.
      values["expected"] = detail.expected?.value.text(language) ?? ""
      values["missing"] = detail.missing ?? ""
      values["period"] = detail.period ?? ""
      values["deadline"] = detail.deadline?.description ?? ""
      values["gap"] = detail.gap.map(String.init) ?? ""
      values["count"] = values["count"] ?? detail.actual?.text(language) ?? ""
      values["total"] = values["total"] ?? ""
      values["roles"] = values["roles"] ?? ""
      values["event"] = values["event"] ?? ""
      return values
    }
    let zh = values(.zh)
    let en = values(.en)
    var message: LocalizedText
    switch outcome {
    case .insufficient where detail.missing == "events":
      let types = (detail.values["unreported_events"] ?? "").split(separator: ",").map { String($0.drop { $0 == " " }) }
      let zhTypes = types.map { t in HeaderVocabulary.eventHeader(for: t).map { "\($0)（\(t)）" } ?? t }
      message = LocalizedText(
        zh: "缺少数据：表格未提供\(zhTypes.isEmpty ? "" : zhTypes.joined(separator: "、") + "的")活动记录（无该类活动的日期列或未填报，也无活动记录表），无法判断「\(rule.title.zh)」",
        en:
          "insufficient data: the spreadsheet gives no \(types.isEmpty ? "" : types.joined(separator: ", ") + " ")events (no date column for the type or not reported there, no events sheet), so \(rule.title.en) cannot be decided"
      )
    case .insufficient where isGroup && detail.missing == nil && !detail.notCounted.isEmpty:
      let n = detail.notCounted.count
      var name = ""
      if case .group(_, let groupName) = subject { name = groupName }
      message = LocalizedText(
        zh: "缺少数据：\(name)的 \(n) 个小区均有输入错误、无一计入，无法判断「\(rule.title.zh)」",
        en:
          "insufficient data: none of the \(n) communities of \(name) could be counted (each has an input error), so \(rule.title.en) cannot be decided"
      )
    case .insufficient:
      let missing = detail.missing ?? "?"
      message = LocalizedText(
        zh: "缺少数据：未填报 \(missing)，无法判断「\(rule.title.zh)」",
        en: "insufficient data: \(missing) is not reported, so \(rule.title.en) cannot be decided")
    case .notice where detail.selfCheck:
      var name = ""
      if case .group(_, let groupName) = subject { name = groupName }
      let deadline = detail.deadline.map { "\($0) 前" } ?? ""
      let deadlineEn = detail.deadline.map { " by \($0)" } ?? ""
      var zhStand = "本次记录计入后为 \(zh["actual"] ?? "")"
      var enStand = "with this run's records it stands at \(en["actual"] ?? "")"
      if let failing = detail.failing, !failing.isEmpty {
        zhStand = "本次记录中尚不满足该项的小区：\(failing.joined(separator: "、"))"
        enStand = "of this run's records, \(failing.joined(separator: ", ")) do not meet it yet"
      } else if detail.failing != nil {
        zhStand = "本次记录均满足该项（\(zh["actual"] ?? "")）"
        enStand = "this run's records all meet it (\(en["actual"] ?? ""))"
      }
      message = LocalizedText(
        zh: "自查提示：\(name)「\(rule.title.zh)」须在 \(deadline)达到 \(zh["expected"] ?? "")，这是全区域的目标，不算本小区不达标；\(zhStand)",
        en:
          "self-check note: \(rule.title.en) in \(name) must reach \(en["expected"] ?? "")\(deadlineEn), a target of the whole area, not a failure of this community; \(enStand)"
      )
    case .notice where detail.passUnconfirmed:
      let n = detail.notCounted.count
      message = LocalizedText(
        zh: "「\(rule.title.zh)」按计入的小区达标（\(zh["actual"] ?? "")），另有 \(n) 个小区未计入，结论有待核实",
        en: "\(rule.title.en) is met by the communities counted (\(en["actual"] ?? "")); \(n) more were not counted, so it is not confirmed"
      )
    case .notice where detail.message != nil:
      message = detail.message ?? rule.message
    case .notice where isGroup:
      let deadline = detail.deadline?.description ?? ""
      let gap = detail.gap ?? 0
      message = LocalizedText(
        zh: "下一目标：\(deadline) 前 \(zh["expected"] ?? "")，当前 \(zh["actual"] ?? "")，还差 \(gap) 个小区（\(rule.title.zh)）",
        en:
          "next target: \(en["expected"] ?? "") by \(deadline), now \(en["actual"] ?? ""), \(gap) more communities needed (\(rule.title.en))"
      )
    case .notice:
      message = fill(rule.message, zh, en)
    default:
      message = fill(rule.message, zh, en)
      if let period = detail.period, !rule.message.zh.contains("{period}"), !isGroup {
        message = LocalizedText(zh: message.zh + "（\(period)）", en: message.en + " (\(period))")
      }
    }
    return Finding(
      rule: rule.id, policy: policy.id, severity: outcome == .notice ? .info : detail.severity ?? rule.severity, outcome: outcome,
      subject: subject,
      place: place, file: origin.file, range: detail.range ?? origin.range, message: message, expected: detail.expected,
      actual: detail.actual, missing: detail.missing, citation: rule.citation, fix: outcome == .fail ? rule.fix : nil,
      deadline: detail.deadline, period: detail.period, gap: detail.gap, failingRecords: detail.failing,
      undeterminedRecords: detail.undetermined, score: detail.score, notes: detail.notes, notCounted: detail.notCounted,
      gapIfAllMet: detail.gapIfAllMet, gapIfNoneMet: detail.gapIfNoneMet)
  }

  private static func fill(_ template: LocalizedText, _ zh: [String: String], _ en: [String: String]) -> LocalizedText {
    LocalizedText(zh: template.filling(zh).zh, en: template.filling(en).en)
  }
}
