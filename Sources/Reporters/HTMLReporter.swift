import Engine
import Policies
import Records

/// `--format html`: one self-contained page a regulator opens or mails on. Inline CSS,
/// inline SVG charts and a few lines of inline script (table sorting and filtering; the
/// page reads the same without it), no external reference of any kind, in the report's
/// language. Every piece of data is escaped once, through `XMLEscaping`, and the markup
/// is well-formed XML as well as HTML, so `xmllint` can check it. No timestamps: the same
/// report gives the same bytes.
public enum HTMLReporter: Reporter {
  public static let identifier = "html"
  public static let description = "HTML（自包含的监管报告页：概况、图表、汇总指标、可排序表格）/ self-contained HTML page for regulators"
  public static let fileExtension = "html"

  public static let needsMatrix = true

  public static func generate(_ report: RunReport) -> String { Page(report).render() }

  /// Text content, escaped (line breaks kept; the CSS shows them).
  static func text(_ s: String) -> String { XMLEscaping.escape(s) }
  /// An attribute value, escaped (line breaks and tabs as references).
  static func attr(_ s: String) -> String { XMLEscaping.escape(s, attribute: true) }

  /// The first characters of a content hash, as the page shows it (the full hash is in
  /// the tooltip and in the JSON report).
  static func shortHash(_ hash: String) -> String { String(hash.prefix(12)) }

  /// The level and name of an aggregate finding's group, or nil for a record finding.
  static func group(_ f: Finding) -> (String, String)? { f.subject.group.map { ($0.level, $0.name) } }

  /// Writes the page. One instance per run; nothing in it depends on the clock.
  struct Page {
    let report: RunReport
    let zh: Bool
    let policies: [String: Policy]
    let rules: [String: RuleInfo]
    let table: MatrixTable?
    let comparison: Comparison?
    /// The communities' names and places by id, from the matrix: what aggregate lists
    /// show beside the ids they name.
    let places: [String: RecordPlace]

    init(_ report: RunReport) {
      self.report = report
      zh = report.language == .zh
      var policies: [String: Policy] = [:]
      for p in report.policies where policies[p.id] == nil { policies[p.id] = p }
      self.policies = policies
      var rules: [String: RuleInfo] = [:]
      for r in report.rules where rules[Self.ruleKey(r.policy, r.id)] == nil { rules[Self.ruleKey(r.policy, r.id)] = r }
      self.rules = rules
      table = MatrixTable(report)
      comparison = Comparison(report)
      var places: [String: RecordPlace] = [:]
      if let matrix = report.matrix {
        for row in matrix.rows { if let place = row.place, places[row.id] == nil { places[row.id] = place } }
      }
      self.places = places
    }

    static func ruleKey(_ policy: String?, _ id: String) -> String { (policy ?? "") + "\u{0}" + id }

    func t(_ zh: String, _ en: String) -> String { self.zh ? zh : en }
    func text(_ s: String) -> String { HTMLReporter.text(s) }
    func attr(_ s: String) -> String { HTMLReporter.attr(s) }
    func ruleTitle(_ f: Finding) -> String? { rules[Self.ruleKey(f.policy, f.rule)]?.title.text(report.language) }

    func render() -> String {
      var out = "<!DOCTYPE html>\n"
      out += "<html lang=\"\(zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
      // A mailed file must not reach out: the browser is told to load nothing at all.
      out +=
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\"/>\n"
      out += "<meta name=\"generator\" content=\"\(RunReport.toolName) \(RunReport.toolVersion)\"/>\n"
      out += "<title>\(text(title))</title>\n<style>\n\(HTMLReporter.css)</style>\n</head>\n<body>\n"
      out += header()
      out += "<main>\n"
      out += summary()
      out += progress()
      out += compliance()
      out += charts()
      out += targets()
      out += matrix()
      out += findings()
      out += provenance()
      out += "</main>\n"
      out += footer()
      out += "<script>\n\(HTMLReporter.script)</script>\n</body>\n</html>\n"
      return out
    }

    var title: String {
      let base = t("住宅小区治理合规检查报告", "Residential community compliance report")
      guard let date = report.asOf else { return base }
      return base + " · " + date.description
    }

    // MARK: Header

