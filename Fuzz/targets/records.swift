// Fuzz target 2: the record decoder (`RecordSource.records`). The first byte picks the
// mode (bit 0: CSV; else bit 2: JSON, `.jsonl` with bit 3 too; else YAML) and bit 1 small
// limits; the rest is the file. Small limits make the size/scalar/depth defences
// reachable by the fuzzer.
import Records
import YAMLSource

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let kind: InputKind = data[0] & 1 == 1 ? .csv : data[0] & 4 == 0 ? .yaml : data[0] & 8 == 0 ? .json : .jsonLines
  let small = data[0] & 2 == 2
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let limits = small ? YAMLLimits(maxDepth: 8, maxAliasExpansion: 100, maxFileBytes: 4096, maxScalarBytes: 64) : .default
  var records = 0
  RecordSource.records(in: bytes, file: "fuzz", kind: kind, limits: limits) { decoded in
    records += 1
    // An input error always says why; every finding is located, 1-based.
    if decoded.isInputError { precondition(decoded.findings.contains { $0.severity == .error }, "silent input error") }
    for f in decoded.findings {
      precondition(f.range.start.line >= 1 && f.range.start.column >= 1, "finding at \(f.range)")
    }
  }
  return 0
}
