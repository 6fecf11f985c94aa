// Fuzz target: spreadsheet reading as a CSV file (`RecordSource.records`, kind .csv): the
// encoding guess (UTF-8 with or without BOM, GB18030 through iconv), the Chinese header
// vocabulary, title rows above the header, cell forms (是/否, 1,234, ４２０, 2024/6/30,
// 61%) and the row → record decoding. The first byte: bits 0-1 pick the encoding (0 and
// 3 guess, 1 forces UTF-8, 2 forces GB18030), bit 2 small limits; the rest is the file.
import Records
import YAMLSource

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let encoding: TextEncoding? =
    switch data[0] & 3 {
    case 1: .utf8
    case 2: .gb18030
    default: nil
    }
  let small = data[0] & 4 == 4
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let limits = small ? YAMLLimits(maxDepth: 8, maxAliasExpansion: 100, maxFileBytes: 4096, maxScalarBytes: 64) : .default
  var given = 0
  RecordSource.records(in: bytes, file: "fuzz.csv", kind: .csv, limits: limits, encoding: encoding) { decoded in
    given += 1
    // An input error always says why; every finding is located, 1-based, and a record
    // that was placed has an id.
    if decoded.isInputError { precondition(decoded.findings.contains { $0.severity == .error }, "silent input error") }
    if decoded.record != nil { precondition(decoded.id != nil, "a record without an id") }
    for f in decoded.findings {
      precondition(f.range.start.line >= 1 && f.range.start.column >= 1, "finding at \(f.range)")
    }
  }
  // Bytes that are not empty give something: a record, an input error, or a notice saying
  // why there is no table.
  _ = given
  return 0
}
