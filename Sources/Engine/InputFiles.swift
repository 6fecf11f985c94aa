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

/// Finds record files: files as given, directories recursively (`*.yaml`, `*.yml`,
/// `*.json`, `*.jsonl`, `*.ndjson`, `*.csv`, `*.xlsx`) in sorted path order, `-` for standard input.
///
/// Nothing found is passed over in silence (records.md, "Files"): a directory that
/// cannot be listed, a directory loop, a dangling link or a directory named like a record
/// file is kept in the list at its sorted place with its reason in `unreadable`, so that
/// the run reports it as a REC-READ input error and goes on.
public enum InputFiles {
  static let extensions: Set<String> = ["yaml", "yml", "json", "jsonl", "ndjson", "csv", "xlsx"]

  /// The record files of a run, in input order, and why some of them cannot be read.
  public struct Expansion: Sendable {
    public var paths: [String] = []
    /// Paths of `paths` already known to be unreadable.
    public var unreadable: [String: ReadFailure] = [:]

    mutating func add(_ path: String, _ failure: ReadFailure) {
      if unreadable[path] == nil { paths.append(path) }
      unreadable[path] = failure
    }
  }

  /// The paths of `walk`, the unreadable ones included (a run reading them finds out why).
  public static func expand(_ paths: [String]) throws(ToolError) -> [String] { try walk(paths).paths }

  /// Expands files and folders. Only a path given that does not exist at all stops the
  /// run (exit 2): it is a typo on the command line, not a fault of the data.
  public static func walk(_ paths: [String]) throws(ToolError) -> Expansion {
    var out = Expansion()
    var visited: [DirectoryID: String] = [:]
    for path in paths {
      if path == "-" {
        out.paths.append(path)
        continue
      }
      var st = stat()
      guard lstat(path, &st) == 0 else {
        let code = errno
        if code == ENOENT || code == ENOTDIR {
          let reason = ReadFailure(path: path, errno: code).reason
          throw ToolError(zh: "找不到输入：\(path)（\(reason.zh)）", en: "no such file or directory: \(path)")
        }
        out.add(path, ReadFailure(path: path, errno: code))
        continue
      }
      if st.st_mode & S_IFMT == S_IFLNK, stat(path, &st) != 0 {
        out.add(path, ReadFailure(path: path, errno: errno))  // a dangling link given
        continue
      }
      if st.st_mode & S_IFMT == S_IFDIR {
        var found = Expansion()
        walkDirectory(path, id: DirectoryID(st), into: &found, visited: &visited)
        out.paths += found.paths.sorted()
        out.unreadable.merge(found.unreadable) { a, _ in a }
      } else {
        out.paths.append(path)  // a FIFO or device given is refused when read, with its kind
      }
    }
    return out
  }

  /// A directory by device and inode: the same directory reached by two paths (a link
  /// back to an ancestor is a loop) is one directory.
  struct DirectoryID: Hashable {
    var device: UInt64
    var inode: UInt64
    init(_ st: stat) {
      device = UInt64(st.st_dev)
      inode = UInt64(st.st_ino)
    }
  }

