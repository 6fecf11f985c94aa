import ArgumentParser
import Engine
import Foundation
import Policies
import Records
import Reporters

extension Jiayuan {
  /// `jiayuan test [DIR...]`: runs policy test cases and ends with `N passed, N failed`.
  struct TestCases: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "运行策略测试用例 / run policy test cases")

    @Argument(help: "Case folders or files (default: cases/).")
    var paths: [String] = []

    @Option(help: "Messages in zh or en (default: from LANG, else zh).")
    var lang: String?

    @Option(help: "Output: text, or junit (JUnit XML, for CI test reports; the closing line goes to standard error).")
    var format: String = "text"

    func validate() throws {
      if let lang, Language(rawValue: lang) == nil { throw ValidationError("--lang must be zh or en") }
      if format != "text", format != "junit" { throw ValidationError("--format for test must be text or junit, got \(format)") }
    }

    var language: Language {
      if let lang { return Language(rawValue: lang) ?? .zh }
      return (ProcessInfo.processInfo.environment["LANG"] ?? "").hasPrefix("en") ? .en : .zh
    }

    func run() throws {
      let language = language
      var runner = CaseRunner()
      var cache: [String: CasePolicy] = [:]
      do {
        try runner.run(paths: paths.isEmpty ? ["cases"] : paths) { name, caseFile in
          let path = Self.policyPath(name, caseFile: caseFile)
          if let known = cache[path] { return known }
          let found = Self.resolve(name, path: path)
          cache[path] = found
          return found
        }
      } catch {
        printError("jiayuan: \(error.message.text(language))")
        throw ExitCode(2)
      }
      let closing = "\(runner.passed) passed, \(runner.failures.count) failed"
      if format == "junit" {
        _ = StandardStreams.write(Self.junit(runner, language), to: STDOUT_FILENO)
        printError(closing)
      } else {
        var out = ""
        for failure in runner.failures {
          out += "FAIL \(failure.file):\(failure.range.start.line): \(VisibleText.escape(failure.caseName))\n"
          for message in failure.messages { out += "    \(message.text(language))\n" }
        }
        _ = StandardStreams.write(out + closing + "\n", to: STDOUT_FILENO)
      }
      if !runner.failures.isEmpty { throw ExitCode(1) }
    }

    /// A `policy:` that is not a shipped id is a path relative to the case file (so a
    /// folder of cases runs the same from anywhere); an absolute path is itself.
    static func policyPath(_ name: String, caseFile: String) -> String {
      if ShippedPolicies.named(name) != nil || name.hasPrefix("/") { return name }
      let folder = (caseFile as NSString).deletingLastPathComponent
      return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    static func resolve(_ name: String, path: String) -> CasePolicy {
      if let shipped = ShippedPolicies.named(name) { return .policy(shipped) }
      guard pathExists(path) else { return .unknown }
      let bytes: [UInt8]
      do throws(ToolError) {
        bytes = try InputFiles.read(path).bytes
      } catch {
        return .problems([
          Finding(rule: "POLICY-READ", severity: .error, subject: .input(path), file: path, range: .fileStart, message: error.message)
        ])
      }
      let loaded = PolicyLoader.load(bytes, file: path)
      guard let policy = loaded.policy else { return .problems(loaded.findings) }
      let (resolved, problems) = PolicyExtension.resolve([policy], parents: ShippedPolicies.all)
      guard problems.isEmpty, let first = resolved.first else { return .problems(problems) }
      return .policy(first)
    }

    /// JUnit XML: one suite per case file, one test case per case, a failure carrying the
    /// differences. The shape `check --format junit` writes, so one CI parser reads both.
    static func junit(_ runner: CaseRunner, _ language: Language) -> String {
      var files: [String] = []
      var byFile: [String: [CaseRunner.Result]] = [:]
      for result in runner.results {
        if byFile[result.file] == nil { files.append(result.file) }
        byFile[result.file, default: []].append(result)
      }
      func attr(_ s: String) -> String { XMLEscaping.escape(s, attribute: true) }
      var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
      for (index, file) in files.enumerated() {
        let results = byFile[file] ?? []
        let failed = results.filter { $0.failure != nil }.count
        out += "  <testsuite name=\"\(attr(file))\" id=\"\(index)\" package=\"cases\" tests=\"\(results.count)\" failures=\"\(failed)\""
        out += " errors=\"0\" skipped=\"0\" time=\"0\" timestamp=\"1970-01-01T00:00:00\" hostname=\"localhost\">\n"
        out += "    <properties/>\n"
        for result in results {
          let classname = result.rule.isEmpty ? file : result.rule
          out += "    <testcase classname=\"\(attr(classname))\" name=\"\(attr(result.caseName))\" time=\"0\""
          if let failure = result.failure {
            let text = failure.messages.map { $0.text(language) }.joined(separator: "\n")
            let first = failure.messages.first?.text(language) ?? ""
            out += ">\n      <failure message=\"\(attr(first))\" type=\"case\">"
            out += XMLEscaping.escape("\(file):\(result.range.start.line)\n\(text)") + "</failure>\n    </testcase>\n"
          } else {
            out += "/>\n"
          }
        }
        out += "    <system-out/>\n    <system-err/>\n  </testsuite>\n"
      }
      return out + "</testsuites>\n"
    }
  }
}
