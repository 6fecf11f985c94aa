import Foundation
import Testing
import YAMLSource

@testable import Engine
@testable import Records

/// The fast paths give exactly what the plain ones give: pieces of a stream read apart
/// equal the stream read at once, a parallel run equals a single-threaded one, and the
/// incremental SHA-256 equals the one-shot. Timings live in `Benchmarks/`, not here.
@Suite struct SpeedCorrectnessTests {
  /// What a decoded record says, in a comparable form.
  struct Seen: Equatable {
    var id: String?
    var findings: [Finding]
    var origin: RecordOrigin
    var fields: [String: RecordField]?
    var events: [Event]?
    var campaigns: [String]?

    init(_ r: DecodedRecord) {
      id = r.id
      findings = r.findings
      origin = r.origin
      fields = r.record?.fields
      events = r.record?.events
      campaigns = r.record?.campaigns
    }
  }

  static func whole(_ bytes: [UInt8], file: String, limits: YAMLLimits) -> [Seen] {
    var out: [Seen] = []
    RecordSource.records(in: bytes, file: file, isCSV: false, limits: limits) { out.append(Seen($0)) }
    return out
  }

  /// As `Run` reads a large file: cut at every `---` line, each piece read alone, and on
  /// a piece that stops early (not the last) the rest re-read as one stream.
  static func pieced(_ bytes: [UInt8], file: String, limits: YAMLLimits) -> [Seen] {
    bytes.withUnsafeBufferPointer { all in
      let pieces = StreamSplitter.pieces(of: all, targetBytes: 1)
      var out: [Seen] = []
      var offset = 0
      for (k, piece) in pieces.enumerated() {
        var records: [Seen] = []
        let one = UnsafeBufferPointer(rebasing: all[piece.start..<piece.end])
        var (documents, stopped) = RecordSource.yamlPiece(one, startLine: piece.line, file: file, limits: limits) {
          var r = $1
          r.shiftIndex(by: offset, $0)
          records.append(Seen(r))
        }
        if stopped, k < pieces.count - 1 {
          records = []
          let rest = UnsafeBufferPointer(rebasing: all[piece.start...])
          (documents, stopped) = RecordSource.yamlPiece(rest, startLine: piece.line, file: file, limits: limits) {
            var r = $1
            r.shiftIndex(by: offset, $0)
            records.append(Seen(r))
          }
          return out + records
        }
        out += records
        offset += documents
      }
      return out
    }
  }

  @Test func piecesOfTheYAMLTestSuiteReadAsTheWholeStream() throws {
    guard YAMLSuiteData.available else { return }
    var checked = 0
    for id in YAMLSuiteData.caseIDs {
      let bytes = [UInt8](try Data(contentsOf: YAMLSuiteData.file(id, "in.yaml")))
      let limits = YAMLSuiteData.generousLimits
      #expect(Self.pieced(bytes, file: "in.yaml", limits: limits) == Self.whole(bytes, file: "in.yaml", limits: limits), "case \(id)")
      checked += 1
    }
    #expect(checked > 300)
  }

