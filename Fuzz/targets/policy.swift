// Fuzz target 3: the policy loader (`PolicyLoader.load`): YAML, structure, check kinds,
// conditions, dates. A loaded policy must have no error findings, and vice versa.
import Policies
import Records
import YAMLSource

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let loaded = PolicyLoader.load(bytes, file: "fuzz.yaml")
  precondition(loaded.policy == nil || !loaded.hasErrors, "a policy returned with error findings")
  for f in loaded.findings {
    precondition(f.range.start.line >= 1 && f.range.start.column >= 1, "finding at \(f.range)")
  }
  return 0
}
