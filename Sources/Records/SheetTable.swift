import YAMLSource

/// One cell of a spreadsheet row, as a CSV or `.xlsx` reader gives it.
public struct SheetCell: Sendable {
  public var text: String
  /// Where a finding about it points: for CSV the line and code-point column of the
  /// cell's text; for `.xlsx` the row and the column number (J = 10).
  public var location: SourceLocation
  /// Zero-based column (A = 0).
  public var column: Int

  public init(text: String, location: SourceLocation, column: Int) {
    self.text = text
    self.location = location
    self.column = column
  }
}

/// One row of a spreadsheet; `number` is the row as the spreadsheet numbers it (1-based).
public struct SheetRow: Sendable {
  public var number: Int
  public var cells: [SheetCell]
  public var start: SourceLocation
  /// A syntax problem of the row (CSV quoting): the row is an input error.
  public var problem: YAMLProblem?

  public init(number: Int, cells: [SheetCell], start: SourceLocation, problem: YAMLProblem? = nil) {
    self.number = number
    self.cells = cells
    self.start = start
    self.problem = problem
  }
}

/// Turns the rows of one table (a CSV file, an `.xlsx` sheet) into records, as people
/// keep a ledger: the header row may sit below title rows; a header names a field by its
/// dotted path or a term of `HeaderVocabulary`; blank rows, a 合计 row and columns such as
/// 序号 / 备注 are passed over with one notice each; an unknown or ambiguous header is one
/// error at its cell, not one per row. Rows come one at a time (`add`), so a sheet read
/// as a stream is never held whole.
///
/// Findings about the table itself (a notice, an unknown header) belong to no row: they
/// ride on the next record given out (the last one for what comes after it), so the run
/// reports them without counting an input error for them.
struct SheetTable {
  /// How locations are named in messages: `第7行 J列` for CSV, `台账!J7` for a sheet.
  enum Place {
    case csv
    case sheet(String)
  }

  let file: String
  let place: Place
  let limits: YAMLLimits
  /// A sheet of a workbook is a table only when a header is found; a CSV file always is.
  let needsHeader: Bool
  /// Rows scanned for the header before the first is taken as it.
  static let headerScan = 20

  private var waiting: [SheetRow] = []
  /// A row that looks like the header, held until the next row shows whether it is the
  /// group row of a two-row header (merged 业委会 over 委员人数 | 党员人数).
  private var candidate: (row: SheetRow, above: [SheetRow])?
  private var noTable = false
  private var header: Header?
  private var headerFailed = false
  private var notes: [Finding] = []
  private var held: DecodedRecord?
  private var blankRun: (first: Int, last: Int)?
  private var index = 0
  private(set) var given = 0
  /// The workbook's events sheet, when it has one: each record takes its events from it,
  /// and reports every type.
  var eventIndex: EventIndex?

  init(file: String, place: Place, limits: YAMLLimits, needsHeader: Bool = false) {
    self.file = file
    self.place = place
    self.limits = limits
    self.needsHeader = needsHeader
  }

  struct Column {
    var path: [String]
    var pathText: String
    var header: String
  }

  struct Header {
    var columns: [Int: Column] = [:]
    /// Header cells by column, for messages.
    var names: [Int: SheetCell] = [:]
    var width = 0
    /// Columns without a header whose data was already reported.
    var unnamedReported: Set<Int> = []
    var dropped: Set<Int> = []
    /// Date columns of event types (`SheetEvents`): column → type.
    var eventColumns: [Int: String] = [:]
  }

  // MARK: - Rows in

  mutating func add(_ row: SheetRow, _ body: (DecodedRecord) -> Void) {
    if headerFailed || noTable { return }
    if let held = candidate {
      candidate = nil
      if Self.looksLikeHeader(row), Self.knownFields(row) >= Self.knownFields(held.row) {
        setHeader(Self.under(row, held.row), above: (held.above + [held.row])[...], body)
        return
      }
      setHeader(held.row, above: held.above[...], body)
      if !headerFailed { data(row, body) }
      return
    }
    guard header != nil else {
      waiting.append(row)
      if Self.looksLikeHeader(row) {
        candidate = (row, Array(waiting.dropLast()))
        waiting = []
      } else if waiting.count >= Self.headerScan {
        takeFirstAsHeader(body)
      }
      return
    }
    data(row, body)
  }

