import Foundation
import Records
import Testing
import YAMLSource

@testable import Engine

/// The faults a real machine and real users produce (issue 11), each through the engine
/// or the built binary: paths that cannot be read, damaged documents, runs that read
/// nothing, outputs that could destroy data, CSV headers that lose columns. None passes
/// in silence, none hangs or crashes, and the rest of the run is unharmed.
@Suite(.serialized)
struct FaultTests {
  typealias Loc = YAMLSource.SourceLocation

  /// A complete record of 舒城县 (a shipped policy's jurisdiction); `households` on line 5.
  static func record(_ id: String, households: String = "420", county: String = "舒城县") -> String {
    "id: \(id)\nname: 小区\(id)\njurisdiction: {province: 安徽省, city: 六安市, county: \(county)}\nas_of: 2024-06-30\nhouseholds: \(households)\n"
  }

  /// A fresh folder, removed by the caller.
  static func folder(_ name: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  struct Outcome {
    var status: Int32
    var signalled: Bool
    var timedOut: Bool
    var stdout: String
    var stderr: String
  }

  /// Runs a shell command line (for redirections such as `<&-`) with `$J` the binary,
  /// killing it after `seconds`: a fault that hangs fails the test instead of the suite.
  static func shell(_ command: String, seconds: Double = 60, in directory: URL? = nil) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.currentDirectoryURL = directory ?? Support.packageRoot
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C"
    env["J"] = Support.binary.path
    process.environment = env
    let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-out-\(UUID().uuidString)")
    let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("jiayuan-err-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outFile)
      try? FileManager.default.removeItem(at: errFile)
    }
    process.standardOutput = try FileHandle(forWritingTo: outFile)
    process.standardError = try FileHandle(forWritingTo: errFile)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(seconds)
    var timedOut = false
    while process.isRunning {
      if Date() > deadline {
        timedOut = true
        kill(process.processIdentifier, SIGKILL)
        break
      }
      usleep(2000)
    }
    process.waitUntilExit()
    let text = { (url: URL) in String(decoding: FileManager.default.contents(atPath: url.path) ?? Data(), as: UTF8.self) }
    return Outcome(
      status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal, timedOut: timedOut,
      stdout: text(outFile), stderr: text(errFile))
  }

  /// Single-quoted for the shell.
  static func q(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

  /// The JSON report of a run.
  struct Report {
    var records = 0, checked = 0, skipped = 0, inputErrors = 0, errors = 0
    var findings: [[String: Any]] = []

    init(_ stdout: String) throws {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "\(stdout.prefix(500))")
      let summary = try #require(object["summary"] as? [String: Any])
      records = summary["records"] as? Int ?? -1
      checked = summary["checked"] as? Int ?? -1
      skipped = summary["skipped"] as? Int ?? -1
      inputErrors = summary["input_errors"] as? Int ?? -1
      errors = summary["errors"] as? Int ?? -1
      findings = object["findings"] as? [[String: Any]] ?? []
    }

    func rules(of file: String) -> [String] { findings.filter { $0["file"] as? String == file }.compactMap { $0["rule"] as? String } }

    func message(_ rule: String, of file: String) -> String? {
      findings.first { $0["file"] as? String == file && $0["rule"] as? String == rule }?["message"] as? String
    }
  }

  /// Binds a Unix socket at `path` (a socket file left behind, as by a crashed daemon).
  static func makeSocket(_ path: String) -> Bool {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (i, b) in bytes.enumerated() { raw[i] = b }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    return bound == 0
  }

  static var isRoot: Bool { geteuid() == 0 }

  // MARK: - Read only what can be bounded

