import Foundation
import Records
import Testing
import YAMLSource

@testable import Engine

/// Nothing is lost: over seeded random mixes of good and broken files,
/// `records = checked + skipped + input_errors`, every record each file should yield is
/// counted, and every good file's records get the same findings alone as in the mix.
@Suite
struct AccountingPropertyTests {
  /// SplitMix64: small, deterministic, the same on every platform.
  struct PRNG {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
  }

  /// What a generated input is on disk: a file, or one of the faults of issue 11.
  enum Kind {
    case file, fifo, socket, danglingLink, deviceLink, directoryNamedLikeFile
    /// A symlink to a folder elsewhere holding `bytes` as `good.yaml`: followed.
    case linkedFolder
    /// A symlink back to the folder being walked: a loop, reported once.
    case loopLink
    /// A file listed by the walk and deleted before the run reads it.
    case vanished
  }

  /// A generated input file and what it must yield.
  struct Piece {
    var name: String
    var bytes: [UInt8]
    var checked = 0
    var skipped = 0
    var inputErrors = 0
    var kind = Kind.file
    /// Every record in it is good (its findings must not depend on the other files).
    var isGood: Bool { inputErrors == 0 }
    /// Where its records appear, relative to the mix's folder.
    var recordPath: String { kind == .linkedFolder ? name + "/good.yaml" : name }
  }

  /// Example records with their ids made unique. Records of 舒城县, 济南市, 静安区 and 自贡市
  /// have a shipped policy (checked); the 北京市 one has none (skipped). 绍兴 is left out:
  /// its percentile rule ranks within the run, so its findings depend on the mix by design.
  static let templates: [(text: String, ids: [String])] = [
    "examples/records/shucheng/meishan.yaml", "examples/records/shucheng/chengguan.yaml",
    "examples/records/shandong/quancheng.yaml", "examples/records/jingan/daning.yaml",
  ].map { path in
    let text = String(decoding: Support.bytes(path), as: UTF8.self)
    let ids = text.split(separator: "\n").filter { $0.hasPrefix("id: ") }.map { String($0.dropFirst(4)) }
    return (text, ids)
  }

  static func minimal(_ id: String, province: String = "安徽省", city: String = "六安市", county: String = "舒城县", households: String = "420")
    -> String
  {
    "id: \(id)\nname: 小区\(id)\njurisdiction: {province: \(province), city: \(city), county: \(county)}\nas_of: 2024-06-30\nhouseholds: \(households)\n"
  }

  static let csvHeader = "id,name,jurisdiction.province,jurisdiction.city,jurisdiction.county,as_of,households\n"

