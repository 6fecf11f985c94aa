import ArgumentParser
import Engine
import Policies
import Records
import Reporters

extension Jiayuan {
  /// `jiayuan rules`: id, severity, scope and title of every rule.
  struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "列出规则 / list rules")

    @OptionGroup var policyOptions: PolicyOptions

    func run() throws {
      let policies: [Policy]
      do { policies = try policyOptions.load() } catch let error as ToolError {
        printError("jiayuan: \(error.text(policyOptions.language))")
        throw ExitCode(2)
      }
      let report = RunReport(
        asOf: nil, policies: policies, inputs: [], summary: RunSummary(), findings: [], language: policyOptions.language)
      let showBuiltIn = policyOptions.policies.isEmpty
      for rule in report.rules where showBuiltIn || rule.policy != nil {
        let policy = rule.policy ?? "built-in"
        print("\(rule.id)\t\(rule.severity.rawValue)\t\(rule.scope)\t\(policy)\t\(rule.title.text(policyOptions.language))")
      }
    }
  }
}
