import Records
import YAMLSource

/// What a large run keeps on disk until the end (findings, rules decided last) is written
/// in a compact binary form read back only by the process that wrote it: no version or
/// magic; integers and lengths are LEB128 varints, optionals a presence byte.
public protocol SpillCodable {
  func encode(to out: inout SpillWriter)
  /// nil on a truncated or damaged buffer (a disk error), never a half-read value.
  static func decode(from input: inout SpillReader) -> Self?
}

public struct SpillWriter {
  public init() {}

  public var bytes: [UInt8] = []

  public mutating func byte(_ b: UInt8) { bytes.append(b) }

  public mutating func unsigned(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  /// Zigzag, so a negative number costs what a positive one does.
  public mutating func int(_ value: Int) {
    unsigned(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63))))
  }

  public mutating func string(_ s: String) {
    var s = s
    s.withUTF8 { utf8 in
      unsigned(UInt64(utf8.count))
      bytes.append(contentsOf: utf8)
    }
  }

  public mutating func double(_ d: Double) {
    var bits = d.bitPattern
    for _ in 0..<8 {
      bytes.append(UInt8(truncatingIfNeeded: bits))
      bits >>= 8
    }
  }

  public mutating func optional<T>(_ value: T?, _ body: (inout SpillWriter, T) -> Void) {
    guard let value else {
      bytes.append(0)
      return
    }
    bytes.append(1)
    body(&self, value)
  }

  public mutating func array<T>(_ values: [T], _ body: (inout SpillWriter, T) -> Void) {
    unsigned(UInt64(values.count))
    for v in values { body(&self, v) }
  }
}

public struct SpillReader {
  public let bytes: UnsafeBufferPointer<UInt8>
  public var position = 0

  public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  public var atEnd: Bool { position >= bytes.count }

  public mutating func byte() -> UInt8? {
    guard position < bytes.count else { return nil }
    defer { position += 1 }
    return bytes[position]
  }

  public mutating func unsigned() -> UInt64? {
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

  public mutating func int() -> Int? {
    guard let u = unsigned() else { return nil }
    return Int(truncatingIfNeeded: Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
  }

  public mutating func string() -> String? {
    guard let n = unsigned(), n <= UInt64(bytes.count - position) else { return nil }
    let count = Int(n)
    defer { position += count }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + count]), as: UTF8.self)
  }

  public mutating func double() -> Double? {
    var bits: UInt64 = 0
    for k in 0..<8 {
      guard let b = byte() else { return nil }
      bits |= UInt64(b) << (8 * UInt64(k))
    }
    return Double(bitPattern: bits)
  }

  /// `.some(nil)` is an absent value; nil is a damaged buffer.
  public mutating func optional<T>(_ body: (inout SpillReader) -> T?) -> T?? {
    guard let tag = byte() else { return nil }
    if tag == 0 { return .some(nil) }
    guard tag == 1, let value = body(&self) else { return nil }
    return .some(value)
  }

  public mutating func array<T>(_ body: (inout SpillReader) -> T?) -> [T]? {
    // Each element takes at least one byte: a count past the rest is damage, not a size.
    guard let n = unsigned(), n <= UInt64(bytes.count - position) else { return nil }
    var values: [T] = []
    values.reserveCapacity(Int(n))
    for _ in 0..<n {
      guard let v = body(&self) else { return nil }
      values.append(v)
    }
    return values
  }
}

// MARK: - Shared pieces

extension LocalizedText {
  public func encode(to out: inout SpillWriter) {
    out.string(zh)
    out.string(en)
  }

  public static func decode(from input: inout SpillReader) -> LocalizedText? {
    guard let zh = input.string(), let en = input.string() else { return nil }
    return LocalizedText(zh: zh, en: en)
  }
}

extension SourceRange {
  public func encode(to out: inout SpillWriter) {
    out.int(start.line)
    out.int(start.column)
    out.int(end.line)
    out.int(end.column)
  }

  public static func decode(from input: inout SpillReader) -> SourceRange? {
    guard let l1 = input.int(), let c1 = input.int(), let l2 = input.int(), let c2 = input.int() else { return nil }
    return SourceRange(start: SourceLocation(line: l1, column: c1), end: SourceLocation(line: l2, column: c2))
  }
}

extension Outcome {
  public var spillCode: UInt8 {
    switch self {
    case .pass: 0
    case .fail: 1
    case .insufficient: 2
    case .notApplicable: 3
    case .notice: 4
    }
  }

  public init?(spillCode: UInt8?) {
    switch spillCode {
    case 0: self = .pass
    case 1: self = .fail
    case 2: self = .insufficient
    case 3: self = .notApplicable
    case 4: self = .notice
    default: return nil
    }
  }
}
