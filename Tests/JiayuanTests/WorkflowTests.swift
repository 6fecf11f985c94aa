import Engine
import Foundation
import Records
import Reporters
import Testing
import YAMLSource

/// Baselines, waivers, schemas, template and score: the workflows around a check.
@Suite(.serialized) struct WorkflowTests {
  private func temporary(_ name: String) -> String { NSTemporaryDirectory() + "jiayuan-\(UUID().uuidString)-\(name)" }

  /// A baseline hides the findings it recorded, and still matches after lines move.
  @Test func baselineSurvivesMovedLines() throws {
    let folder = temporary("records")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let original = String(decoding: Support.bytes("examples/records/shucheng/meishan.yaml"), as: UTF8.self)
    try original.write(toFile: folder + "/a.yaml", atomically: true, encoding: .utf8)
    let baseline = temporary("baseline.yaml")
    let first = try Support.run(["check", folder, "--write-baseline", baseline, "--format", "json"])
    #expect(first.status == 1)
    let moved = "# 新增的说明行\n# 再一行\n\n" + original
    try moved.write(toFile: folder + "/a.yaml", atomically: true, encoding: .utf8)
    let second = try Support.run(["check", folder, "--baseline", baseline, "--format", "json"])
    #expect(second.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any]
    let summary = json?["summary"] as? [String: Any]
    #expect(summary?["errors"] as? Int == 0)
    #expect((summary?["suppressed"] as? Int ?? 0) > 0)
    // A new problem is not hidden by the old baseline.
    try (moved.replacingOccurrences(of: "members: 7, party_members: 4", with: "members: 7, party_members: 9"))
      .write(toFile: folder + "/a.yaml", atomically: true, encoding: .utf8)
    let third = try Support.run(["check", folder, "--baseline", baseline])
    #expect(third.status == 1)
    #expect(third.stdout.contains("REC-PARTY-MEMBERS"))
    // Auditors see everything.
    let audit = try Support.run(["check", folder, "--baseline", baseline, "--no-waivers"])
    #expect(audit.stdout.contains("SC-CHAIR-REPORT"))
  }

  @Test func waiversExpire() throws {
    let waivers = temporary("waivers.yaml")
    try """
    format: jiayuan-baseline/1
    waivers:
      - rule: SC-CHAIR-REPORT
        subject: AH-LA-SC-0001
        reason: 主任已病退，新主任将于年内述职
        approved_by: 舒城县城管局 王科长
        until: 2024-12-31
    """.write(toFile: waivers, atomically: true, encoding: .utf8)
    let path = "examples/records/shucheng/meishan.yaml"
    let within = try Support.run(["check", path, "--waivers", waivers, "--as-of", "2024-06-30", "--lang", "en"])
    #expect(!within.stdout.contains("SC-CHAIR-REPORT"))
    #expect(within.stdout.contains("1 suppressed"))
    let after = try Support.run(["check", path, "--waivers", waivers, "--as-of", "2025-01-01", "--lang", "en"])
    #expect(after.stdout.contains("SC-CHAIR-REPORT"))
    #expect(after.stdout.contains("waiver expired on 2024-12-31"))
  }

  @Test func aWaiverWithoutApprovalIsRefused() throws {
    let waivers = temporary("bad-waivers.yaml")
    try "format: jiayuan-baseline/1\nwaivers:\n  - rule: SC-CHAIR-REPORT\n    reason: x\n".write(
      toFile: waivers, atomically: true, encoding: .utf8)
    let run = try Support.run(["check", "examples/records/shucheng/meishan.yaml", "--waivers", waivers])
    #expect(run.status == 2)
    // Chinese first, as every message; located at the waiver.
    #expect(run.stderr.contains(":3:5: 豁免需要 reason、approved_by 和 until"))
    let en = try Support.run(["check", "examples/records/shucheng/meishan.yaml", "--waivers", waivers, "--lang", "en"])
    #expect(en.stderr.contains(":3:5: a waiver needs reason, approved_by and until"))
  }

  @Test func severalFormatsInOneRun() throws {
    let sarif = temporary("r.sarif")
    let junit = temporary("r.xml")
    let run = try Support.run([
      "check", "examples/records", "--format", "json", "--format", "sarif", "--output", sarif, "--format", "junit", "--output", junit,
    ])
    // Pairing is by order: json → the first --output, sarif → the second, junit → stdout.
    #expect(run.status == 1)
    #expect(run.stdout.hasPrefix("<?xml"))
    #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarif)))) != nil)
    let refused = try Support.run(["check", "examples/records", "--format", "json", "--format", "sarif"])
    #expect(refused.status == 2)
  }

