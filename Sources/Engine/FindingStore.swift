import Foundation
import HeapModule
import Policies
import Records
import YAMLSource

/// Collects a run's findings and gives them back in report order. A regulator's run over
/// a province yields millions of findings; each is encoded as it arrives (a Finding's many
/// small strings, kept alive among each record's short-lived allocations, cost about 14 KB
/// of heap apiece; encoded it is about 500 contiguous bytes), and past `spillAbove` the
/// store sorts what it holds and writes it to a temporary file as one run. Reading merges
/// the runs, so memory stays bounded whatever the number of records. The order is the one
/// a stable sort of all findings in the order they were added gives.
public struct FindingStore {
  /// Findings held before a run is spilled; nil never spills.
  public let spillAbove: Int?
  /// The current run: encoded findings, and per finding its sort key and place.
  private var encoded = SpillWriter()
  private var keys: [SortKey] = []
  private var spill: SpillFile?
  private var runs: [Range<Int>] = []
  private var spillFailed = false
  public private(set) var count = 0
  /// Every rule id added (SARIF lists a descriptor for each without a pass over findings).
  public private(set) var ruleIDs: Set<String> = []
  private var bySeverity: [Severity: Int] = [:]
  /// Of those, the findings whose data was insufficient: reports count them apart.
  private var insufficientBySeverity: [Severity: Int] = [:]

  /// What `Finding.reportOrder` compares, with the place of the encoded finding. The two
  /// orders must agree; `FindingStoreTests` sorts both ways and compares.
  struct SortKey {
    var file: String
    var start: SourceLocation
    var rule: String
    var subject: String
    var period: String
    var offset: Int
    var length: Int

    static func before(_ a: SortKey, _ b: SortKey) -> Bool {
      if a.file != b.file { return a.file < b.file }
      if a.start != b.start { return a.start < b.start }
      if a.rule != b.rule { return a.rule < b.rule }
      if a.subject != b.subject { return a.subject < b.subject }
      if a.period != b.period { return a.period < b.period }
      return a.offset < b.offset  // added earlier first: a stable sort
    }
  }

  public init(spillAbove: Int? = nil) {
    self.spillAbove = spillAbove.map { max(1, $0) }
  }

  public mutating func append(_ finding: Finding) {
    count += 1
    ruleIDs.insert(finding.rule)
    bySeverity[finding.severity, default: 0] += 1
    if finding.outcome == .insufficient { insufficientBySeverity[finding.severity, default: 0] += 1 }
    let offset = encoded.bytes.count
    finding.encode(to: &encoded)
    keys.append(
      SortKey(
        file: finding.file, start: finding.range.start, rule: finding.rule, subject: finding.subject.key,
        period: finding.period ?? "", offset: offset, length: encoded.bytes.count - offset))
    if let spillAbove, !spillFailed, keys.count >= spillAbove { spillRun() }
  }

  /// The findings in report order; the store is spent.
  public mutating func finish() -> FindingList {
    keys.sort(by: SortKey.before)
    if let spill, !runs.isEmpty {
      if !keys.isEmpty { spillRun(sorted: true) }
      // A write that failed leaves the rest in memory as one more run.
      return FindingList(
        spill: spill, runs: runs, tail: decodeHeld(), count: count, ruleIDs: ruleIDs, bySeverity: bySeverity,
        insufficient: insufficientBySeverity)
    }
    return FindingList(memory: decodeHeld(), ruleIDs: ruleIDs, bySeverity: bySeverity, insufficient: insufficientBySeverity)
  }

  /// The held findings, in key order (decoding what this store encoded cannot fail).
  private func decodeHeld() -> [Finding] {
    encoded.bytes.withUnsafeBufferPointer { all in
      keys.compactMap { key in
        var reader = SpillReader(UnsafeBufferPointer(rebasing: all[key.offset..<key.offset + key.length]))
        return Finding.decode(from: &reader)
      }
    }
  }