    func header() -> String {
      var out =
        "<header class=\"masthead\"><div class=\"wrap\">\n<div class=\"kicker\">\(text(t("jiayuan 家园 · 合规检查", "jiayuan · compliance check")))</div>\n"
      out += "<h1>\(text(t("住宅小区治理合规检查报告", "Residential community compliance report")))</h1>\n"
      out += "<dl class=\"meta\">\n"
      let asOf = report.asOf?.description ?? t("按各记录自身的数据截止日期", "each record's own as-of date")
      let recordCount = report.inputs.reduce(0) { $0 + $1.records }
      let items: [(String, String)] = [
        (t("数据截止日期", "As of"), asOf),
        (t("适用方案", "Policies"), t("\(report.policies.count) 个", "\(report.policies.count)")),
        (t("输入文件", "Input files"), t("\(report.inputs.count) 个，\(recordCount) 条记录", "\(report.inputs.count), \(recordCount) records")),
        (t("检查工具", "Tool"), "\(RunReport.toolName) \(RunReport.toolVersion)"),
      ]
      for (k, v) in items { out += "<div><dt>\(text(k))</dt><dd>\(text(v))</dd></div>\n" }
      out += "</dl>\n"
      out += "<nav><a href=\"#summary\">\(text(t("概况", "Summary")))</a><a href=\"#charts\">\(text(t("图表", "Charts")))</a>"
      out += "<a href=\"#targets\">\(text(t("汇总指标", "Aggregate targets")))</a>"
      if table != nil { out += "<a href=\"#matrix\">\(text(t("小区×规则", "Communities × rules")))</a>" }
      out += "<a href=\"#findings\">\(text(t("发现明细", "Findings")))</a>"
      out += "<a href=\"#provenance\">\(text(t("依据与输入", "Policies and inputs")))</a></nav>\n"
      return out + "</div></header>\n"
    }

    // MARK: Summary

    func summary() -> String {
      let s = report.summary
      let n = Tally(report)
      var out = "<section id=\"summary\">\n<h2>\(text(t("概况", "Summary")))</h2>\n"
      let (tone, verdict) = self.verdict
      out += "<p class=\"verdict \(tone)\"><strong>\(text(t("结论", "Verdict")))</strong> \(text(verdict))</p>\n"
      let cards: [(String, String, Int, String, String)] = [
        ("记录", "Records", s.records, "", t("读取的全部记录", "every record read")),
        ("已检查", "Checked", s.checked, "", t("在某一方案辖区内", "inside a policy's jurisdiction")),
        ("已跳过", "Skipped", s.skipped, "", t("不在任何方案辖区内", "outside every jurisdiction")),
        ("输入错误", "Input errors", s.inputErrors, s.inputErrors > 0 ? "error" : "", t("无法读取或格式不符", "unreadable or malformed")),
        ("错误", "Errors", n.errors, n.errors > 0 ? "error" : "", t("不达标，须整改", "not met: must be fixed")),
        ("警告", "Warnings", n.warnings, n.warnings > 0 ? "warning" : "", t("应关注", "should be reviewed")),
        (
          "数据不足", "Insufficient data", n.insufficient, n.insufficient > 0 ? "insufficient" : "",
          t("无法判断，须补全数据", "undecided: complete the data")
        ),
        ("提示", "Notices", n.info, n.info > 0 ? "info" : "", t("临近目标、评分等", "upcoming targets, scores")),
        ("已豁免", "Suppressed", s.suppressed, "", t("基线或豁免隐去", "hidden by baseline or waiver")),
      ]
      out += "<div class=\"cards\">\n"
      for (z, e, n, tone, note) in cards {
        out += "<div class=\"card\(tone.isEmpty ? "" : " " + tone)\"><div class=\"n\">\(n)</div><div class=\"k\">\(text(t(z, e)))</div>"
        out += "<div class=\"d\">\(text(note))</div></div>\n"
      }
      out += "</div>\n"
      let outcomes: [(String, String, Outcome)] = [
        ("通过", "pass", .pass), ("不通过", "fail", .fail), ("数据不足", "insufficient data", .insufficient),
        ("不适用", "not applicable", .notApplicable), ("提示", "notice", .notice),
      ]
      let parts = outcomes.map { "\(t($0.0, $0.1)) \(s.outcomes[$0.2] ?? 0)" }
      out += "<p class=\"outcomes\">\(text(t("规则判定：", "Rule outcomes: ") + parts.joined(separator: " · ")))</p>\n"
      return out + "</section>\n"
    }

    /// The banner: the headline every report shares, and what to do.
    var verdict: (String, String) {
      let n = Tally(report)
      let tone = Verdict.tone(report)
      let head = Verdict.headline(report)
      switch tone {
      case "fail":
        var line = head + t("，须整改后重新提交", "; they must be fixed before the data is submitted again")
        if n.warnings > 0 { line += t("；另有 \(n.warnings) 项警告需要关注", "; \(n.warnings) warnings to review") }
        return ("fail", line + t("。", "."))
      case "undecided": return ("undecided", head + t("，须补全数据后重新提交。", "; complete the data and submit again."))
      case "warn": return ("warn", head + t("。", "."))
      default: return ("pass", t("通过，未发现错误或警告。", "Pass: no errors or warnings."))
      }
    }

    // MARK: Rectification progress

