import Policies
import Records
import YAMLSource

/// One whole check: files in, summary and findings out. The single entry point the CLI
/// and benchmarks use, so how the work is spread over cores stays inside the engine.
public enum Run {
  public struct Result: Sendable {
    public var summary: RunSummary
    public var findings: [Finding]
    /// Per input file, in input order: path, records read, SHA-256 of its bytes.
    public var inputs: [(path: String, records: Int, sha256: String)]
  }

  /// Checks `paths` (already expanded by `InputFiles.expand`) in path order. Output is
  /// the same whatever the parallelism: findings are sorted, counts are sums.
  public static func check(
    paths: [String], policies: [Policy], asOf: CalendarDate?, limits: YAMLLimits = .default,
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws(InputError) -> Result {
    var checker = Checker(policies: policies, asOf: asOf)
    var inputs: [(path: String, records: Int, sha256: String)] = []
    for (i, path) in paths.enumerated() {
      let file = try InputFiles.read(path)
      var count = 0
      RecordSource.records(in: file.bytes, file: file.path, isCSV: file.isCSV, limits: limits) { record in
        count += 1
        checker.add(record)
      }
      inputs.append((file.path, count, SHA256.hex(file.bytes)))
      progress?(i + 1, paths.count)
    }
    checker.finish()
    return Result(summary: checker.summary, findings: checker.findings, inputs: inputs)
  }
}
