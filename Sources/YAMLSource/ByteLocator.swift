/// Turns a byte offset into a line and code-point column, counting breaks as libyaml
/// does (CRLF is one break, a BOM is not a column). libyaml gives only a byte offset for
/// invalid UTF-8, with its mark left at 0:0.
public enum ByteLocator {
  public static func location(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
    var line = 1
    var column = 1
    var i = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    let end = min(offset, bytes.count)
    while i < end {
      let b = bytes[i]
      if b == 0x0A {
        line += 1
        column = 1
      } else if b == 0x0D {
        if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
        line += 1
        column = 1
      } else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0x85 {
        // NEL, and LS/PS below: libyaml (YAML 1.1) counts them as line breaks in its marks.
        i += 1
        line += 1
        column = 1
      } else if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
        i += 2
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
      i += 1
    }
    return SourceLocation(line: line, column: column)
  }

  public static func location(ofByte offset: Int, in bytes: [UInt8]) -> SourceLocation {
    bytes.withUnsafeBufferPointer { location(ofByte: offset, in: $0) }
  }
}
