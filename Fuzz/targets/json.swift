// Fuzz target 5: the JSON reader (`JSONReader.readDocuments`). The first byte picks the
// layout (bits 0-1: 0 one value, 1 the elements of a top-level array, 2 or 3 JSON Lines)
// and the limits (bit 2: small, so the depth and size defences are reachable); the rest
// is the file. Invariants beyond "no crash": every problem is located, 1-based, inside
// the input's lines; a document has a root or a fatal problem; ranges run forward; a
// node's size matches a walk; documents are numbered 0, 1, 2, ...; and every accepted
// value, written back as JSON, reads back to the same tree (so escapes, surrogates and
// numbers are decoded, not just skipped).
import YAMLSource

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let layout: JSONReader.Layout =
    switch data[0] & 3 {
    case 0: .value
    case 1: .elements
    default: .lines
    }
  let limits =
    data[0] & 4 == 4 ? YAMLLimits(maxDepth: 8, maxAliasExpansion: 100, maxFileBytes: 4096, maxScalarBytes: 64) : .default
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let lines = 1 + bytes.filter { $0 == 0x0A || $0 == 0x0D }.count
  var index = 0
  JSONReader.readDocuments(bytes, layout: layout, limits: limits) { doc in
    precondition(doc.index == index, "document \(doc.index) after \(index - 1)")
    index += 1
    for p in doc.problems {
      precondition(p.range.start.line >= 1 && p.range.start.column >= 1, "problem at \(p.range)")
      precondition(p.range.start.line <= lines, "problem at line \(p.range.start.line) of \(lines)")
      precondition(p.range.start <= p.range.end, "backward range \(p.range)")
    }
    guard let root = doc.root else {
      precondition(doc.problems.contains { $0.isFatal }, "no root and no fatal problem")
      return
    }
    precondition(!doc.problems.contains { $0.isFatal }, "a root and a fatal problem")
    precondition(walk(root) == root.size, "size \(root.size) but \(walk(root)) nodes")
    let again = JSONReader.documents(Array(write(root).utf8), limits: YAMLLimits(maxDepth: 10_000))
    precondition(again.count == 1 && again[0].problems.isEmpty, "written back: \(again.flatMap(\.problems))")
    if let other = again[0].root { precondition(same(root, other), "written back, read differently") }
  }
  return 0
}

/// Nodes in the tree, counted with a stack (the tree may be deep).
func walk(_ root: YAMLNode) -> Int {
  var stack = [root]
  var count = 0
  while let node = stack.popLast() {
    count += 1
    precondition(node.range.start <= node.range.end, "backward range \(node.range)")
    switch node.content {
    case .scalar(let s): _ = s.resolved
    case .sequence(let items): stack += items
    case .mapping(let pairs): stack += pairs.flatMap { [$0.key, $0.value] }
    }
  }
  return count
}

/// The tree as JSON text: strings escaped (control characters as \u00XX, the rest raw),
/// plain scalars as their literal text.
func write(_ node: YAMLNode) -> String {
  switch node.content {
  case .scalar(let s):
    guard s.style == .doubleQuoted else { return s.text }
    var out = "\""
    for u in s.text.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case _ where u.value < 0x20: out += "\\u00" + (u.value < 0x10 ? "0" : "") + String(u.value, radix: 16)
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  case .sequence(let items): return "[" + items.map(write).joined(separator: ",") + "]"
  case .mapping(let pairs): return "{" + pairs.map { write($0.key) + ":" + write($0.value) }.joined(separator: ",") + "}"
  }
}

func same(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
  switch (a.content, b.content) {
  case (.scalar(let x), .scalar(let y)): return x.text == y.text && x.style == y.style
  case (.sequence(let x), .sequence(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
  case (.mapping(let x), .mapping(let y)):
    return x.count == y.count && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
  default: return false
  }
}