  /// One random file: good, broken, or a mix inside one file.
  static func piece(_ rng: inout PRNG, _ k: Int) -> Piece {
    let u = "U\(k)"
    switch rng.int(28) {
    case 0, 1, 2:
      var t = rng.pick(templates)
      for (i, id) in t.ids.enumerated() { t.text = t.text.replacingOccurrences(of: "id: \(id)", with: "id: \(u)-\(i)") }
      return Piece(name: "\(k)-good.yaml", bytes: Array(t.text.utf8), checked: t.ids.count)
    case 3:
      // Several minimal records in one stream, with empty documents that hold no record.
      let n = 1 + rng.int(4)
      let docs = (0..<n).map { minimal("\(u)-\($0)", households: "\(1 + rng.int(5000))") }
      return Piece(name: "\(k)-stream.yaml", bytes: Array(("---\n" + docs.joined(separator: "---\n") + "---\n").utf8), checked: n)
    case 4:
      return Piece(name: "\(k)-beijing.yaml", bytes: Array(minimal(u, province: "北京市", city: "北京市", county: "东城区").utf8), skipped: 1)
    case 5:
      let rows = (0..<(1 + rng.int(3))).map { "\(u)-\($0),小区,安徽省,六安市,舒城县,2024-06-30,\(10 + $0)\n" }
      let bom = rng.int(2) == 0 ? "\u{FEFF}" : ""
      return Piece(name: "\(k)-good.csv", bytes: Array((bom + csvHeader + rows.joined()).utf8), checked: rows.count)
    case 6:
      // Good, then a syntax error: it ends its document; reading resumes at the next `---`.
      let text = minimal("\(u)-0") + "---\nid: [\(u)\nname: x\n---\n" + minimal("\(u)-2")
      return Piece(name: "\(k)-stops.yaml", bytes: Array(text.utf8), checked: 2, inputErrors: 1)
    case 7:
      var bytes = Array(minimal(u).utf8)
      bytes.insert(rng.pick([0xFF, 0xC0, 0x00, 0xFE]), at: 4 + rng.int(bytes.count - 8))
      return Piece(name: "\(k)-bytes.yaml", bytes: bytes, inputErrors: 1)
    case 8:
      let bad = rng.pick(["99999999999999999999", ".nan", ".inf", "-5", "0", "many", "yes", "[1]"])
      // A bad value that does not place the record: that field unreported, the record checked.
      return Piece(name: "\(k)-households.yaml", bytes: Array(minimal(u, households: bad).utf8), checked: 1)
    case 9:
      let text = minimal(u).replacingOccurrences(of: "2024-06-30", with: rng.pick(["2023-02-30", "2024-13-01", "yesterday", "2024-6-30"]))
      return Piece(name: "\(k)-date.yaml", bytes: Array(text.utf8), inputErrors: 1)
    case 10:
      let kept = [minimal(u) + "unknown_field: 1\n", minimal(u).replacingOccurrences(of: "households: 420", with: "households: ~")]
      if rng.int(4) == 0 {
        return Piece(name: "\(k)-unreported.yaml", bytes: Array(rng.pick(kept).utf8), checked: 1)
      }
      let text = rng.pick([
        "id: &x [*x]\n",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
        "x: " + String(repeating: "[", count: 70) + "\n", "id: *nope\n", "- just\n- a list\n", "just a scalar\n",
        minimal(u) + "households: 3\n",
        // Null required values (once a silent input error, found by fuzzing).
        minimal(u).replacingOccurrences(of: "id: \(u)", with: "id:"),
        minimal(u).replacingOccurrences(of: "id: \(u)", with: "id: ''"),
      ])
      return Piece(name: "\(k)-broken.yaml", bytes: Array(text.utf8), inputErrors: 1)
    case 11:
      // A CSV with good rows, a ragged row and a short row.
      let text =
        csvHeader + "\(u)-0,甲,安徽省,六安市,舒城县,2024-06-30,100\n" + "\(u)-1,乙,安徽省,六安市,舒城县,2024-06-30,100,extra\n"
        + "\(u)-2,丙,安徽省\n" + "\(u)-3,丁,安徽省,六安市,舒城县,2024-06-30,99999999999999999999\n" + "\(u)-4,戊,北京市,北京市,东城区,2024-06-30,5\n"
      // The overflowing households of U-3 leave only that cell unreported.
      return Piece(name: "\(k)-ragged.csv", bytes: Array(text.utf8), checked: 2, skipped: 1, inputErrors: 2)
    case 12:
      return Piece(
        name: "\(k)-empty.yaml", bytes: rng.pick([[], Array("---\n".utf8), Array("# nothing\n".utf8), Array("---\n...\n---\n".utf8)]))
    case 13:
      return Piece(name: "\(k)-unclosed.csv", bytes: Array((csvHeader + "\(u),\"甲,安徽省\n").utf8), inputErrors: 1)
    case 14:
      // The same id twice in one file: the second is an input error.
      return Piece(name: "\(k)-dup.yaml", bytes: Array((minimal(u) + "---\n" + minimal(u)).utf8), checked: 1, inputErrors: 1)
    case 16:
      return Piece(name: "\(k)-fifo.yaml", bytes: [], inputErrors: 1, kind: .fifo)
    case 17:
      return Piece(name: "\(k)-sock.yaml", bytes: [], inputErrors: 1, kind: .socket)
    case 18:
      return Piece(name: "\(k)-dangling.yaml", bytes: [], inputErrors: 1, kind: .danglingLink)
    case 19:
      return Piece(name: "\(k)-null.yaml", bytes: [], inputErrors: 1, kind: .deviceLink)
    case 20:
      return Piece(name: "\(k)-folder.yaml", bytes: Array(minimal(u).utf8), inputErrors: 1, kind: .directoryNamedLikeFile)
    case 21:
      return Piece(name: "\(k)-linked", bytes: Array(minimal(u).utf8), checked: 1, kind: .linkedFolder)
    case 22:
      return Piece(name: "\(k)-loop", bytes: [], inputErrors: 1, kind: .loopLink)
    case 23:
      return Piece(name: "\(k)-vanished.yaml", bytes: Array(minimal(u).utf8), inputErrors: 1, kind: .vanished)
    case 24:
      // Several records, one damaged document among them: it alone is lost.
      let n = 2 + rng.int(5)
      let bad = rng.int(n)
      let damage = rng.pick([
        "extra: [unclosed\n", "\tbad: tab\n", "name2: \"open\n", "deep: " + String(repeating: "[", count: 70) + "\n", "x: \u{FFFE}\n",
        "- a list\nb: c\n",
      ])
      var docs = (0..<n).map { minimal("\(u)-\($0)") }
      docs[bad] += damage
      var bytes = Array(docs.joined(separator: "---\n").utf8)
      if let at = bytes.indices.first(where: { bytes[$0] == 0xEF && bytes[$0 + 1] == 0xBF && bytes[$0 + 2] == 0xBE }) {
        bytes.replaceSubrange(at..<(at + 3), with: [0xFF])  // invalid UTF-8 in the damaged document
      }
      return Piece(name: "\(k)-damaged.yaml", bytes: bytes, checked: n - 1, inputErrors: 1)
    case 25:
      let header = String(csvHeader.dropLast()) + rng.pick([",households\n", ",households.x\n"])
      return Piece(name: "\(k)-header.csv", bytes: Array((header + "\(u),甲,安徽省,六安市,舒城县,2024-06-30,100,5\n").utf8), inputErrors: 1)
    case 26:
      let header = String(csvHeader.dropLast()) + "," + Array(repeating: "x", count: 65 + rng.int(1000)).joined(separator: ".") + "\n"
      return Piece(name: "\(k)-deep.csv", bytes: Array((header + "\(u),甲,安徽省,六安市,舒城县,2024-06-30,100,5\n").utf8), inputErrors: 1)
    case 27:
      let big = String(repeating: "大", count: (YAMLLimits.default.maxScalarBytes / 3) + 1)
      let text =
        csvHeader + "\(u)-0,甲,安徽省,六安市,舒城县,2024-06-30,100\n" + "\(u)-1,\(big),安徽省,六安市,舒城县,2024-06-30,100\n"
        + "\(u)-2,丙,安徽省,六安市,舒城县,2024-06-30,100\n"
      return Piece(name: "\(k)-bigcell.csv", bytes: Array(text.utf8), checked: 2, inputErrors: 1)
    default:
      // Truncated before its as_of is whole: it cannot be placed, never a record.
      let bytes = Array(minimal(u).utf8)
      let asOf = minimal(u).utf8.count - "2024-06-30\nhouseholds: 420\n".utf8.count + 4
      let cut = asOf / 2 + rng.int(asOf / 2)
      return Piece(name: "\(k)-truncated.yaml", bytes: Array(bytes[..<cut]), inputErrors: 1)
    }
  }