  private mutating func spillRun(sorted: Bool = false) {
    if !sorted { keys.sort(by: SortKey.before) }
    if spill == nil { spill = SpillFile.create() }
    guard let spill else {
      spillFailed = true  // no temporary file: keep everything in memory, as small runs do
      return
    }
    var run: [UInt8] = []
    run.reserveCapacity(encoded.bytes.count + 4 * keys.count)
    for key in keys {
      var length = UInt32(key.length)
      withUnsafeBytes(of: &length) { run.append(contentsOf: $0) }
      run.append(contentsOf: encoded.bytes[key.offset..<key.offset + key.length])
    }
    guard let range = spill.append(run) else {
      spillFailed = true  // disk full: the rest stays in memory
      return
    }
    runs.append(range)
    keys.removeAll(keepingCapacity: true)
    encoded.bytes.removeAll(keepingCapacity: true)
  }
}

/// An unlinked temporary file: it disappears when the process ends, however it ends.
final class SpillFile: @unchecked Sendable {
  // Written only by the store before any `FindingList` exists; read with pread(2), which
  // shares no file offset, so concurrent readers are safe.
  private let fd: Int32
  private var size = 0
  /// Set by any reader thread, read by others: behind a lock (was a plain var under
  /// `@unchecked Sendable`, a data race when reports read the list concurrently).
  private let failure = NSLock()
  private var failed = false

  var readFailed: Bool {
    failure.lock()
    defer { failure.unlock() }
    return failed
  }

  private func setFailed() {
    failure.lock()
    failed = true
    failure.unlock()
  }

  private init(fd: Int32) { self.fd = fd }

  static func create() -> SpillFile? {
    let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((directory + "/jiayuan-findings-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
    guard fd >= 0 else { return nil }
    template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
    return SpillFile(fd: fd)
  }

  deinit { close(fd) }

  /// A run that ends early or does not decode: the list read is incomplete.
  func markFailed() { setFailed() }

  func append(_ bytes: [UInt8]) -> Range<Int>? {
    let start = size
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { raw in
        raw.baseAddress.map { pwrite(fd, $0 + written, raw.count - written, off_t(start + written)) } ?? -1
      }
      guard n > 0 else { return nil }
      written += n
    }
    size += bytes.count
    return start..<size
  }

  /// Reads up to `count` bytes at `offset` into `buffer`; a failure is remembered.
  func read(into buffer: inout [UInt8], at offset: Int, count: Int) -> Int {
    let start = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: count))
    var got = 0
    while got < count {
      let n = buffer.withUnsafeMutableBytes { raw in
        raw.baseAddress.map { pread(fd, $0 + start + got, count - got, off_t(offset + got)) } ?? -1
      }
      if n < 0 { setFailed() }
      guard n > 0 else { break }
      got += n
    }
    buffer.removeLast(count - got)
    return got
  }
}

/// A run's findings in report order, for reporters: in memory, or merged from spilled
/// runs on each pass (a reporter may read it more than once).
public struct FindingList: Sequence, Sendable {
  private enum Source: Sendable {
    case memory([Finding])
    case spilled(SpillFile, runs: [Range<Int>], tail: [Finding])
  }

  private let source: Source
  public let count: Int
  public let ruleIDs: Set<String>
  private let bySeverity: [Severity: Int]
  private let insufficientBySeverity: [Severity: Int]

  init(memory: [Finding], ruleIDs: Set<String>, bySeverity: [Severity: Int], insufficient: [Severity: Int]) {
    source = .memory(memory)
    count = memory.count
    self.ruleIDs = ruleIDs
    self.bySeverity = bySeverity
    insufficientBySeverity = insufficient
  }

  init(
    spill: SpillFile, runs: [Range<Int>], tail: [Finding], count: Int, ruleIDs: Set<String>, bySeverity: [Severity: Int],
    insufficient: [Severity: Int]
  ) {
    source = .spilled(spill, runs: runs, tail: tail)
    self.count = count
    self.ruleIDs = ruleIDs
    self.bySeverity = bySeverity
    insufficientBySeverity = insufficient
  }

  /// Findings already in memory and in the order given (tests, small reports).
  public init(_ findings: [Finding]) {
    var bySeverity: [Severity: Int] = [:]
    var insufficient: [Severity: Int] = [:]
    for f in findings {
      bySeverity[f.severity, default: 0] += 1
      if f.outcome == .insufficient { insufficient[f.severity, default: 0] += 1 }
    }
    self.init(memory: findings, ruleIDs: Set(findings.map(\.rule)), bySeverity: bySeverity, insufficient: insufficient)
  }