  /// Walks `root` with an explicit stack (a deep tree is not call depth). Directory links
  /// are followed; a directory reached a second time is reported, not read again.
  private static func walkDirectory(
    _ root: String, id rootID: DirectoryID, into out: inout Expansion, visited: inout [DirectoryID: String]
  ) {
    if let first = visited[rootID] {
      out.add(
        root,
        ReadFailure(
          path: root,
          reason: LocalizedText(zh: "与已读取的目录 \(first) 是同一个目录", en: "the same directory as \(first), already read")))
      return
    }
    visited[rootID] = root
    // Each directory to list with the chain of directories above it (for loops).
    var stack: [(path: String, ancestors: [DirectoryID: String])] = [(root, [rootID: root])]
    while let item = stack.popLast() {
      let (directory, ancestors) = item
      guard let handle = opendir(directory) else {
        out.add(directory, ReadFailure(path: directory, errno: errno))
        continue
      }
      var names: [String] = []
      while true {
        errno = 0
        guard let entry = readdir(handle) else {
          if errno != 0 { out.add(directory, ReadFailure(path: directory, errno: errno)) }
          break
        }
        let name = withUnsafePointer(to: &entry.pointee.d_name) {
          $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
        }
        if name != "." && name != ".." { names.append(name) }
      }
      closedir(handle)
      for name in names {
        let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        let isRecordName = extensions.contains((name as NSString).pathExtension.lowercased())
        var st = stat()
        guard lstat(path, &st) == 0 else {
          if isRecordName { out.add(path, ReadFailure(path: path, errno: errno)) }  // vanished meanwhile
          continue
        }
        if st.st_mode & S_IFMT == S_IFLNK, stat(path, &st) != 0 {
          if isRecordName { out.add(path, ReadFailure(path: path, errno: errno)) }  // dangling or looping link
          continue
        }
        guard st.st_mode & S_IFMT == S_IFDIR else {
          if isRecordName { out.paths.append(path) }  // anything but a regular file is refused when read
          continue
        }
        if isRecordName {
          out.add(
            path,
            ReadFailure(
              path: path,
              reason: LocalizedText(
                zh: "是一个目录而不是记录文件（其中的文件未读取；去掉名称中的扩展名即可按目录读取）",
                en: "a directory, not a record file (its files were not read; rename it without the extension to read it as a folder)")))
          continue
        }
        let id = DirectoryID(st)
        if let above = ancestors[id] {
          out.add(
            path,
            ReadFailure(path: path, reason: LocalizedText(zh: "目录循环：指向其上级目录 \(above)", en: "a directory loop: it leads back to \(above)")))
          continue
        }
        if let first = visited[id] {
          out.add(
            path,
            ReadFailure(
              path: path, reason: LocalizedText(zh: "与已读取的目录 \(first) 是同一个目录", en: "the same directory as \(first), already read")))
          continue
        }
        visited[id] = path
        var chain = ancestors
        chain[id] = path
        stack.append((path, chain))
      }
    }
  }

  /// What reading one input gave: its bytes, its size alone (over the cap: refused
  /// without being held, hashed in blocks for the report), or why it cannot be read.
  public enum Loaded: Sendable {
    case file(InputFile)
    case oversized(path: String, size: Int, sha256: String)
    case failed(ReadFailure)
  }

  /// Reads an input whole, but never more than `limit` + 1 bytes: a stream that does not
  /// end (`yes |`, an endless stdin) is then refused by the size cap like any file over it.
  /// A named path must be a regular file: it is opened non-blocking (a FIFO never hangs
  /// the run) and checked on the open descriptor, so what is read is what was checked.
  public static func load(_ path: String, limit: Int = YAMLLimits.default.maxFileBytes) -> Loaded {
    if path == "-" { return readStream(STDIN_FILENO, name: "<stdin>", limit: limit) }
    // Refused by kind before opening: opening a device can have effects of its own.
    var st = stat()
    guard stat(path, &st) == 0 else { return .failed(ReadFailure(path: path, errno: errno)) }
    guard st.st_mode & S_IFMT == S_IFREG else { return .failed(ReadFailure(path: path, mode: st.st_mode)) }
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
    guard fd >= 0 else { return .failed(ReadFailure(path: path, errno: errno)) }
    defer { close(fd) }
    guard fstat(fd, &st) == 0 else { return .failed(ReadFailure(path: path, errno: errno)) }
    guard st.st_mode & S_IFMT == S_IFREG else { return .failed(ReadFailure(path: path, mode: st.st_mode)) }
    let size = Int(st.st_size)
    if size > limit {
      switch sha256(fd) {
      case .success(let hash): return .oversized(path: path, size: size, sha256: hash)
      case .failure(let error): return .failed(ReadFailure(path: path, errno: error.code))
      }
    }
    switch readBounded(fd, limit: limit, expected: size) {
    case .success(let bytes): return .file(InputFile(path: path, bytes: bytes, kind: kind(path)))
    case .failure(let error): return .failed(ReadFailure(path: path, errno: error.code))
    }
  }

