import Engine
import Foundation
import Policies
import Records
import Testing

/// Issue 15's table of mistakes a county's author makes, one test per row: each gives a
/// located, bilingual finding with a fix, and nothing spurious beside it.
@Suite struct AuthoringLintTests {
  static let header = """
    format: jiayuan-policy/1
    id: huoshan-test
    version: 1.0.0
    title: {zh: 霍山县测试, en: Huoshan test}
    document: {title: 霍山县测试方案}
    jurisdiction: {province: 安徽省, city: 六安市, county: 霍山县}
    effective: {from: 2025-01-01, to: 2026-12-31}
    rules:

    """

  /// A rule with the given check (flow or block lines, indented under `check:`).
  static func rule(
    _ check: String, id: String = "HS-T", severity: String = "error", message: String = "{zh: 不通过, en: fails}",
    citation: String = "{clause: 一, text: 原文}", extra: String = ""
  ) -> String {
    """
      - id: \(id)
        severity: \(severity)
        title: {zh: 标题, en: title}
        message: \(message)
        citation: \(citation)
    \(extra.isEmpty ? "" : extra + "\n")    check: \(check)

    """
  }

  static func lint(_ rules: String) -> [Finding] {
    PolicyLoader.load(Array((header + rules).utf8), file: "p.yaml").findings
  }

  static func at(_ f: Finding?) -> String { f.map { "\($0.range.start.line):\($0.range.start.column)" } ?? "none" }

  @Test func aRatioThresholdWithoutPercent() throws {
    let findings = Self.lint(
      Self.rule("{kind: ratio, numerator: owners_committee.party_members, denominator: owners_committee.members, min: 65}"))
    let f = try #require(findings.first { $0.rule == "POLICY-PERCENT" })
    #expect(findings.count == 1)
    #expect(f.message.zh.contains("是否应为 65%？"))
    #expect(f.message.en.contains("did you mean 65%?"))
    #expect(Self.at(f) == "14:113")
    #expect(f.fix?.zh.contains("65%") == true)
  }

  @Test func aTargetWithoutPercentAndAFallingTarget() throws {
    let findings = Self.lint(
      Self.rule(
        """

              kind: group_share
              group_by: county
              predicate: "property_service.mode != 'none'"
              targets:
                - {deadline: 2025-12-31, min: 85}
                - {deadline: 2026-12-31, min: 80%}
        """))
    let percent = try #require(findings.first { $0.rule == "POLICY-PERCENT" })
    #expect(percent.message.zh.contains("是否应为 85%？"))
    #expect(Self.at(percent) == "19:39")
    // 85 read as 8500% then 80%: the targets fall, a warning.
    let falling = try #require(findings.first { $0.rule == "POLICY-TARGETS" })
    #expect(falling.severity == .warning)
    #expect(falling.message.zh.contains("目标在下降"))
    #expect(falling.message.en.contains("the targets fall"))
    #expect(Self.at(falling) == "20:11")
  }

  @Test func aRateComparedWithAWholeNumberAndAShareOverAHundred() throws {
    let condition = Self.lint(Self.rule("{kind: condition, condition: \"fee_collection_rate() >= 90\"}"))
    let f = try #require(condition.first)
    #expect(condition.count == 1)
    #expect(f.rule == "POLICY-EXPRESSION")
    #expect(f.message.zh.contains("是否应为 90%？"))
    #expect(Self.at(f) == "14:67")
    let over = Self.lint(Self.rule("{kind: fee_collection, min: 650%}"))
    #expect(over.count == 1)
    #expect(over.first?.message.zh.contains("650% 超过 100%") == true)
    #expect(over.first?.message.en.contains("650% is over 100%") == true)
  }

  @Test func anEmptyCitationText() throws {
    let findings = Self.lint(Self.rule("{kind: fee_collection, min: 90%}", citation: "{clause: 二(三), text: \"\"}"))
    let f = try #require(findings.first)
    #expect(findings.count == 1)
    #expect(f.rule == "POLICY-CITATION")
    #expect(f.message.zh.contains("citation.text 为空"))
    #expect(Self.at(f) == "13:30")
  }

