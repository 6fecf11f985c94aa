import ArgumentParser
import Foundation

@main
struct Jiayuan: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "jiayuan",
    abstract: "家园：住宅小区治理数据校验工具 / a validator for residential-community governance records",
    discussion: """
      Exit codes: 0 no finding at or above --fail-on; 1 such findings; 2 the run could not be done.
      退出码：0 无达到 --fail-on 级别的问题；1 有；2 无法完成检查（参数、策略或输入错误）。
      """,
    version: "0.1.0",
    subcommands: [Check.self, Lint.self, TestCases.self, New.self, Rules.self, Explain.self, Schema.self, Template.self, Score.self],
    defaultSubcommand: nil)

  /// cli.md gives bad flags exit code 2, where ArgumentParser would use 64.
  static func main() {
    StandardStreams.secure()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        printError(fullMessage(for: error))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
