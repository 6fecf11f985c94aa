import Foundation
import Testing

/// Runs the built binary as a user would: golden output, exit codes, stdin, colour.
@Suite(.serialized) struct CLITests {
  private let mixed = "Tests/JiayuanTests/Fixtures/mixed"

  @Test func textOutputOfAMixedFolder() throws {
    let run = try Support.run(["check", mixed, "--policy", "shucheng-2023", "--lang", "zh"])
    #expect(run.status == 1)
    try Support.assertGolden(run.stdout, "mixed.txt")
  }

  @Test func englishTextOutput() throws {
    let run = try Support.run(["check", mixed, "--policy", "shucheng-2023", "--lang", "en"])
    try Support.assertGolden(run.stdout, "mixed.en.txt")
  }

  @Test func jsonOutputOfAMixedFolder() throws {
    let run = try Support.run(["check", mixed, "--policy", "shucheng-2023", "--format", "json", "--lang", "zh"])
    #expect(run.status == 1)
    #expect(run.stderr.isEmpty)
    try Support.assertGolden(run.stdout, "mixed.json")
    let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let summary = json?["summary"] as? [String: Any]
    func count(_ key: String) -> Int { summary?[key] as? Int ?? -1 }
    #expect(count("records") == 6)
    #expect(count("records") == count("checked") + count("skipped") + count("input_errors"))
  }

  @Test func exitCodes() throws {
    #expect(try Support.run(["check", mixed, "--fail-on", "never"]).status == 0)
    #expect(try Support.run(["check", "examples/records/jingan"]).status == 0)
    #expect(try Support.run(["check", "examples/records/jingan", "--fail-on", "info"]).status == 0)
    #expect(try Support.run(["check", "examples/records/shucheng", "--fail-on", "warning"]).status == 1)
    #expect(try Support.run(["check"]).status == 2)
    #expect(try Support.run(["check", "no/such/path"]).status == 2)
    #expect(try Support.run(["check", mixed, "--policy", "no-such-policy"]).status == 2)
    #expect(try Support.run(["check", mixed, "--fail-on", "sometimes"]).status == 2)
    #expect(try Support.run(["check", mixed, "--as-of", "2024-13-01"]).status == 2)
  }

  /// Before, `--param audti_days=90` (a name no policy has) was ignored and the run
  /// looked as if it had used it.
  @Test func aParameterNobodyHasIsRefused() throws {
    let typo = try Support.run(["check", "examples/records/shucheng", "--param", "audti_days=90", "--lang", "en"])
    #expect(typo.status == 2)
    #expect(typo.stderr.contains("no loaded policy has a parameter audti_days"))
    #expect(typo.stderr.contains("audit_days"))
    let known = try Support.run(["check", "examples/records/shucheng", "--param", "audit_days=90", "--fail-on", "never"])
    #expect(known.status == 0)
  }

  @Test func stdinAndNoColour() throws {
    let text = String(decoding: Support.bytes("examples/records/jingan/daning.yaml"), as: UTF8.self)
    let run = try Support.run(["check", "-", "--lang", "en"], stdin: text, environment: ["NO_COLOR": "1"])
    #expect(run.status == 0)
    #expect(!run.stdout.contains("\u{1B}["))
    #expect(run.stdout.contains("1 records: 1 checked"))
  }

  @Test func outputFileIsWrittenWhole() throws {
    let path = NSTemporaryDirectory() + "jiayuan-\(UUID().uuidString).json"
    let run = try Support.run(["check", mixed, "--format", "json", "--output", path])
    #expect(run.stdout.isEmpty)
    let data = try #require(FileManager.default.contents(atPath: path))
    #expect((try? JSONSerialization.jsonObject(with: data)) != nil)
    // Writing over an existing report replaces it whole (rename), never loses it.
    let again = try Support.run(["check", mixed, "--format", "json", "--output", path])
    #expect(again.status == 1)
    #expect(FileManager.default.contents(atPath: path) == data)
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Tool errors speak Chinese first (ToolError was English under --lang zh).
  @Test func toolErrorsAreLocalized() throws {
    let zh = try Support.run(["check", "examples/records", "--policy", "nope", "--lang", "zh"])
    #expect(zh.status == 2)
    #expect(zh.stderr.contains("未知的策略 nope"), "\(zh.stderr)")
    let en = try Support.run(["check", "examples/records", "--policy", "nope", "--lang", "en"])
    #expect(en.stderr.contains("unknown policy nope"), "\(en.stderr)")
    let flag = try Support.run(["check", "examples/records", "--fail-on", "sometimes", "--lang", "zh"])
    #expect(flag.status == 2 && flag.stderr.contains("--fail-on 应为"), "\(flag.stderr)")
  }

  /// Two policies of one run with a rule id in common are refused (it ran silently).
  @Test func policiesSharingARuleIdAreRefused() throws {
    let folder = NSTemporaryDirectory() + "jiayuan-clash-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let policy = """
      format: jiayuan-policy/1
      id: mine
      version: 1.0.0
      title: {zh: 测试, en: test}
      document: {title: 测试}
      jurisdiction: {province: 四川省, city: 自贡市}
      effective: {from: 2024-01-01}
      rules:
        - id: ZG-FIRE-DRILL
          severity: error
          title: {zh: 标题, en: title}
          message: {zh: 消息, en: message}
          citation: {clause: 一, text: 原文}
          check: {kind: condition, condition: public_revenue = true}

      """
    try Data(policy.utf8).write(to: URL(fileURLWithPath: folder + "/mine.yaml"))
    let run = try Support.run([
      "check", "examples/records/zigong", "--policy", folder + "/mine.yaml", "--policy", "zigong-2024-2026", "--lang", "en",
    ])
    #expect(run.status == 2)
    #expect(run.stderr.contains("rule ZG-FIRE-DRILL of policy zigong-2024-2026 has the id of a rule of mine"), "\(run.stderr)")
  }

  @Test func rulesListsAllPolicyAndRecordRules() throws {
    let run = try Support.run(["rules"])
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.count == 60)  // 50 policy rules (44 of rules.md + 6 from issue 17) and 10 REC-
    #expect(lines.filter { $0.hasPrefix("REC-") }.count == 10)
  }

  @Test func lintAndTestCommands() throws {
    let lint = try Support.run(["lint"])
    #expect(lint.status == 0)
    let test = try Support.run(["test"])
    #expect(test.status == 0)
    #expect(test.stdout.hasSuffix(" passed, 0 failed\n"))
  }

  @Test func explainQuotesTheClause() throws {
    let run = try Support.run(["explain", "SC-OC-PARTY-RATIO", "--lang", "zh"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("党员比例一般不低于60%"))
    #expect(run.stdout.contains("通过示例"))
    #expect(run.stdout.contains("不通过示例"))
    #expect(try Support.run(["explain", "SC-OC-PARTY-RATI"]).status == 2)
  }
}
