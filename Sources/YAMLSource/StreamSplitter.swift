/// Cuts a multi-document YAML stream into pieces that can be parsed independently, so
/// that the documents of one large file can be read on several cores.
///
/// A piece starts at a line that begins with the document marker `---` (followed by a
/// space, a tab, a line break or the end): at column 0 that marker always starts a new
/// document (YAML 1.2 §9.1.4, c-forbidden), so a parser that begins there is in the same
/// state as one that read everything before it — provided the previous piece ended
/// cleanly. A caller must therefore treat a piece whose parse stopped on an error (other
/// than the last) as unproven, and re-read the file sequentially from that piece on.
public enum StreamSplitter {
  public struct Piece: Sendable, Hashable {
    /// Byte range of the piece in the file.
    public var start: Int
    public var end: Int
    /// Zero-based line of the piece's first byte, counted as libyaml counts breaks.
    public var line: Int
  }

  /// Pieces of about `targetBytes` each, covering the whole buffer in order.
  public static func pieces(of buffer: UnsafeBufferPointer<UInt8>, targetBytes: Int) -> [Piece] {
    var out: [Piece] = []
    var start = 0
    var line = 0
    var i = 0
    var lines = 0
    let n = buffer.count
    var nextCut = targetBytes
    while i < n {
      let b = buffer[i]
      if b == 0x0A || b == 0x0D {
        if b == 0x0D, i + 1 < n, buffer[i + 1] == 0x0A { i += 1 }
        lines += 1
        i += 1
        // A cut may come here, at the start of a line.
        if i >= nextCut, i + 3 <= n, buffer[i] == 0x2D, buffer[i + 1] == 0x2D, buffer[i + 2] == 0x2D,
          i + 3 == n || buffer[i + 3] == 0x20 || buffer[i + 3] == 0x09 || buffer[i + 3] == 0x0A || buffer[i + 3] == 0x0D
        {
          out.append(Piece(start: start, end: i, line: line))
          start = i
          line = lines
          nextCut = i + targetBytes
        }
        continue
      }
      if b == 0xC2, i + 1 < n, buffer[i + 1] == 0x85 {
        lines += 1  // NEL: libyaml counts it as a break
        i += 2
        continue
      }
      if b == 0xE2, i + 2 < n, buffer[i + 1] == 0x80, buffer[i + 2] == 0xA8 || buffer[i + 2] == 0xA9 {
        lines += 1  // LS, PS
        i += 3
        continue
      }
      i += 1
    }
    out.append(Piece(start: start, end: n, line: line))
    return out
  }

  /// The first line after the buffer's first, at or after zero-based line `from`, that
  /// starts with the document marker `---` (after a CR or LF, as a cut of `pieces`):
  /// where reading resumes after a problem. Its byte offset in `buffer` and its
  /// zero-based line in the file; `buffer` starts at the beginning of line `startLine`,
  /// and lines are counted as libyaml counts breaks.
  public static func nextDocumentMarker(in buffer: UnsafeBufferPointer<UInt8>, startLine: Int, from: Int) -> (
    offset: Int, line: Int
  )? {
    let n = buffer.count
    var i = 0
    var line = startLine
    while i < n {
      let b = buffer[i]
      if b == 0x0A || b == 0x0D {
        if b == 0x0D, i + 1 < n, buffer[i + 1] == 0x0A { i += 1 }
        i += 1
        line += 1
        if line >= from, i + 3 <= n, buffer[i] == 0x2D, buffer[i + 1] == 0x2D, buffer[i + 2] == 0x2D,
          i + 3 == n || buffer[i + 3] == 0x20 || buffer[i + 3] == 0x09 || buffer[i + 3] == 0x0A || buffer[i + 3] == 0x0D
        {
          return (i, line)
        }
        continue
      }
      if b == 0xC2, i + 1 < n, buffer[i + 1] == 0x85 {
        line += 1  // NEL: libyaml counts it as a break
        i += 2
        continue
      }
      if b == 0xE2, i + 2 < n, buffer[i + 1] == 0x80, buffer[i + 2] == 0xA8 || buffer[i + 2] == 0xA9 {
        line += 1  // LS, PS
        i += 3
        continue
      }
      i += 1
    }
    return nil
  }
}