    /// `--compare`: new, persisting and fixed problems since the previous report, and
    /// each aggregate's figure then and now.
    func progress() -> String {
      guard let c = comparison else { return "" }
      var out = "<section id=\"progress\">\n<h2>\(text(t("整改进展", "Rectification progress")))</h2>\n"
      out += "<p class=\"note\">\(text(c.headline(report.language)))</p>\n<div class=\"cards\">\n"
      let cards: [(String, String, Int, String)] = [
        ("新增", "New", c.new, c.new > 0 ? "error" : ""), ("仍未整改", "Persisting", c.persisting, c.persisting > 0 ? "warning" : ""),
        ("已整改", "Fixed", c.fixed.count, "pass"),
      ]
      for (z, e, n, tone) in cards {
        out +=
          "<div class=\"card\(tone.isEmpty ? "" : " " + tone)\"><div class=\"n\">\(n)</div><div class=\"k\">\(text(t(z, e)))</div></div>\n"
      }
      out += "</div>\n"
      if !c.changes.isEmpty {
        out +=
          "<h3>\(text(t("汇总指标变化", "Aggregate figures then and now")))</h3>\n<div class=\"scroll\"><table class=\"meta-table\">\n<thead><tr>"
        for h in [t("规则", "Rule"), t("范围", "Group"), t("上次", "Previous"), t("本次", "Now"), t("差距", "Gap"), t("趋势", "Trajectory")] {
          out += "<th scope=\"col\">\(text(h))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for ch in c.changes {
          let gap = [ch.previous.gap.map(String.init) ?? "—", ch.gap.map(String.init) ?? "—"].joined(separator: " → ")
          out += "<tr><td><code>\(text(ch.rule))</code></td><td>\(text(ch.subject))</td><td class=\"num\">\(text(ch.previous.actual))</td>"
          out += "<td class=\"num\">\(text(ch.current))</td><td class=\"num\">\(text(gap))</td>"
          if let p = ch.projection {
            let tone = p.outlook == .onTrack ? "pass" : p.outlook == .atRisk ? "warning" : "error"
            out += "<td><span class=\"badge \(tone)\">\(text(p.words(report.language)))</span></td></tr>\n"
          } else {
            out += "<td>—</td></tr>\n"
          }
        }
        out += "</tbody>\n</table></div>\n"
      }
      if !c.fixed.isEmpty {
        out += "<h3>\(text(t("已整改", "Fixed")))</h3>\n<ul class=\"fixed\">\n"
        for p in c.fixed.prefix(200) {
          out += "<li><code>\(text(p.rule))</code> \(text(named(p.subject)))：\(text(p.message))</li>\n"
        }
        if c.fixed.count > 200 { out += "<li>\(text(t("……另有 \(c.fixed.count - 200) 项", "… \(c.fixed.count - 200) more")))</li>\n" }
        out += "</ul>\n"
      }
      return out + "</section>\n"
    }

    // MARK: Charts

    /// Compliance, not counts: each aggregate's share against its target line, and each
    /// record rule's passes, failures and missing data across the communities.
    func compliance() -> String {
      var shares: [HTMLCharts.Share] = []
      for f in report.placed where f.subject.group != nil {
        guard case .share(let part, let whole)? = f.actual, whole > 0 else { continue }
        var target: Double?
        if let e = f.expected, case .fraction(let fr) = e.value { target = fr.double }
        let title = ruleTitle(f) ?? f.rule
        let name = f.subject.group?.name ?? f.subject.key
        shares.append(
          HTMLCharts.Share(
            label: "\(name) · \(title)", detail: "\(f.subject.key) \(f.rule) \(title)", share: part / whole, target: target,
            deadline: f.deadline?.description))
      }
      var outcomes: [HTMLCharts.Outcomes] = []
      if let table {
        for (k, column) in table.columns.enumerated() {
          var o = HTMLCharts.Outcomes(label: "\(column.rule)  \(column.title)", detail: "\(column.rule) \(column.title)")
          for i in table.rows {
            switch table.cells(i)[k] {
            case .pass: o.pass += 1
            case .fail: o.fail += 1
            case .insufficient: o.insufficient += 1
            default: break
            }
          }
          if o.decided > 0 { outcomes.append(o) }
        }
      }
      guard !shares.isEmpty || !outcomes.isEmpty else { return "" }
      var out = "<section id=\"compliance\">\n<h2>\(text(t("达标情况", "Compliance")))</h2>\n"
      out += "<p class=\"legend\"><span><i class=\"swatch share-met\"></i>\(text(t("达标 / 通过", "met / pass")))</span>"
      out += "<span><i class=\"swatch share-missed\"></i>\(text(t("未达标 / 不达标", "missed / fail")))</span>"
      out += "<span><i class=\"swatch seg-insufficient\"></i>\(text(t("数据不足", "insufficient data")))</span>"
      out += "<span><i class=\"swatch target\"></i>\(text(t("目标线", "target")))</span></p>\n"
      if !shares.isEmpty {
        let caption = t("汇总指标：各范围的比例与目标", "Aggregate targets: each group's share against its target")
        out += "<figure class=\"wide\"><figcaption>\(text(caption))</figcaption>\n"
        out += HTMLCharts.shareBars(shares, title: caption, language: report.language) + "\n</figure>\n"
      }
      if !outcomes.isEmpty {
        let caption = t("各规则的小区判定", "Each rule across the communities")
        out += "<figure class=\"wide\"><figcaption>\(text(caption))</figcaption>\n"
        out += HTMLCharts.outcomeBars(outcomes, title: caption, language: report.language) + "\n</figure>\n"
      }
      return out + "</section>\n"
    }

