import ArgumentParser
import Engine
import Foundation
import Policies

extension Jiayuan {
  /// `jiayuan test [DIR...]`: runs policy test cases and ends with `N passed, N failed`.
  struct TestCases: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "运行策略测试用例 / run policy test cases")

    @Argument(help: "Case folders or files (default: cases/).")
    var paths: [String] = []

    func run() throws {
      var runner = CaseRunner()
      do {
        try runner.run(paths: paths.isEmpty ? ["cases"] : paths) { name in
          if let shipped = ShippedPolicies.named(name) { return shipped }
          guard let bytes = try? InputFiles.read(name).bytes, let policy = PolicyLoader.load(bytes, file: name).policy
          else { return nil }
          return PolicyExtension.resolve([policy], parents: ShippedPolicies.all).policies.first
        }
      } catch {
        printError("jiayuan: \(error.message.en)")
        throw ExitCode(2)
      }
      for failure in runner.failures {
        print("FAIL \(failure.file):\(failure.range.start.line): \(failure.caseName)")
        for difference in failure.differences { print("    \(difference)") }
      }
      print("\(runner.passed) passed, \(runner.failures.count) failed")
      if !runner.failures.isEmpty { throw ExitCode(1) }
    }
  }
}