  @Test func aPlaceholderTheKindNeverFills() throws {
    let findings = Self.lint(
      Self.rule(
        "{kind: ratio, numerator: owners_committee.party_members, denominator: owners_committee.members, min: 65%}",
        message: "{zh: \"比例 {actual}，差 {gap} 个\", en: \"{actual}, {gap} short\"}"))
    let f = try #require(findings.first)
    #expect(findings.count == 1)
    #expect(f.rule == "POLICY-PLACEHOLDER")
    #expect(f.severity == .warning)
    #expect(f.message.en.contains("{gap} has no value for kind ratio"))
  }

  /// `2025-13-31` used to bring `targets[] 中的未知键 min` with it: the reader stopped at
  /// the date and never asked for `min`.
  @Test func aBadDeadlineAloneWithoutFollowOns() throws {
    let findings = Self.lint(
      Self.rule(
        """

              kind: group_share
              group_by: county
              predicate: "property_service.mode != 'none'"
              targets: [{deadline: 2025-13-31, min: 85%}]
        """))
    #expect(findings.count == 1, "\(findings.map(\.message.en))")
    #expect(findings.first?.message.zh.contains("2025-13-31（没有 13 月）") == true)
    #expect(Self.at(findings.first) == "18:28")
    // A real typo in the same mapping with a near match is still reported.
    let typo = Self.lint(
      Self.rule(
        "{kind: group_share, group_by: county, predicate: present(owners_committee), targets: [{deadline: 2025-13-31, mn: 85%}]}"
      ))
    #expect(typo.contains { $0.message.en.contains("unknown key mn in targets[]; did you mean min?") })
  }

  @Test func didYouMeanForEnumValuesAndKeys() throws {
    let findings = Self.lint(
      Self.rule("{kind: event_count, events: [fire_drill], period: yaer}", severity: "warn", extra: "    apply: present(households)"))
    let messages = findings.map(\.message.en)
    #expect(messages.contains { $0.contains("severity must be one of error, warning, info, found warn; did you mean warning?") })
    #expect(messages.contains { $0.contains("unknown key apply in rule; did you mean applies?") })
    #expect(messages.contains { $0.contains("period must be one of year, quarter, found yaer; did you mean year?") })
    #expect(findings.first { $0.message.zh.contains("是否应为 warning？") } != nil)
    // The kind's own plainer "period must be year or quarter" is not said a second time.
    #expect(findings.count == 3, "\(messages)")
    let groupBy = Self.lint(Self.rule("{kind: group_count, group_by: countie, predicate: present(owners_committee), max: 1}"))
    #expect(groupBy.count == 1)
    #expect(groupBy.first?.message.zh.contains("是否应为 county？") == true)
  }

  @Test func aKeyTheDocsOnceHad() throws {
    let findings = Self.lint(Self.rule("{kind: event_count, events: [fire_drill], period: year, only_if_started: true}"))
    #expect(findings.count == 1)
    #expect(findings.first?.message.zh.contains("check 中的未知键 only_if_started，是否应为 since？") == true)
    #expect(findings.first?.fix != nil)
  }

  @Test func anUnquotedCommaInAFlowValue() throws {
    let findings = Self.lint(
      Self.rule(
        "{kind: condition, condition: public_revenue = true}",
        extra: "    fix: {zh: 由业主自治或兜底, en: self-managed, or backstop service}"))
    let f = try #require(findings.first)
    #expect(findings.count == 1)
    #expect(f.message.zh.contains("逗号处被截断"))
    #expect(f.fix?.zh == "给该值加引号：en: \"self-managed, or backstop service\"")
  }

  @Test func yamlErrorsInChineseWithAHint() throws {
    for (text, zh, fix) in [
      ("  - id: A\n    severity: error\n     title: x\n", "缩进可能有误", "左对齐"),
      ("  - id: A\n\tseverity: error\n", "用了 Tab 缩进", "换成空格"),
      ("  - id: A\n    message: {zh: 比例: {actual}, en: x}\n", "花括号 {…} 中此处应为逗号或 }", "加引号"),
    ] {
      let findings = Self.lint(text)
      let f = try #require(findings.first, "\(text)")
      #expect(f.rule == "POLICY-PARSE")
      #expect(f.message.zh.hasPrefix("YAML 语法错误：") && f.message.zh.contains(zh), "\(f.message.zh)")
      #expect(f.message.en.hasPrefix("YAML syntax error: "), "\(f.message.en)")
      #expect(f.fix?.zh.contains(fix) == true, "\(String(describing: f.fix))")
    }
  }