  /// A killed run's partial `.NAME.RANDOM.tmp` (or an older version's `.NAME.PID.tmp`),
  /// untouched for a day, is cleaned up by the next run writing NAME; a recent one may be
  /// another run's, still being written, and is left alone.
  @Test func staleTemporaryOutputsAreRemoved() throws {
    let folder = temporary("out")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let stale = [folder + "/.r.json.0123456789abcdef.tmp", folder + "/.r.json.999999.tmp"]
    let live = folder + "/.r.json.fedcba9876543210.tmp"
    for path in stale + [live] { try "{\"partial".write(toFile: path, atomically: false, encoding: .utf8) }
    for path in stale {
      var times = [timespec(tv_sec: time(nil) - 2 * 86_400, tv_nsec: 0), timespec(tv_sec: time(nil) - 2 * 86_400, tv_nsec: 0)]
      #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    }
    let run = try Support.run(["check", "examples/records/jingan", "--format", "json", "--output", folder + "/r.json"])
    #expect(run.status == 0)
    for path in stale { #expect(!FileManager.default.fileExists(atPath: path)) }
    #expect(FileManager.default.fileExists(atPath: live))
    #expect(FileManager.default.fileExists(atPath: folder + "/r.json"))
  }

  @Test func templateIsAValidRecord() throws {
    let run = try Support.run(["template"])
    var decoded: [DecodedRecord] = []
    RecordSource.records(in: Array(run.stdout.utf8), file: "t.yaml", isCSV: false) { decoded.append($0) }
    #expect(decoded.count == 1)
    #expect(decoded.first?.record != nil)
    #expect(decoded.first?.findings.isEmpty == true)
    #expect(run.stdout.contains("# * 户数"))
  }

  @Test func schemasAreJSONAndNameEveryField() throws {
    let records = try JSONSerialization.jsonObject(with: Data(JSONSchemas.records().utf8)) as? [String: Any]
    let properties = records?["properties"] as? [String: Any]
    #expect(properties?.keys.contains("owners_committee") == true)
    #expect((records?["required"] as? [String])?.contains("households") == true)
    let policy = try JSONSerialization.jsonObject(with: Data(JSONSchemas.policy().utf8)) as? [String: Any]
    #expect(policy?["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
  }

  /// With check-jsonschema installed (CI installs it), the shipped policies and the
  /// single-document sample records validate against `jiayuan schema`.
  @Test(.enabled(if: Self.hasValidator, "check-jsonschema not installed: skipped"))
  func shippedFilesValidateAgainstTheSchemas() throws {
    let policySchema = temporary("policy.json")
    let recordSchema = temporary("records.json")
    try JSONSchemas.policy().write(toFile: policySchema, atomically: true, encoding: .utf8)
    try JSONSchemas.records().write(toFile: recordSchema, atomically: true, encoding: .utf8)
    let policies = try FileManager.default.contentsOfDirectory(atPath: Support.packageRoot.appendingPathComponent("policies").path)
      .filter { $0.hasSuffix(".yaml") }.map { "policies/" + $0 }
    #expect(try Self.validate(policySchema, policies) == 0)
    let records = ["jingan/daning", "shaoxing/jinghu", "shandong/quancheng", "shucheng/meishan"].map { "examples/records/\($0).yaml" }
    #expect(try Self.validate(recordSchema, records) == 0)
    #expect(try Self.validate(recordSchema, ["Tests/JiayuanTests/Fixtures/mixed/unknown-field.yaml"]) != 0)
  }

  static var hasValidator: Bool { which("check-jsonschema") != nil }

  static func which(_ tool: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let path = "\(dir)/\(tool)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  static func validate(_ schema: String, _ files: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: which("check-jsonschema") ?? "check-jsonschema")
    process.arguments = ["--schemafile", schema] + files
    process.currentDirectoryURL = Support.packageRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }

  @Test func scoreRanksCandidatesByDistrict() throws {
    let run = try Support.run(["score", "--policy", "shaoxing-2023", "examples/records", "--format", "json"])
    #expect(run.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let list = json?["recommendation_list"] as? [[String: Any]]
    #expect(list?.count == 1)
    #expect(list?.first?["score"] as? Int == 100)
    #expect(list?.first?["district"] as? String == "越城区")
    let csv = try Support.run(["score", "--policy", "shaoxing-2023", "examples/records", "--format", "csv"])
    #expect(csv.stdout.hasPrefix("\u{FEFF}序号,地区,项目名称,物业服务企业名称,所属街道,所属社区,评价分数,交付率或入住率"))
    #expect(try Support.run(["score", "examples/records"]).status == 2)
  }

  /// A candidate that fails an annex-1 requirement stays on the list by its score, and the
  /// list names the requirement it has not met.
  @Test func scoreListFlagsUnmetRequirements() throws {
    let folder = NSTemporaryDirectory() + "jiayuan-score-unmet-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let record = String(decoding: Support.bytes("examples/records/shaoxing/jinghu.yaml"), as: UTF8.self)
      .replacingOccurrences(of: "disorderly_parking: 0", with: "disorderly_parking: 3")
    try Data(record.utf8).write(to: URL(fileURLWithPath: folder + "/a.yaml"))
    let run = try Support.run(["score", "--policy", "shaoxing-2023", folder, "--format", "json"])
    let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let list = json?["recommendation_list"] as? [[String: Any]]
    #expect(list?.first?["unmet"] as? [String] == ["SX-R7-FACILITIES"], "\(run.stdout)")
    let clean = try Support.run(["score", "--policy", "shaoxing-2023", "examples/records", "--format", "json"])
    let cleanList = (try JSONSerialization.jsonObject(with: Data(clean.stdout.utf8)) as? [String: Any])?["recommendation_list"]
    #expect((cleanList as? [[String: Any]])?.first?["unmet"] as? [String] == [])
    let csv = try Support.run(["score", "--policy", "shaoxing-2023", folder, "--format", "csv"])
    #expect(csv.stdout.contains(",未达要求\r\n") && csv.stdout.contains(",SX-R7-FACILITIES\r\n"), "\(csv.stdout)")
  }

  /// A name that a spreadsheet would run as a formula is defused in `score --format csv`,
  /// as in `check --format csv`.
  @Test func scoreCSVDefusesFormulas() throws {
    let folder = NSTemporaryDirectory() + "jiayuan-score-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let record = String(decoding: Support.bytes("examples/records/shaoxing/jinghu.yaml"), as: UTF8.self)
      .replacingOccurrences(of: "name: 镜湖花苑", with: "name: \"=HYPERLINK(\\\"http://x\\\",\\\"镜湖\\\")\"")
    try Data(record.utf8).write(to: URL(fileURLWithPath: folder + "/a.yaml"))
    let csv = try Support.run(["score", "--policy", "shaoxing-2023", folder, "--format", "csv"])
    #expect(csv.status == 0)
    #expect(csv.stdout.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"镜湖\"\")\""), "\(csv.stdout)")
  }
}

/// The records of `cases/` that the decoder accepts also validate against
/// `jiayuan schema records`: the schema and the decoder agree on what a valid record is.
@Suite struct CaseRecordSchemaTests {
  @Test(.enabled(if: WorkflowTests.hasValidator, "check-jsonschema not installed: skipped"))
  func acceptedCaseRecordsValidateAgainstTheSchema() throws {
    let folder = NSTemporaryDirectory() + "jiayuan-case-records-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var seen = Set<String>()
    var runner = CaseRunner()
    runner.recordSink = { node, decoded in
      guard decoded.record != nil, !decoded.findings.contains(where: { $0.rule == "REC-SCHEMA" }) else { return }
      let json = Self.json(node)
      guard seen.insert(json).inserted else { return }
      try? json.write(toFile: "\(folder)/\(seen.count).json", atomically: false, encoding: .utf8)
    }
    try runner.run(paths: [Support.packageRoot.appendingPathComponent("cases").path]) { ShippedPolicies.named($0) }
    #expect(seen.count > 100)
    let schema = folder + ".schema.json"
    try JSONSchemas.records().write(toFile: schema, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: schema) }
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).map { "\(folder)/\($0)" }
    #expect(try WorkflowTests.validate(schema, files) == 0)
  }

  /// A located node as JSON, scalars read as YAML 1.2 reads them.
  static func json(_ node: YAMLNode) -> String {
    switch node.content {
    case .mapping(let pairs):
      return "{" + pairs.map { JSONWriter.quote($0.key.keyText ?? "") + ":" + json($0.value) }.joined(separator: ",") + "}"
    case .sequence(let items):
      return "[" + items.map(json).joined(separator: ",") + "]"
    case .scalar(let scalar):
      switch scalar.resolved {
      case .null: return "null"
      case .bool(let b): return b ? "true" : "false"
      case .int(let i): return String(i)
      case .float(let d): return d.isFinite ? String(d) : "null"
      case .bigInt(let t), .string(let t): return JSONWriter.quote(t)
      }
    }
  }
}