  mutating func finish(_ body: (DecodedRecord) -> Void) {
    if let held = candidate {
      candidate = nil
      setHeader(held.row, above: held.above[...], body)
    }
    if header == nil, !headerFailed, !noTable, !waiting.isEmpty { takeFirstAsHeader(body) }
    flushBlank()
    if var last = held {
      last.findings += notes
      notes = []
      held = nil
      body(last)
    }
    if !notes.isEmpty, notes.contains(where: { $0.severity == .error }) {
      // No record to carry them, and something is wrong: one input error, located.
      var failure = DecodedRecord(
        record: nil, id: nil, findings: notes, origin: RecordOrigin(file: file, index: index, range: notes[0].range))
      failure.origin.range = notes[0].range
      given += 1
      body(failure)
    }
    notes = []
  }

  /// No row looked like a header: the first non-blank one is it (its unknown names are
  /// then reported at their cells), the rest are data.
  private mutating func takeFirstAsHeader(_ body: (DecodedRecord) -> Void) {
    let rows = waiting
    waiting = []
    if needsHeader {
      noTable = true
      return
    }
    guard let at = rows.firstIndex(where: { !Self.isBlank($0) }) else { return }
    setHeader(rows[at], above: [], body)
    for row in rows[(at + 1)...] where !headerFailed { data(row, body) }
  }

  /// A header row names at least two known fields, or only known fields.
  static func looksLikeHeader(_ row: SheetRow) -> Bool {
    var known = 0
    var filled = 0
    for cell in row.cells where !cell.text.trimmingSpaces.isEmpty {
      filled += 1
      guard cell.text.utf8.count <= 4096 else { continue }
      if case .field = HeaderVocabulary.resolve(cell.text, suggesting: false) { known += 1 }
    }
    return known >= 2 || (known >= 1 && known == filled)
  }

  static func knownFields(_ row: SheetRow) -> Int {
    row.cells.filter {
      guard $0.text.utf8.count <= 4096, case .field = HeaderVocabulary.resolve($0.text, suggesting: false) else { return false }
      return true
    }.count
  }

  /// The field row of a two-row header, with the group row's fields where it is empty
  /// below them (小区编码 merged down over both rows).
  static func under(_ lower: SheetRow, _ upper: SheetRow) -> SheetRow {
    var out = lower
    let filled = Set(lower.cells.filter { !$0.text.trimmingSpaces.isEmpty }.map(\.column))
    for cell in upper.cells where !filled.contains(cell.column) {
      guard cell.text.utf8.count <= 4096, case .field = HeaderVocabulary.resolve(cell.text, suggesting: false) else { continue }
      out.cells.removeAll { $0.column == cell.column }
      out.cells.append(cell)
    }
    out.cells.sort { $0.column < $1.column }
    return out
  }

  static func isBlank(_ row: SheetRow) -> Bool {
    row.problem == nil && row.cells.allSatisfy { $0.text.trimmingSpaces.isEmpty }
  }

  // MARK: - Header