  @Test func conditionConnectivesFromOtherLanguages() throws {
    for (condition, word, column) in [
      ("public_revenue = true && owners_assembly = true", "&&", 64), ("public_revenue = true 且 owners_assembly = true", "且", 64),
      ("public_revenue = true || owners_assembly = true", "||", 64), ("public_revenue = true AND owners_assembly = true", "AND", 64),
      ("!public_revenue", "!", 42),
    ] {
      let findings = Self.lint(Self.rule("{kind: condition, condition: \"\(condition)\"}"))
      let f = try #require(findings.first, "\(condition)")
      #expect(findings.count == 1)
      #expect(f.fix?.en.contains("conditions use and / or / not") == true, "\(condition): \(String(describing: f.fix))")
      #expect(f.fix?.zh.contains("把 \(word) 改为") == true)
      #expect(f.range.start.column == column, "\(condition)")
    }
    // `==` is the same as `=` (docs/policy-language.md says so).
    #expect(Self.lint(Self.rule("{kind: condition, condition: \"public_revenue == true\"}")).isEmpty)
  }
}

/// `jiayuan lint` as a CI job runs it: folders, formats, the shipped policies' ids.
@Suite(.serialized) struct AuthoringLintCLITests {
  static func folder(_ files: [String: String]) throws -> String {
    let folder = NSTemporaryDirectory() + "jiayuan-authoring-\(UUID().uuidString)"
    for (name, text) in files {
      let path = folder + "/" + name
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
    return folder
  }

  static let bad =
    AuthoringLintTests.header
    + AuthoringLintTests.rule(
      "{kind: ratio, numerator: owners_committee.party_members, denominator: owners_committee.members, min: 65}")

  @Test func aFolderIsLintedFileByFileWithTheLineAndACaret() throws {
    let folder = try Self.folder(["policy/mine.yaml": Self.bad, "policy/notes.txt": "not a policy"])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try Support.run(["lint", folder + "/policy", "--lang", "zh"])
    #expect(run.status == 1)
    #expect(run.stdout.contains("policy/mine.yaml:14:113: error: min 是比例"))
    #expect(run.stdout.contains("  14 |     check: {kind: ratio,"))
    #expect(run.stdout.contains("     | " + String(repeating: " ", count: 112) + "^^\n"))
    #expect(run.stdout.contains("      = 修改: 写作 65%"))
    #expect(run.stdout.hasSuffix("1 个策略文件，1 个错误，0 个警告\n"))
  }

  @Test func ruleIDsOfTheShippedPolicies() throws {
    let mine =
      AuthoringLintTests.header + AuthoringLintTests.rule("{kind: condition, condition: public_revenue = true}", id: "ZG-FIRE-DRILL")
    let folder = try Self.folder(["mine.yaml": mine])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try Support.run(["lint", folder + "/mine.yaml", "--lang", "en"])
    #expect(run.status == 1)
    #expect(run.stdout.contains("mine.yaml:9:5: error: rule id ZG-FIRE-DRILL is already used in zigong-2024-2026 (shipped)"))
    #expect(try Support.run(["lint", folder + "/mine.yaml", "--no-shipped"]).status == 0)
    // The shipped policies linted as themselves do not collide with themselves.
    #expect(try Support.run(["lint", "policies"]).status == 0)
  }

  @Test(
    .enabled(if: ReporterTests.onPath("check-jsonschema") != nil, "check-jsonschema is not on PATH (pip install check-jsonschema)"),
    .enabled(if: ReporterTests.exists(ReporterTests.sarifSchema), "../shared/testdata/schemas/sarif-schema-2.1.0.json is absent"))
  func lintSARIFValidatesAgainstTheSchema() throws {
    let folder = try Self.folder(["mine.yaml": Self.bad])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let tool = try #require(ReporterTests.onPath("check-jsonschema"))
    for language in ["zh", "en"] {
      let run = try Support.run(["lint", folder + "/mine.yaml", "--format", "sarif", "--lang", language])
      #expect(run.status == 1)
      let file = try ReporterTests.temporaryFile("lint.sarif", run.stdout)
      defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
      let (status, output) = try ReporterTests.validate(tool, ["--schemafile", ReporterTests.sarifSchema.path, file.path])
      #expect(status == 0, "check-jsonschema: \(output)")
      #expect(run.stdout.contains("\"ruleId\" : \"POLICY-PERCENT\"") || run.stdout.contains("\"ruleId\": \"POLICY-PERCENT\""))
    }
  }

  @Test func lintJSONAndGitHub() throws {
    let folder = try Self.folder(["mine.yaml": Self.bad])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let json = try Support.run(["lint", folder + "/mine.yaml", "--format", "json"])
    #expect(json.status == 1)
    let root = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect((root?["findings"] as? [Any])?.count == 1)
    let github = try Support.run(["lint", folder + "/mine.yaml", "--format", "github", "--lang", "en"])
    #expect(github.stdout.hasPrefix("::error file=\(folder)/mine.yaml,line=14,col=113,title=POLICY-PERCENT::min is a share"))
    #expect(try Support.run(["lint", folder + "/mine.yaml", "--format", "html"]).status == 2)
  }
}

/// `jiayuan test` never passes a case for the wrong reason, and says why one failed.
@Suite(.serialized) struct AuthoringTestRunnerTests {
  static let policy =
    AuthoringLintTests.header
    + AuthoringLintTests.rule(
      "{kind: ratio, numerator: owners_committee.party_members, denominator: owners_committee.members, min: 65%}",
      id: "HS-OC-PARTY-RATIO")

