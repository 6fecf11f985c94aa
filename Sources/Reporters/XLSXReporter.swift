import Engine
import Records

/// `--format xlsx`: a workbook a county sends down to its streets. Four sheets, headings
/// in the report's language, each header row bold and frozen:
///
/// - 汇总 / Summary: the verdict, the counts, and every aggregate target with its actual
///   figure, gap and deadline;
/// - 问题清单 / Findings: one row per finding, with the community's name, street and
///   neighbourhood, the clause and the fix;
/// - 矩阵 / Matrix: the community × rule matrix (✓ ✗ ? – !), passing communities too;
/// - 未计入 / Not counted: the records each aggregate left out of its figure, and why.
///
/// Every cell is an inline string or a number, never a formula, so data cannot run as
/// one. A workbook is binary: it is written to an `--output` file only.
public enum XLSXReporter: Reporter {
  public static let identifier = "xlsx"
  public static let description = "Excel 工作簿（汇总、问题清单、矩阵、未计入四张表）/ Excel workbook: summary, findings, matrix, not counted"
  public static let fileExtension = "xlsx"
  public static let needsMatrix = true
  public static let isBinary = true

  /// Findings past this many rows are left out of the findings sheet, with a note: a
  /// province's run belongs in CSV or JSON, not in a sheet.
  static let findingRows = 100_000

  /// The workbook's bytes; nothing when it cannot be built (the CLI asks `workbook`).
  public static func generate(_ report: RunReport) -> String { "" }

