import Foundation
import Testing
import YAMLSource

@testable import Engine
@testable import Policies
@testable import Records

/// A province-wide run keeps its findings in sorted runs on disk: what comes back is
/// exactly what went in, in the order an in-memory stable sort gives, on every pass.
@Suite struct FindingStoreTests {
  static func finding(_ n: Int, file: String, line: Int, rule: String, everything: Bool) -> Finding {
    Finding(
      rule: rule, policy: everything ? "shucheng-2023" : nil, severity: [.error, .warning, .info][n % 3],
      outcome: [.fail, .insufficient, .notice][n % 3],
      subject: n % 5 == 0 ? .group(level: "county", name: "舒城县\(n % 7)") : .record(id: "AH-LA-SC-\(n % 7)"),
      place: everything ? RecordPlace(name: "小区\(n)", street: n % 2 == 0 ? "城关镇" : nil, neighborhood: nil) : nil, file: file,
      range: SourceRange(start: SourceLocation(line: line, column: 1 + n % 5), end: SourceLocation(line: line + 1, column: 2)),
      message: LocalizedText(zh: "第 \(n) 条：物业费收缴率低于 95%\n换行", en: "finding \(n) \"quoted\""),
      expected: everything ? .atLeast(.fraction(Fraction(95, 100, isPercent: true))) : nil,
      actual: everything
        ? [
          Quantity.share(part: 4, whole: 5), .count(n), .words(LocalizedText(zh: "无", en: "none")),
          .list([.number(0.5), .date(CalendarDate(year: 2024, month: 1, day: 2)!)]),
        ][n % 4] : nil, missing: everything ? "fees.2024.due" : nil,
      citation: everything ? Citation(document: "舒城县方案", clause: "二、(三)", text: n % 2 == 0 ? "“不低于95%”" : nil) : nil,
      fix: everything ? LocalizedText(zh: "补报", en: "report it") : nil, deadline: everything ? CalendarDate("2025-12-31") : nil,
      period: everything ? "2024-Q\(1 + n % 4)" : nil, gap: everything ? -n : nil,
      failingRecords: everything ? ["A", "乙", ""] : nil, undeterminedRecords: everything ? [] : nil,
      score: everything ? Double(n) / 3 : nil,
      notes: everything
        ? [
          Note(LocalizedText(zh: "注", en: "note"), file: "a.yaml", range: SourceRange(at: SourceLocation(line: 3, column: 1))),
          Note(LocalizedText(zh: "", en: "")),
        ] : [])
  }

  @Test func theCodecGivesBackEveryField() throws {
    for everything in [true, false] {
      for n in [0, 1, 2, 300, 1 << 40] {
        let f = Self.finding(n, file: "县/小区.yaml", line: n % 1000 + 1, rule: "SC-FEE", everything: everything)
        var writer = SpillWriter()
        f.encode(to: &writer)
        let bytes = writer.bytes
        let back = bytes.withUnsafeBufferPointer { buffer -> Finding? in
          var reader = SpillReader(buffer)
          return Finding.decode(from: &reader)
        }
        #expect(back == f)
        // A truncated buffer is refused, never half-read.
        for cut in [0, 1, bytes.count / 2, bytes.count - 1] {
          let short = Array(bytes.prefix(cut))
          let partial = short.withUnsafeBufferPointer { buffer -> Finding? in
            var reader = SpillReader(buffer)
            return Finding.decode(from: &reader)
          }
          #expect(partial == nil, "cut at \(cut) of \(bytes.count)")
        }
      }
    }
  }

  @Test func spilledRunsMergeToTheStableSortOfEverything() {
    var generator = AccountingPropertyTests.PRNG(state: 7)
    var all: [Finding] = []
    for n in 0..<500 {
      let file = ["a.yaml", "b.yaml", "c.yaml"][Int(generator.next() % 3)]
      let rule = ["SC-A", "SC-B", "REC-SCHEMA"][Int(generator.next() % 3)]
      // Few lines, so many findings tie on the whole report order and only the order
      // they were added in tells them apart.
      all.append(Self.finding(n, file: file, line: Int(generator.next() % 4) + 1, rule: rule, everything: n % 2 == 0))
    }
    var expected = all
    expected.sort(by: Finding.reportOrder)
    for spill in [nil, 1, 3, 64, 499, 500, 10_000] as [Int?] {
      var store = FindingStore(spillAbove: spill)
      for f in all { store.append(f) }
      let list = store.finish()
      #expect(list.count == all.count)
      #expect(Array(list) == expected, "spill \(spill ?? 0)")
      #expect(Array(list) == expected, "second pass, spill \(spill ?? 0)")
      #expect(!list.readFailed)
      #expect(list.count(of: .error) == all.filter { $0.severity == .error }.count)
      #expect(list.ruleIDs == Set(all.map(\.rule)))
    }
  }