    func charts() -> String {
      var out = "<section id=\"charts\">\n<h2>\(text(t("发现分布", "Where the findings are")))</h2>\n"
      guard !report.findings.isEmpty else {
        return out + "<p class=\"empty\">\(text(t("没有发现。", "No findings.")))</p>\n</section>\n"
      }
      out += "<p class=\"legend\">"
      for tone in HTMLCharts.stack {
        out += "<span><i class=\"swatch seg-\(tone.rawValue)\"></i>\(text(tone.word(report.language)))</span>"
      }
      out += "</p>\n"
      let language = report.language
      let byRule = HTMLCharts.bars(
        report.findings,
        key: { f in
          let label = ruleTitle(f).map { "\(f.rule)  \($0)" } ?? f.rule
          return (f.rule, label, label)
        }, severity: HTMLCharts.Tone.init)
      let byArea = HTMLCharts.bars(report.findings, key: area, severity: HTMLCharts.Tone.init)
      let byPolicy = HTMLCharts.bars(
        report.findings,
        key: { f in
          guard let id = f.policy else {
            let label = t("内置记录检查", "built-in record checks")
            return ("\u{10FFFF}", label, label)
          }
          let detail = policies[id].map { "\(id) \($0.title.text(language))" } ?? id
          return (id, id, detail)
        }, severity: HTMLCharts.Tone.init)
      let ruleCaption = t("按规则", "By rule")
      out += "<figure class=\"wide\"><figcaption>\(text(ruleCaption))</figcaption>\n"
      out += HTMLCharts.stackedBars(byRule, title: ruleCaption, language: language, size: .wide, limit: 25) + "\n</figure>\n"
      out += "<div class=\"pair\">\n"
      let areaTitle = t("按辖区", "By district")
      out += "<figure><figcaption>\(text(areaTitle))</figcaption>\n"
      out += HTMLCharts.stackedBars(byArea, title: areaTitle, language: language, size: .half) + "\n"
      out +=
        "<p class=\"note\">\(text(t("汇总指标按其统计范围归集；单个小区的发现按产生它的方案的辖区归集。", "Aggregate findings count under their group; a record's findings under the jurisdiction of the policy that produced them.")))</p>\n"
      out += "</figure>\n"
      let policyTitle = t("按方案", "By policy")
      out += "<figure><figcaption>\(text(policyTitle))</figcaption>\n"
      out += HTMLCharts.stackedBars(byPolicy, title: policyTitle, language: language, size: .half) + "\n</figure>\n"
      return out + "</div>\n</section>\n"
    }

    // MARK: Aggregate targets

