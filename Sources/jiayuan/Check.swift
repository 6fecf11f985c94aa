import ArgumentParser
import Engine
import Foundation
import Policies
import Records
import Reporters
import YAMLSource

extension Jiayuan {
  /// `jiayuan check PATH...`: every record against the policies of its jurisdiction.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "校验小区记录 / check community records (files, folders, - for stdin)")

    @Argument(help: "Record files or folders (*.yaml, *.yml, *.json, *.jsonl, *.ndjson, *.csv); - reads stdin.")
    var paths: [String] = []

    @OptionGroup var policyOptions: PolicyOptions

    @Option(name: .customLong("as-of"), help: "Evaluate at this date (YYYY-MM-DD); default: each record's own as_of.")
    var asOf: String?

    @Option(
      name: .customLong("format"),
      help: "text, json, sarif, junit, github, csv, markdown, html (repeatable, paired in order with --output).")
    var formats: [String] = []

    @Option(name: .customLong("output"), help: "Write the matching --format to this file (atomically).")
    var outputs: [String] = []

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: error, warning, info, never.")
    var failOn: String = "error"

    @Option(name: .customLong("baseline"), help: "Hide the findings recorded in this baseline file (new ones still fail).")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Write every finding of this run to a baseline file.")
    var writeBaseline: String?

    @Option(name: .customLong("waivers"), help: "A waiver file (reason, approved_by, until per waiver); repeatable.")
    var waivers: [String] = []

    @Flag(name: .customLong("no-waivers"), help: "Ignore baselines and waivers: show everything (for auditors).")
    var noWaivers = false

    @Flag(name: .customLong("no-progress"), help: "Never show the progress indicator.")
    var noProgress = false

    func validate() throws {
      try policyOptions.validateLanguage()
      guard ["error", "warning", "info", "never"].contains(failOn) else {
        throw ValidationError("--fail-on must be error, warning, info or never")
      }
      for format in formats where ReporterList.named(format) == nil {
        throw ValidationError("unknown format \(format); known: \(ReporterList.all.map { $0.identifier }.joined(separator: ", "))")
      }
      if outputs.count > max(formats.count, 1) { throw ValidationError("more --output than --format") }
      // stdout stays pure: at most one format may go there.
      if max(formats.count, 1) - outputs.count > 1 {
        throw ValidationError("only one --format can go to standard output; give the others an --output file")
      }
    }

    func run() throws {
      do {
        let status = try execute()
        if status != 0 { throw ExitCode(status) }
      } catch let error as ToolError {
        printError("jiayuan: \(error.description)")
        throw ExitCode(2)
      } catch let error as InputError {
        printError("jiayuan: \(policyOptions.language == .zh ? error.message.zh : error.message.en)")
        throw ExitCode(2)
      }
    }

    private func execute() throws -> Int32 {
      guard !paths.isEmpty else { throw ToolError("no input: give record files or folders, or - for stdin") }
      let policies = try policyOptions.load()
      let date = try parseDate(asOf)
      let files = try InputFiles.expand(paths)
      guard !files.isEmpty else {
        throw ToolError("no record files (*.yaml, *.yml, *.json, *.jsonl, *.ndjson, *.csv) under \(paths.joined(separator: " "))")
      }
      let progress = ProgressIndicator(enabled: !noProgress)
      let result = try Run.check(paths: files, policies: policies, asOf: date) { done, total in progress.update(done, total) }
      progress.finish()
      if result.incomplete { throw ToolError("a temporary file of this run could not be read back; the results are incomplete") }
      let inputs = result.inputs.map { InputSummary(path: $0.path, records: $0.records, sha256: $0.sha256) }
      // The baseline keeps every finding, unfiltered, as SwiftLint's does.
      if let writeBaseline { try writeAtomically(to: writeBaseline) { Baseline.write(result.findings, to: &$0) } }
      var findings = result.findings
      var summary = result.summary
      if !noWaivers {
        var entries: [Baseline.Entry] = []
        for path in (baseline.map { [$0] } ?? []) + waivers {
          guard let data = FileManager.default.contents(atPath: path) else { throw ToolError("cannot read \(path)") }
          switch Baseline.read([UInt8](data), file: path) {
          case .success(let b): entries += b.entries
          case .failure(let error): throw ToolError(error.description)
          }
        }
        if !entries.isEmpty {
          let applied = Baseline(entries: entries).apply(to: findings, on: date ?? CalendarDate.today, spillAbove: Run.spillAbove)
          try checkRead(findings)
          findings = applied.kept
          summary.suppressed = applied.suppressed
          summary.errors = findings.count(of: .error)
          summary.warnings = findings.count(of: .warning)
          summary.info = findings.count(of: .info)
        }
      }
      let report = RunReport(
        asOf: date, policies: policies, inputs: inputs, summary: summary, findings: findings,
        language: policyOptions.language)
      try emit(report)
      return exitStatus(report)
    }

    /// Each format is written finding by finding: to its `--output` file (atomically),
    /// or to standard output.
    private func emit(_ report: RunReport) throws {
      let chosen = formats.isEmpty ? ["text"] : formats
      for (i, format) in chosen.enumerated() {
        guard let reporter = ReporterList.named(format) else { continue }
        let isTerminal = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        if i < outputs.count {
          try writeAtomically(to: outputs[i]) { reporter.write(report, to: &$0) }
        } else {
          var sink = FileSink(fd: STDOUT_FILENO)
          if reporter == TextReporter.self {
            TextReporter.write(report, color: isTerminal, to: &sink)
          } else {
            reporter.write(report, to: &sink)
          }
          if let failure = sink.flush() { throw ToolError("cannot write standard output: \(String(cString: strerror(failure)))") }
        }
        try checkRead(report.findings)
      }
    }

    /// Findings spilled to disk that could not be read back make any report written
    /// from them incomplete: that is a failed run, never a quiet short report.
    private func checkRead(_ findings: FindingList) throws {
      if findings.readFailed { throw ToolError("the temporary findings file could not be read back; the report is incomplete") }
    }

    private func exitStatus(_ report: RunReport) -> Int32 {
      let s = report.summary
      switch failOn {
      case "never": return 0
      case "info": return s.errors + s.warnings + s.info > 0 ? 1 : 0
      case "warning": return s.errors + s.warnings > 0 ? 1 : 0
      default: return s.errors > 0 ? 1 : 0
      }
    }
  }
}

/// Every output format, by the name `--format` takes.
enum ReporterList {
  static let all: [any Reporter.Type] = [
    TextReporter.self, JSONReporter.self, SARIFReporter.self, JUnitReporter.self, GitHubReporter.self, CSVReporter.self,
    MarkdownReporter.self, HTMLReporter.self,
  ]

  static func named(_ name: String) -> (any Reporter.Type)? { all.first { $0.identifier == name } }
}