  @Test(
    "a FIFO, socket, device, directory named x.yaml, dangling link and looping folder link are each a counted REC-READ; the run goes on"
  )
  func unreadablePathsAreCountedAndTheRunGoesOn() throws {
    let dir = try Self.folder("paths")
    defer { try? FileManager.default.removeItem(at: dir) }
    let fm = FileManager.default
    let p = { (name: String) in dir.appendingPathComponent(name).path }
    try Data(Self.record("GOOD-1").utf8).write(to: URL(fileURLWithPath: p("a-good.yaml")))
    #expect(mkfifo(p("fifo.yaml"), 0o644) == 0)
    let socketMade = Self.makeSocket(p("sock.yaml"))
    try fm.createSymbolicLink(atPath: p("zero.yaml"), withDestinationPath: "/dev/zero")
    try fm.createSymbolicLink(atPath: p("dangling.yaml"), withDestinationPath: p("no-such-file.yaml"))
    try fm.createDirectory(atPath: p("folder.yaml"), withIntermediateDirectories: true)
    // A linked folder is followed (its record read); a link back up is a loop, once.
    let outside = try Self.folder("outside")
    defer { try? fm.removeItem(at: outside) }
    try Data(Self.record("GOOD-2").utf8).write(to: outside.appendingPathComponent("linked.yaml"))
    try fm.createSymbolicLink(atPath: p("linked"), withDestinationPath: outside.path)
    try fm.createDirectory(atPath: p("sub"), withIntermediateDirectories: true)
    try fm.createSymbolicLink(atPath: p("sub/up"), withDestinationPath: "..")

    let run = try Self.shell("$J check \(Self.q(dir.path)) --format json --lang en --no-progress", seconds: 60)
    #expect(!run.timedOut && !run.signalled, "hung or crashed: \(run.stderr)")
    #expect(run.status == 1, "\(run.stderr)")
    let report = try Report(run.stdout)
    var bad = ["fifo.yaml": "FIFO", "zero.yaml": "character device", "dangling.yaml": "No such file", "folder.yaml": "directory"]
    if socketMade { bad["sock.yaml"] = "socket" }
    bad["sub/up"] = "loop"
    for (name, words) in bad {
      #expect(report.rules(of: p(name)) == ["REC-READ"], "\(name): \(report.rules(of: p(name)))")
      let message = report.message("REC-READ", of: p(name)) ?? ""
      #expect(message.contains(p(name)) && message.contains(words), "\(name): \(message)")
      let finding = report.findings.first { $0["file"] as? String == p(name) }
      #expect(finding?["line"] as? Int == 1 && finding?["column"] as? Int == 1)
    }
    #expect(report.inputErrors == bad.count)
    #expect(report.checked == 2, "the good record and the linked folder's")
    #expect(report.records == report.checked + report.skipped + report.inputErrors)
    #expect(report.findings.contains { ($0["file"] as? String)?.hasSuffix("linked/linked.yaml") ?? false })
  }

  @Test("a file that vanished between listing and reading is a REC-READ naming the system's reason")
  func vanishedFile() throws {
    let dir = try Self.folder("vanished")
    defer { try? FileManager.default.removeItem(at: dir) }
    let good = dir.appendingPathComponent("a.yaml").path
    let gone = dir.appendingPathComponent("b.yaml").path
    try Data(Self.record("V-1").utf8).write(to: URL(fileURLWithPath: good))
    try Data(Self.record("V-2").utf8).write(to: URL(fileURLWithPath: gone))
    let paths = try InputFiles.expand([dir.path])
    try FileManager.default.removeItem(atPath: gone)
    for threads in [1, 2] {
      let run = try Run.check(paths: paths, policies: ShippedPolicies.all, asOf: nil, threads: threads)
      #expect(run.summary.records == 2 && run.summary.checked == 1 && run.summary.inputErrors == 1)
      let finding = try #require(Array(run.findings).first { $0.file == gone })
      #expect(finding.rule == "REC-READ" && finding.range.start == Loc(line: 1, column: 1))
      #expect(finding.message.en == "cannot read \(gone): No such file or directory")
      #expect(finding.message.zh.contains("没有那个文件或目录"))
      #expect(run.inputs.map(\.path) == [good, gone])
    }
  }