    func targets() -> String {
      var out = "<section id=\"targets\">\n<h2>\(text(t("汇总指标", "Aggregate targets")))</h2>\n"
      func rank(_ o: Outcome) -> Int { o == .fail ? 0 : o == .insufficient ? 1 : 2 }
      let rows = report.placed.filter { HTMLReporter.group($0) != nil }.sorted { a, b in
        if rank(a.outcome) != rank(b.outcome) { return rank(a.outcome) < rank(b.outcome) }
        if a.subject.key != b.subject.key { return a.subject.key < b.subject.key }
        if a.rule != b.rule { return a.rule < b.rule }
        return (a.deadline?.description ?? "") < (b.deadline?.description ?? "")
      }
      guard !rows.isEmpty else {
        return out + "<p class=\"empty\">\(text(t("没有汇总指标方面的发现。", "No findings on aggregate targets.")))</p>\n</section>\n"
      }
      out +=
        "<p class=\"note\">\(text(t("按县、市等范围统计的目标：未达标项在前，下一目标（提示，尚未到期）在后。差距为尚需达标的小区数。", "Targets measured over a county, city or other group: missed targets first, next targets (notices, not yet due) after. The gap is how many more communities must meet the target.")))</p>\n"
      out += "<div class=\"scroll\"><table class=\"targets\">\n" + colgroup([9, 15, 7, 8, 7, 8, 5, 13, 28]) + "<thead><tr>"
      let heads = [
        t("状态", "Status"), t("规则", "Rule"), t("范围", "Group"), t("期限", "Deadline"), t("要求", "Expected"),
        t("实际", "Actual"), t("差距", "Gap"), t("未达标小区", "Failing communities"), t("依据", "Source"),
      ]
      for h in heads { out += "<th scope=\"col\">\(text(h))</th>" }
      out += "</tr></thead>\n<tbody>\n"
      for f in rows {
        let (level, name) = HTMLReporter.group(f) ?? ("", f.subject.key)
        let status: String =
          switch f.outcome {
          case .fail: "<span class=\"badge error\">\(text(t("未达标", "missed")))</span>"
          case .insufficient: "<span class=\"badge insufficient\">\(text(t("数据不足", "insufficient data")))</span>"
          default: "<span class=\"badge info\">\(text(t("下一目标", "next target")))</span>"
          }
        out += "<tr class=\"\(f.outcome == .notice ? "notice" : HTMLCharts.Tone(f).rawValue)\">"
        out += "<td>\(status)</td>"
        out += "<td>\(ruleCell(f))</td>"
        out += "<td><span class=\"group\">\(text(name))</span><div class=\"sub\">\(text(levelWord(level)))</div></td>"
        out += "<td class=\"nowrap\">\(text(f.deadline?.description ?? f.period ?? "—"))</td>"
        out += "<td class=\"num\">\(text(f.expected?.text(report.language) ?? "—"))</td>"
        out += "<td class=\"num\">\(text(f.actual?.text(report.language) ?? "—"))</td>"
        out += "<td class=\"num gap\">\(f.gap.map { "\($0)" } ?? "—")</td>"
        out += "<td>\(recordList(f))</td>"
        out += "<td>\(citationCell(f))</td>"
        out += "</tr>\n"
      }
      return out + "</tbody>\n</table></div>\n</section>\n"
    }

    /// Where a finding belongs on the district chart: an aggregate's own group
    /// (`county:舒城县`); a record finding, the jurisdiction of the policy that produced it
    /// (a policy applies only inside its jurisdiction, so this is right, if coarse); a
    /// built-in `REC-` finding, nowhere known (findings do not carry the record's
    /// jurisdiction).
    func area(_ f: Finding) -> (key: String, label: String, detail: String) {
      var place: (level: String, name: String)? = HTMLReporter.group(f)
      if place == nil, let id = f.policy, let j = policies[id]?.jurisdiction {
        for level in Jurisdiction.levels.reversed() {
          if let name = j.name(at: level) {
            place = (level, name)
            break
          }
        }
      }
      guard let (level, name) = place else {
        let label = t("辖区不详（内置记录检查）", "district unknown (built-in record checks)")
        return ("\u{10FFFF}", label, label)
      }
      return ("\(level):\(name)", name, name + t("（\(levelWord(level))）", " (\(levelWord(level)))"))
    }

    func levelWord(_ level: String) -> String {
      switch level {
      case "province": t("省", "province")
      case "city": t("市", "city")
      case "county": t("区县", "county")
      case "street": t("街道（乡镇）", "street")
      case "neighborhood": t("社区", "neighbourhood")
      default: level
      }
    }

    /// An aggregate's failing (and undetermined) records: inline when few, folded when many.
    func recordList(_ f: Finding) -> String {
      var out = ""
      func list(_ ids: [String], _ label: String) -> String {
        let joined = text(ids.map(named).joined(separator: ", "))
        if ids.count <= 6 { return "<div class=\"ids\">\(label)\(joined)</div>" }
        return
          "<details class=\"ids\"><summary>\(label)\(text(t("\(ids.count) 个小区", "\(ids.count) communities")))</summary>\(joined)</details>"
      }
      if let ids = f.failingRecords, !ids.isEmpty { out += list(ids, "") }
      let left = f.notCounted.filter { $0.reason != .appliesUndecided }
      if let ids = f.undeterminedRecords, !ids.isEmpty {
        out += list(ids, text(t("无法判断是否适用：", "could not be placed: ")))
      }
      if !left.isEmpty {
        out += list(left.map { n in n.text(report.language) }, text(t("未计入：", "not counted: ")))
      }
      if let all = f.gapIfAllMet, let none = f.gapIfNoneMet {
        out +=
          "<div class=\"sub\">\(text(t("未计入者全部达标时差距 \(all)，全部不达标时差距 \(none)", "gap \(all) were they all to meet it, \(none) were none")))</div>"
      }
      return out.isEmpty ? "—" : out
    }

    /// `AH-LA-HS-005 城南花园`: an id with the community's name when the run knows it.
    func named(_ id: String) -> String {
      guard let name = places[id]?.name else { return id }
      return "\(id) \(name)"
    }