  /// Rules decided at the end wait on disk in the order their records came, whatever
  /// the flush size, and come back whole.
  @Test func pendingRulesComeBackInOrder() {
    var pending: [PendingRule] = []
    for n in 0..<300 {
      var p = PendingRule(
        policy: n % 2, index: n % 9, record: "ZJ-SX-\(n)",
        place: RecordPlace(name: n % 3 == 0 ? nil : "小区\(n)", street: nil, neighborhood: "社区"),
        origin: RecordOrigin(
          file: "绍兴/\(n / 50).yaml", index: n % 50,
          range: SourceRange(start: SourceLocation(line: n + 1, column: 1), end: SourceLocation(line: n + 9, column: 1))),
        applies: [Truth.yes, .no, .unknown(missing: "owners_committee.members")][n % 3],
        state: Self.encoded(
          PendingScore(items: [.earned, .notEarned, .noEvidence("events"), .dependsOn("SX-R10-SATISFACTION")].shuffledBy(n))))
      p.known = n % 4 == 0 ? [] : [("SX-R1-PARTY-ORG", [Outcome.pass, .fail, .insufficient][n % 3])]
      p.sequence = n * 2
      pending.append(p)
    }
    func same(_ x: PendingRule, _ y: PendingRule) -> Bool {
      x.policy == y.policy && x.index == y.index && x.sequence == y.sequence && x.record == y.record
        && x.origin == y.origin && x.applies == y.applies && x.state == y.state
        && x.known.map(\.rule) == y.known.map(\.rule) && x.known.map(\.outcome) == y.known.map(\.outcome)
    }
    func same(_ a: [PendingRule], _ b: [PendingRule]) -> Bool {
      a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
    }
    for flush in [nil, 1, 100, 10_000, 1 << 20] as [Int?] {
      var queue = SpillQueue<PendingRule>(flushBytes: flush)
      for p in pending { queue.append(p) }
      #expect(queue.count == pending.count)
      let drained = queue.drain()
      #expect(same(Array(drained), pending), "flush \(flush ?? 0)")
      #expect(!drained.readFailed)
    }
  }

  static func encoded(_ score: PendingScore) -> [UInt8] {
    var out = SpillWriter()
    score.encode(to: &out)
    return out.bytes
  }

  /// The compact id index answers as a dictionary does, across its growth and chunks.
  @Test func firstSeenIndexAgreesWithADictionary() {
    var generator = AccountingPropertyTests.PRNG(state: 11)
    var index = FirstSeenIndex()
    var reference: [String: UInt64] = [:]
    for n in 0..<150_000 {
      // About one id in five repeats an earlier one; some are long or Chinese.
      let k = generator.int(5) == 0 && n > 0 ? generator.int(n) : n
      let id = k % 7 == 0 ? "浙江-绍兴-越城-\(k)" : k % 11 == 0 ? String(repeating: "X", count: 40) + "\(k)" : "AH-LA-\(k)"
      let place = UInt64(n)
      let got = index.firstPlace(of: id, recording: place)
      let expected = reference[id]
      if expected == nil { reference[id] = place }
      if got != expected {
        Issue.record("id \(id) at \(n): got \(String(describing: got)), expected \(String(describing: expected))")
        return
      }
    }
    #expect(index.count == reference.count)
  }

  /// The whole CLI path: runs spilled two findings at a time, streamed to stdout and to
  /// `--output`, give byte for byte the report of an in-memory run.
  @Test func everyFormatIsTheSameWhenFindingsSpill() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-spill-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for format in ["text", "json", "sarif", "csv", "github", "junit", "markdown", "html"] {
      let args = ["check", "examples/records", "Tests/JiayuanTests/Fixtures/mixed", "--format", format, "--no-progress"]
      let memory = try Support.run(args)
      let spilled = try Support.run(args, environment: ["JIAYUAN_SPILL_ABOVE": "2"])
      #expect(memory.status == 1 && spilled.status == 1, "\(format)")
      #expect(spilled.stdout == memory.stdout, "\(format)")
      #expect(memory.stdout.count > 100)
      // No temporary file can be made: the findings stay in memory and nothing is lost.
      let unspillable = try Support.run(
        args, environment: ["JIAYUAN_SPILL_ABOVE": "2", "TMPDIR": dir.appendingPathComponent("missing").path])
      #expect(unspillable.status == 1 && unspillable.stdout == memory.stdout, "\(format)")
      let file = dir.appendingPathComponent("report.\(format)").path
      let written = try Support.run(args + ["--output", file], environment: ["JIAYUAN_SPILL_ABOVE": "2"])
      #expect(written.status == 1)
      #expect(FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } == memory.stdout, "\(format)")
    }
  }
}

extension Array {
  /// A fixed rotation, so cases differ without randomness.
  fileprivate func shuffledBy(_ n: Int) -> [Element] {
    isEmpty ? self : Array(self[(n % count)...] + self[..<(n % count)])
  }
}
