import YAMLSource

/// Reads a spreadsheet export: one record per row (`SheetTable`). RFC 4180 here; each row
/// becomes the same located node tree a YAML record gives, its cells typed later by the
/// field they fill.
public enum CSVReader {
  /// The records of a CSV file's text (already UTF-8), through `SheetTable`: header
  /// found below title rows, Chinese terms, blank and 合计 rows passed over.
  static func records(
    _ bytes: [UInt8], file: String, limits: YAMLLimits, events: EventIndex? = nil, _ body: (DecodedRecord) -> Void
  ) {
    var table = SheetTable(file: file, place: .csv, limits: limits)
    table.eventIndex = events
    var rows = 0
    for (i, row) in parse(bytes).enumerated() {
      let sheetRow = sheetRow(i, row)
      rows += 1
      if rows <= SheetTable.headerScan, isEventsHeader(sheetRow) {
        body(eventsFile(file, at: sheetRow.start))
        return
      }
      table.add(sheetRow, body)
    }
    table.finish(body)
  }

  private static func sheetRow(_ i: Int, _ row: ParsedRow) -> SheetRow {
    let cells = row.cells.enumerated().map { SheetCell(text: $0.element.text, location: $0.element.location, column: $0.offset) }
    return SheetRow(number: i + 1, cells: cells, start: SourceLocation(line: row.line, column: 1), problem: row.problem)
  }

  /// An events table's header, not a ledger's (小区编码 + 小区名称 + 活动类型 + 日期 names
  /// two ledger fields too).
  static func isEventsHeader(_ row: SheetRow) -> Bool { EventTable.header(row) != nil }

  /// Whether a CSV text (UTF-8, maybe only its first lines) is an events table: one of its
  /// top rows is an events header, and no ledger header comes before it.
  static func isEventsTable(_ bytes: [UInt8]) -> Bool {
    for (i, row) in parse(bytes).prefix(SheetTable.headerScan).enumerated() {
      let sheetRow = sheetRow(i, row)
      if isEventsHeader(sheetRow) { return true }
      if SheetTable.looksLikeHeader(sheetRow) { return false }
    }
    return false
  }

  /// The rows of a CSV events table (`isEventsTable`), for the ledger files of its folder.
  static func eventRows(_ bytes: [UInt8], file: String) -> EventRows {
    let index = EventIndex()
    var table = EventTable(file: file, sheet: nil, index: index)
    for (i, row) in parse(bytes).enumerated() { table.add(sheetRow(i, row)) }
    return index.rows
  }

  /// A CSV events table read on its own, not with the ledger files of its folder: one input
  /// error saying how events join.
  static func eventsFile(_ file: String, at location: SourceLocation) -> DecodedRecord {
    let finding = Finding(
      rule: "REC-SCHEMA", severity: .error, subject: .input(file), file: file, range: SourceRange(at: location),
      message: LocalizedText(
        zh: "此 CSV 是活动记录表（小区编码、活动类型、日期），未读取：活动记录表须与台账 CSV 放在同一目录中一起检查（或作为 .xlsx 工作簿中的一个工作表）",
        en:
          "this CSV file is an events table (小区编码, 活动类型, 日期) and was not read: check it together with the ledger's CSV files of its folder (or as a sheet of an .xlsx workbook)"
      ))
    return DecodedRecord(record: nil, id: nil, findings: [finding], origin: RecordOrigin(file: file, index: 0, range: finding.range))
  }

  /// A spreadsheet's column letter for a zero-based column: A … Z, AA, AB, …
  static func columnName(_ column: Int) -> String {
    var n = column + 1
    var letters: [Character] = []
    while n > 0 {
      let r = (n - 1) % 26
      letters.append(Character(UnicodeScalar(UInt8(65 + r))))
      n = (n - 1) / 26
    }
    return String(letters.reversed())
  }

  struct Cell {
    var text: String
    var location: SourceLocation
  }

  struct ParsedRow {
    var cells: [Cell]
    var line: Int
    var problem: YAMLProblem?
  }

  /// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
  static func parse(_ input: [UInt8]) -> [ParsedRow] {
    var bytes = input[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    var rows: [ParsedRow] = []
    var cells: [Cell] = []
    var field: [UInt8] = []
    var line = 1
    var column = 1
    var rowLine = 1
    var fieldStart = SourceLocation(line: 1, column: 1)
    var inQuotes = false
    var wasQuoted = false
    var problem: YAMLProblem?
    var i = bytes.startIndex
    func endField() {
      cells.append(Cell(text: String(decoding: field, as: UTF8.self), location: fieldStart))
      field = []
      wasQuoted = false
    }
    while i < bytes.endIndex {
      let b = bytes[i]
      if inQuotes {
        if b == UInt8(ascii: "\"") {
          if i + 1 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "\"") {
            field.append(b)
            i += 2
            column += 2
            continue
          }
          inQuotes = false
        } else {
          field.append(b)
          if b == 0x0A {
            line += 1
            column = 0
          }
        }
      } else if b == UInt8(ascii: "\""), field.isEmpty, !wasQuoted {
        inQuotes = true
        wasQuoted = true
      } else if b == UInt8(ascii: ",") {
        endField()
        fieldStart = SourceLocation(line: line, column: column + 1)
      } else if b == 0x0A || b == 0x0D {
        endField()
        rows.append(ParsedRow(cells: cells, line: rowLine, problem: problem))
        cells = []
        problem = nil
        if b == 0x0D, i + 1 < bytes.endIndex, bytes[i + 1] == 0x0A { i += 1 }
        line += 1
        column = 1
        rowLine = line
        fieldStart = SourceLocation(line: line, column: 1)
        i += 1
        continue
      } else {
        if wasQuoted, problem == nil {
          problem = YAMLProblem(
            .syntax, "text after a closing quote", at: SourceRange(at: SourceLocation(line: line, column: column)))
        }
        field.append(b)
      }
      if b & 0xC0 != 0x80 { column += 1 }
      i += 1
    }
    if inQuotes {
      problem = YAMLProblem(.syntax, "quoted cell is never closed", at: SourceRange(at: fieldStart))
    }
    if !field.isEmpty || !cells.isEmpty || wasQuoted || problem != nil {
      endField()
      rows.append(ParsedRow(cells: cells, line: rowLine, problem: problem))
    }
    return rows
  }
}