    /// A finding's subject: the id, and under it the name, street and neighbourhood the
    /// record gives (what the filter box finds).
    func subjectCell(_ f: Finding) -> String {
      var out = text(f.subject.key)
      let place = f.place ?? f.subject.recordID.flatMap { places[$0] }
      if let place {
        let parts = [place.name, place.street, place.neighborhood].compactMap { $0 }
        if !parts.isEmpty { out += "<div class=\"sub\">\(text(parts.joined(separator: " · ")))</div>" }
      }
      return out
    }

    // MARK: Matrix

    /// Every community (those that pass too) against every record rule: ✓ ✗ ? – !, with
    /// sticky headings, sortable columns and filters by street, by rule and by text.
    func matrix() -> String {
      guard let table else { return "" }
      var out = "<section id=\"matrix\">\n<h2>\(text(t("小区×规则", "Communities × rules")))</h2>\n"
      out += "<p class=\"note\">\(text(MatrixTable.legend(report.language)))。"
      out += text(t("汇总指标按县、市等范围判定，不在此表中。", "Aggregate targets are decided per county or city and are not in this table."))
      if let note = table.omittedNote(report.language) { out += " " + text(note) + "。" }
      out += "</p>\n"
      guard !table.rows.isEmpty else {
        return out + "<p class=\"empty\">\(text(t("没有检查任何小区。", "No community was checked.")))</p>\n</section>\n"
      }
      let heads = MatrixTable.headings(report.language)
      let fixed = [heads[0], heads[1], heads[2], heads[3], heads[6], heads[7], heads[8]]
      var streets = Set<String>()
      for i in table.rows { if let s = table.row(i).place?.street { streets.insert(s) } }
      out += "<p class=\"filters\" hidden=\"hidden\">"
      out += "<label>\(text(t("街道", "Street"))) <select id=\"matrix-street\"><option value=\"\">\(text(t("全部", "all")))</option>"
      for s in streets.sorted() { out += "<option value=\"\(attr(s))\">\(text(s))</option>" }
      out += "</select></label> "
      out += "<label>\(text(t("未通过规则", "Not passing rule"))) <select id=\"matrix-rule\"><option value=\"\">\(text(t("不限", "any")))</option>"
      for (k, c) in table.columns.enumerated() {
        out += "<option value=\"\(fixed.count + k)\">\(text("\(c.rule) \(c.title)"))</option>"
      }
      out += "</select></label> "
      out +=
        "<label>\(text(t("查找", "Find"))) <input id=\"matrix-filter\" type=\"search\" placeholder=\"\(attr(t("小区编码、名称、街道", "id, name, street")))\"/></label>"
      out += " <output id=\"matrix-shown\"></output></p>\n"
      out += "<div class=\"scroll sticky\"><table id=\"matrix-table\" class=\"matrix\">\n<thead><tr>"
      for (k, h) in fixed.enumerated() { out += "<th scope=\"col\"\(k == 0 ? " class=\"first\"" : "")>\(text(h))</th>" }
      for c in table.columns { out += "<th scope=\"col\" class=\"rule\" title=\"\(attr(c.title))\"><code>\(text(c.rule))</code></th>" }
      out += "</tr></thead>\n<tbody>\n"
      for i in table.rows {
        let row = table.row(i)
        let cells = table.cells(i)
        let tally = MatrixTable.tally(cells)
        let tone = cells.contains(.inputError) ? "input" : tally.fail > 0 ? "fail" : tally.insufficient > 0 ? "insufficient" : "pass"
        out += "<tr class=\"m-\(tone)\" data-order=\"\(i)\" data-street=\"\(attr(row.place?.street ?? ""))\">"
        out += "<th scope=\"row\" class=\"first\" title=\"\(attr("\(row.file):\(row.line)"))\">\(text(row.id))</th>"
        out += "<td>\(text(row.place?.name ?? ""))</td><td>\(text(row.place?.street ?? ""))</td>"
        out += "<td>\(text(row.place?.neighborhood ?? ""))</td>"
        out += "<td class=\"num\">\(tally.fail)</td><td class=\"num\">\(tally.insufficient)</td><td class=\"num\">\(tally.pass)</td>"
        for cell in cells {
          let (cls, rank): (String, Int) =
            switch cell {
            case .fail: ("c-fail", 0)
            case .insufficient: ("c-insufficient", 1)
            case .inputError: ("c-input", 2)
            case .pass: ("c-pass", 3)
            case .none, .notApplicable: ("c-na", 4)
            }
          out += "<td class=\"cell \(cls)\" data-sort=\"\(rank)\">\(cell.symbol)</td>"
        }
        out += "</tr>\n"
      }
      return out + "</tbody>\n</table></div>\n</section>\n"
    }

    func ruleCell(_ f: Finding) -> String {
      var out = "<code>\(text(f.rule))</code>"
      if let title = ruleTitle(f) { out += "<div class=\"sub\">\(text(title))</div>" }
      return out
    }