  public var isEmpty: Bool { count == 0 }

  /// How many findings have this severity, without reading them back.
  public func count(of severity: Severity) -> Int { bySeverity[severity] ?? 0 }

  /// How many findings of this severity could not be decided for missing data (they are
  /// among `count(of:)`), without reading them back.
  public func insufficientCount(of severity: Severity) -> Int { insufficientBySeverity[severity] ?? 0 }

  /// Whether reading the spilled runs back failed (an I/O error): the caller must not
  /// trust a report written from this list.
  public var readFailed: Bool {
    if case .spilled(let file, _, _) = source { return file.readFailed }
    return false
  }

  public func makeIterator() -> Iterator {
    switch source {
    case .memory(let list): Iterator(memory: list)
    case .spilled(let file, let runs, let tail): Iterator(file: file, runs: runs, tail: tail)
    }
  }

  public struct Iterator: IteratorProtocol {
    private var memory: IndexingIterator<[Finding]>?
    private var readers: [RunReader<Finding>] = []
    /// The next finding of each run, smallest first: report order, then earlier run first.
    private var heap = Heap<Head>()

    /// A run's next finding; ties go to the earlier run, so the merge is a stable sort.
    struct Head: Comparable {
      var finding: Finding
      var run: Int

      static func < (a: Head, b: Head) -> Bool {
        if Finding.reportOrder(a.finding, b.finding) { return true }
        if Finding.reportOrder(b.finding, a.finding) { return false }
        return a.run < b.run
      }

      static func == (a: Head, b: Head) -> Bool { !(a < b) && !(b < a) }
    }

    init(memory list: [Finding]) { memory = list.makeIterator() }

    init(file: SpillFile, runs: [Range<Int>], tail: [Finding]) {
      readers = runs.map { RunReader(file: file, range: $0) }
      if !tail.isEmpty { readers.append(RunReader(memory: tail)) }
      for i in readers.indices {
        if let f = readers[i].next() { heap.insert(Head(finding: f, run: i)) }
      }
    }

    public mutating func next() -> Finding? {
      if memory != nil { return memory?.next() }
      guard let top = heap.popMin() else { return nil }
      if let f = readers[top.run].next() { heap.insert(Head(finding: f, run: top.run)) }
      return top.finding
    }
  }
}

/// Reads one spilled run (length-prefixed values) a block at a time, or an in-memory tail.
struct RunReader<Element: SpillCodable> {
  static var blockBytes: Int { 16 << 10 }
  private let file: SpillFile?
  private var offset: Int
  private let end: Int
  private var buffer: [UInt8] = []
  private var position = 0
  private var tail: IndexingIterator<[Element]>?

  init(file: SpillFile, range: Range<Int>) {
    self.file = file
    offset = range.lowerBound
    end = range.upperBound
  }

  init(memory: [Element]) {
    file = nil
    offset = 0
    end = 0
    tail = memory.makeIterator()
  }

  mutating func next() -> Element? {
    if tail != nil { return tail?.next() }
    guard fill(4) else {
      if offset < end || position < buffer.count { file?.markFailed() }
      return nil
    }
    var length: UInt32 = 0
    withUnsafeMutableBytes(of: &length) { raw in
      for k in 0..<4 { raw[k] = buffer[position + k] }
    }
    position += 4
    guard fill(Int(length)) else {
      file?.markFailed()
      return nil
    }
    let value = buffer.withUnsafeBufferPointer { all in
      var reader = SpillReader(UnsafeBufferPointer(rebasing: all[position..<position + Int(length)]))
      return Element.decode(from: &reader)
    }
    position += Int(length)
    if value == nil { file?.markFailed() }
    return value
  }

  /// Makes `count` unread bytes available; false at the end of the run or on a read error.
  private mutating func fill(_ count: Int) -> Bool {
    while buffer.count - position < count {
      guard let file, offset < end else { return false }
      if position > 0 {
        buffer.removeFirst(position)
        position = 0
      }
      let want = min(max(Self.blockBytes, count - buffer.count), end - offset)
      let got = file.read(into: &buffer, at: offset, count: want)
      guard got > 0 else { return false }
      offset += got
    }
    return true
  }
}