  static func caseFile(policy: String = "../huoshan.yaml", cases: String, top: String = "") -> String {
    """
    policy: \(policy)
    rule: HS-OC-PARTY-RATIO
    \(top)base:
      id: AH-LA-HS-0001
      name: 测试小区
      jurisdiction: {province: 安徽省, city: 六安市, county: 霍山县}
      as_of: 2025-06-30
      households: 300
      owners_committee: {kind: committee, formed: 2024-05-01, members: 7, party_members: 5}
    cases:
    \(cases)
    """
  }

  static let passing = """
      - name: 5 of 7 passes
        record: {}
        expect: pass
    """

  /// Runs `jiayuan test` from the package root on a case folder beside a policy.
  static func run(_ files: [String: String], _ extra: [String] = ["--lang", "en"]) throws -> Support.Run {
    let folder = try AuthoringLintCLITests.folder(files)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try Support.run(["test", folder + "/cases"] + extra)
  }

  @Test func thePolicyPathIsRelativeToTheCaseFile() throws {
    let run = try Self.run(["huoshan.yaml": Self.policy, "cases/ratio.yaml": Self.caseFile(cases: Self.passing)])
    #expect(run.status == 0, "\(run.stdout)")
    #expect(run.stdout == "1 passed, 0 failed\n")
  }

  @Test func aPolicyThatDoesNotLoadShowsItsErrors() throws {
    let broken = Self.policy.replacingOccurrences(of: "min: 65%", with: "min: 65")
    let run = try Self.run(["huoshan.yaml": broken, "cases/ratio.yaml": Self.caseFile(cases: Self.passing)])
    #expect(run.status == 1)
    #expect(run.stdout.contains("policy ../huoshan.yaml does not load:"))
    #expect(run.stdout.contains("huoshan.yaml:14:113: min is a share and 65 is over 1"))
    #expect(!run.stdout.contains("unknown policy"))
  }

  @Test func typoedCaseKeysAreNamed() throws {
    let cases = """
        - name: a typo'd expect
          record: {}
          expct: pass
        - name: a typo'd as_of
          as_off: 2025-06-30
          record: {}
          expect: pass
      """
    let run = try Self.run(["huoshan.yaml": Self.policy, "cases/ratio.yaml": Self.caseFile(cases: cases)])
    #expect(run.status == 1)
    #expect(run.stdout.contains("13:5 unknown key expct in the case; did you mean expect?"))
    #expect(run.stdout.contains("15:5 unknown key as_off in the case; did you mean as_of?"))
    #expect(run.stdout.hasSuffix("0 passed, 2 failed\n"))
  }

