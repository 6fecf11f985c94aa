import Foundation

/// Where a reporter writes. Reports of a province run reach gigabytes, so the streaming
/// reporters write finding by finding instead of building one string.
public protocol ReportSink {
  mutating func write(_ text: String)
  mutating func write(bytes: [UInt8])
}

/// Collects the whole report: tests, goldens and small outputs.
public struct StringSink: ReportSink {
  public private(set) var text = ""

  public init() {}

  public mutating func write(_ text: String) { self.text += text }
  public mutating func write(bytes: [UInt8]) { text += String(decoding: bytes, as: UTF8.self) }
}

/// Writes to a file descriptor through a 256 KiB buffer; the first failed write is kept
/// and later writes are dropped, so the caller reports one error after `flush()`.
public struct FileSink: ReportSink {
  private let fd: Int32
  private var buffer: [UInt8] = []
  public private(set) var failure: Int32?
  private static let capacity = 256 << 10

  public init(fd: Int32) {
    self.fd = fd
    buffer.reserveCapacity(Self.capacity)
  }

  public mutating func write(_ text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }

  public mutating func write(bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

  private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.capacity { flush() }
  }

  /// Writes out what is buffered; nil or the errno of the first failed write.
  @discardableResult
  public mutating func flush() -> Int32? {
    var done = 0
    while failure == nil, done < buffer.count {
      let n = buffer.withUnsafeBytes { raw in
        raw.baseAddress.map { Foundation.write(fd, $0 + done, raw.count - done) } ?? -1
      }
      if n < 0 {
        if errno == EINTR { continue }
        if errno == EAGAIN || errno == EWOULDBLOCK {
          // A descriptor left non-blocking by whoever handed it over: wait, do not fail.
          var wait = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
          _ = poll(&wait, 1, -1)
          continue
        }
        failure = errno
      } else {
        done += n
      }
    }
    buffer.removeAll(keepingCapacity: true)
    return failure
  }
}
