import Foundation
import Testing
@testable import YAMLSource

@Suite struct ScratchProbe {
  func show(_ s: String, _ limits: YAMLLimits = .default) {
    let docs = YAMLReader.documents(Array(s.utf8), limits: limits)
    print("PROBE", s.debugDescription.prefix(80), "->", docs.map { d in (d.root.map { "\($0.kindName)@\($0.range)" } ?? "nil", d.problems.map { "\($0.kind) \($0.range) \($0.message)" }) })
  }
  @Test func probe() {
    show("&a [ &a x, *a ]")
    show("a: &a [ &a x, *a ]\n")
    show("a: x\u{2028}b: [\n")
    show("a: x\u{85}b: [\n")
    do { var b = Array("a: \"x\u{2028}y".utf8); b += [0xFF, 0x22, 0x0A]; let docs = YAMLReader.documents(b); print("PROBE bad-utf8-after-LS", docs.map { $0.problems.map { "\($0.kind) \($0.range) \($0.message)" } }) }
    show("a: b\0c\n")
    show("\0")
    show("- a\n- b: [\n")
    let n = 200_000
    let big = String(repeating: "- x\n", count: n)
    let t0 = Date()
    let d = YAMLReader.documents(Array(big.utf8))
    print("PROBE seq \(n) items:", d[0].root?.items?.count ?? -1, Date().timeIntervalSince(t0))
    let bigm = (0..<n).map { "k\($0): v\n" }.joined()
    let t1 = Date()
    let dm = YAMLReader.documents(Array(bigm.utf8))
    print("PROBE map \(n) pairs:", dm[0].root?.pairs?.count ?? -1, Date().timeIntervalSince(t1))
  }
}
