import YAMLSource

/// Reads a spreadsheet export: one record per row, the header naming fields by dotted
/// path (`owners_committee.members`, `fees.2024.due`). Each row becomes the same located
/// node tree a YAML record gives, its cells typed later by the field they fill.
public enum CSVReader {
  public struct Row: Sendable {
    public var node: YAMLNode?
    public var problems: [YAMLProblem]
    public var index: Int
  }

  public static func rows(_ bytes: [UInt8]) -> [Row] {
    let table = parse(bytes)
    guard let header = table.first else { return [] }
    var out: [Row] = []
    for (i, row) in table.dropFirst().enumerated() {
      if row.cells.count == 1, row.cells[0].text.isEmpty { continue }  // blank line
      var problems: [YAMLProblem] = []
      if row.cells.count > header.cells.count {
        let extra = row.cells[header.cells.count]
        problems.append(
          YAMLProblem(
            .syntax, "row has \(row.cells.count) cells but the header has \(header.cells.count)",
            at: SourceRange(at: extra.location)))
      }
      if let problem = row.problem { problems.append(problem) }
      if !problems.isEmpty {
        out.append(Row(node: nil, problems: problems, index: i))
        continue
      }
      var root = Tree()
      for (column, cell) in row.cells.enumerated() where !cell.text.isEmpty && column < header.cells.count {
        let path = header.cells[column].text.trimmingSpaces.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        root.insert(path: path[...], cell: cell)
      }
      let start = row.cells.first?.location ?? SourceLocation(line: row.line, column: 1)
      out.append(Row(node: root.node(range: SourceRange(at: start)), problems: [], index: i))
    }
    return out
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

  /// Nested mapping under construction, in header order.
  private struct Tree {
    var order: [String] = []
    var leaves: [String: Cell] = [:]
    var children: [String: Tree] = [:]
    var keyLocation: [String: SourceLocation] = [:]

    mutating func insert(path: ArraySlice<String>, cell: Cell) {
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