    func citationCell(_ f: Finding) -> String {
      guard let c = f.citation else { return "—" }
      let quote = c.text.map { " title=\"\(attr($0))\"" } ?? ""
      var out = "<span class=\"cite\"\(quote)>\(text(c.document)) <span class=\"clause\">\(text(c.clause))</span></span>"
      if let q = c.text { out += "<q>\(text(q))</q>" }
      return out
    }

    // MARK: Findings

    func findings() -> String {
      var out = "<section id=\"findings\">\n<h2>\(text(t("发现明细", "Findings")))</h2>\n"
      guard !report.findings.isEmpty else {
        return out + "<p class=\"empty\">\(text(t("没有发现。", "No findings.")))</p>\n</section>\n"
      }
      out += "<p class=\"note\">\(text(t("按文件与位置排列；点击表头可排序。", "In file and position order; click a column heading to sort.")))"
      out += " <label class=\"filter\" hidden=\"hidden\">\(text(t("筛选", "Filter")))"
      out +=
        " <input id=\"filter\" type=\"search\" placeholder=\"\(attr(t("规则、小区编码、名称、街道、文件或文字", "rule, community id, name, street, file or text")))\"/>"
      out += " <output id=\"shown\"></output></label></p>\n"
      out +=
        "<div class=\"scroll\"><table id=\"findings-table\" class=\"findings\">\n" + colgroup([6, 15, 10, 12, 25, 7, 7, 18]) + "<thead><tr>"
      let heads = [
        t("级别", "Severity"), t("规则", "Rule"), t("对象", "Subject"), t("位置", "Location"), t("说明", "Message"),
        t("要求", "Expected"), t("实际", "Actual"), t("依据", "Source"),
      ]
      for h in heads { out += "<th scope=\"col\">\(text(h))</th>" }
      out += "</tr></thead>\n<tbody>\n"
      for (i, f) in report.placed.enumerated() {
        out += "<tr class=\"\(HTMLCharts.Tone(f).rawValue)\" data-order=\"\(i)\">"
        let tone = HTMLCharts.Tone(f)
        let rank = tone == .error ? 1 : tone == .warning ? 2 : tone == .insufficient ? 3 : 4
        var severity = "<span class=\"badge \(tone.rawValue)\">\(text(tone.word(report.language)))</span>"
        if tone == .insufficient {
          let level = HTMLCharts.severityWord(f.severity, report.language)
          severity += "<div class=\"sub\">\(text(t("\(level)级规则", "\(level)-level rule")))</div>"
        }
        if let status = comparison?.status(f) {
          severity += "<div class=\"sub compare-\(status.rawValue)\">\(text(Comparison.word(status, report.language)))</div>"
        }
        out += "<td data-sort=\"\(rank)\">\(severity)</td>"
        out += "<td data-sort=\"\(attr(f.rule))\">\(ruleCell(f))</td>"
        out += "<td>\(subjectCell(f))</td>"
        out += "<td class=\"loc\" data-sort=\"\(attr("\(f.file):\(f.range.start.line):\(f.range.start.column)"))\">\(location(f))</td>"
        out += "<td class=\"msg\">\(message(f))</td>"
        out += "<td class=\"num\">\(text(f.expected?.text(report.language) ?? ""))</td>"
        out += "<td class=\"num\">\(text(f.actual?.text(report.language) ?? ""))</td>"
        out += "<td>\(citationCell(f))</td>"
        out += "</tr>\n"
      }
      return out + "</tbody>\n</table></div>\n</section>\n"
    }

    /// `dir/file:line:col`, the folder muted so the file name stands out; no line and
    /// column for a finding that has none (an aggregate without a position).
    func location(_ f: Finding) -> String {
      var name = f.file
      var out = ""
      if let slash = f.file.lastIndex(of: "/") {
        // A break opportunity after each `/`, so a long path wraps between folders.
        let folders = f.file[..<slash].split(separator: "/", omittingEmptySubsequences: false).map { text(String($0)) + "/" }
        out = "<span class=\"dir\">\(folders.joined(separator: "<wbr/>"))</span><wbr/>"
        name = String(f.file[f.file.index(after: slash)...])
      }
      if f.range.start.line >= 1 { name += ":\(f.range.start.line):\(f.range.start.column)" }
      return out + text(name)
    }

    /// Column widths in percent, so long values wrap instead of widening the table.
    func colgroup(_ widths: [Int]) -> String {
      "<colgroup>" + widths.map { "<col style=\"width: \($0)%\"/>" }.joined() + "</colgroup>\n"
    }

