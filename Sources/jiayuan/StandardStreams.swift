import Foundation

/// The standard descriptors as the process found them. A descriptor closed by the caller
/// (`jiayuan check - <&-`, `>&-`) would be handed out again by the next `open`, and a
/// report written to "standard output" would then land in whatever file got number 1;
/// so each closed one is taken by /dev/null at start and remembered as closed.
enum StandardStreams {
  /// Of 0, 1 and 2, those that were closed at start (computed once, by `secure()`).
  static let closedAtStart: Set<Int32> = {
    var closed: Set<Int32> = []
    for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
      closed.insert(fd)
      // The lowest free number is `fd` itself, as the earlier ones are open.
      let null = open("/dev/null", O_RDWR)
      if null >= 0, null != fd {
        _ = dup2(null, fd)
        close(null)
      }
    }
    return closed
  }()

  /// Runs the check above before anything else opens a file. A reader that went away
  /// (`jiayuan check … | head`) then makes a write fail with EPIPE, reported with exit 2,
  /// instead of killing the process with SIGPIPE.
  static func secure() {
    _ = closedAtStart
    signal(SIGPIPE, SIG_IGN)
  }

  /// Writes all of `text` to `fd`; a failure (closed, full, a broken pipe) is the
  /// caller's to report, never a crash as `FileHandle.write` makes it. Returns the errno.
  @discardableResult
  static func write(_ text: String, to fd: Int32) -> Int32? {
    if closedAtStart.contains(fd) { return EBADF }
    var bytes = Array(text.utf8)
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeMutableBytes { raw in raw.baseAddress.map { Foundation.write(fd, $0 + done, raw.count - done) } ?? -1 }
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      done += n
    }
    return nil
  }
}