  @Test(
    "an unreadable file and an unreadable folder are REC-READ (Permission denied)",
    .disabled(if: FaultTests.isRoot, "running as root, which reads any file: permissions cannot make a file unreadable"))
  func unreadableFileAndFolder() throws {
    let dir = try Self.folder("perm")
    defer {
      chmod(dir.appendingPathComponent("closed").path, 0o755)
      try? FileManager.default.removeItem(at: dir)
    }
    let file = dir.appendingPathComponent("secret.yaml").path
    try Data(Self.record("P-1").utf8).write(to: URL(fileURLWithPath: file))
    chmod(file, 0)
    let closed = dir.appendingPathComponent("closed").path
    try FileManager.default.createDirectory(atPath: closed, withIntermediateDirectories: true)
    try Data(Self.record("P-2").utf8).write(to: URL(fileURLWithPath: closed + "/inside.yaml"))
    chmod(closed, 0)
    let expansion = try InputFiles.walk([dir.path])
    let run = try Run.check(paths: expansion.paths, unreadable: expansion.unreadable, policies: [], asOf: nil, threads: 1)
    #expect(run.summary.inputErrors == 2)
    for path in [file, closed] {
      let finding = Array(run.findings).first { $0.file == path }
      #expect(finding?.rule == "REC-READ" && finding?.message.en.contains("Permission denied") == true, "\(path)")
    }
  }

  @Test("closed stdin and a directory on stdin are a REC-READ, never a crash")
  func hostileStandardInput() throws {
    for command in ["$J check - --lang en <&-", "$J check - --lang en < /"] {
      let run = try Self.shell(command, seconds: 30)
      #expect(!run.signalled && !run.timedOut, "\(command): \(run.stderr)")
      #expect(run.status == 1, "\(command): \(run.status) \(run.stderr)")
      #expect(run.stdout.contains("[REC-READ]"), "\(command): \(run.stdout)")
    }
  }

  @Test("a FIFO or a device named as policy, baseline, waivers or lint file: exit 2 with the reason, no hang")
  func hostilePolicyAndBaselineFiles() throws {
    let dir = try Self.folder("policyfifo")
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("p.yaml").path
    #expect(mkfifo(fifo, 0o644) == 0)
    let record = "examples/records/jingan/daning.yaml"
    for args in [
      "check \(record) --policy \(Self.q(fifo))", "check \(record) --baseline \(Self.q(fifo))", "check \(record) --waivers /dev/zero",
      "lint \(Self.q(fifo))", "check \(record) --policy /dev/zero",
    ] {
      let run = try Self.shell("$J \(args) --lang en", seconds: 30)
      #expect(!run.timedOut && !run.signalled, "\(args)")
      #expect(run.status == 2, "\(args): \(run.status)")
      #expect(run.stderr.contains("not a regular file"), "\(args): \(run.stderr)")
    }
  }

  @Test("a closed or full stdout or stderr never crashes: exit 2 when the report cannot be written")
  func closedAndFullStandardStreams() throws {
    let record = "examples/records/jingan/daning.yaml"
    for (command, status) in [
      ("$J check \(record) >&-", Int32(2)), ("$J check \(record) > /dev/full", 2), ("$J check no/such/file 2>&-", 2),
      ("$J check no/such/file 2> /dev/full", 2), ("$J check \(record) --lang en 2>&- >&-", 2), ("$J check \(record) 2>&-", 0),
      ("$J nonsense-command 2> /dev/full", 2),
    ] {
      let run = try Self.shell(command, seconds: 30)
      #expect(!run.signalled && !run.timedOut, "\(command)")
      #expect(run.status == status, "\(command): \(run.status) \(run.stderr)")
    }
    // A reader that goes away (`| head`): EPIPE, exit 2, not death by SIGPIPE.
    let dir = try Self.folder("pipe")
    defer { try? FileManager.default.removeItem(at: dir) }
    let big = dir.appendingPathComponent("big.yaml")
    try Data((0..<3_000).map { "---\n" + Self.record("P\($0)") }.joined().utf8).write(to: big)
    let direct = try Self.shell("( $J check \(Self.q(big.path)) --lang en; echo \"status=$?\" >&2 ) | head -c 10 > /dev/null", seconds: 120)
    #expect(direct.stderr.contains("Broken pipe") && direct.stderr.contains("status=2"), "\(direct.stderr)")
  }

  // MARK: - Resynchronise after a YAML syntax error

  /// Five records, `name: [x` (never closed) in the second: lines 1-5, `---` 6, 7-12, ...
  static let fiveDocuments: String = {
    var docs = (1...5).map { record("R-\($0)") }
    docs[1] += "extra: [x\n"
    return docs.joined(separator: "---\n")
  }()

