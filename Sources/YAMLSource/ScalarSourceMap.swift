/// Where a character of a scalar's value sits in the file. A value is not its source: a
/// plain or quoted scalar over several lines is folded (a line break and the next line's
/// indentation become one space), `\"` and `\u00E9` are one character, `''` is one quote,
/// and a block scalar starts on the line after its indicator. A problem found at offset k
/// of the value (a condition's syntax error) is located by walking the value and the
/// source together.
public enum ScalarSourceMap {
  /// The location of the value's character number `offset` (0-based, in code points),
  /// given where the node starts in `source`. Off the end of the source, the last place
  /// reached.
  public static func location(
    ofOffset offset: Int, in value: String, style: ScalarStyle, nodeStart: SourceLocation, source: [UInt8]
  ) -> SourceLocation {
    let text = Array(value.unicodeScalars)
    var src = Scanner(source: source, from: nodeStart)
    switch style {
    case .singleQuoted, .doubleQuoted: src.advance()
    case .literal, .folded:
      while let c = src.current, c != "\n" { src.advance() }
      src.advance()
    case .plain, .csvCell: break
    }
    var k = 0
    while k < min(offset, text.count), let s = src.current {
      let c = text[k]
      if style == .doubleQuoted, s == "\\" {
        let next = src.peek(1)
        if next == "\n" || next == "\r" {  // an escaped line break: no character of the value
          src.advance()
          src.skipLineBreak()
          continue
        }
        let length: Int =
          switch next {
          case "x": 4
          case "u": 6
          case "U": 10
          default: 2
          }
        for _ in 0..<length { src.advance() }
        k += 1
        continue
      }
      if style == .singleQuoted, s == "'", src.peek(1) == "'" {
        src.advance()
        src.advance()
        k += 1
        continue
      }
      if s == c {
        src.advance()
        k += 1
        continue
      }
      if s == "\n" || s == "\r" {
        // A fold: the break and the next line's indentation stand for this space (or
        // line break); otherwise they are only layout.
        src.skipLineBreak()
        while let w = src.current, w == " " || w == "\t" { src.advance() }
        if c == " " || c == "\n" { k += 1 }
        continue
      }
      // Indentation, trailing blanks and the like: layout that the value does not hold.
      src.advance()
    }
    return src.location
  }

  /// Walks a file's code points from a location, counting lines and columns as libyaml does.
  struct Scanner {
    private let scalars: [Unicode.Scalar]
    private var index: Int
    private(set) var location: SourceLocation

    init(source: [UInt8], from start: SourceLocation) {
      var line = 1
      var byte = 0
      while line < start.line, byte < source.count {
        if source[byte] == 0x0A { line += 1 }
        byte += 1
      }
      // The rest of the file from the start of the node's line; decoding stops at the
      // first invalid byte, which a parsed policy does not have.
      scalars = Array(String(decoding: source[byte...], as: UTF8.self).unicodeScalars)
      index = min(max(start.column - 1, 0), scalars.count)
      location = SourceLocation(line: start.line, column: start.column)
    }

    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    func peek(_ n: Int) -> Unicode.Scalar? { index + n < scalars.count ? scalars[index + n] : nil }

    mutating func advance() {
      guard let c = current else { return }
      index += 1
      if c == "\n" {
        location = SourceLocation(line: location.line + 1, column: 1)
      } else if c == "\r", current != "\n" {
        location = SourceLocation(line: location.line + 1, column: 1)
      } else if c != "\r" {
        location.column += 1
      }
    }

    mutating func skipLineBreak() {
      if current == "\r" { advance() }
      if current == "\n" { advance() }
    }
  }
}
