import Engine
import Foundation
import Policies
import Testing

/// `swift test` runs every policy test case of `cases/`, as `jiayuan test` does.
@Suite struct CasesTests {
  @Test func everyCasePasses() throws {
    var runner = CaseRunner()
    try runner.run(paths: [Support.packageRoot.appendingPathComponent("cases").path]) { ShippedPolicies.named($0) }
    for failure in runner.failures {
      let differences = failure.differences.joined(separator: "\n")
      Issue.record(Comment(rawValue: "\(failure.file):\(failure.range.start.line) \(failure.caseName)\n\(differences)"))
    }
    #expect(runner.passed >= 425)
  }

  /// Every rule of every shipped policy has a case file with a passing and a failing case.
  @Test func everyRuleHasPassingAndFailingCases() throws {
    for policy in ShippedPolicies.all {
      for rule in policy.rules {
        let path = Support.packageRoot.appendingPathComponent("cases/\(policy.id)/\(rule.id).yaml").path
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        #expect(!text.isEmpty, "no case file for \(rule.id)")
        let passes = text.contains("expect: pass") || text.contains("outcome: pass") || text.contains("outcome: notice")
        let fails = text.contains("expect: fail") || text.contains("outcome: fail") || text.contains(": fail")
        #expect(passes, "\(rule.id) has no passing case")
        #expect(fails || rule.check is ScorecardCheck, "\(rule.id) has no failing case")
      }
    }
  }

  /// A case runner that could not fail would prove nothing: a wrong expectation fails.
  @Test func aWrongExpectationFails() throws {
    let text = """
      policy: shucheng-2023
      rule: SC-OC-PARTY-RATIO
      base: {id: X-1, name: 测试, jurisdiction: {province: 安徽省, city: 六安市, county: 舒城县}, as_of: 2024-06-30, households: 10}
      cases:
        - name: 4 of 7 is a fail, not a pass
          record: {owners_committee: {kind: committee, members: 7, party_members: 4}}
          expect: pass
        - name: actual is shown as 57.1% (4/7)
          record: {owners_committee: {kind: committee, members: 7, party_members: 4}}
          expect: {outcome: fail, actual: 57.1% (4/7)}
      """
    var runner = CaseRunner()
    runner.runFile(InputFile(path: "inline.yaml", bytes: Array(text.utf8), isCSV: false)) { ShippedPolicies.named($0) }
    #expect(runner.passed == 1)
    #expect(runner.failures.count == 1)
    #expect(runner.failures.first?.differences.first?.contains("expected pass, got fail") == true)
  }
}