  public static func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
    if let bytes = try? workbook(report) { sink.write(bytes: bytes) }
  }

  public static func workbook(_ report: RunReport) throws(XLSXWriter.Failure) -> [UInt8] {
    try XLSXWriter.workbook(sheets(report))
  }

  static func sheets(_ report: RunReport) -> [XLSXWriter.Sheet] {
    [summary(report), findings(report), matrix(report), notCounted(report)]
  }

  typealias Cell = XLSXWriter.Cell

  static func cell(_ text: String?) -> Cell { text.map { $0.isEmpty ? .empty : .text($0) } ?? .empty }

  static func summary(_ report: RunReport) -> XLSXWriter.Sheet {
    let zh = report.language == .zh
    let s = report.summary
    let n = Tally(report)
    var rows: [[Cell]] = [[.text(zh ? "项目" : "item"), .text(zh ? "内容" : "value")]]
    rows.append([.text(zh ? "结论" : "verdict"), .text(Verdict.conclusion(report))])
    rows.append([.text(zh ? "数据截止日期" : "as of"), cell(report.asOf?.description ?? (zh ? "各记录自身的日期" : "each record's own date"))])
    for p in report.policies {
      rows.append([.text(zh ? "方案" : "policy"), .text("\(p.id) \(p.version) \(p.title.text(report.language))")])
    }
    let counts: [(String, String, Int)] = [
      ("记录", "records", s.records), ("已检查", "checked", s.checked), ("已跳过", "skipped", s.skipped),
      ("输入错误", "input errors", s.inputErrors), ("错误", "errors", n.errors), ("警告", "warnings", n.warnings),
      ("数据不足", "insufficient data", n.insufficient), ("提示", "notices", n.info), ("已豁免", "suppressed", s.suppressed),
    ]
    for (z, e, v) in counts { rows.append([.text(zh ? z : e), .number(Double(v))]) }
    rows.append([])
    let header = rows.count
    rows.append(
      (zh
        ? ["状态", "规则", "规则名称", "范围", "期限", "要求", "实际", "差距", "未达标小区", "依据"]
        : ["status", "rule", "title", "group", "deadline", "expected", "actual", "gap", "failing communities", "source"]).map(Cell.text))
    let titles = ruleTitles(report)
    let names = placeNames(report)
    for f in report.placed where f.subject.group != nil {
      let status =
        switch f.outcome {
        case .fail: zh ? "未达标" : "missed"
        case .insufficient: zh ? "数据不足" : "insufficient data"
        default: zh ? "下一目标" : "next target"
        }
      let failing = (f.failingRecords ?? []).map { id in names[id].map { "\(id) \($0)" } ?? id }
      rows.append([
        .text(status), .text(f.rule), cell(titles[(f.policy ?? "") + "\u{0}" + f.rule]), .text(f.subject.key),
        cell(f.deadline?.description ?? f.period), cell(f.expected?.text(report.language)), cell(f.actual?.text(report.language)),
        f.gap.map { .number(Double($0)) } ?? .empty, cell(failing.joined(separator: zh ? "、" : ", ")),
        cell(f.citation.map { "\($0.document) \($0.clause)" }),
      ])
    }
    var sheet = XLSXWriter.Sheet(name: zh ? "汇总" : "Summary", rows: rows, headerRows: 1)
    sheet.widths = [0: 14, 1: 60, 2: 24, 3: 16, 4: 12, 5: 10, 6: 16, 7: 8, 8: 40, 9: 24]
    _ = header
    return sheet
  }

  static func findings(_ report: RunReport) -> XLSXWriter.Sheet {
    let zh = report.language == .zh
    var rows: [[Cell]] = [
      (zh
        ? ["级别", "结果", "规则", "规则名称", "对象", "小区名称", "街道", "社区", "位置", "说明", "要求", "实际", "缺少", "期限", "差距", "依据", "整改"]
        : [
          "severity", "outcome", "rule", "title", "subject", "name", "street", "neighborhood", "location", "message", "expected",
          "actual", "missing", "deadline", "gap", "source", "fix",
        ]).map(Cell.text)
    ]
    let titles = ruleTitles(report)
    let names = places(report)
    var left = 0
    for f in report.placed {
      guard rows.count <= findingRows else {
        left += 1
        continue
      }
      let place = f.place ?? f.subject.recordID.flatMap { names[$0] }
      let outcome =
        switch f.outcome {
        case .fail: zh ? "不达标" : "fail"
        case .insufficient: zh ? "数据不足" : "insufficient data"
        case .notice: zh ? "提示" : "notice"
        default: f.outcome.rawValue
        }
      rows.append([
        .text(HTMLCharts.severityWord(f.severity, report.language)), .text(outcome), .text(f.rule),
        cell(titles[(f.policy ?? "") + "\u{0}" + f.rule]), .text(f.subject.key), cell(place?.name), cell(place?.street),
        cell(place?.neighborhood), .text(FindingText.location(f)), .text(f.message.text(report.language)),
        cell(f.expected?.text(report.language)), cell(f.actual?.text(report.language)), cell(f.missing),
        cell(f.deadline?.description), f.gap.map { .number(Double($0)) } ?? .empty,
        cell(f.citation.map { "\($0.document) \($0.clause)" }), cell(f.fix?.text(report.language)),
      ])
    }
    if left > 0 {
      rows.append([.text(zh ? "另有 \(left) 条发现未列出，请用 CSV 或 JSON 格式" : "\(left) more findings not listed: use CSV or JSON")])
    }
    var sheet = XLSXWriter.Sheet(name: zh ? "问题清单" : "Findings", rows: rows, headerRows: 1)
    sheet.widths = [2: 22, 3: 24, 4: 16, 5: 16, 6: 12, 8: 30, 9: 50, 15: 24, 16: 40]
    return sheet
  }

  static func matrix(_ report: RunReport) -> XLSXWriter.Sheet {
    let zh = report.language == .zh
    let name = zh ? "矩阵" : "Matrix"
    guard let table = MatrixTable(report) else {
      return XLSXWriter.Sheet(name: name, rows: [MatrixTable.headings(report.language).map(Cell.text)], headerRows: 1)
    }
    var rows: [[Cell]] = [(MatrixTable.headings(report.language) + table.columns.map { "\($0.rule) \($0.title)" }).map(Cell.text)]
    for i in table.rows {
      let row = table.row(i)
      let cells = table.cells(i)
      let t = MatrixTable.tally(cells)
      rows.append(
        [
          .text(row.id), cell(row.place?.name), cell(row.place?.street), cell(row.place?.neighborhood), .text(row.file),
          .number(Double(row.line)), .number(Double(t.fail)), .number(Double(t.insufficient)), .number(Double(t.pass)),
        ] + cells.map { .text($0.symbol) })
    }
    if let note = table.omittedNote(report.language) { rows.append([.text(note)]) }
    rows.append([.text(MatrixTable.legend(report.language))])
    var sheet = XLSXWriter.Sheet(name: name, rows: rows, headerRows: 1)
    sheet.widths = [0: 16, 1: 16, 2: 12, 3: 12, 4: 24]
    return sheet
  }

  static func notCounted(_ report: RunReport) -> XLSXWriter.Sheet {
    let zh = report.language == .zh
    var rows: [[Cell]] = [
      (zh
        ? ["规则", "范围", "期限", "小区编码", "小区名称", "原因", "缺少字段", "文件", "行"]
        : ["rule", "group", "deadline", "id", "name", "reason", "missing", "file", "line"]).map(Cell.text)
    ]
    let names = placeNames(report)
    for f in report.placed where !f.notCounted.isEmpty {
      for n in f.notCounted {
        rows.append([
          .text(f.rule), .text(f.subject.key), cell(f.deadline?.description), .text(n.id), cell(names[n.id]),
          .text(n.reason.words.text(report.language)), cell(n.missing), .text(n.file), .number(Double(n.line)),
        ])
      }
    }
    var sheet = XLSXWriter.Sheet(name: zh ? "未计入" : "Not counted", rows: rows, headerRows: 1)
    sheet.widths = [0: 22, 1: 16, 3: 16, 4: 16, 5: 24, 7: 30]
    return sheet
  }

  static func ruleTitles(_ report: RunReport) -> [String: String] {
    var titles: [String: String] = [:]
    for r in report.rules { titles[(r.policy ?? "") + "\u{0}" + r.id] = r.title.text(report.language) }
    return titles
  }

  /// The communities' places by id, from the matrix.
  static func places(_ report: RunReport) -> [String: RecordPlace] {
    var places: [String: RecordPlace] = [:]
    for row in report.matrix?.rows ?? [] { if let p = row.place, places[row.id] == nil { places[row.id] = p } }
    return places
  }

  static func placeNames(_ report: RunReport) -> [String: String] { places(report).compactMapValues(\.name) }
}