    func message(_ f: Finding) -> String {
      var out = text(f.message.text(report.language))
      var extra: [String] = []
      if let v = f.missing { extra.append(t("缺少：", "missing: ") + v) }
      if let v = f.period, v != f.deadline?.description { extra.append(t("期间：", "period: ") + v) }
      if let v = f.deadline { extra.append(t("期限：", "deadline: ") + v.description) }
      if let v = f.gap { extra.append(t("差距：\(v) 个小区", "gap: \(v) communities")) }
      if let v = f.failingRecords, !v.isEmpty {
        extra.append(t("未达标小区 \(v.count) 个（见汇总指标）", "\(v.count) failing communities (see aggregate targets)"))
      }
      if let v = f.score { extra.append(t("得分：", "score: ") + "\(v)") }
      for line in extra { out += "<div class=\"sub\">\(text(line))</div>" }
      // A scorecard's items and the like: folded when there are many.
      let notes = f.notes.map { "<div class=\"sub\">· \(text($0.message.text(report.language)))</div>" }.joined()
      if f.notes.count > 4 {
        out +=
          "<details class=\"notes\"><summary>\(text(t("明细（\(f.notes.count) 项）", "details (\(f.notes.count) items)")))</summary>\(notes)</details>"
      } else {
        out += notes
      }
      if let fix = f.fix { out += "<div class=\"fix\"><b>\(text(t("整改：", "Fix: ")))</b>\(text(fix.text(report.language)))</div>" }
      return out
    }

    // MARK: Provenance and footer

    func provenance() -> String {
      var out = "<section id=\"provenance\">\n<h2>\(text(t("依据与输入", "Policies and inputs")))</h2>\n"
      out +=
        "<p class=\"note\">\(text(t("以下方案与输入文件的版本和 SHA-256 摘要（前 12 位，完整值见悬停提示或 JSON 报告）可用于复核本次检查。", "The versions and SHA-256 digests (first 12 digits; the full value is in the tooltip and the JSON report) of these policies and inputs let anyone re-run this check.")))</p>\n"
      out += "<h3>\(text(t("方案", "Policies")))</h3>\n"
      if report.policies.isEmpty {
        out += "<p class=\"empty\">\(text(t("未使用方案。", "No policy was used.")))</p>\n"
      } else {
        out += "<div class=\"scroll\"><table class=\"meta-table\">\n<thead><tr>"
        for h in [t("编号", "ID"), t("名称", "Title"), t("文号", "Document"), t("版本", "Version"), "SHA-256", t("来源", "Source")] {
          out += "<th scope=\"col\">\(text(h))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for p in report.policies {
          out += "<tr><td><code>\(text(p.id))</code></td><td>\(text(p.title.text(report.language)))</td>"
          out += "<td>\(text(p.document.reference))</td><td>\(text(p.version))</td>"
          out += "<td><code title=\"\(attr(p.contentHash))\">\(text(HTMLReporter.shortHash(p.contentHash)))</code></td>"
          out += "<td class=\"loc\">\(text(p.source))</td></tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
      }
      out += "<h3>\(text(t("输入文件", "Inputs")))</h3>\n"
      if report.inputs.isEmpty {
        out += "<p class=\"empty\">\(text(t("没有输入文件。", "No input files.")))</p>\n"
      } else {
        var table = "<div class=\"scroll\"><table class=\"meta-table\">\n<thead><tr>"
        for h in [t("路径", "Path"), t("记录数", "Records"), "SHA-256"] { table += "<th scope=\"col\">\(text(h))</th>" }
        table += "</tr></thead>\n<tbody>\n"
        for input in report.inputs {
          table += "<tr><td class=\"loc\">\(text(input.path))</td><td class=\"num\">\(input.records)</td>"
          table += "<td><code title=\"\(attr(input.sha256))\">\(text(HTMLReporter.shortHash(input.sha256)))</code></td></tr>\n"
        }
        table += "</tbody>\n</table></div>\n"
        if report.inputs.count > 12 {
          let total = report.inputs.reduce(0) { $0 + $1.records }
          out +=
            "<details><summary>\(text(t("\(report.inputs.count) 个文件，共 \(total) 条记录", "\(report.inputs.count) files, \(total) records")))</summary>\n\(table)</details>\n"
        } else {
          out += table
        }
      }
      return out + "</section>\n"
    }

    func footer() -> String {
      "<footer>\(text(t("本报告由 \(RunReport.toolName) \(RunReport.toolVersion) 生成，为单一自包含文件，不引用任何外部资源，可直接转发或打印。", "Produced by \(RunReport.toolName) \(RunReport.toolVersion). This page is self-contained: it loads nothing from elsewhere and can be forwarded or printed as is.")))</footer>\n"
    }
  }

  // MARK: Style and script

  /// The whole style sheet, screen and print (`Resources/report.css`, built into the
  /// executable so the page needs no file beside the binary). No web fonts, no images.
  static let css = EmbeddedResources.text("report.css")
  /// Sorting and filtering of the findings table (`Resources/report.js`). The page works
  /// without it; it holds no `<` or `&`, so the page stays well-formed XML.
  static let script = EmbeddedResources.text("report.js")

}
