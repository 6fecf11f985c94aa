import Foundation
import Records
import YAMLSource

/// An input file as read: its bytes, name and hash.
public struct InputFile: Sendable {
  public var path: String
  public var bytes: [UInt8]
  public var isCSV: Bool

  public init(path: String, bytes: [UInt8], isCSV: Bool) {
    self.path = path
    self.bytes = bytes
    self.isCSV = isCSV
  }
}

/// A problem with the inputs themselves that stops the run (exit 2).
public struct InputError: Error, Sendable, CustomStringConvertible {
  public var message: LocalizedText
  public var description: String { message.en }
}

/// Finds record files: files as given, directories recursively (`*.yaml`, `*.yml`,
/// `*.json`, `*.csv`) in sorted path order, `-` for standard input.
public enum InputFiles {
  static let extensions: Set<String> = ["yaml", "yml", "json", "csv"]

  public static func expand(_ paths: [String]) throws(InputError) -> [String] {
    var out: [String] = []
    let fm = FileManager.default
    for path in paths {
      if path == "-" {
        out.append(path)
        continue
      }
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError(message: LocalizedText(zh: "找不到输入：\(path)", en: "no such file or directory: \(path)"))
      }
      if isDirectory.boolValue {
        var found: [String] = []
        if let walker = fm.enumerator(atPath: path) {
          while let item = walker.nextObject() as? String {
            let ext = (item as NSString).pathExtension.lowercased()
            if extensions.contains(ext) { found.append(path.hasSuffix("/") ? path + item : path + "/" + item) }
          }
        }
        out += found.sorted()
      } else {
        out.append(path)
      }
    }
    return out
  }

  public static func read(_ path: String) throws(InputError) -> InputFile {
    if path == "-" {
      let data = FileHandle.standardInput.readDataToEndOfFile()
      return InputFile(path: "<stdin>", bytes: [UInt8](data), isCSV: false)
    }
    guard let bytes = readWhole(path) else {
      throw InputError(message: LocalizedText(zh: "无法读取文件：\(path)", en: "cannot read \(path)"))
    }
    return InputFile(path: path, bytes: bytes, isCSV: isCSV(path))
  }

  static func isCSV(_ path: String) -> Bool { path.lowercased().hasSuffix(".csv") }

  /// One copy, straight into the array (`FileManager.contents` and then `[UInt8](data)`
  /// held a large file twice).
  private static func readWhole(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { return nil }
    var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
    var done = 0
    var probe = [UInt8](repeating: 0, count: 4096)
    while true {
      // At the expected size, a small read tells the end from a file that grew, so the
      // array is not enlarged (and copied) just to find nothing more.
      let full = done == bytes.count
      let n =
        full
        ? probe.withUnsafeMutableBytes { raw in raw.baseAddress.map { Foundation.read(fd, $0, raw.count) } ?? -1 }
        : bytes.withUnsafeMutableBytes { raw in raw.baseAddress.map { Foundation.read(fd, $0 + done, raw.count - done) } ?? -1 }
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if n == 0 { break }
      if full {
        bytes.append(contentsOf: probe[0..<n])
        bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count / 2)))
      }
      done += n
    }
    bytes.removeLast(bytes.count - done)
    return bytes
  }

  /// The SHA-256 of a file read in 1 MiB blocks: an oversized file is hashed for the
  /// report without being held.
  static func sha256(of path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var hasher = SHA256.Hasher()
    var block = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = block.withUnsafeMutableBytes { raw in raw.baseAddress.map { Foundation.read(fd, $0, raw.count) } ?? -1 }
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if n == 0 { break }
      block.withUnsafeBufferPointer { hasher.update(UnsafeBufferPointer(rebasing: $0[0..<n])) }
    }
    return hasher.finalizeHex()
  }
}