  @Test("a syntax error ends its document, not the file: reading resumes at the next `---` with the file's lines")
  func resumeAfterASyntaxError() throws {
    let docs = YAMLReader.documents(Array(Self.fiveDocuments.utf8))
    #expect(docs.map(\.index) == [0, 1, 2, 3, 4])
    #expect(docs.map { $0.root == nil } == [false, true, false, false, false])
    #expect(docs[1].problems.first?.range.start == Loc(line: 13, column: 1), "\(docs[1].problems)")
    // Later documents keep their own lines: the third record's id is on line 14.
    #expect(docs[2].root?.pairs?.first?.key.range.start == Loc(line: 14, column: 1))
    #expect(docs[4].root?.pairs?.first?.key.range.start == Loc(line: 26, column: 1))
  }

  @Test(
    "damaged documents of every kind are one input error each and the rest are read",
    arguments: [
      // (text, documents that are records, damaged documents)
      ("--- ]\n--- ]\n--- ]\n", 0, 3),
      ("id: [\n---\nid: [\n---\n" + FaultTests.record("K-1"), 1, 2),
      (FaultTests.record("K-2") + "---\nname: \"open\n---\n" + FaultTests.record("K-3"), 2, 1),
      (FaultTests.record("K-4") + "---\n\tbad: tab\n---\n" + FaultTests.record("K-5") + "---\nid: {\n", 2, 2),
      (FaultTests.record("K-6") + "---\nx: " + String(repeating: "[", count: 70) + "\n---\n" + FaultTests.record("K-7"), 2, 1),
      (FaultTests.record("K-8") + "---\nname: \u{FFFE}\n---\n" + FaultTests.record("K-9"), 2, 1),
      ("%YAML 1.2\n%YAML 1.2\n---\n" + FaultTests.record("K-10") + "---\n" + FaultTests.record("K-11"), 2, 1),
      // Bad bytes far ahead are not blamed on the documents before them.
      (FaultTests.record("K-12") + "---\n" + FaultTests.record("K-13") + "---\nname: \u{FFFE}\n", 2, 1),
    ])
  func everyDamagedDocumentIsCounted(text: String, records: Int, damaged: Int) throws {
    var bytes = Array(text.utf8)
    if let bad = text.range(of: "\u{FFFE}") {  // invalid UTF-8 in the second document
      let at = text.utf8.distance(from: text.utf8.startIndex, to: bad.lowerBound)
      bytes.replaceSubrange(at..<(at + 3), with: [0xFF])
    }
    var decoded: [DecodedRecord] = []
    RecordSource.records(in: bytes, file: "t.yaml", isCSV: false) { decoded.append($0) }
    #expect(decoded.filter { !$0.isInputError }.count == records, "\(decoded.map { $0.findings.map(\.message.en) })")
    #expect(decoded.filter(\.isInputError).count == damaged)
    #expect(decoded.map(\.origin.index) == Array(0..<decoded.count))
    for bad in decoded where bad.isInputError {
      #expect(bad.findings.first?.rule == "REC-PARSE")
      #expect((bad.findings.first?.range.start.line ?? 0) >= 1)
    }
  }

  @Test("the five-document file through the run: 5 records, as one stream and as pieces on 1 and 2 threads")
  func resumeThroughTheRun() throws {
    let dir = try Self.folder("resume")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("five.yaml").path
    try Data(Self.fiveDocuments.utf8).write(to: URL(fileURLWithPath: path))
    let whole = try Run.check(
      paths: [path], policies: ShippedPolicies.all, asOf: nil, limits: .default, threads: 1, splitAbove: .max, pieceBytes: .max,
      progress: nil)
    #expect(whole.summary.records == 5 && whole.summary.checked == 4 && whole.summary.inputErrors == 1)
    #expect(whole.inputs.first?.records == 5)
    let parse = try #require(Array(whole.findings).first { $0.rule == "REC-PARSE" })
    #expect(parse.range.start == Loc(line: 13, column: 1))
    for (threads, piece) in [(1, 1), (2, 1), (2, 40), (2, 200)] {
      let pieced = try Run.check(
        paths: [path], policies: ShippedPolicies.all, asOf: nil, limits: .default, threads: threads, splitAbove: 0, pieceBytes: piece,
        progress: nil)
      #expect(pieced.summary == whole.summary, "threads \(threads) piece \(piece)")
      #expect(Array(pieced.findings) == Array(whole.findings), "threads \(threads) piece \(piece)")
    }
    let cli = try Self.shell("$J check \(Self.q(path)) --lang zh --no-progress")
    #expect(cli.stdout.contains("共 5 条记录：检查 4，跳过 0，输入错误 1"), "\(cli.stdout.suffix(300))")
  }

