import YAMLSource

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The text encodings a CSV file may be in (records.md, "Files" → spreadsheets): UTF-8,
/// with or without a BOM, or GB18030 — the superset of GBK that Chinese-locale Excel
/// writes when it saves "CSV". YAML and JSON are always UTF-8.
public enum TextEncoding: String, Sendable, CaseIterable {
  case utf8 = "utf-8"
  case gb18030

  /// `--encoding`'s value: `utf-8`, `gb18030`, and the names people also use (`utf8`,
  /// `gbk`, `gb2312`: GB18030 reads both).
  public static func named(_ name: String) -> TextEncoding? {
    switch name.lowercased() {
    case "utf-8", "utf8": .utf8
    case "gb18030", "gbk", "gb2312", "cp936": .gb18030
    default: nil
    }
  }

  /// How the report names what was read.
  public var displayName: String {
    switch self {
    case .utf8: "UTF-8"
    case .gb18030: "GB18030"
    }
  }

  /// Multi-byte UTF-8 characters read before the first invalid byte past which a file is
  /// taken for damaged UTF-8, not GB18030. GBK text forms a valid UTF-8 sequence now and
  /// then by chance (about one character in fifty), never eight in a row before failing;
  /// a UTF-8 file with one bad byte in its data has its header's Chinese before it.
  static let utf8Evidence = 8

  /// The file's text as UTF-8 and the encoding it was read in. `forced`: the user's
  /// `--encoding`; otherwise UTF-8 when the bytes are UTF-8 (or start with its BOM), else
  /// GB18030 when they decode as such. The problem is located in the file's own lines.
  public static func decode(_ bytes: [UInt8], forced: TextEncoding? = nil) -> (text: [UInt8], encoding: TextEncoding, problem: YAMLProblem?)
  {
    let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
    switch forced {
    case .utf8:
      return (bytes, .utf8, utf8Problem(bytes))
    case .gb18030:
      switch gb18030ToUTF8(bytes) {
      case .success(let text): return (text, .gb18030, nil)
      case .failure(let failure): return (bytes, .gb18030, gb18030Problem(bytes, at: failure.offset))
      }
    case nil:
      guard let bad = RecordSource.firstInvalidUTF8(bytes) else { return (bytes, .utf8, nil) }
      if !bom, multiByteCharacters(bytes, before: bad) < utf8Evidence, case .success(let text) = gb18030ToUTF8(bytes) {
        return (text, .gb18030, nil)
      }
      return (bytes, .utf8, utf8Problem(bytes))
    }
  }

  private static func utf8Problem(_ bytes: [UInt8]) -> YAMLProblem? {
    guard let bad = RecordSource.firstInvalidUTF8(bytes) else { return nil }
    let at = ByteLocator.location(ofByte: bad, in: bytes)
    return YAMLProblem(.encoding, "invalid UTF-8", at: SourceRange(at: at))
  }

  /// Located by line and by the characters of that line before the bad byte (decoded).
  private static func gb18030Problem(_ bytes: [UInt8], at offset: Int) -> YAMLProblem {
    let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
    let line = bytes[..<lineStart].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    var column = 1
    if case .success(let prefix) = gb18030ToUTF8(Array(bytes[lineStart..<offset])) {
      column += String(decoding: prefix, as: UTF8.self).unicodeScalars.count
    }
    return YAMLProblem(
      .encoding, "invalid GB18030 (the file was read as GB18030 by --encoding)",
      at: SourceRange(at: SourceLocation(line: line, column: column)))
  }

  static func multiByteCharacters(_ bytes: [UInt8], before end: Int) -> Int {
    var n = 0
    for b in bytes[..<end] where b >= 0xC0 { n += 1 }
    return n
  }

  /// GB18030 to UTF-8 by glibc's iconv, in one call (the output is at most 1.5 times the
  /// input, plus a little). The failure is the offset of the first byte not converted.
  static func gb18030ToUTF8(_ bytes: [UInt8]) -> Result<[UInt8], ConversionFailure> {
    let cd = iconv_open("UTF-8", "GB18030")
    guard cd != iconv_t(bitPattern: -1) else { return .failure(ConversionFailure(offset: 0)) }
    defer { iconv_close(cd) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
    var inLeft = input.count
    var outLeft = output.count
    let result = input.withUnsafeMutableBufferPointer { ib in
      output.withUnsafeMutableBufferPointer { ob -> Int in
        guard let inBase = ib.baseAddress, let outBase = ob.baseAddress else { return 0 }
        var ip: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
        var op: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
        return iconv(cd, &ip, &inLeft, &op, &outLeft)
      }
    }
    guard result != -1, inLeft == 0 else { return .failure(ConversionFailure(offset: bytes.count - inLeft)) }
    output.removeLast(outLeft)
    return .success(output)
  }

  struct ConversionFailure: Error {
    var offset: Int
  }
}