  /// Findings of the records of one file (group findings, whose subject is `LEVEL:NAME`
  /// and whose counts depend on the mix by design, are left out), as a multiset.
  static func recordFindings(_ findings: [Finding], file: String) -> [Finding: Int] {
    var out: [Finding: Int] = [:]
    for f in findings where f.file == file && f.subject.group == nil { out[f, default: 0] += 1 }
    return out
  }

  /// Puts a piece on disk in `dir` as its kind says; `outside` holds linked folders.
  static func materialize(_ p: Piece, in dir: URL, outside: URL) throws {
    let fm = FileManager.default
    let path = dir.appendingPathComponent(p.name).path
    switch p.kind {
    case .file, .vanished: try Data(p.bytes).write(to: URL(fileURLWithPath: path))
    case .fifo: #expect(mkfifo(path, 0o644) == 0)
    case .socket:
      if !FaultTests.makeSocket(path) { #expect(mkfifo(path, 0o644) == 0) }  // a path too long for a socket: a FIFO
    case .danglingLink: try fm.createSymbolicLink(atPath: path, withDestinationPath: path + ".gone")
    case .deviceLink: try fm.createSymbolicLink(atPath: path, withDestinationPath: "/dev/null")
    case .directoryNamedLikeFile:
      try fm.createDirectory(atPath: path, withIntermediateDirectories: false)
      try Data(p.bytes).write(to: URL(fileURLWithPath: path + "/inside.yaml"))
    case .linkedFolder:
      let target = outside.appendingPathComponent(p.name)
      try fm.createDirectory(at: target, withIntermediateDirectories: true)
      try Data(p.bytes).write(to: target.appendingPathComponent("good.yaml"))
      try fm.createSymbolicLink(atPath: path, withDestinationPath: target.path)
    case .loopLink: try fm.createSymbolicLink(atPath: path, withDestinationPath: ".")
    }
  }

  @Test(
    "records = checked + skipped + input_errors over 30 seeded mixes of good records and faults (files, links, FIFOs, damaged documents, bad cells), on 1 and 2 threads; good files' findings as alone"
  )
  func accounting() throws {
    let policies = ShippedPolicies.all
    #expect(policies.count == ShippedPolicies.sources.count)
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-accounting-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    var rng = PRNG(state: 20_240_630)
    var totals = (records: 0, good: 0, broken: 0, faults: 0)
    for iteration in 0..<30 {
      let dir = base.appendingPathComponent("\(iteration)")
      let outside = base.appendingPathComponent("outside-\(iteration)")
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      let pieces = (0..<(2 + rng.int(7))).map { Self.piece(&rng, $0) }
      for p in pieces { try Self.materialize(p, in: dir, outside: outside) }
      let expansion = try InputFiles.walk([dir.path])
      for p in pieces where p.kind == .vanished { try FileManager.default.removeItem(at: dir.appendingPathComponent(p.name)) }
      var runs: [Run.Result] = []
      for threads in [1, 2] {
        // On two threads, every YAML file is also cut into pieces (damaged documents
        // then fall back to reading in order): the same accounting either way.
        let mix = try Run.check(
          paths: expansion.paths, unreadable: expansion.unreadable, policies: policies, asOf: nil, limits: .default, threads: threads,
          splitAbove: threads == 1 ? .max : 0, pieceBytes: 64, progress: nil)
        let s = mix.summary
        let context = "iteration \(iteration), \(threads) threads: \(pieces.map(\.name)) \(s)"
        #expect(s.records == s.checked + s.skipped + s.inputErrors, "\(context)")
        #expect(s.checked == pieces.map(\.checked).reduce(0, +), "\(context)")
        #expect(s.skipped == pieces.map(\.skipped).reduce(0, +), "\(context)")
        #expect(s.inputErrors == pieces.map(\.inputErrors).reduce(0, +), "\(context)")
        #expect(mix.inputs.map(\.path) == expansion.paths, "\(context)")
        #expect(mix.inputs.count == pieces.count, "\(context)")
        #expect(mix.inputs.map(\.records).reduce(0, +) == s.records, "\(context)")
        // Every input error is reported: at least one error finding per broken record,
        // and every fault of the file system as a REC-READ at its path.
        #expect(s.errors >= s.inputErrors, "\(context)")
        for p in pieces where p.kind != .file && p.kind != .linkedFolder {
          let path = dir.appendingPathComponent(p.name).path
          #expect(Array(mix.findings).contains { $0.rule == "REC-READ" && $0.file == path }, "\(p.name) in \(context)")
        }
        for p in pieces {
          let path = dir.appendingPathComponent(p.recordPath).path
          let count = mix.inputs.first { $0.path == path }?.records
          #expect(count == p.checked + p.skipped + p.inputErrors, "\(p.name) in \(context)")
        }
        runs.append(mix)
      }
      // One thread or two: the same summary and the same findings.
      #expect(runs[0].summary == runs[1].summary, "iteration \(iteration)")
      #expect(Array(runs[0].findings) == Array(runs[1].findings), "iteration \(iteration)")
      for p in pieces where p.isGood {
        let path = dir.appendingPathComponent(p.recordPath).path
        let alone = try Run.check(paths: [path], policies: policies, asOf: nil, threads: 1)
        #expect(
          Self.recordFindings(Array(alone.findings), file: path) == Self.recordFindings(Array(runs[0].findings), file: path),
          "\(p.name) in iteration \(iteration)")
        #expect(alone.summary.records == p.checked + p.skipped)
        totals.good += 1
      }
      totals.records += runs[0].summary.records
      totals.broken += pieces.filter { !$0.isGood }.count
      totals.faults += pieces.filter { $0.kind != .file }.count
    }
    // The generator really mixed things.
    #expect(totals.good >= 15 && totals.broken >= 15 && totals.faults >= 15, "\(totals)")
  }
}