  // MARK: - A run that read nothing checked nothing

  @Test("empty stdin, an empty file, a comment-only file, a failed download: exit 2 with a clear message, never a pass")
  func nothingReadIsNotAPass() throws {
    let dir = try Self.folder("empty")
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data().write(to: dir.appendingPathComponent("empty.yaml"))
    try Data("# 待填写\n---\n...\n".utf8).write(to: dir.appendingPathComponent("comments.yaml"))
    try Data("id,name\n".utf8).write(to: dir.appendingPathComponent("header-only.csv"))
    for (command, words) in [
      ("$J check - --lang en < /dev/null", "no record was read from <stdin>"),
      ("printf '' | $J check - --lang zh", "没有读到任何记录"),
      ("(exit 22) | $J check - --lang en --format json", "nothing was checked"),
      ("$J check \(Self.q(dir.appendingPathComponent("empty.yaml").path)) --lang en", "no record was read"),
      ("$J check \(Self.q(dir.appendingPathComponent("comments.yaml").path)) --lang en", "no record was read"),
      ("$J check \(Self.q(dir.path)) --lang en --format sarif", "no record was read"),
    ] {
      let run = try Self.shell(command)
      #expect(run.status == 2, "\(command): \(run.status) \(run.stdout.suffix(200))")
      #expect(run.stderr.contains(words), "\(command): \(run.stderr)")
      #expect(run.stdout.isEmpty, "\(command): no report of nothing")
    }
  }

  @Test("a policy named for the run that applies to no record read: exit 2 naming the records' jurisdictions")
  func namedPolicyThatAppliesToNothing() throws {
    let run = try Self.shell("$J check examples/records/jingan --policy shucheng-2023 --lang en")
    #expect(run.status == 2)
    #expect(run.stderr.contains("policy shucheng-2023 (安徽省/六安市/舒城县) applies to none of the records read"), "\(run.stderr)")
    #expect(run.stderr.contains("上海市/上海市/静安区"), "\(run.stderr)")
    // One policy that applies is not enough when another named one applies to nothing.
    let two = try Self.shell("$J check examples/records/jingan --policy jingan-2021 --policy shucheng-2023 --lang en")
    #expect(two.status == 2 && two.stderr.contains("shucheng-2023"))
    // Without --policy, shipped policies apply where they do: a record no policy covers is skipped.
    let shipped = try Self.shell("$J check examples/records/jingan --lang en")
    #expect(shipped.status == 0, "\(shipped.stderr)")
    // Only input errors: their report is the answer (exit 1), not a policy complaint.
    let broken = try Self.shell("printf 'id: [\\n' | $J check - --policy shucheng-2023 --lang en")
    #expect(broken.status == 1 && broken.stdout.contains("REC-PARSE"), "\(broken.stderr) \(broken.stdout)")
  }

  @Test("a policy named twice, or by its name and its file, is used once")
  func policyNamedTwiceIsUsedOnce() throws {
    func report(_ policies: String) throws -> Report {
      try Report(Self.shell("$J check examples/records/shucheng \(policies) --format json --no-progress").stdout)
    }
    let once = try report("--policy shucheng-2023")
    #expect(once.errors > 0)
    for twice in ["--policy shucheng-2023 --policy shucheng-2023", "--policy shucheng-2023 --policy policies/shucheng-2023.yaml"] {
      let again = try report(twice)
      #expect(again.errors == once.errors && again.findings.count == once.findings.count, "\(twice)")
    }
  }

  // MARK: - Safe outputs

  static func mode(_ path: String) -> mode_t {
    var st = stat()
    return lstat(path, &st) == 0 ? st.st_mode : 0
  }