  @Test func piecesOfRecordsAndCasesReadAsTheWholeStream() throws {
    var files: [URL] = []
    for dir in ["examples/records", "cases"] {
      let root = Support.packageRoot.appendingPathComponent(dir)
      let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
      while let url = walker?.nextObject() as? URL {
        if url.pathExtension == "yaml" { files.append(url) }
      }
    }
    #expect(files.count > 10)
    for url in files {
      let bytes = [UInt8](try Data(contentsOf: url))
      #expect(
        Self.pieced(bytes, file: url.lastPathComponent, limits: .default)
          == Self.whole(bytes, file: url.lastPathComponent, limits: .default), "\(url.path)")
    }
    // Breaks libyaml counts (CRLF, CR, NEL, LS, PS) keep lines right across cuts, and a
    // cut before an unclosed quote falls back to reading in order.
    let tricky = [
      "id: a\r\nname: x\r\n---\r\nid: b\r\nname: \"y\u{2028}z\"\r\n--- \r\nid: c\r\n",
      "id: a\n---\nname: 'open\n---\nid: b\n",
      "id: a\nname: \"x\u{85}y\"\n---\n- 1\n---\n[a,\n---\n]\n",
      "%YAML 1.2\n---\nid: a\n...\n%YAML 1.2\n---\nid: b\n---\n",
      "k: |\n  text\n---\nk: >\n  more\n---\n",
    ]
    for text in tricky {
      let bytes = Array(text.utf8)
      #expect(Self.pieced(bytes, file: "t.yaml", limits: .default) == Self.whole(bytes, file: "t.yaml", limits: .default), "\(text)")
    }
  }

  /// Records from every jurisdiction, with input errors (duplicate id and key, schema,
  /// a syntax error ending the stream), as one large file and as a folder.
  @Test func aParallelRunEqualsASingleThreadedOne() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-speed-\(getpid())")
    try? FileManager.default.removeItem(at: dir)
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var documents: [String] = []
    let examples = Support.packageRoot.appendingPathComponent("examples/records")
    for name in [
      "shucheng/meishan.yaml", "shucheng/chengguan.yaml", "shaoxing/jinghu.yaml", "shandong/quancheng.yaml", "jingan/daning.yaml",
    ] {
      documents.append(try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8))
    }
    var stream: [String] = []
    for copy in 0..<12 {
      for (k, doc) in documents.enumerated() {
        // Distinct ids, except one repeat; a few broken documents in between.
        let id = copy == 3 && k == 0 ? "REPEAT" : "C\(copy)-\(k)"
        stream.append(String(("\n" + doc).replacingOccurrences(of: "\nid: ", with: "\nid: \(id)-").dropFirst()))
      }
      if copy == 2 { stream.append("id: REPEAT-x\nname: a\nname: b\nhouseholds: -3\n") }
      if copy == 5 { stream.append("- not a record\n") }
      if copy == 7 { stream.append("") }
    }
    let big = stream.joined(separator: "\n---\n")
    let broken = big + "\n---\nid: [unclosed\n---\nid: never-read\n"
    try Data(big.utf8).write(to: dir.appendingPathComponent("big.yaml"))
    try Data(broken.utf8).write(to: dir.appendingPathComponent("broken.yaml"))
    for (i, doc) in stream.enumerated() {
      try Data(doc.utf8).write(to: dir.appendingPathComponent("folder/r\(100 + i).yaml"))
    }
    let inputs = [
      [dir.appendingPathComponent("big.yaml").path], [dir.appendingPathComponent("broken.yaml").path],
      try InputFiles.expand([dir.appendingPathComponent("folder").path]),
    ]
    for paths in inputs {
      for asOf in [nil, CalendarDate("2024-06-30")] {
        let one = try Run.check(
          paths: paths, policies: ShippedPolicies.all, asOf: asOf, limits: .default, threads: 1, splitAbove: .max,
          pieceBytes: .max, progress: nil)
        #expect(one.summary.records > 10)
        // Spilling findings to sorted runs on disk (down to runs of one) changes nothing.
        for (threads, piece, spill) in [(1, 300, nil), (2, 1, 1), (2, 4000, nil), (3, 700, 5)] as [(Int, Int, Int?)] {
          let many = try Run.check(
            paths: paths, policies: ShippedPolicies.all, asOf: asOf, limits: .default, threads: threads, splitAbove: 0,
            pieceBytes: piece, spillAbove: spill, progress: nil)
          let context = "\(paths.first ?? "") threads \(threads) piece \(piece) spill \(spill ?? 0)"
          #expect(many.summary == one.summary, "\(context)")
          #expect(Array(many.findings) == Array(one.findings), "\(context)")
          #expect(Array(many.findings) == Array(many.findings), "a second pass reads the same: \(context)")
          #expect(many.findings.count == one.findings.count)
          #expect(!many.findings.readFailed)
          #expect(many.inputs.map(\.path) == one.inputs.map(\.path))
          #expect(many.inputs.map(\.records) == one.inputs.map(\.records))
          #expect(many.inputs.map(\.sha256) == one.inputs.map(\.sha256))
        }
      }
    }
  }

  @Test func incrementalSHA256EqualsOneShot() {
    #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    let oneShot = SHA256.hex(bytes)
    for step in [1, 3, 63, 64, 65, 200] {
      var hasher = SHA256.Hasher()
      var i = 0
      while i < bytes.count {
        let end = min(i + step, bytes.count)
        bytes[i..<end].withUnsafeBufferPointer { hasher.update($0) }
        i = end
      }
      #expect(hasher.finalizeHex() == oneShot, "step \(step)")
    }
  }
}

extension DecodedRecord {
  /// Makes a piece's document index the file's: `offset` documents came before the piece.
  mutating func shiftIndex(by offset: Int, _ index: Int) {
    origin.index = offset + index
    record?.origin.index = offset + index
  }
}
