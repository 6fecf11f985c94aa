import Records

/// The HTML report's charts: inline SVG drawn here, so they need no script, print as
/// vectors and come out byte for byte the same on every run (a golden test holds them).
enum HTMLCharts {
  /// How a finding is drawn: failed, by severity, or undecided for missing data, which is
  /// never drawn as a failure.
  enum Tone: String, CaseIterable, Sendable {
    case error, warning, insufficient, info

    init(_ f: Finding) {
      if f.outcome == .insufficient {
        self = .insufficient
        return
      }
      switch f.severity {
      case .error: self = .error
      case .warning: self = .warning
      case .info: self = .info
      }
    }

    func word(_ language: Language) -> String {
      switch self {
      case .error: language == .zh ? "错误" : "error"
      case .warning: language == .zh ? "警告" : "warning"
      case .insufficient: language == .zh ? "数据不足" : "insufficient data"
      case .info: language == .zh ? "提示" : "notice"
      }
    }
  }

  /// One bar: a label and its findings by tone.
  struct Bar {
    /// Breaks ties between equal bars, so the order is stable.
    var key: String
    var label: String
    /// The full name, shown as the bar's tooltip (the label may be shortened).
    var detail: String
    var counts: [Tone: Int] = [:]

    var total: Int { counts.values.reduce(0, +) }
  }

  /// Bars stack in this order, most severe first.
  static let stack: [Tone] = Tone.allCases

  static func severityWord(_ severity: Severity, _ language: Language) -> String {
    switch severity {
    case .error: language == .zh ? "错误" : "error"
    case .warning: language == .zh ? "警告" : "warning"
    case .info: language == .zh ? "提示" : "notice"
    }
  }

  /// Counts `items` into bars by `key`, the biggest bar first (ties by key).
  static func bars<Items: Sequence>(
    _ items: Items, key: (Items.Element) -> (key: String, label: String, detail: String), severity: (Items.Element) -> Tone
  ) -> [Bar] {
    var byKey: [String: Bar] = [:]
    for item in items {
      let k = key(item)
      byKey[k.key, default: Bar(key: k.key, label: k.label, detail: k.detail)].counts[severity(item), default: 0] += 1
    }
    return byKey.values.sorted { $0.total != $1.total ? $0.total > $1.total : $0.key < $1.key }
  }

  /// Chart geometry, in SVG user units (1 unit = 1 CSS pixel at full size): a full-width
  /// chart and a half-width one.
  struct Size: Sendable {
    var width: Int
    var labelWidth: Int

    static let wide = Size(width: 1100, labelWidth: 340)
    static let half = Size(width: 540, labelWidth: 170)
  }

  static let countRoom = 44
  static let rowHeight = 24
  static let barHeight = 14
  static let top = 4

