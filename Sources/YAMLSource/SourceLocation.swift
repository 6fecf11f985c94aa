/// A position in a source file, 1-based. Columns count Unicode code points, as libyaml
/// does, so SARIF reports `columnKind: unicodeCodePoints`.
public struct SourceLocation: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }

  public var description: String { "\(line):\(column)" }
}

/// Where a value sits in its file: start inclusive, end exclusive (libyaml's marks).
public struct SourceRange: Hashable, Sendable, Codable, CustomStringConvertible {
  public var start: SourceLocation
  public var end: SourceLocation

  public init(start: SourceLocation, end: SourceLocation) {
    self.start = start
    self.end = end
  }

  public init(at location: SourceLocation) {
    self.init(start: location, end: location)
  }

  public static let fileStart = SourceRange(at: SourceLocation(line: 1, column: 1))

  public var description: String { "\(start)-\(end)" }
}
