import Policies

/// Values a run keeps until its end, in the order added: the percentile and scorecard
/// rules of every candidate wait for all records to be read. Past `flushBytes` of encoded
/// values they go to an unlinked temporary file, so a province's worth costs disk, not
/// memory; without a file (or with `flushBytes` nil) they stay in memory.
struct SpillQueue<Element: SpillCodable & Sendable> {
  private let flushBytes: Int?
  private var held: [Element] = []
  private var pending = SpillWriter()
  private var file: SpillFile?
  private var extent: Range<Int>?
  private var failed = false
  private(set) var count = 0

  init(flushBytes: Int?) { self.flushBytes = flushBytes }

  mutating func append(_ value: Element) {
    count += 1
    guard let flushBytes, !failed else {
      held.append(value)
      return
    }
    let start = pending.bytes.count
    pending.bytes.append(contentsOf: [0, 0, 0, 0])
    value.encode(to: &pending)
    var length = UInt32(pending.bytes.count - start - 4)
    withUnsafeBytes(of: &length) { raw in
      for k in 0..<4 { pending.bytes[start + k] = raw[k] }
    }
    if pending.bytes.count >= flushBytes { flush() }
  }

  private mutating func flush() {
    guard !pending.bytes.isEmpty else { return }
    if file == nil { file = SpillFile.create() }
    if let file, let range = file.append(pending.bytes) {
      extent = (extent?.lowerBound ?? range.lowerBound)..<range.upperBound
      pending.bytes.removeAll(keepingCapacity: true)
      return
    }
    // No file or a full disk: what is encoded comes back into memory, and so does the rest.
    failed = true
    pending.bytes.withUnsafeBufferPointer { all in
      var position = 0
      while position + 4 <= all.count {
        var length: UInt32 = 0
        withUnsafeMutableBytes(of: &length) { raw in
          for k in 0..<4 { raw[k] = all[position + k] }
        }
        position += 4
        var input = SpillReader(UnsafeBufferPointer(rebasing: all[position..<min(all.count, position + Int(length))]))
        if let value = Element.decode(from: &input) { held.append(value) }
        position += Int(length)
      }
    }
    pending.bytes = []
  }

  /// The values in the order added; the queue is spent.
  mutating func drain() -> Drain {
    flush()
    var readers: [RunReader<Element>] = []
    if let file, let extent { readers.append(RunReader(file: file, range: extent)) }
    readers.append(RunReader(memory: held))
    held = []
    return Drain(readers: readers, file: file)
  }

  struct Drain: Sequence, IteratorProtocol {
    fileprivate var readers: [RunReader<Element>]
    fileprivate let file: SpillFile?

    mutating func next() -> Element? {
      while !readers.isEmpty {
        if let value = readers[0].next() { return value }
        readers.removeFirst()
      }
      return nil
    }

    /// Reading back failed (an I/O error): values are missing.
    var readFailed: Bool { file?.readFailed ?? false }
  }
}