  /// Horizontal bars, each stacked by severity, with the count at its end. Past `limit`
  /// rows, the rest are summed into one last row.
  static func stackedBars(_ input: [Bar], title: String, language: Language, size: Size, limit: Int = 20) -> String {
    let width = size.width
    let labelWidth = size.labelWidth
    let barX = labelWidth + 8
    var bars = input
    if bars.count > limit {
      let rest = bars[(limit - 1)...]
      var other = Bar(
        key: "\u{10FFFF}", label: language == .zh ? "其余 \(rest.count) 项" : "\(rest.count) more",
        detail: rest.map(\.detail).joined(separator: language == .zh ? "、" : ", "))
      for bar in rest {
        for (severity, n) in bar.counts { other.counts[severity, default: 0] += n }
      }
      bars = Array(bars.prefix(limit - 1)) + [other]
    }
    let height = top * 2 + bars.count * rowHeight
    let maxTotal = max(bars.map(\.total).max() ?? 1, 1)
    let room = Double(width - barX - countRoom)
    let scale = room / Double(maxTotal)
    var svg =
      "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLReporter.attr(title))\">\n"
    for (i, bar) in bars.enumerated() {
      let y = top + i * rowHeight
      let barY = y + (rowHeight - barHeight) / 2
      let baseline = y + rowHeight / 2 + 4
      let parts = stack.compactMap { s in bar.counts[s].flatMap { $0 > 0 ? "\(s.word(language)) \($0)" : nil } }
      let tooltip = bar.detail + (language == .zh ? "：" : ": ") + parts.joined(separator: language == .zh ? "，" : ", ")
      svg += "<g><title>\(HTMLReporter.text(tooltip))</title>"
      svg +=
        "<text class=\"label\" x=\"\(labelWidth)\" y=\"\(baseline)\" text-anchor=\"end\">\(HTMLReporter.text(fit(bar.label, labelWidth - 4)))</text>"
      svg += "<rect class=\"track\" x=\"\(barX)\" y=\"\(barY)\" width=\"\(Int(room))\" height=\"\(barHeight)\" rx=\"2\"/>"
      var cumulative = 0
      for severity in stack {
        let n = bar.counts[severity] ?? 0
        guard n > 0 else { continue }
        let x0 = Double(barX) + Double(cumulative) * scale
        let x1 = Double(barX) + Double(cumulative + n) * scale
        cumulative += n
        svg +=
          "<rect class=\"seg-\(severity.rawValue)\" x=\"\(number(x0))\" y=\"\(barY)\" width=\"\(number(x1 - x0))\" height=\"\(barHeight)\"/>"
      }
      let end = Double(barX) + Double(cumulative) * scale + 6
      svg += "<text class=\"count\" x=\"\(number(end))\" y=\"\(baseline)\">\(bar.total)</text></g>\n"
    }
    return svg + "</svg>"
  }

  /// One aggregate's figure against its target: a group's share, the target's share,
  /// and the deadline it is due by.
  struct Share {
    var label: String
    var detail: String
    var share: Double
    var target: Double?
    var deadline: String?
  }

  /// A bar per aggregate, its share of 100%, with the target drawn as a line across it
  /// and the figure, target and deadline written at its end: compliance, not counts.
  static func shareBars(_ items: [Share], title: String, language: Language) -> String {
    let zh = language == .zh
    let size = Size.wide
    let barX = size.labelWidth + 8
    let room = Double(size.width - barX - 230)
    let height = top * 2 + items.count * rowHeight
    var svg =
      "<svg class=\"chart compliance\" viewBox=\"0 0 \(size.width) \(height)\" width=\"\(size.width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLReporter.attr(title))\">\n"
    for (i, item) in items.enumerated() {
      let y = top + i * rowHeight
      let barY = y + (rowHeight - barHeight) / 2
      let baseline = y + rowHeight / 2 + 4
      let met = item.target.map { item.share + 1e-9 >= $0 } ?? true
      var note = NumberFormat.percent(item.share)
      if let target = item.target { note += zh ? " / 目标 \(NumberFormat.percent(target))" : " / target \(NumberFormat.percent(target))" }
      if let deadline = item.deadline { note += zh ? "（\(deadline) 前）" : " (by \(deadline))" }
      svg += "<g><title>\(HTMLReporter.text(item.detail + (zh ? "：" : ": ") + note))</title>"
      svg +=
        "<text class=\"label\" x=\"\(size.labelWidth)\" y=\"\(baseline)\" text-anchor=\"end\">\(HTMLReporter.text(fit(item.label, size.labelWidth - 4)))</text>"
      svg += "<rect class=\"track\" x=\"\(barX)\" y=\"\(barY)\" width=\"\(Int(room))\" height=\"\(barHeight)\" rx=\"2\"/>"
      let width = max(0, min(1, item.share)) * room
      svg +=
        "<rect class=\"\(met ? "share-met" : "share-missed")\" x=\"\(barX)\" y=\"\(barY)\" width=\"\(number(width))\" height=\"\(barHeight)\"/>"
      if let target = item.target {
        let x = Double(barX) + max(0, min(1, target)) * room
        svg += "<line class=\"target\" x1=\"\(number(x))\" y1=\"\(barY - 3)\" x2=\"\(number(x))\" y2=\"\(barY + barHeight + 3)\"/>"
      }
      svg += "<text class=\"count\" x=\"\(number(Double(barX) + room + 8))\" y=\"\(baseline)\">\(HTMLReporter.text(note))</text></g>\n"
    }
    return svg + "</svg>"
  }