  static func temporaries(in dir: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".tmp") }
  }

  @Test("--output keeps the old file's mode (0600 stays 0600), syncs and renames, and leaves no temporary file")
  func outputKeepsMode() throws {
    let dir = try Self.folder("mode")
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("report.json").path
    try Data("old".utf8).write(to: URL(fileURLWithPath: out))
    chmod(out, 0o600)
    let run = try Self.shell("$J check examples/records/jingan --format json --output \(Self.q(out))")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(Self.mode(out) & 0o7777 == 0o600)
    #expect(Self.mode(out) & S_IFMT == S_IFREG)
    #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out)))) != nil)
    #expect(Self.temporaries(in: dir).isEmpty)
    // A new file gets the usual mode (0666 less the umask), never more.
    let fresh = dir.appendingPathComponent("fresh.json").path
    _ = try Self.shell("umask 027; $J check examples/records/jingan --format json --output \(Self.q(fresh))")
    #expect(Self.mode(fresh) & 0o7777 == 0o640)
  }

  @Test("a target that is not a regular file (/dev/null, a FIFO) is written directly, never replaced")
  func nonRegularTargets() throws {
    let dir = try Self.folder("devnull")
    defer { try? FileManager.default.removeItem(at: dir) }
    // As root, devices of the test's own (a build that replaces its target must not take
    // the machine's /dev/null with it); others cannot replace /dev/null anyway.
    func device(_ name: String, minor: UInt32, else fallback: String) -> String {
      let path = dir.appendingPathComponent(name).path
      return mknod(path, S_IFCHR | 0o666, dev_t(1 << 8 | minor)) == 0 ? path : fallback  // makedev(1, minor)
    }
    let nullDevice = device("null", minor: 3, else: "/dev/null")
    let fullDevice = device("full", minor: 7, else: "/dev/full")
    let null = try Self.shell(
      "$J check examples/records/jingan --format json --output \(Self.q(nullDevice)) --write-baseline \(Self.q(nullDevice))")
    #expect(null.status == 0, "\(null.stderr)")
    #expect(Self.mode(nullDevice) & S_IFMT == S_IFCHR, "\(nullDevice) must stay a device")
    let fifo = dir.appendingPathComponent("pipe.json").path
    #expect(mkfifo(fifo, 0o644) == 0)
    let got = dir.appendingPathComponent("got.json").path
    let run = try Self.shell(
      "cat \(Self.q(fifo)) > \(Self.q(got)) & $J check examples/records/jingan --format json --output \(Self.q(fifo)); s=$?; wait; exit $s",
      seconds: 60)
    #expect(run.status == 0 && !run.timedOut, "\(run.stderr)")
    #expect(Self.mode(fifo) & S_IFMT == S_IFIFO)
    #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: got)))) != nil)
    let full = try Self.shell("$J check examples/records/jingan --format json --output \(Self.q(fullDevice)) --lang en")
    #expect(full.status == 2 && full.stderr.contains("No space left on device"), "\(full.stderr)")
    #expect(Self.mode(fullDevice) & S_IFMT == S_IFCHR)
  }

  @Test(
    "an output that is one of the inputs (record, folder member, link, policy, baseline, waivers, stdin) is refused before anything is read"
  )
  func outputThatIsAnInput() throws {
    let dir = try Self.folder("same")
    defer { try? FileManager.default.removeItem(at: dir) }
    let record = dir.appendingPathComponent("r.yaml").path
    let recordBytes = Data(Self.record("SAME-1").utf8)
    try recordBytes.write(to: URL(fileURLWithPath: record))
    let link = dir.appendingPathComponent("link.json").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: record)
    let policy = dir.appendingPathComponent("p.yaml.policy").path
    let policyBytes = Support.bytes("policies/shucheng-2023.yaml")
    try Data(policyBytes).write(to: URL(fileURLWithPath: policy))
    let baseline = dir.appendingPathComponent("b.baseline").path
    #expect(try Self.shell("$J check \(Self.q(record)) --write-baseline \(Self.q(baseline)) --fail-on never").status == 0)
    let baselineBytes = try Data(contentsOf: URL(fileURLWithPath: baseline))
    let r = Self.q(record)
    for args in [
      "\(r) --format json --output \(r)", "\(Self.q(dir.path)) --format json --output \(r)", "\(r) --format json --output \(Self.q(link))",
      "\(r) --policy \(Self.q(policy)) --format json --output \(Self.q(policy))", "\(r) --write-baseline \(r)",
      "\(r) --baseline \(Self.q(baseline)) --write-baseline \(Self.q(baseline))",
      "\(r) --waivers \(Self.q(baseline)) --format sarif --output \(Self.q(baseline))",
      "- --format json --output \(r) < \(r)",
    ] {
      let run = try Self.shell("$J check \(args) --lang en")
      #expect(run.status == 2, "\(args): \(run.status)")
      #expect(run.stderr.contains("refusing to replace it"), "\(args): \(run.stderr)")
      #expect(run.stdout.isEmpty)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: record)) == recordBytes)
    #expect(try Data(contentsOf: URL(fileURLWithPath: policy)) == Data(policyBytes))
    #expect(try Data(contentsOf: URL(fileURLWithPath: baseline)) == baselineBytes)
    #expect(Self.mode(link) & S_IFMT == S_IFLNK)
  }

  @Test("a symlink planted at the output is replaced, its target never written")
  func plantedLinkAtTheOutput() throws {
    let dir = try Self.folder("planted")
    defer { try? FileManager.default.removeItem(at: dir) }
    let victim = dir.appendingPathComponent("victim.txt").path
    try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
    let out = dir.appendingPathComponent("report.json").path
    try FileManager.default.createSymbolicLink(atPath: out, withDestinationPath: victim)
    let run = try Self.shell("$J check examples/records/jingan --format json --output \(Self.q(out))")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
    #expect(Self.mode(out) & S_IFMT == S_IFREG)
  }

  @Test("SIGTERM or SIGINT while the output is written removes the temporary file; the old output stays whole")
  func interruptedWriteLeavesNoTemporary() throws {
    let dir = try Self.folder("sigterm")
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("big.yaml")
    try Data((0..<6_000).map { "---\n" + Self.record("S\($0)") }.joined().utf8).write(to: input)
    let out = dir.appendingPathComponent("report.json")
    let old = Data("{\"old\": true}\n".utf8)
    var interrupted = 0
    for sig in [SIGTERM, SIGINT, SIGTERM] {
      try old.write(to: out)
      let process = Process()
      process.executableURL = Support.binary
      process.arguments = ["check", input.path, "--format", "json", "--output", out.path, "--no-progress"]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      let deadline = Date().addingTimeInterval(120)
      while process.isRunning, Date() < deadline {
        if !Self.temporaries(in: dir).isEmpty {
          kill(process.processIdentifier, sig)
          interrupted += 1
          break
        }
        usleep(200)
      }
      process.waitUntilExit()
      #expect(Self.temporaries(in: dir).isEmpty, "\(Self.temporaries(in: dir))")
      let data = try Data(contentsOf: out)
      #expect(data == old || (try? JSONSerialization.jsonObject(with: data)) != nil)
    }
    #expect(interrupted > 0, "the run never showed its temporary file")
  }

  @Test("two runs writing one output at once each write their own temporary file: the result is one whole report")
  func concurrentWriters() throws {
    let dir = try Self.folder("concurrent")
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("big.yaml")
    try Data((0..<3_000).map { "---\n" + Self.record("W\($0)") }.joined().utf8).write(to: input)
    let out = dir.appendingPathComponent("report.json").path
    let cmd = "$J check \(Self.q(input.path)) --format json --output \(Self.q(out)) --no-progress"
    let run = try Self.shell("\(cmd) & \(cmd) & \(cmd); wait", seconds: 300)
    #expect(!run.timedOut)
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
    #expect((object?["summary"] as? [String: Any])?["records"] as? Int == 3_000)
    #expect(Self.temporaries(in: dir).isEmpty)
  }

  // MARK: - CSV gaps

  static let csvHeader = "id,name,jurisdiction.province,jurisdiction.city,jurisdiction.county,as_of,households"

  static func csv(_ text: String) -> [DecodedRecord] {
    var out: [DecodedRecord] = []
    RecordSource.records(in: Array(text.utf8), file: "t.csv", isCSV: true) { out.append($0) }
    return out
  }

  /// The file's one input error has a finding of `rule` at `location` saying `words`.
  static func expectHeaderError(
    _ records: [DecodedRecord], _ rule: String, at location: Loc, _ words: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    #expect(records.count == 1 && records.first?.isInputError == true, "\(records.count) records", sourceLocation: sourceLocation)
    let findings = records.flatMap(\.findings)
    #expect(
      findings.contains { $0.rule == rule && $0.range.start == location && $0.message.en.contains(words) },
      "\(findings.map { "\($0.rule) \($0.range.start) \($0.message.en)" })", sourceLocation: sourceLocation)
  }

  @Test("a CSV column named twice is a located REC-DUPLICATE-KEY at the second header cell, not last-wins")
  func duplicateColumn() {
    let records = Self.csv(Self.csvHeader + ",households\nA,甲,安徽省,六安市,舒城县,2024-06-30,100,999\n")
    Self.expectHeaderError(records, "REC-DUPLICATE-KEY", at: Loc(line: 1, column: 86), "duplicate column \"households\"")
    // Spaces around a name do not hide the duplicate.
    let spaced = Self.csv(Self.csvHeader + ", name \nA,甲,安徽省,六安市,舒城县,2024-06-30,100,乙\n")
    Self.expectHeaderError(spaced, "REC-DUPLICATE-KEY", at: Loc(line: 1, column: 86), "duplicate column \"name\"")
  }

  @Test("a column that is both a value and a parent (households with households.x) is located at the later cell, in either order")
  func pathClash() {
    let after = Self.csv(Self.csvHeader + ",households.x\nA,甲,安徽省,六安市,舒城县,2024-06-30,100,1\n")
    Self.expectHeaderError(after, "REC-PARSE", at: Loc(line: 1, column: 86), "which is a value")
    let before = Self.csv(
      "households.x,id,name,jurisdiction.province,jurisdiction.city,jurisdiction.county,as_of,households\n1,A,甲,安徽省,六安市,舒城县,2024-06-30,100\n"
    )
    Self.expectHeaderError(before, "REC-PARSE", at: Loc(line: 1, column: 88), "is a value, but column A")
    // Siblings under one parent are fine.
    let siblings = Self.csv(Self.csvHeader + ",fees.2024.due,fees.2024.collected\nA,甲,安徽省,六安市,舒城县,2024-06-30,100,10,9\n")
    #expect(siblings.count == 1 && siblings.first?.record != nil, "\(siblings.flatMap(\.findings).map(\.message.en))")
  }

  @Test("a header path is capped like YAML nesting: 64 levels read, 65 and 40,000 refused at the cell (40,000 crashed)")
  func deepHeaderPath() throws {
    func header(_ depth: Int) -> String { Array(repeating: "x", count: depth).joined(separator: ".") }
    let atCap = Self.csv(Self.csvHeader + "," + header(64) + "\nA,甲,安徽省,六安市,舒城县,2024-06-30,100,1\n")
    #expect(atCap.count == 1 && atCap.first?.findings.contains { $0.rule == "REC-PARSE" } == false)
    for depth in [65, 40_000] {
      let records = Self.csv(Self.csvHeader + "," + header(depth) + "\nA,甲,安徽省,六安市,舒城县,2024-06-30,100,1\n")
      Self.expectHeaderError(records, "REC-PARSE", at: Loc(line: 1, column: 86), "deeper than 64 levels")
    }
  }

  @Test("the 1 MiB scalar cap applies to CSV cells: a cell of exactly 1 MiB reads, one over is a located error of that row only")
  func cellCap() throws {
    let cap = YAMLLimits.default.maxScalarBytes
    let rows = [
      "A,\(String(repeating: "a", count: cap)),安徽省,六安市,舒城县,2024-06-30,100",
      "B,\(String(repeating: "b", count: cap + 1)),安徽省,六安市,舒城县,2024-06-30,100",
      "C,丙,安徽省,六安市,舒城县,2024-06-30,100",
    ]
    let records = Self.csv(Self.csvHeader + "\n" + rows.joined(separator: "\n") + "\n")
    #expect(records.count == 3)
    #expect(records[0].record != nil && records[2].record != nil)
    #expect(records[1].isInputError)
    let finding = try #require(records[1].findings.first)
    #expect(finding.rule == "REC-PARSE" && finding.range.start == Loc(line: 3, column: 3), "\(finding.range.start)")
    #expect(finding.message.en.contains("over the limit of \(cap) bytes"))
  }
}
