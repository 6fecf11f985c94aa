import ArgumentParser
import Engine
import Foundation
import Policies
import Records

extension Jiayuan {
  /// `jiayuan lint POLICY...`: every structural or type error of policy files, located.
  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "检查策略文件 / check policy files")

    @Argument(help: "Policy files; default: the shipped policies.")
    var files: [String] = []

    @Option(help: "Messages in zh or en.")
    var lang: String?

    func run() throws {
      let language: Language =
        lang == "en" ? .en : (lang == nil && (ProcessInfo.processInfo.environment["LANG"] ?? "").hasPrefix("en") ? .en : .zh)
      var sources: [(String, [UInt8])] = []
      if files.isEmpty {
        sources = ShippedPolicies.sources.map { ($0.name, $0.bytes) }
      } else {
        for path in files {
          do throws(ToolError) {
            sources.append((path, try InputFiles.read(path).bytes))
          } catch {
            printError("jiayuan: \(error.text(language))")
            throw ExitCode(2)
          }
        }
      }
      var all: [Finding] = []
      var ruleOwners: [String: String] = [:]
      var loaded: [Policy] = []
      for (name, bytes) in sources {
        let result = PolicyLoader.load(bytes, file: name)
        all += result.findings
        if let policy = result.policy { loaded.append(policy) }
        for rule in result.policy?.rules ?? [] {
          if let other = ruleOwners[rule.id] {
            all.append(
              Finding(
                rule: "POLICY-DUPLICATE-ID", severity: .error, subject: .input(name), file: name, range: rule.range,
                message: LocalizedText(zh: "规则 id \(rule.id) 已在 \(other) 中使用", en: "rule id \(rule.id) is already used in \(other)")))
          }
          ruleOwners[rule.id] = name
        }
      }
      // A policy is linted as `check` will use it: with its parent's rules.
      all += PolicyExtension.resolve(loaded, parents: ShippedPolicies.all).findings
      for f in all.sorted(by: Finding.reportOrder) {
        print("\(f.file):\(f.range.start.line):\(f.range.start.column): \(f.severity.rawValue): \(f.message.text(language)) [\(f.rule)]")
      }
      let errors = all.filter { $0.severity == .error }.count
      print(language == .zh ? "\(sources.count) 个策略文件，\(errors) 个错误" : "\(sources.count) policy files, \(errors) errors")
      if errors > 0 { throw ExitCode(1) }
    }
  }
}