  private mutating func setHeader(_ row: SheetRow, above: ArraySlice<SheetRow>, _ body: (DecodedRecord) -> Void) {
    let titles = above.filter { !Self.isBlank($0) }
    if let first = titles.first, let last = titles.last {
      let text = first.cells.first { !$0.text.trimmingSpaces.isEmpty }?.text.trimmingSpaces ?? ""
      let rows = first.number == last.number ? "第\(first.number)行" : "第\(first.number)–\(last.number)行"
      let rowsEn = first.number == last.number ? "row \(first.number)" : "rows \(first.number)–\(last.number)"
      note(
        at: first.start,
        LocalizedText(
          zh: "表头在第\(row.number)行；其上方的标题行（\(rows)）已跳过：\(Self.shortened(text))",
          en: "the header is row \(row.number); the title rows above it (\(rowsEn)) were passed over: \(Self.shortened(text))"))
    }
    var h = Header()
    h.width = (row.cells.map(\.column).max() ?? -1) + 1
    var problems: [YAMLProblem] = []
    var columns: [String: Int] = [:]  // full path → its column
    var parents: [String: Int] = [:]  // every proper prefix → the first column under it
    for cell in row.cells {
      let column = cell.column
      h.names[column] = cell
      let at = SourceRange(at: cell.location)
      let letter = CSVReader.columnName(column)
      guard cell.text.utf8.count <= limits.maxScalarBytes else {
        problems.append(
          YAMLProblem(
            .tooLarge, "header cell of \(cell.text.utf8.count) bytes is over the limit of \(limits.maxScalarBytes) bytes", at: at))
        continue
      }
      let name = cell.text.trimmingSpaces
      // Counted before splitting: a header of 40,000 dots is refused, not built. A path
      // of k parts nests k mappings, as deep as YAML nesting of k collections.
      let depth = name.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: ".") ? 1 : 0) }
      guard depth <= limits.maxDepth else {
        problems.append(YAMLProblem(.tooDeep, "header path of \(depth) levels is deeper than \(limits.maxDepth) levels", at: at))
        continue
      }
      var path: String
      // An unknown dotted path still takes part in the checks of structure below (a
      // column both a value and a parent), as it did when headers were paths only.
      var known = true
      switch HeaderVocabulary.resolve(name) {
      case .empty:
        continue
      case .field(let p):
        path = p
      case .ignored:
        h.dropped.insert(column)
        note(
          at: cell.location,
          LocalizedText(
            zh: "“\(name)”列（\(cellName(cell))）不是记录字段，已跳过", en: "column \(name) (\(cellName(cell))) is not a record field; passed over"))
        continue
      case .ambiguous(let candidates):
        h.dropped.insert(column)
        let zh = candidates.map { "\($0)（\(HeaderVocabulary.header(for: $0) ?? $0)）" }.joined(separator: "、")
        note(
          at: cell.location,
          LocalizedText(
            zh: "表头“\(name)”（\(cellName(cell))）可能指 \(zh)，请改用其中一个字段的名称；该列未读取",
            en:
              "header \(name) (\(cellName(cell))) could mean \(candidates.joined(separator: ", ")); name one of them; the column was not read"
          ),
          severity: .error)
        continue
      case .unknown(let suggestion):
        h.dropped.insert(column)
        var zh = "未知表头“\(Self.shortened(name))”（\(cellName(cell))），该列未读取"
        var en = "unknown header \(Self.shortened(name)) (\(cellName(cell))); the column was not read"
        if let suggestion {
          let path = HeaderVocabulary.resolve(suggestion)
          let shown = if case .field(let p) = path, p != suggestion { "\(suggestion)（\(p)）" } else { suggestion }
          zh += "；是否应为 \(shown)？"
          en += "; did you mean \(shown)?"
        }
        note(at: cell.location, LocalizedText(zh: zh, en: en), severity: .error)
        guard name.contains("."), name.unicodeScalars.allSatisfy(\.isASCII) else { continue }
        path = name
        known = false
      }
      let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
      if let first = columns[path] {
        let firstName = h.names[first]?.text.trimmingSpaces ?? path
        let shown = firstName == name ? "\"\(name)\"" : "\"\(path)\" (\(firstName), \(name))"
        problems.append(
          YAMLProblem(
            .duplicateKey, "duplicate column \(shown) (first in column \(CSVReader.columnName(first)), again in column \(letter))",
            at: at, related: h.names[first].map { SourceRange(at: $0.location) }))
        continue
      }
      if let child = parents[path] {
        problems.append(
          YAMLProblem(
            .syntax,
            "column \"\(name)\" (\(letter)) is a value, but column \(CSVReader.columnName(child)) \"\(h.names[child]?.text.trimmingSpaces ?? "")\" puts fields under it",
            at: at, related: h.names[child].map { SourceRange(at: $0.location) }))
        continue
      }
      var prefix = ""
      var clash: Int?
      for part in parts.dropLast() {
        prefix = prefix.isEmpty ? part : prefix + "." + part
        if clash == nil, let value = columns[prefix] { clash = value }
      }
      if let clash {
        problems.append(
          YAMLProblem(
            .syntax,
            "column \"\(name)\" (\(letter)) puts a field under column \(CSVReader.columnName(clash)) \"\(h.names[clash]?.text.trimmingSpaces ?? "")\", which is a value",
            at: at, related: h.names[clash].map { SourceRange(at: $0.location) }))
        continue
      }
      columns[path] = column
      prefix = ""
      for part in parts.dropLast() {
        prefix = prefix.isEmpty ? part : prefix + "." + part
        if parents[prefix] == nil { parents[prefix] = column }
      }
      if known { h.columns[column] = Column(path: parts, pathText: path, header: name) }
      if known, parts.count == 2, parts[0] == "events" { h.eventColumns[column] = parts[1] }
    }
    // A header that would lose or mix up columns makes every row wrong: the table is one
    // located input error, its problems at the header cells.
    if let first = problems.first {
      headerFailed = true
      var failure = RecordSource.parseFailure(file: file, index: 0, first)
      failure.findings += problems.dropFirst().map { RecordSource.finding(for: $0, file: file) }
      failure.findings += notes.filter { $0.severity == .error }
      notes = []
      give(failure, body)
      return
    }
    header = h
  }

  // MARK: - Data rows

  private mutating func data(_ row: SheetRow, _ body: (DecodedRecord) -> Void) {
    guard var h = header else { return }
    if Self.isBlank(row) {
      if let run = blankRun, run.last + 1 == row.number {
        blankRun = (run.first, row.number)
      } else {
        flushBlank()
        blankRun = (row.number, row.number)
      }
      return
    }
    flushBlank()
    if let total = row.cells.prefix(4).first(where: {
      $0.text.utf8.count <= 24 && Self.totalWords.contains(HeaderVocabulary.normalize($0.text))
    }) {
      note(
        at: row.start,
        LocalizedText(
          zh: "第\(row.number)行是“\(total.text.trimmingSpaces)”行，不是一个小区，已跳过",
          en: "row \(row.number) is a \(total.text.trimmingSpaces) (total) row, not a community; passed over"))
      return
    }
    let i = index
    index += 1
    var problems: [YAMLProblem] = []
    if let extra = row.cells.first(where: { $0.column >= h.width }) {
      let count = (row.cells.map(\.column).max() ?? 0) + 1
      problems.append(
        YAMLProblem(.syntax, "row has \(count) cells but the header has \(h.width)", at: SourceRange(at: extra.location)))
    }
    if let problem = row.problem { problems.append(problem) }
    // The scalar cap of YAML (`maxScalarBytes`), so a 100 MB cell is refused as a
    // 100 MB scalar is.
    for cell in row.cells where cell.text.utf8.count > limits.maxScalarBytes {
      problems.append(
        YAMLProblem(
          .tooLarge, "cell of \(cell.text.utf8.count) bytes is over the limit of \(limits.maxScalarBytes) bytes",
          at: SourceRange(at: cell.location)))
    }
    if let first = problems.first {
      var failure = RecordSource.parseFailure(file: file, index: i, first)
      failure.findings += problems.dropFirst().map { RecordSource.finding(for: $0, file: file) }
      failure.origin.range = first.range
      // The row cannot be read as a record, but its id and place usually can: with them
      // the county's figures name it as not counted, rather than leave it out unsaid.
      var placing: [String: String] = [:]
      for cell in row.cells where cell.column < h.width && cell.text.utf8.count <= 256 {
        guard let path = h.columns[cell.column]?.pathText, Self.placingPaths.contains(path) else { continue }
        let text = cell.text.trimmingSpaces
        if !text.isEmpty { placing[path] = text }
      }
      failure.id = failure.id ?? placing["id"]
      if let province = placing["jurisdiction.province"] {
        failure.partialJurisdiction = Jurisdiction(
          province: province, city: placing["jurisdiction.city"], county: placing["jurisdiction.county"],
          street: placing["jurisdiction.street"], neighborhood: placing["jurisdiction.neighborhood"])
      }
      give(failure, body)
      return
    }
    var root = Tree()
    // Where each cell came from, for messages; labels are written only for a finding.
    var labels: [SourceLocation: (path: String, column: Int, header: String)] = [:]
    var eventCells: [(type: String, cell: SheetCell)] = []
    var unreported: Set<String> = []
    for cell in row.cells {
      let text = cell.text.trimmingSpaces
      guard !text.isEmpty else { continue }
      if let type = h.eventColumns[cell.column] {
        // 无 is none held, as an empty cell; - and / leave the type unreported for the row.
        let clean = CellForms.clean(text)
        if clean == "无" { continue }
        if text.utf8.count <= 6, CellForms.notReported.contains(clean) {
          unreported.insert(type)
        } else {
          eventCells.append((type, cell))
        }
        continue
      }
      guard let column = h.columns[cell.column] else {
        if cell.column < h.width, h.names[cell.column] == nil || h.names[cell.column]?.text.trimmingSpaces.isEmpty == true,
          !h.dropped.contains(cell.column), !h.unnamedReported.contains(cell.column)
        {
          h.unnamedReported.insert(cell.column)
          let letter = CSVReader.columnName(cell.column)
          note(
            at: cell.location,
            LocalizedText(
              zh: "\(letter)列没有表头，其中的单元格未读取（\(cellName(cell))：\(Self.shortened(text))）",
              en: "column \(letter) has no header; its cells were not read (\(cellName(cell)): \(Self.shortened(text)))"),
            severity: .error)
        }
        continue
      }
      if text.utf8.count <= 6, CellForms.notReported.contains(CellForms.clean(text)) { continue }
      root.insert(path: column.path[...], cell: cell)
      labels[cell.location] = (column.pathText, cell.column, column.header)
    }
    header = h
    let start = row.cells.first?.location ?? row.start
    var decoded = RecordDecoder.decode(root.node(range: SourceRange(at: start)), file: file, index: i)
    annotate(&decoded, labels: labels, row: row)
    addEvents(&decoded, cells: eventCells, unreported: unreported, header: h, row: row)
    give(decoded, body)
  }

  static let totalWords: Set<String> = ["合计", "总计", "小计", "合计:", "总计:"]

  static let placingPaths: Set<String> = [
    "id", "jurisdiction.province", "jurisdiction.city", "jurisdiction.county", "jurisdiction.street", "jurisdiction.neighborhood",
  ]

  /// The row's events: the dates of its event columns, and its rows of the events sheet.
  /// The record then speaks for the types that have a column (all of them with an events
  /// sheet); a bad date is a REC-SCHEMA error at its cell, the cell's other dates kept.
  private func addEvents(
    _ decoded: inout DecodedRecord, cells: [(type: String, cell: SheetCell)], unreported: Set<String>, header h: Header,
    row: SheetRow
  ) {
    let subject: Subject = decoded.id.map { .record(id: $0) } ?? .input(file)
    var events: [Event] = []
    for (type, cell) in cells {
      for (text, date) in SheetEvents.dates(cell.text) {
        if let date {
          events.append(Event(date: date, type: type, range: SourceRange(at: cell.location)))
          continue
        }
        let header = h.names[cell.column]?.text.trimmingSpaces ?? type
        let label = cellLabel(cell, row: row.number, header: header)
        decoded.findings.append(
          Finding(
            rule: "REC-SCHEMA", severity: .error, subject: subject, file: file, range: SourceRange(at: cell.location),
            message: LocalizedText(
              zh: "events.\(type) 中的“\(Self.shortened(text))”不是日期，应为\(SheetEvents.dateForms.zh)（\(label.zh)）",
              en: "events.\(type): \(Self.shortened(text)) is not a date; write \(SheetEvents.dateForms.en) (\(label.en))")))
      }
    }
    if let index = eventIndex, let id = decoded.id {
      let joined = index.take(id)
      let at = decoded.record?.origin.range ?? SourceRange(at: row.start)
      // Findings about an event point at its community's row: an event carries a range,
      // not a file, and the row is in the file the record's findings name.
      events += joined.events.map {
        var e = $0; e.range = at; return e
      }
      decoded.findings += joined.findings
    }
    guard var record = decoded.record else { return }
    record.events += events
    record.reportedEventTypes = eventIndex != nil ? nil : Set(h.eventColumns.values).subtracting(unreported)
    decoded.record = record
  }

  private mutating func flushBlank() {
    guard let run = blankRun else { return }
    blankRun = nil
    let rows = run.first == run.last ? "第\(run.first)行" : "第\(run.first)–\(run.last)行"
    let rowsEn = run.first == run.last ? "row \(run.first)" : "rows \(run.first)–\(run.last)"
    let line = locationOfRow(run.first)
    note(at: line, LocalizedText(zh: "空行（\(rows)）已跳过", en: "blank \(rowsEn) passed over"))
  }

  /// Row `row`'s first column (a CSV row without line breaks in its cells is its line).
  private func locationOfRow(_ row: Int) -> SourceLocation { SourceLocation(line: row, column: 1) }

  /// Each finding at a cell says which cell and header it is (`台账!J7 户数`); one about
  /// the row (a required field missing) says the row.
  private func annotate(
    _ decoded: inout DecodedRecord, labels: [SourceLocation: (path: String, column: Int, header: String)], row: SheetRow
  ) {
    for k in decoded.findings.indices {
      let finding = decoded.findings[k]
      let label: LocalizedText
      if let hit = labels[finding.range.start], finding.message.en.contains(hit.path) {
        label = cellLabel(SheetCell(text: "", location: finding.range.start, column: hit.column), row: row.number, header: hit.header)
      } else {
        label = rowLabel(row.number)
      }
      decoded.findings[k].message = LocalizedText(
        zh: finding.message.zh + "（\(label.zh)）", en: finding.message.en + " (\(label.en))")
    }
  }

  // MARK: - Names of places

  /// `J7` in a sheet, `第7行 J列` in CSV.
  func cellName(_ cell: SheetCell) -> String {
    let letter = CSVReader.columnName(cell.column)
    switch place {
    case .csv: return "\(letter)列"
    case .sheet(let name): return "\(name)!\(letter)\(cell.location.line)"
    }
  }

  private func cellLabel(_ cell: SheetCell, row: Int, header: String) -> LocalizedText {
    let letter = CSVReader.columnName(cell.column)
    switch place {
    case .csv:
      return LocalizedText(zh: "第\(row)行 \(letter)列，表头“\(header)”", en: "row \(row), column \(letter), header \(header)")
    case .sheet(let name):
      return LocalizedText(zh: "\(name)!\(letter)\(row)，表头“\(header)”", en: "\(name)!\(letter)\(row), header \(header)")
    }
  }

  private func rowLabel(_ row: Int) -> LocalizedText {
    switch place {
    case .csv: LocalizedText(zh: "第\(row)行", en: "row \(row)")
    case .sheet(let name): LocalizedText(zh: "\(name) 第\(row)行", en: "\(name) row \(row)")
    }
  }

  static func shortened(_ text: String) -> String {
    text.count > 40 ? String(text.prefix(40)) + "…" : text
  }

  // MARK: - Findings out

  private mutating func note(at location: SourceLocation, _ message: LocalizedText, severity: Severity = .info) {
    notes.append(
      Finding(rule: "REC-SCHEMA", severity: severity, subject: .input(file), file: file, range: SourceRange(at: location), message: message)
    )
  }

  /// Records go out one behind, so that what is learned after the last row (trailing
  /// blank rows) still has a record to ride on.
  private mutating func give(_ decoded: DecodedRecord, _ body: (DecodedRecord) -> Void) {
    var next = decoded
    if !notes.isEmpty {
      next.findings = notes + next.findings
      notes = []
    }
    if let previous = held { body(previous) }
    held = next
    given += 1
  }

  /// Nested mapping under construction, in header order.
  private struct Tree {
    var order: [String] = []
    var leaves: [String: SheetCell] = [:]
    var children: [String: Tree] = [:]
    var keyLocation: [String: SourceLocation] = [:]

    mutating func insert(path: ArraySlice<String>, cell: SheetCell) {
      guard let head = path.first else { return }
      if keyLocation[head] == nil {
        order.append(head)
        keyLocation[head] = cell.location
      }
      if path.count == 1 {
        leaves[head] = cell
      } else {
        children[head, default: Tree()].insert(path: path.dropFirst(), cell: cell)
      }
    }

    func node(range: SourceRange) -> YAMLNode {
      var pairs: [YAMLPair] = []
      for key in order {
        let at = SourceRange(at: keyLocation[key] ?? range.start)
        let keyNode = YAMLNode(.scalar(YAMLScalar(text: key, style: .csvCell)), range: at)
        if let cell = leaves[key] {
          pairs.append(
            YAMLPair(
              key: keyNode, value: YAMLNode(.scalar(YAMLScalar(text: cell.text, style: .csvCell)), range: SourceRange(at: cell.location))))
        } else if let child = children[key] {
          pairs.append(YAMLPair(key: keyNode, value: child.node(range: at)))
        }
      }
      return YAMLNode(.mapping(pairs), range: range)
    }
  }
}
