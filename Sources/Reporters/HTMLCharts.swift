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