  /// How one rule ended across the communities: passes, failures, missing data.
  struct Outcomes {
    var label: String
    var detail: String
    var pass = 0
    var fail = 0
    var insufficient = 0
    var decided: Int { pass + fail + insufficient }
  }

  /// A bar per rule, the communities it was decided on split into pass, fail and
  /// insufficient data (from the matrix): how far each requirement is met.
  static func outcomeBars(_ items: [Outcomes], title: String, language: Language) -> String {
    let zh = language == .zh
    let size = Size.wide
    let barX = size.labelWidth + 8
    let room = Double(size.width - barX - 170)
    let height = top * 2 + items.count * rowHeight
    var svg =
      "<svg class=\"chart outcomes\" viewBox=\"0 0 \(size.width) \(height)\" width=\"\(size.width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLReporter.attr(title))\">\n"
    for (i, item) in items.enumerated() {
      let y = top + i * rowHeight
      let barY = y + (rowHeight - barHeight) / 2
      let baseline = y + rowHeight / 2 + 4
      let parts =
        zh
        ? "通过 \(item.pass)，不达标 \(item.fail)，数据不足 \(item.insufficient)"
        : "\(item.pass) pass, \(item.fail) fail, \(item.insufficient) insufficient"
      svg += "<g><title>\(HTMLReporter.text(item.detail + (zh ? "：" : ": ") + parts))</title>"
      svg +=
        "<text class=\"label\" x=\"\(size.labelWidth)\" y=\"\(baseline)\" text-anchor=\"end\">\(HTMLReporter.text(fit(item.label, size.labelWidth - 4)))</text>"
      svg += "<rect class=\"track\" x=\"\(barX)\" y=\"\(barY)\" width=\"\(Int(room))\" height=\"\(barHeight)\" rx=\"2\"/>"
      var x = Double(barX)
      for (cls, n) in [("share-met", item.pass), ("share-missed", item.fail), ("seg-insufficient", item.insufficient)] where n > 0 {
        let w = room * Double(n) / Double(max(item.decided, 1))
        svg += "<rect class=\"\(cls)\" x=\"\(number(x))\" y=\"\(barY)\" width=\"\(number(w))\" height=\"\(barHeight)\"/>"
        x += w
      }
      let share = item.decided == 0 ? "—" : NumberFormat.percent(Double(item.pass) / Double(item.decided))
      let note = zh ? "\(share) 通过（\(item.pass)/\(item.decided)）" : "\(share) pass (\(item.pass)/\(item.decided))"
      svg += "<text class=\"count\" x=\"\(number(Double(barX) + room + 8))\" y=\"\(baseline)\">\(HTMLReporter.text(note))</text></g>\n"
    }
    return svg + "</svg>"
  }

  /// A coordinate with at most one decimal, written the same way every time.
  static func number(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
  }

  /// Shortens `label` with an ellipsis to about `room` pixels of 12px text (a CJK
  /// character about 12, anything else about 7).
  static func fit(_ label: String, _ room: Int) -> String {
    func width(_ c: Character) -> Int { (c.unicodeScalars.first?.value ?? 0) >= 0x2E80 ? 12 : 7 }
    guard label.reduce(0, { $0 + width($1) }) > room else { return label }
    var out = ""
    var used = 12  // the ellipsis
    for c in label {
      used += width(c)
      if used > room { break }
      out.append(c)
    }
    return out + "…"
  }
}
