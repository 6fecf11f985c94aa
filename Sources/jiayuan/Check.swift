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

    @Argument(help: "Record files or folders (*.yaml, *.yml, *.json, *.jsonl, *.ndjson, *.csv, *.xlsx); - reads stdin.")
    var paths: [String] = []

    @OptionGroup var policyOptions: PolicyOptions

    @Option(name: .customLong("as-of"), help: "Evaluate at this date (YYYY-MM-DD); default: each record's own as_of.")
    var asOf: String?

    @Option(
      name: .customLong("format"),
      help: ArgumentHelp("\(ReportFormats.names) (repeatable, paired in order with --output)."))
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

    @Option(
      name: .customLong("compare"),
      help: "A previous run's JSON report: mark findings new or persisting, list those fixed, show aggregates' change.")
    var compare: String?

    @Flag(
      name: .customLong("self-check"),
      help: "A self-check: area targets (county coverage, …) are notices, never failures. Default: an area with one record.")
    var selfCheck = false

    @Flag(name: .customLong("audit"), help: "An audit: judge every area's targets, even over one record.")
    var audit = false

    @Flag(name: .customLong("no-progress"), help: "Never show the progress indicator.")
    var noProgress = false

    @Option(
      name: .customLong("encoding"),
      help: "Read CSV files as utf-8 or gb18030 (default: UTF-8, or GB18030 when a file is not UTF-8 and decodes as it).")
    var encoding: String?

    func validate() throws {
      try policyOptions.validateLanguage()
      if selfCheck && audit {
        throw invalid(zh: "--self-check 与 --audit 只能选一个", en: "--self-check and --audit exclude each other", policyOptions.language)
      }
      guard ["error", "warning", "info", "never"].contains(failOn) else {
        throw invalid(
          zh: "--fail-on 应为 error、warning、info 或 never", en: "--fail-on must be error, warning, info or never", policyOptions.language)
      }
      if let encoding, TextEncoding.named(encoding) == nil {
        throw ValidationError("--encoding must be utf-8 or gb18030")
      }
      for format in formats where ReportFormats.named(format) == nil {
        throw invalid(
          zh: "未知的格式 \(format)；可用：\(ReportFormats.names)", en: "unknown format \(format); known: \(ReportFormats.names)",
          policyOptions.language)
      }
      if outputs.count > max(formats.count, 1) {
        throw invalid(zh: "--output 多于 --format", en: "more --output than --format", policyOptions.language)
      }
      // A workbook is binary: only to a file.
      for (i, format) in formats.enumerated() where ReportFormats.named(format)?.isBinary == true && i >= outputs.count {
        throw invalid(
          zh: "--format \(format) 须配一个 --output 文件", en: "--format \(format) needs an --output file", policyOptions.language)
      }
      // stdout stays pure: at most one format may go there.
      if max(formats.count, 1) - outputs.count > 1 {
        throw invalid(
          zh: "只能有一种 --format 输出到标准输出，其余请用 --output 指定文件",
          en: "only one --format can go to standard output; give the others an --output file", policyOptions.language)
      }
    }

    func run() throws {
      do {
        let status = try execute()
        if status != 0 { throw ExitCode(status) }
      } catch let error as ToolError {
        printError("jiayuan: \(error.text(policyOptions.language))")
        throw ExitCode(2)
      }
    }

    private func execute() throws -> Int32 {
      guard !paths.isEmpty else {
        throw ToolError(zh: "没有输入：请给出记录文件或文件夹，或用 - 表示标准输入", en: "no input: give record files or folders, or - for stdin")
      }
      var expansion = try InputFiles.walk(paths)
      try refuseOutputsThatAreInputs(records: expansion.paths)
      let policies = try policyOptions.load()
      // The previous report is read before any record: a bad one is exit 2 at once.
      var previous: PreviousReport?
      if let compare {
        let bytes = try readBounded(compare, what: LocalizedText(zh: "上次的报告", en: "the previous report"))
        do {
          previous = try PreviousReport.read(bytes, file: compare)
        } catch {
          throw ToolError(error.message)
        }
      }
      let date = try parseDate(asOf, policyOptions.language)
      if StandardStreams.closedAtStart.contains(STDIN_FILENO) {
        // Read from the /dev/null put in its place, it would pass as an empty input.
        expansion.unreadable["-"] = ReadFailure(
          path: "-", reason: LocalizedText(zh: "标准输入已关闭（Bad file descriptor）", en: "standard input is closed (Bad file descriptor)"))
      }
      let files = expansion.paths
      guard !files.isEmpty else {
        throw ToolError(
          zh: "\(paths.joined(separator: " ")) 下没有记录文件（*.yaml、*.yml、*.json、*.jsonl、*.ndjson、*.csv、*.xlsx）",
          en: "no record files (*.yaml, *.yml, *.json, *.jsonl, *.ndjson, *.csv, *.xlsx) under \(paths.joined(separator: " "))")
      }
      let progress = ProgressIndicator(enabled: !noProgress)
      let chosen = (formats.isEmpty ? ["text"] : formats).compactMap(ReportFormats.named)
      let result = try Run.check(
        paths: files, unreadable: expansion.unreadable, policies: policies, asOf: date, encoding: encoding.flatMap(TextEncoding.named),
        matrixRows: chosen.contains { $0.needsMatrix } ? OutcomeMatrix.defaultRowLimit : nil,
        mode: selfCheck ? .selfCheck : audit ? .audit : .automatic
      ) { done, total in
        progress.update(done, total)
      }
      progress.finish()
      if result.incomplete {
        throw ToolError(zh: "本次检查的临时文件无法读回，结果不完整", en: "a temporary file of this run could not be read back; the results are incomplete")
      }
      try requireRecords(result, policies: policies)
      let inputs = result.inputs.map {
        InputSummary(path: $0.path, records: $0.records, sha256: $0.sha256, encoding: $0.encoding?.rawValue)
      }
      // The baseline keeps every finding, unfiltered, as SwiftLint's does.
      if let writeBaseline { try writeAtomically(to: writeBaseline) { Baseline.write(result.findings, to: &$0) } }
      var findings = result.findings
      var summary = result.summary
      if !noWaivers {
        var entries: [Baseline.Entry] = []
        for path in (baseline.map { [$0] } ?? []) + waivers {
          let bytes = try readBounded(path, what: LocalizedText(zh: "基线或豁免文件", en: "baseline or waiver file"))
          switch Baseline.read(bytes, file: path) {
          case .success(let b): entries += b.entries
          case .failure(let error): throw error
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
      var report = RunReport(
        asOf: date, policies: policies, inputs: inputs, summary: summary, findings: findings,
        language: policyOptions.language)
      report.matrix = result.matrix
      report.previous = previous
      try emit(report)
      return exitStatus(report)
    }

    /// Each format is written finding by finding: to its `--output` file (atomically),
    /// or to standard output.
    private func emit(_ report: RunReport) throws {
      let chosen = formats.isEmpty ? ["text"] : formats
      for (i, format) in chosen.enumerated() {
        guard let reporter = ReportFormats.named(format) else { continue }
        let isTerminal = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        if i < outputs.count, reporter == XLSXReporter.self {
          let bytes: [UInt8]
          do {
            bytes = try XLSXReporter.workbook(report)
          } catch {
            throw ToolError(
              LocalizedText(zh: "无法生成工作簿 \(outputs[i])：\(error.message)", en: "cannot build the workbook \(outputs[i]): \(error.message)"))
          }
          try writeAtomically(to: outputs[i]) { $0.write(bytes: bytes) }
        } else if i < outputs.count {
          try writeAtomically(to: outputs[i]) { reporter.write(report, to: &$0) }
        } else {
          if StandardStreams.closedAtStart.contains(STDOUT_FILENO) {
            throw ToolError(LocalizedText(zh: "无法写入标准输出：标准输出已关闭", en: "cannot write standard output: it is closed"))
          }
          var sink = FileSink(fd: STDOUT_FILENO)
          if reporter == TextReporter.self {
            TextReporter.write(report, color: isTerminal, to: &sink)
          } else {
            reporter.write(report, to: &sink)
          }
          if let failure = sink.flush() {
            let reason = ReadFailure(path: "-", errno: failure).reason
            throw ToolError(LocalizedText(zh: "无法写入标准输出：\(reason.zh)", en: "cannot write standard output: \(reason.en)"))
          }
        }
        try checkRead(report.findings)
      }
    }

    /// An `--output` or `--write-baseline` that is (by device and inode, through links)
    /// a record file, policy, baseline or waiver file of the run would replace that input
    /// with the report: refused before anything is read. Only regular files can be lost
    /// so; `/dev/null` as input and output is nothing to protect.
    private func refuseOutputsThatAreInputs(records: [String]) throws {
      func identity(_ st: stat) -> String? { st.st_mode & S_IFMT == S_IFREG ? "\(st.st_dev):\(st.st_ino)" : nil }
      var targets: [String: String] = [:]
      for path in outputs + (writeBaseline.map { [$0] } ?? []) {
        var st = stat()
        if stat(path, &st) == 0, let id = identity(st) { targets[id] = targets[id] ?? path }
      }
      guard !targets.isEmpty else { return }
      let shipped = Set(ShippedPolicies.sources.map(\.name))
      let policyFiles = policyOptions.policies.filter { !shipped.contains("policies/\($0).yaml") }
      for input in records + policyFiles + (baseline.map { [$0] } ?? []) + waivers + (compare.map { [$0] } ?? []) {
        var st = stat()
        let found = input == "-" ? fstat(STDIN_FILENO, &st) == 0 : stat(input, &st) == 0
        guard found, let id = identity(st), let output = targets[id] else { continue }
        let name = input == "-" ? "<stdin>" : input
        throw ToolError(
          LocalizedText(
            zh: "输出文件 \(output) 就是输入 \(name)，拒绝用报告覆盖它（尚未读取任何输入）",
            en: "the output \(output) is the input \(name): refusing to replace it with the report (nothing was read)"))
      }
    }

    /// A run that read no record checked nothing: that is never a pass (records.md), as
    /// when `curl … | jiayuan check -` got an empty download. Nor is a policy named on the
    /// command line that applies to none of the records placed (the records' own
    /// jurisdictions are listed, nearest first). When every record is an input error, the
    /// report of those errors says more, so it is given instead.
    private func requireRecords(_ result: Run.Result, policies: [Policy]) throws {
      let inputs = paths.map { $0 == "-" ? "<stdin>" : $0 }.joined(separator: " ")
      guard result.summary.records > 0 else {
        throw ToolError(
          LocalizedText(
            zh: "没有读到任何记录（\(inputs)）：输入为空，或文件为空、只有注释；未做任何检查",
            en: "no record was read from \(inputs): the input is empty, or its files are empty or only comments; nothing was checked"))
      }
      guard !policyOptions.policies.isEmpty, !result.jurisdictions.isEmpty else { return }
      for policy in policies where !result.jurisdictions.contains(where: { policy.jurisdiction.contains($0) }) {
        let places = Self.nearest(result.jurisdictions, to: policy.jurisdiction)
        let placesEn = Self.nearest(result.jurisdictions, to: policy.jurisdiction, language: .en)
        let own = Self.name(policy.jurisdiction)
        throw ToolError(
          LocalizedText(
            zh: "策略 \(policy.id)（\(own)）不适用于读到的任何记录；记录所在辖区：\(places)",
            en: "policy \(policy.id) (\(own)) applies to none of the records read; their jurisdictions: \(placesEn)"))
      }
    }

    /// Province/city/county, as people name a place.
    static func name(_ j: Jurisdiction) -> String { [j.province, j.city, j.county].compactMap { $0 }.joined(separator: "/") }

    /// The records' distinct jurisdictions (to county level), at most ten: first those
    /// that are a near miss of the policy's (not in the national list, and inside the
    /// policy once corrected), each with the name it was probably meant to be
    /// (安徽省/六安市/霍山（是否应为 霍山县？）), then those sharing more of the policy's path.
    static func nearest(_ places: Set<Jurisdiction>, to target: Jurisdiction, language: Language = .zh) -> String {
      func shared(_ j: Jurisdiction) -> Int {
        var n = 0
        for level in ["province", "city", "county"] {
          guard let mine = target.name(at: level), j.name(at: level) == mine else { break }
          n += 1
        }
        return n
      }
      var best: [String: Int] = [:]
      for place in places {
        var label = name(place)
        var rank = shared(place)
        let placement = Divisions.place(place)
        if !placement.problems.isEmpty {
          let meant = placement.problems.compactMap { p in p.suggestion.map { (p.value, $0) } }
          if !meant.isEmpty {
            let words = meant.map { language == .zh ? "\($0.0) 是否应为 \($0.1)？" : "\($0.0): did you mean \($0.1)?" }
            label += language == .zh ? "（\(words.joined(separator: "；"))）" : " (\(words.joined(separator: "; ")))"
          }
          if let corrected = placement.corrected, target.contains(corrected) { rank = 4 }
        }
        best[label] = max(best[label] ?? 0, rank)
      }
      let ranked = best.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
      let shown = ranked.prefix(10).joined(separator: ", ")
      return ranked.count > 10 ? shown + " … (\(ranked.count))" : shown
    }

    /// Findings spilled to disk that could not be read back make any report written
    /// from them incomplete: that is a failed run, never a quiet short report.
    private func checkRead(_ findings: FindingList) throws {
      if findings.readFailed {
        throw ToolError(zh: "临时的发现文件无法读回，报告不完整", en: "the temporary findings file could not be read back; the report is incomplete")
      }
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
