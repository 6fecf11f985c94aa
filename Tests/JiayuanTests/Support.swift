import Foundation
import Testing

/// Paths and helpers shared by the tests.
enum Support {
  static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// `../shared/testdata`: external test data, beside the clone in CI, absent in a user's clone.
  static let sharedTestdata = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata")
  static let sharedSpec = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/spec")
  static var hasSharedSpec: Bool { FileManager.default.fileExists(atPath: sharedSpec.path) }

  static func bytes(_ relative: String) -> [UInt8] {
    [UInt8](FileManager.default.contents(atPath: packageRoot.appendingPathComponent(relative).path) ?? Data())
  }

  /// The bytes of a file by its absolute path (empty when absent).
  static func bytesAt(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

  /// The built `jiayuan` executable: beside the test bundle, else in `.build/debug`.
  static var binary: URL {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for dir in [beside, beside.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug")] {
      let candidate = dir.appendingPathComponent("jiayuan")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return packageRoot.appendingPathComponent(".build/debug/jiayuan")
  }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs the binary from the package root, as a user would.
  static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Run {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
  }

  /// Compares with `Tests/JiayuanTests/Golden/NAME`; `JIAYUAN_RECORD_GOLDEN=1` rewrites it.
  static func assertGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = packageRoot.appendingPathComponent("Tests/JiayuanTests/Golden/\(name)")
    if ProcessInfo.processInfo.environment["JIAYUAN_RECORD_GOLDEN"] == "1" {
      try Data(actual.utf8).write(to: url)
      return
    }
    let expected = String(decoding: FileManager.default.contents(atPath: url.path) ?? Data(), as: UTF8.self)
    #expect(actual == expected, "golden \(name) differs; re-record with JIAYUAN_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
  }
}
