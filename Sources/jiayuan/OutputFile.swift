import Engine
import Foundation
import Records
import Reporters

/// Writes output whole or not at all: a temporary file beside the target, then rename.
func writeAtomically(_ text: String, to path: String) throws {
  try writeAtomically(to: path) { $0.write(text) }
}

/// Writes a report or baseline as cli.md says of `--output`, so that no file of the
/// user's is ever replaced by half a report, or written through a planted link:
///
/// - into `.NAME.RANDOM.tmp` beside the target, created exclusively (`O_EXCL`) and never
///   through a symlink (`O_NOFOLLOW`): the name cannot be guessed, so nobody can plant a
///   link there, and two runs (even both PID 1, in separate namespaces) never share one;
/// - synced (`fsync`) and then renamed over the target, the directory synced after, so a
///   crash leaves the old file or the whole new one;
/// - with the old file's mode (0600 stays 0600) and, where allowed, its owner;
/// - removed if the run is interrupted (SIGINT, SIGTERM, SIGHUP) while it is written.
///
/// A target that is not a regular file (`/dev/null`, a FIFO, a terminal) is written
/// directly and never replaced. A target that is a symlink is replaced by the report; the
/// file it pointed at is left alone.
func writeAtomically(to path: String, _ body: (inout FileSink) -> Void) throws {
  func failed(_ code: Int32) -> ToolError {
    let reason = ReadFailure(path: path, errno: code).reason
    return ToolError(LocalizedText(zh: "无法写入 \(path)：\(reason.zh)", en: "cannot write \(path): \(reason.en)"))
  }
  var own = stat()
  var mode: mode_t?
  var owner: (uid_t, gid_t)?
  if lstat(path, &own) == 0 {
    var target = own
    if own.st_mode & S_IFMT == S_IFLNK, stat(path, &target) != 0 { target = own }  // dangling: replaced
    switch target.st_mode & S_IFMT {
    case S_IFREG:
      mode = target.st_mode & 0o7777
      owner = (target.st_uid, target.st_gid)
    case S_IFLNK: break
    case S_IFDIR: throw failed(EISDIR)
    default:
      if try writeDirectly(path, body, failed) { return }
    }
  }
  let url = URL(fileURLWithPath: path)
  let directory = url.deletingLastPathComponent().path
  let name = url.lastPathComponent
  removeStaleTemporaries(in: directory, of: name)
  var fd: Int32 = -1
  var temporary = ""
  for _ in 0..<16 {
    temporary = directory + "/" + TemporaryName.make(for: name)
    fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
    if fd >= 0 || errno != EEXIST { break }
  }
  guard fd >= 0 else { throw failed(errno) }
  PendingTemporary.set(temporary)
  defer { PendingTemporary.clear() }
  if let owner { _ = fchown(fd, owner.0, owner.1) }  // only root may; a user's own file keeps its owner anyway
  if let mode { _ = fchmod(fd, mode) }
  var sink = FileSink(fd: fd)
  body(&sink)
  var failure = sink.flush()
  if failure == nil, fsync(fd) != 0 { failure = errno }
  if close(fd) != 0, failure == nil { failure = errno }
  if let failure {
    unlink(temporary)
    throw failed(failure)
  }
  // rename(2) replaces an existing file atomically; Foundation's replaceItemAt fails on
  // Linux when the target exists and loses it.
  guard rename(temporary, path) == 0 else {
    let code = errno
    unlink(temporary)
    throw failed(code)
  }
  let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
  if folder >= 0 {
    _ = fsync(folder)
    close(folder)
  }
}

/// Writes straight into a target that is not a regular file; false when it turned out to
/// be one after all (it changed meanwhile), for the caller to write it the safe way.
private func writeDirectly(_ path: String, _ body: (inout FileSink) -> Void, _ failed: (Int32) -> ToolError) throws -> Bool {
  let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
  guard fd >= 0 else { throw failed(errno) }
  var st = stat()
  if fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG {
    close(fd)
    return false
  }
  var sink = FileSink(fd: fd)
  body(&sink)
  let failure = sink.flush()
  close(fd)
  if let failure { throw failed(failure) }
  return true
}

/// `.NAME.` + 16 random hex digits + `.tmp`: hidden, and kept out of `jiayuan check DIR`
/// by its extension.
enum TemporaryName {
  static func make(for name: String) -> String {
    var generator = SystemRandomNumberGenerator()
    let random = String(generator.next(), radix: 16)
    return ".\(name).\(String(repeating: "0", count: 16 - random.count))\(random).tmp"
  }

  static func matches(_ candidate: String, for name: String) -> Bool {
    let prefix = ".\(name)."
    guard candidate.hasPrefix(prefix), candidate.hasSuffix(".tmp") else { return false }
    let middle = candidate.dropFirst(prefix.count).dropLast(4)
    // Or an older version's `.NAME.PID.tmp`.
    return (middle.count == 16 && middle.allSatisfy(\.isHexDigit))
      || (!middle.isEmpty && middle.allSatisfy(\.isASCII) && Int(middle) != nil)
  }
}

/// A run killed outright (SIGKILL, a power cut) leaves its temporary file; the next run
/// writing NAME removes those untouched for a day. A live writer touches its own with
/// every block, and the name alone no longer says whose it is (a PID says nothing across
/// PID namespaces).
private func removeStaleTemporaries(in directory: String, of name: String) {
  guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
  let now = time(nil)
  for candidate in names where TemporaryName.matches(candidate, for: name) {
    let path = directory + "/" + candidate
    var st = stat()
    guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, now - st.st_mtim.tv_sec > 86_400 else { continue }
    unlink(path)
  }
}

/// The temporary file being written, for the signal handlers to remove. A C string in
/// memory allocated up front: a handler may only make async-signal-safe calls (unlink).
enum PendingTemporary {
  nonisolated(unsafe) private static let slot: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let slot = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: 1)
    slot.initialize(to: nil)
    return slot
  }()
  nonisolated(unsafe) private static var previous: [Int32: sighandler_t?] = [:]
  private static let signals = [SIGINT, SIGTERM, SIGHUP]

  static func set(_ path: String) {
    let slot = Self.slot  // initialised before any handler can read it
    slot.pointee = strdup(path)
    for sig in signals {
      previous[sig] = signal(sig) { sig in
        if let path = PendingTemporary.slot.pointee { unlink(path) }
        signal(sig, SIG_DFL)
        raise(sig)
      }
    }
  }

  static func clear() {
    for sig in signals { _ = signal(sig, previous[sig] ?? SIG_DFL) }
    let path = slot.pointee
    slot.pointee = nil
    free(path)
  }
}
