import Foundation
import Records
import YAMLSource

/// An input file as read: its bytes, name and hash.
public struct InputFile: Sendable {
  public var path: String
  public var bytes: [UInt8]
  public var kind: InputKind
  public var isCSV: Bool { kind == .csv }

  public init(path: String, bytes: [UInt8], kind: InputKind) {
    self.path = path
    self.bytes = bytes
    self.kind = kind
  }

  public init(path: String, bytes: [UInt8], isCSV: Bool) {
    self.init(path: path, bytes: bytes, kind: isCSV ? .csv : InputKind(path: path))
  }
}

/// A problem with the inputs themselves that stops the run (exit 2).
public struct InputError: Error, Sendable, CustomStringConvertible {
  public var message: LocalizedText
  public var description: String { message.en }
}

/// Finds record files: files as given, directories recursively (`*.yaml`, `*.yml`,
/// `*.json`, `*.jsonl`, `*.ndjson`, `*.csv`) in sorted path order, `-` for standard input.
public enum InputFiles {
  static let extensions: Set<String> = ["yaml", "yml", "json", "jsonl", "ndjson", "csv"]

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

  /// Reads an input whole, but never more than `limit` + 1 bytes: a device or pipe that
  /// does not end (`/dev/zero`, an endless stdin) is then refused by the size cap like any
  /// file over it, instead of filling memory.
  public static func read(_ path: String, limit: Int = YAMLLimits.default.maxFileBytes) throws(InputError) -> InputFile {
    let isStdin = path == "-"
    let fd = isStdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0, let bytes = readBounded(fd, limit: limit) else {
      if fd >= 0, !isStdin { close(fd) }
      throw InputError(message: LocalizedText(zh: "无法读取文件：\(path)", en: "cannot read \(path)"))
    }
    if !isStdin { close(fd) }
    return InputFile(path: isStdin ? "<stdin>" : path, bytes: bytes, kind: kind(path))
  }

  /// Standard input is YAML (a JSON object is YAML too, though libyaml reads it less strictly).
  static func kind(_ path: String) -> InputKind { path == "-" ? .yaml : InputKind(path: path) }

  /// One copy, straight into an array sized from `fstat` (`FileManager.contents` and then
  /// `[UInt8](data)` held a large file twice); grown only for inputs of unknown size.
  private static func readBounded(_ fd: Int32, limit: Int) -> [UInt8]? {
    var st = stat()
    guard fstat(fd, &st) == 0 else { return nil }
    let most = limit + 1
    var bytes = [UInt8](repeating: 0, count: min(max(Int(st.st_size), 0), most))
    var done = 0
    var probe = [UInt8](repeating: 0, count: 4096)
    while done < most {
      // At the expected size, a small read tells the end from more to come, so the
      // array is not enlarged (and copied) just to find nothing more.
      let full = done == bytes.count
      let n =
        full
        ? probe.withUnsafeMutableBytes { raw in
          raw.baseAddress.map { Foundation.read(fd, $0, min(raw.count, most - done)) } ?? -1
        }
        : bytes.withUnsafeMutableBytes { raw in
          raw.baseAddress.map { Foundation.read(fd, $0 + done, raw.count - done) } ?? -1
        }
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if n == 0 { break }
      if full {
        bytes.append(contentsOf: probe[0..<n])
        bytes.append(contentsOf: repeatElement(0, count: min(max(4096, bytes.count / 2), most - bytes.count)))
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
