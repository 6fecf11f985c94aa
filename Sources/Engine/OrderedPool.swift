import Foundation

/// Worker threads that run jobs in submission order and hand back each job's output by
/// its ticket, so a single consumer can take outputs in input order. With no threads,
/// a job runs on the consumer's thread when its output is taken.
final class OrderedPool<Output: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [(Int, @Sendable () -> Output)] = []
  private var head = 0
  private var done: [Int: Output] = [:]
  private var closed = false
  private let threads: Int

  init(threads: Int) {
    self.threads = threads
    for _ in 0..<threads {
      let thread = Thread { [self] in work() }
      thread.stackSize = 8 << 20
      thread.start()
    }
  }

  func submit(_ ticket: Int, _ job: @escaping @Sendable () -> Output) {
    condition.lock()
    jobs.append((ticket, job))
    condition.broadcast()
    condition.unlock()
  }

  /// Waits for the output of `ticket`; tickets are taken in submission order.
  func take(_ ticket: Int) -> Output {
    if threads == 0 {
      condition.lock()
      let (t, job) = jobs[head]
      precondition(t == ticket, "tickets are taken in submission order")
      head += 1
      compact()
      condition.unlock()
      return job()
    }
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let output = done.removeValue(forKey: ticket) { return output }
      condition.wait()
    }
  }

  /// Drops jobs not yet started and lets the threads end.
  func close() {
    condition.lock()
    closed = true
    jobs = []
    head = 0
    condition.broadcast()
    condition.unlock()
  }

  private func work() {
    while true {
      condition.lock()
      while head == jobs.count && !closed { condition.wait() }
      if closed {
        condition.unlock()
        return
      }
      let (ticket, job) = jobs[head]
      head += 1
      compact()
      condition.unlock()
      let output = job()
      condition.lock()
      if !closed { done[ticket] = output }
      condition.broadcast()
      condition.unlock()
    }
  }

  private func compact() {
    if head > 256, head * 2 > jobs.count {
      jobs.removeFirst(head)
      head = 0
    }
  }
}

/// The cores this process may run on (its CPU affinity, so `taskset -c 0` means one),
/// or `JIAYUAN_THREADS` when set.
enum Cores {
  static let available: Int = {
    if let text = ProcessInfo.processInfo.environment["JIAYUAN_THREADS"], let n = Int(text), n >= 1 { return min(n, 64) }
    #if os(Linux)
      // Cpus_allowed is the affinity mask in hex (comma-separated 32-bit groups).
      if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") })
      {
        let n = line.dropFirst("Cpus_allowed:".count).reduce(0) { sum, c in
          sum + (c.hexDigitValue.map { $0.nonzeroBitCount } ?? 0)
        }
        if n >= 1 { return n }
      }
    #endif
    return max(1, ProcessInfo.processInfo.activeProcessorCount)
  }()
}
