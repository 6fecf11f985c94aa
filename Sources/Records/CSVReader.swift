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

  public static func rows(_ bytes: [UInt8], limits: YAMLLimits = .default) -> [Row] {
    let table = parse(bytes)
    guard let header = table.first else { return [] }
    // A header that would lose or mix up columns makes every row wrong: the file is one
    // located input error, its problems at the header cells.
    let (paths, headerProblems) = headerPaths(header, limits: limits)
    if !headerProblems.isEmpty { return [Row(node: nil, problems: headerProblems, index: 0)] }
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
      // The scalar cap of YAML (`maxScalarBytes`), so a 100 MB cell is refused as a
      // 100 MB scalar is.
      for cell in row.cells where cell.text.utf8.count > limits.maxScalarBytes {
        problems.append(
          YAMLProblem(
            .tooLarge, "cell of \(cell.text.utf8.count) bytes is over the limit of \(limits.maxScalarBytes) bytes",
            at: SourceRange(at: cell.location)))
      }
      if !problems.isEmpty {
        out.append(Row(node: nil, problems: problems, index: i))
        continue
      }
      var root = Tree()
      for (column, cell) in row.cells.enumerated() where !cell.text.isEmpty && column < header.cells.count {
        root.insert(path: paths[column][...], cell: cell)
      }
      let start = row.cells.first?.location ?? SourceLocation(line: row.line, column: 1)
      out.append(Row(node: root.node(range: SourceRange(at: start)), problems: [], index: i))
    }
    return out
  }

  /// Each header cell's dotted path, and what is wrong with the header: a column named
  /// twice (the second would silently win), a column that is both a value and the parent
  /// of others (`households` with `households.x`: one would be dropped), a path deeper
  /// than YAML nesting may go (`maxDepth`), a header cell over the scalar cap.
  static func headerPaths(_ header: ParsedRow, limits: YAMLLimits) -> ([[String]], [YAMLProblem]) {
    var problems: [YAMLProblem] = []
    var paths: [[String]] = []
    var columns: [String: Int] = [:]  // full path → its column
    var parents: [String: Int] = [:]  // every proper prefix → the first column under it
    for (column, cell) in header.cells.enumerated() {
      let at = SourceRange(at: cell.location)
      guard cell.text.utf8.count <= limits.maxScalarBytes else {
        problems.append(
          YAMLProblem(
            .tooLarge, "header cell of \(cell.text.utf8.count) bytes is over the limit of \(limits.maxScalarBytes) bytes", at: at))
        paths.append([])
        continue
      }
      let name = cell.text.trimmingSpaces
      // Counted before splitting: a header of 40,000 dots is refused, not built. A path
      // of k parts nests k mappings, as deep as YAML nesting of k collections.
      let depth = name.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: ".") ? 1 : 0) }
      guard depth <= limits.maxDepth else {
        problems.append(YAMLProblem(.tooDeep, "header path of \(depth) levels is deeper than \(limits.maxDepth) levels", at: at))
        paths.append([])
        continue
      }
      let path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
      paths.append(path)
      if name.isEmpty { continue }  // an unnamed column: its cells are unknown fields
      let letter = columnName(column)
      if let first = columns[name] {
        problems.append(
          YAMLProblem(
            .duplicateKey, "duplicate column \"\(name)\" (first in column \(columnName(first)), again in column \(letter))", at: at,
            related: SourceRange(at: header.cells[first].location)))
        continue
      }
      if let child = parents[name] {
        problems.append(
          YAMLProblem(
            .syntax,
            "column \"\(name)\" (\(letter)) is a value, but column \(columnName(child)) \"\(header.cells[child].text.trimmingSpaces)\" puts fields under it",
            at: at, related: SourceRange(at: header.cells[child].location)))
        continue
      }
      var prefix = ""
      var clash: Int?
      for part in path.dropLast() {
        prefix = prefix.isEmpty ? part : prefix + "." + part
        if clash == nil, let value = columns[prefix] { clash = value }
      }
      if let clash {
        problems.append(
          YAMLProblem(
            .syntax,
            "column \"\(name)\" (\(letter)) puts a field under column \(columnName(clash)) \"\(header.cells[clash].text.trimmingSpaces)\", which is a value",
            at: at, related: SourceRange(at: header.cells[clash].location)))
        continue
      }
      columns[name] = column
      prefix = ""
      for part in path.dropLast() {
        prefix = prefix.isEmpty ? part : prefix + "." + part
        if parents[prefix] == nil { parents[prefix] = column }
      }
    }
    return (paths, problems)
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
