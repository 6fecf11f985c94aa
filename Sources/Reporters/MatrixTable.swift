import Engine
import Records

/// The community × rule matrix as every format lays it out: a row per community (passing
/// ones too) with its name, street and neighbourhood beside the id, a column per record
/// rule (aggregates are decided per group, so they have no cell), and the row's tallies.
/// Symbols: ✓ pass, ✗ fail, ? insufficient data, – not applicable, ! input error.
struct MatrixTable {
  struct Column {
    var policy: String
    var rule: String
    var title: String
    /// The rule's place among `OutcomeMatrix.columns`.
    var index: Int
  }

  let matrix: OutcomeMatrix
  let columns: [Column]

  init?(_ report: RunReport) {
    guard let matrix = report.matrix else { return nil }
    self.matrix = matrix
    var titles: [String: String] = [:]
    for p in report.policies {
      for r in p.rules { titles[p.id + "\u{0}" + r.id] = r.title.text(report.language) }
    }
    // A column only for a rule some row has a cell for: a policy that applied to no
    // record read adds nothing.
    var used = Array(repeating: false, count: matrix.columns.count)
    for row in matrix.rows.indices {
      for (k, column) in matrix.columns.enumerated() where !used[k] && !column.isAggregate {
        let cell = matrix.cell(row: row, column: k)
        if cell != .none && cell != .inputError { used[k] = true }
      }
    }
    columns = matrix.columns.enumerated().compactMap { k, c in
      guard used[k] else { return nil }
      return Column(policy: c.policy, rule: c.rule, title: titles[c.policy + "\u{0}" + c.rule] ?? c.rule, index: k)
    }
  }

  var rows: Range<Int> { matrix.rows.indices }

  func row(_ i: Int) -> OutcomeMatrix.Row { matrix.rows[i] }

  func cells(_ i: Int) -> [OutcomeMatrix.Cell] {
    let inputError = matrix.columns.indices.first.map { matrix.cell(row: i, column: $0) == .inputError } ?? false
    return columns.map { inputError ? .inputError : matrix.cell(row: i, column: $0.index) }
  }

  /// The fixed columns' headings, then the rules'.
  static func headings(_ language: Language) -> [String] {
    language == .zh
      ? ["小区编码", "小区名称", "街道", "社区", "文件", "行", "不达标", "数据不足", "通过"]
      : ["id", "name", "street", "neighborhood", "file", "line", "failed", "insufficient", "passed"]
  }

  /// How many of a row's cells are ✗, ?, ✓.
  static func tally(_ cells: [OutcomeMatrix.Cell]) -> (fail: Int, insufficient: Int, pass: Int) {
    var t = (fail: 0, insufficient: 0, pass: 0)
    for c in cells {
      switch c {
      case .fail: t.fail += 1
      case .insufficient: t.insufficient += 1
      case .pass: t.pass += 1
      default: break
      }
    }
    return t
  }

  /// `另有 N 个小区未列出（矩阵最多 20000 行）`, when rows were left out.
  func omittedNote(_ language: Language) -> String? {
    guard matrix.omitted > 0 else { return nil }
    return language == .zh
      ? "另有 \(matrix.omitted) 个小区未列出（矩阵最多 \(matrix.rowLimit) 行）"
      : "\(matrix.omitted) more communities not listed (the matrix holds at most \(matrix.rowLimit) rows)"
  }

  /// The legend every format prints once.
  static func legend(_ language: Language) -> String {
    language == .zh
      ? "✓ 通过　✗ 不达标　? 数据不足　– 不适用　! 输入错误"
      : "✓ pass  ✗ fail  ? insufficient data  – not applicable  ! input error"
  }
}

/// `--format matrix-csv`: the community × rule matrix as CSV, one row per community
/// (passing ones too), `CSVReporter`'s quoting and formula defusing, a BOM for Excel.
public enum MatrixCSVReporter: Reporter {
  public static let identifier = "matrix-csv"
  public static let description = "小区×规则矩阵 CSV（✓ ✗ ? – !，含全部达标的小区）/ community × rule matrix as CSV"
  public static let fileExtension = "matrix.csv"
  public static let needsMatrix = true

  public static func generate(_ report: RunReport) -> String {
    var sink = StringSink()
    write(report, to: &sink)
    return sink.text
  }

  public static func write<Sink: ReportSink>(_ report: RunReport, to out: inout Sink) {
    let language = report.language
    guard let table = MatrixTable(report) else {
      out.write("\u{FEFF}" + MatrixTable.headings(language).map(CSVReporter.text).joined(separator: ",") + "\r\n")
      return
    }
    let head = MatrixTable.headings(language) + table.columns.map { "\($0.rule) \($0.title)" }
    out.write("\u{FEFF}" + head.map(CSVReporter.text).joined(separator: ",") + "\r\n")
    for i in table.rows {
      let row = table.row(i)
      let cells = table.cells(i)
      let t = MatrixTable.tally(cells)
      let fields =
        [
          CSVReporter.text(row.id), CSVReporter.text(row.place?.name), CSVReporter.text(row.place?.street),
          CSVReporter.text(row.place?.neighborhood), CSVReporter.text(row.file), row.line >= 1 ? String(row.line) : "",
          String(t.fail), String(t.insufficient), String(t.pass),
        ] + cells.map(\.symbol)
      out.write(fields.joined(separator: ",") + "\r\n")
    }
    if let note = table.omittedNote(language) { out.write(CSVReporter.text("… " + note) + "\r\n") }
  }
}