  /// Reads an open stream (standard input, a pipe, a terminal) to its end or to `limit`
  /// + 1 bytes, whichever comes first: one byte more than the cap refuses it. Only a
  /// directory is refused before reading, as nothing can be read from it.
  public static func readStream(_ fd: Int32, name: String, limit: Int) -> Loaded {
    var st = stat()
    guard fstat(fd, &st) == 0 else { return .failed(ReadFailure(path: name, errno: errno)) }
    if st.st_mode & S_IFMT == S_IFDIR { return .failed(ReadFailure(path: name, mode: st.st_mode)) }
    let expected = st.st_mode & S_IFMT == S_IFREG ? Int(st.st_size) : nil
    switch readBounded(fd, limit: limit, expected: expected) {
    case .success(let bytes) where bytes.count > limit:
      // rules.md: a stream over the cap is REC-READ; it is not read any further.
      return .failed(
        ReadFailure(
          path: name,
          reason: LocalizedText(
            zh: "输入流超过 \(limit) 字节的上限，未再读取", en: "the stream is longer than the limit of \(limit) bytes; it was not read further")))
    case .success(let bytes): return .file(InputFile(path: name, bytes: bytes, isCSV: false))
    case .failure(let error): return .failed(ReadFailure(path: name, errno: error.code))
    }
  }

  /// `load` for callers that stop on the first bad input (policy cases, `score`); a file
  /// over the cap is read to `limit` + 1 bytes, which the record reader refuses.
  public static func read(_ path: String, limit: Int = YAMLLimits.default.maxFileBytes) throws(ToolError) -> InputFile {
    switch load(path, limit: limit) {
    case .file(let file): return file
    case .oversized(let path, let size, _):
      throw ToolError(
        LocalizedText(
          zh: "无法读取 \(path)：文件有 \(size) 字节，超过上限 \(limit) 字节", en: "cannot read \(path): it is \(size) bytes, over the limit of \(limit)"))
    case .failed(let failure): throw ToolError(failure.message)
    }
  }

  /// Standard input is YAML (a JSON object is YAML too, though libyaml reads it less strictly).
  static func kind(_ path: String) -> InputKind { path == "-" ? .yaml : InputKind(path: path) }

  /// One copy, straight into an array sized from `fstat` (`FileManager.contents` and then
  /// `[UInt8](data)` held a large file twice); grown only for inputs of unknown size. A
  /// stream left non-blocking by whoever handed it over is waited on with `poll`, not
  /// spun on. The error is an errno.
  private static func readBounded(_ fd: Int32, limit: Int, expected: Int? = nil) -> Result<[UInt8], Errno> {
    let most = limit + 1
    var bytes = [UInt8](repeating: 0, count: min(max(expected ?? 0, 0), most))
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
        let code = errno
        if code == EINTR { continue }
        if code == EAGAIN || code == EWOULDBLOCK {
          var wait = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
          _ = poll(&wait, 1, -1)
          continue
        }
        return .failure(Errno(code: code))
      }
      if n == 0 { break }
      if full {
        bytes.append(contentsOf: probe[0..<n])
        bytes.append(contentsOf: repeatElement(0, count: min(max(4096, bytes.count / 2), most - bytes.count)))
      }
      done += n
    }
    bytes.removeLast(bytes.count - done)
    return .success(bytes)
  }

  /// The SHA-256 of an open file read in 1 MiB blocks: an oversized file is hashed for
  /// the report without being held. The error is an errno.
  private static func sha256(_ fd: Int32) -> Result<String, Errno> {
    var hasher = SHA256.Hasher()
    var block = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = block.withUnsafeMutableBytes { raw in raw.baseAddress.map { Foundation.read(fd, $0, raw.count) } ?? -1 }
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(Errno(code: errno))
      }
      if n == 0 { break }
      block.withUnsafeBufferPointer { hasher.update(UnsafeBufferPointer(rebasing: $0[0..<n])) }
    }
    return .success(hasher.finalizeHex())
  }

  /// A failed system call's errno.
  struct Errno: Error {
    var code: Int32
  }
}