  @Test func aRecordWithAnInputErrorFailsTheCaseUnlessExpected() throws {
    let cases = """
        - name: an impossible as_of is an input error; the rule would be not_applicable
          record: {as_of: 2024-02-30}
          expect: not_applicable
        - name: the same, expected
          record: {as_of: 2024-02-30}
          expect: {outcome: not_applicable, input_errors: [REC-SCHEMA]}
      """
    let run = try Self.run(["huoshan.yaml": Self.policy, "cases/ratio.yaml": Self.caseFile(cases: cases)])
    #expect(run.status == 1)
    #expect(run.stdout.contains("record AH-LA-HS-0001 has the input error REC-SCHEMA"))
    #expect(run.stdout.hasSuffix("1 passed, 1 failed\n"))
  }

  @Test func recordsSharingAnIdAreReported() throws {
    let cases = """
        - name: 17 records with one id
          records:
            - {repeat: 17, record: {id: AH-LA-HS-0009}}
          expect: pass
      """
    let run = try Self.run(["huoshan.yaml": Self.policy, "cases/ratio.yaml": Self.caseFile(cases: cases)])
    #expect(run.status == 1)
    #expect(run.stdout.contains("17 records share the id AH-LA-HS-0009, so only the first is checked"))
    let zh = try Self.run(["huoshan.yaml": Self.policy, "cases/ratio.yaml": Self.caseFile(cases: cases)], ["--lang", "zh"])
    #expect(zh.stdout.contains("17 条记录的 id 都是 AH-LA-HS-0009"))
    #expect(zh.stdout.hasSuffix("0 passed, 1 failed\n"))
  }

  @Test(
    .enabled(if: ReporterTests.onPath("xmllint") != nil, "xmllint is not on PATH (apt-get install libxml2-utils)"),
    .enabled(
      if: ReporterTests.exists(ReporterTests.jenkinsXSD) && ReporterTests.exists(ReporterTests.windyroadXSD),
      "../shared/testdata/schemas/*.xsd are absent"))
  func junitValidatesAgainstBothSchemas() throws {
    let cases =
      Self.passing + "\n" + """
          - name: 3 of 7 & <less>
            record: {owners_committee: {party_members: 3}}
            expect: pass
        """
    let run = try Self.run(
      ["huoshan.yaml": Self.policy, "cases/ratio.yaml": Self.caseFile(cases: cases)], ["--format", "junit", "--lang", "zh"])
    #expect(run.status == 1)
    #expect(run.stderr == "1 passed, 1 failed\n")
    #expect(run.stdout.contains("<testcase classname=\"HS-OC-PARTY-RATIO\" name=\"5 of 7 passes\" time=\"0\"/>"))
    #expect(run.stdout.contains("name=\"3 of 7 &amp; &lt;less&gt;\""))
    let tool = try #require(ReporterTests.onPath("xmllint"))
    let file = try ReporterTests.temporaryFile("cases.xml", run.stdout)
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    for xsd in [ReporterTests.jenkinsXSD, ReporterTests.windyroadXSD] {
      let (status, output) = try ReporterTests.validate(tool, ["--noout", "--schema", xsd.path, file.path])
      #expect(status == 0, "xmllint \(xsd.lastPathComponent): \(output)")
    }
  }
}

/// The guide's worked example (docs/authoring.md) lints clean and its cases run green.
@Suite(.serialized) struct HuoshanExampleTests {
  @Test func theExampleLintsCleanAndItsCasesPass() throws {
    let lint = try Support.run(["lint", "examples/huoshan", "--lang", "en", "--fail-on", "warning"])
    #expect(lint.status == 0, "\(lint.stdout)")
    #expect(lint.stdout == "1 policy file, 0 errors, 0 warnings\n")
    let test = try Support.run(["test", "examples/huoshan/cases", "--lang", "en"])
    #expect(test.status == 0, "\(test.stdout)")
    #expect(test.stdout == "20 passed, 0 failed\n")
  }

  /// Every check kind the guide says the example uses, and the six requirements of the
  /// programme, are in the example policy.
  @Test func theExampleStatesTheProgramme() throws {
    let text = String(decoding: Support.bytes("examples/huoshan/huoshan-2025.yaml"), as: UTF8.self)
    let policy = try #require(PolicyLoader.load(Array(text.utf8), file: "huoshan-2025.yaml").policy)
    #expect(policy.jurisdiction.county == "霍山县")
    #expect(
      Set(policy.rules.map { type(of: $0.check).name }) == ["ratio", "fee_collection", "group_share", "event_count", "per_households"])
  }
}

