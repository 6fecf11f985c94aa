import YAMLSource

/// Reads a spreadsheet export: one record per row (`SheetTable`). RFC 4180 here; each row
/// becomes the same located node tree a YAML record gives, its cells typed later by the
/// field they fill.
public enum CSVReader {
  /// The records of a CSV file's text (already UTF-8), through `SheetTable`: header
  /// found below title rows, Chinese terms, blank and 合计 rows passed over.
  static func records(_ bytes: [UInt8], file: String, limits: YAMLLimits, _ body: (DecodedRecord) -> Void) {
    var table = SheetTable(file: file, place: .csv, limits: limits)
    var rows = 0
    for (i, row) in parse(bytes).enumerated() {
      let cells = row.cells.enumerated().map { SheetCell(text: $0.element.text, location: $0.element.location, column: $0.offset) }
      let sheetRow = SheetRow(number: i + 1, cells: cells, start: SourceLocation(line: row.line, column: 1), problem: row.problem)
      rows += 1
      if rows <= SheetTable.headerScan, !SheetTable.looksLikeHeader(sheetRow), EventTable.header(sheetRow) != nil {
        body(eventsFile(file, at: sheetRow.start))
        return
      }
      table.add(sheetRow, body)
    }
    table.finish(body)
  }

  /// A CSV file that is an events table: not joined (the boundary of `SheetEvents`), one
  /// input error saying what to do instead. A folder's CSV files are read each on its own,
  /// in parallel, and a join across them would hold every community row of the folder
  /// until the events file is read.
  static func eventsFile(_ file: String, at location: SourceLocation) -> DecodedRecord {
    let finding = Finding(
      rule: "REC-SCHEMA", severity: .error, subject: .input(file), file: file, range: SourceRange(at: location),
      message: LocalizedText(
        zh: "此 CSV 是活动记录表（小区编码、活动类型、日期），未读取：活动记录表只在 .xlsx 工作簿中作为一个工作表与台账一起读取；CSV 台账请在台账中每类活动一列（如“消防演练日期”）",
        en:
          "this CSV file is an events table (小区编码, 活动类型, 日期) and was not read: an events sheet is read only inside an .xlsx workbook, with the ledger; in a CSV ledger give a date column per event type (such as 消防演练日期)"
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
