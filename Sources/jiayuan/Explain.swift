import ArgumentParser
import Engine
import Foundation
import Policies
import Records
import Reporters

extension Jiayuan {
  /// `jiayuan explain RULE-ID`: title, citation with the Chinese clause, what it reads,
  /// how it decides, and a passing and a failing example taken from its test cases.
  struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "解释一条规则 / explain a rule")

    @Argument(help: "A rule id, e.g. SC-OC-PARTY-RATIO.")
    var ruleID: String

    @OptionGroup var policyOptions: PolicyOptions

    @Option(help: "Folder of policy test cases to take examples from.")
    var cases: String = "cases"

    func run() throws {
      let zh = policyOptions.language == .zh
      let policies: [Policy]
      do { policies = try policyOptions.load() } catch let error as ToolError {
        printError("jiayuan: \(error.text(policyOptions.language))")
        throw ExitCode(2)
      }
      if let builtIn = BuiltInRules.all.first(where: { $0.id == ruleID }) {
        print("\(builtIn.id) [\(builtIn.severity.rawValue)] \(builtIn.title.text(policyOptions.language))")
        print(builtIn.help.text(policyOptions.language))
        return
      }
      guard let policy = policies.first(where: { $0.rules.contains { $0.id == ruleID } }),
        let rule = policy.rules.first(where: { $0.id == ruleID })
      else {
        let all = policies.flatMap { $0.rules.map(\.id) } + BuiltInRules.all.map(\.id)
        let hint = Suggestions.closest(to: ruleID, in: all).map { zh ? "，是否应为 \($0)？" : "; did you mean \($0)?" } ?? ""
        printError("jiayuan: " + (zh ? "没有规则 \(ruleID)\(hint)" : "no rule \(ruleID)\(hint)"))
        throw ExitCode(2)
      }
      let lang = policyOptions.language
      print("\(rule.id) [\(rule.severity.rawValue)] \(rule.title.text(lang))")
      print((zh ? "策略：" : "policy: ") + "\(policy.id) \(policy.version) — \(policy.title.text(lang))")
      print((zh ? "出处：" : "citation: ") + "\(rule.citation.document) \(rule.citation.clause)")
      if let text = rule.citation.text { print("  “\(text)”") }
      print((zh ? "范围：" : "scope: ") + (rule.groupBy.map { zh ? "按 \($0) 汇总" : "aggregate by \($0)" } ?? (zh ? "单个小区" : "one record")))
      if let applies = rule.applies { print((zh ? "适用条件：" : "applies when: ") + applies.source) }
      if let from = rule.from { print((zh ? "检查起始日期：" : "checked from: ") + from.description) }
      print((zh ? "读取字段：" : "reads: ") + rule.reads.joined(separator: ", "))
      print((zh ? "判定方法：" : "decides: ") + rule.check.explanation.text(lang))
      if let fix = rule.fix { print((zh ? "整改建议：" : "fix: ") + fix.text(lang)) }
      let examples = Examples.find(rule: rule.id, policy: policy.id, in: cases)
      if let pass = examples.pass { print((zh ? "通过示例：" : "passing example: ") + pass) }
      if let fail = examples.fail { print((zh ? "不通过示例：" : "failing example: ") + fail) }
    }
  }
}

/// Examples for `explain`, taken from the rule's own test cases so they cannot rot.
enum Examples {
  static func find(rule: String, policy: String, in folder: String) -> (pass: String?, fail: String?) {
    let path = "\(folder)/\(policy)/\(rule).yaml"
    guard let data = try? InputFiles.read(path).bytes else { return (nil, nil) }
    var pass: String?
    var fail: String?
    var name: String?
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("- name:") { name = String(trimmed.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
      if trimmed.hasPrefix("expect:"), let n = name {
        let outcome = trimmed.dropFirst(7).trimmingCharacters(in: .whitespaces)
        if outcome == "pass" || outcome.contains("outcome: pass") { pass = pass ?? "\(n) (\(path))" }
        if outcome == "fail" || outcome.contains("outcome: fail") { fail = fail ?? "\(n) (\(path))" }
      }
    }
    return (pass, fail)
  }
}
