import Foundation
import Records

/// A one-line counter on stderr, only on a terminal and only once a run has taken more
/// than a moment, so pipes, CI logs and quick self-checks stay clean.
final class ProgressIndicator: @unchecked Sendable {
  private let enabled: Bool
  private let start = Date()
  private let lock = NSLock()
  private var shown = false

  init(enabled: Bool) {
    self.enabled = enabled && isatty(STDERR_FILENO) == 1
  }

  func update(_ done: Int, _ total: Int) {
    guard enabled, Date().timeIntervalSince(start) > 0.5 else { return }
    lock.lock()
    defer { lock.unlock() }
    shown = true
    StandardStreams.write("\r\u{1B}[K\(done)/\(total) files", to: STDERR_FILENO)
  }

  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if shown { StandardStreams.write("\r\u{1B}[K", to: STDERR_FILENO) }
  }
}

extension CalendarDate {
  /// Today in China Standard Time: waivers expire by the date their readers live in.
  static var today: CalendarDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
    let parts = calendar.dateComponents([.year, .month, .day], from: Date())
    return CalendarDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)
      ?? CalendarDate(year: 2000, month: 1, day: 1)!
  }
}