/// `jiayuan new` gives a policy that lints clean and cases that run green, and never
/// writes over an author's files.
@Suite(.serialized) struct NewCommandTests {
  @Test(arguments: [["--county", "霍山县"], []])
  func aScaffoldLintsCleanAndItsCasesRunGreen(county: [String]) throws {
    let folder = NSTemporaryDirectory() + "jiayuan-new-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let new = try Support.run(
      ["new", "huoshan-2025", "--province", "安徽省", "--city", "六安市", "--from", "2025-01-01", "--dir", folder] + county)
    #expect(new.status == 0, "\(new.stderr)")
    let lint = try Support.run(["lint", folder + "/huoshan-2025.yaml", "--lang", "en", "--fail-on", "warning"])
    #expect(lint.stdout == "1 policy file, 0 errors, 0 warnings\n")
    let test = try Support.run(["test", folder + "/cases", "--lang", "en"])
    #expect(test.status == 0, "\(test.stdout)")
    #expect(test.stdout == "2 passed, 0 failed\n")
    let policy = try #require(
      PolicyLoader.load(Support.bytesAt(folder + "/huoshan-2025.yaml"), file: "huoshan-2025.yaml").policy)
    let kinds = Set(policy.rules.map { type(of: $0.check).name })
    #expect(kinds == ["ratio", "fee_collection", "group_share", "event_count", "per_households", "condition"])
    #expect(policy.rules.allSatisfy { $0.id.hasPrefix("HUOSHAN-") })
    // Run again: nothing is overwritten.
    let policyText = Support.bytesAt(folder + "/huoshan-2025.yaml")
    let again = try Support.run(["new", "huoshan-2025", "--province", "安徽省", "--city", "六安市", "--dir", folder])
    #expect(again.status == 2)
    #expect(again.stderr.contains("will not overwrite existing files"))
    #expect(Support.bytesAt(folder + "/huoshan-2025.yaml") == policyText)
  }

  @Test func aJurisdictionThatIsNoDivisionNameIsRefused() throws {
    let run = try Support.run(["new", "x-2025", "--province", "安徽", "--city", "六安市", "--dir", NSTemporaryDirectory()])
    #expect(run.status == 2)
    #expect(run.stderr.contains("安徽 — 是否应为 安徽省？"), "\(run.stderr)")
    let county = try Support.run([
      "new", "x-2025", "--province", "安徽省", "--city", "六安市", "--county", "霍山区", "--dir", NSTemporaryDirectory(),
    ])
    #expect(county.status == 2)
    #expect(county.stderr.contains("霍山区 — 是否应为 霍山县？"), "\(county.stderr)")
  }
}

/// The guides show only policies that lint clean, and quote the example as committed.
@Suite struct AuthoringGuideTests {
  @Test(arguments: ["docs/authoring.md", "docs/authoring.en.md"])
  func everyPolicyInTheGuideLintsClean(guide: String) throws {
    let text = String(decoding: Support.bytes(guide), as: UTF8.self)
    #expect(!text.isEmpty)
    var policies = 0
    for block in text.components(separatedBy: "```yaml\n").dropFirst() {
      let yaml = block.components(separatedBy: "```").first ?? ""
      guard yaml.hasPrefix("format: jiayuan-policy/1") else { continue }
      policies += 1
      let loaded = PolicyLoader.load(Array(yaml.utf8), file: guide)
      #expect(loaded.findings.isEmpty, "\(loaded.findings.map { "\($0.range.start): \($0.message.en)" })")
      if let policy = loaded.policy {
        #expect(PolicyExtension.resolve([policy], parents: ShippedPolicies.all).findings.isEmpty)
      }
    }
    #expect(policies >= 2)
    // The example's case file is quoted as it is.
    let example = String(decoding: Support.bytes("examples/huoshan/cases/HS-FEE-COLLECTION.yaml"), as: UTF8.self)
    #expect(example.contains("policy: ../huoshan-2025.yaml"))
    #expect(text.contains("expect: {outcome: fail, period: \"2025\", actual: 85% (85000/100000)}"))
  }
}
