import Records
import YAMLSource

/// A compact binary form of a finding, for the sorted runs a large check spills to disk.
/// It is read back only by the process that wrote it, so it has no version or magic:
/// lengths and integers are LEB128 varints, optionals a presence byte.
enum FindingCodec {
  static func encode(_ f: Finding, into out: inout [UInt8]) {
    string(f.rule, &out)
    optional(f.policy, &out, string)
    out.append(severityCode(f.severity))
    out.append(outcomeCode(f.outcome))
    string(f.subject, &out)
    string(f.file, &out)
    int(f.range.start.line, &out)
    int(f.range.start.column, &out)
    int(f.range.end.line, &out)
    int(f.range.end.column, &out)
    text(f.message, &out)
    optional(f.expected, &out, string)
    optional(f.actual, &out, string)
    optional(f.missing, &out, string)
    optional(f.citation, &out) { c, out in
      string(c.document, &out)
      string(c.clause, &out)
      optional(c.text, &out, string)
    }
    optional(f.fix, &out, text)
    optional(f.deadline, &out, string)
    optional(f.period, &out, string)
    optional(f.gap, &out, int)
    optional(f.failingRecords, &out, strings)
    optional(f.undeterminedRecords, &out, strings)
    optional(f.score, &out) { d, out in
      var bits = d.bitPattern
      for _ in 0..<8 {
        out.append(UInt8(truncatingIfNeeded: bits))
        bits >>= 8
      }
    }
    unsigned(UInt64(f.notes.count), &out)
    for note in f.notes { text(note, &out) }
  }

  private static func unsigned(_ value: UInt64, _ out: inout [UInt8]) {
    var v = value
    while v >= 0x80 {
      out.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    out.append(UInt8(v))
  }

  /// Zigzag, so a negative gap costs what a positive one does.
  private static func int(_ value: Int, _ out: inout [UInt8]) {
    unsigned(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63))), &out)
  }

  private static func string(_ s: String, _ out: inout [UInt8]) {
    var s = s
    s.withUTF8 { bytes in
      unsigned(UInt64(bytes.count), &out)
      out.append(contentsOf: bytes)
    }
  }

  private static func strings(_ list: [String], _ out: inout [UInt8]) {
    unsigned(UInt64(list.count), &out)
    for s in list { string(s, &out) }
  }

  private static func text(_ t: LocalizedText, _ out: inout [UInt8]) {
    string(t.zh, &out)
    string(t.en, &out)
  }

  private static func optional<T>(_ value: T?, _ out: inout [UInt8], _ body: (T, inout [UInt8]) -> Void) {
    guard let value else {
      out.append(0)
      return
    }
    out.append(1)
    body(value, &out)
  }

  private static func severityCode(_ s: Severity) -> UInt8 {
    switch s {
    case .info: 0
    case .warning: 1
    case .error: 2
    }
  }

  private static func outcomeCode(_ o: Outcome) -> UInt8 {
    switch o {
    case .pass: 0
    case .fail: 1
    case .insufficient: 2
    case .notApplicable: 3
    case .notice: 4
    }
  }

  // MARK: - Decoding

  /// Reads findings back from bytes this process encoded; nil on a truncated or damaged
  /// buffer (a disk error), which the store reports rather than trusting.
  struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    mutating func finding() -> Finding? {
      guard let rule = string(), let policy = optional({ $0.string() }), let severity = severity(),
        let outcome = outcome(), let subject = string(), let file = string(), let startLine = int(),
        let startColumn = int(), let endLine = int(), let endColumn = int(), let message = text(),
        let expected = optional({ $0.string() }), let actual = optional({ $0.string() }),
        let missing = optional({ $0.string() }),
        let citation = optional({ r -> Citation? in
          guard let d = r.string(), let c = r.string(), let t = r.optional({ $0.string() }) else { return nil }
          return Citation(document: d, clause: c, text: t)
        }),
        let fix = optional({ $0.text() }), let deadline = optional({ $0.string() }), let period = optional({ $0.string() }),
        let gap = optional({ $0.int() }), let failing = optional({ $0.strings() }),
        let undetermined = optional({ $0.strings() }), let score = optional({ $0.double() }),
        let noteCount = unsigned(), noteCount <= UInt64(bytes.count)
      else { return nil }
      var notes: [LocalizedText] = []
      for _ in 0..<noteCount {
        guard let note = text() else { return nil }
        notes.append(note)
      }
      return Finding(
        rule: rule, policy: policy, severity: severity, outcome: outcome, subject: subject, file: file,
        range: SourceRange(
          start: SourceLocation(line: startLine, column: startColumn), end: SourceLocation(line: endLine, column: endColumn)),
        message: message, expected: expected, actual: actual, missing: missing, citation: citation, fix: fix,
        deadline: deadline, period: period, gap: gap, failingRecords: failing, undeterminedRecords: undetermined,
        score: score, notes: notes)
    }

    private mutating func byte() -> UInt8? {
      guard position < bytes.count else { return nil }
      defer { position += 1 }
      return bytes[position]
    }

    private mutating func unsigned() -> UInt64? {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while shift < 64 {
        guard let b = byte() else { return nil }
        value |= UInt64(b & 0x7F) << shift
        if b < 0x80 { return value }
        shift += 7
      }
      return nil
    }

    private mutating func int() -> Int? {
      guard let u = unsigned() else { return nil }
      return Int(truncatingIfNeeded: Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
    }

    private mutating func string() -> String? {
      guard let n = unsigned(), n <= UInt64(bytes.count - position) else { return nil }
      let count = Int(n)
      defer { position += count }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + count]), as: UTF8.self)
    }

    private mutating func strings() -> [String]? {
      guard let n = unsigned(), n <= UInt64(bytes.count - position) else { return nil }
      var list: [String] = []
      list.reserveCapacity(Int(n))
      for _ in 0..<n {
        guard let s = string() else { return nil }
        list.append(s)
      }
      return list
    }

    private mutating func text() -> LocalizedText? {
      guard let zh = string(), let en = string() else { return nil }
      return LocalizedText(zh: zh, en: en)
    }

    private mutating func double() -> Double? {
      var bits: UInt64 = 0
      for k in 0..<8 {
        guard let b = byte() else { return nil }
        bits |= UInt64(b) << (8 * UInt64(k))
      }
      return Double(bitPattern: bits)
    }

    /// `.some(nil)` is an absent value; nil is a damaged buffer.
    private mutating func optional<T>(_ body: (inout Reader) -> T?) -> T?? {
      guard let tag = byte() else { return nil }
      if tag == 0 { return .some(nil) }
      guard tag == 1, let value = body(&self) else { return nil }
      return .some(value)
    }

    private mutating func severity() -> Severity? {
      switch byte() {
      case 0: .info
      case 1: .warning
      case 2: .error
      default: nil
      }
    }

    private mutating func outcome() -> Outcome? {
      switch byte() {
      case 0: .pass
      case 1: .fail
      case 2: .insufficient
      case 3: .notApplicable
      case 4: .notice
      default: nil
      }
    }
  }
}
