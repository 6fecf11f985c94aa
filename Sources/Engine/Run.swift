import Foundation
import Policies
import Records
import YAMLSource

/// One whole check: files in, summary and findings out. The single entry point the CLI
/// and benchmarks use, so how the work is spread over cores stays inside the engine.
public enum Run {
  public struct Result: Sendable {
    public var summary: RunSummary
    /// In report order; spilled to a temporary file past `spillAbove` findings.
    public var findings: FindingList
    /// Rules kept on disk until the end could not be read back (an I/O error): the
    /// results are incomplete and must not be reported as a check.
    public var incomplete: Bool
    /// Per input file, in input order: path, records read, SHA-256 of its bytes, and for
    /// a CSV file the encoding it was read in (the report's provenance).
    public var inputs: [(path: String, records: Int, sha256: String, encoding: TextEncoding?)]
    /// The distinct jurisdictions of the records placed: a policy named for the run that
    /// applies to none of them is a mistake to say (cli.md, exit 2), not a pass.
    public var jurisdictions: Set<Jurisdiction> = []
    /// Every record's outcome per rule, when `matrixRows` asked for it.
    public var matrix: OutcomeMatrix?
  }

  /// A YAML file larger than this is read as pieces of `pieceBytes` on several cores.
  static let splitAbove = 2 << 20
  static let pieceBytes = 1 << 20
  /// Findings held in memory (encoded, about 2 MB) before a sorted run is written to a
  /// temporary file: a province-wide run stays within tens of megabytes.
  /// `JIAYUAN_SPILL_ABOVE` sets it (tests use tiny runs to exercise the merge).
  public static let spillAbove: Int = {
    if let text = ProcessInfo.processInfo.environment["JIAYUAN_SPILL_ABOVE"], let n = Int(text), n >= 1 { return n }
    return 4096
  }()

  /// Checks `paths` (already expanded by `InputFiles.expand`) in path order. Output is
  /// the same whatever the parallelism: findings are sorted, counts are sums.
  ///
  /// Reading, parsing, decoding and each record's own rules run on `threads` worker
  /// threads (default: the cores this process may use, or `JIAYUAN_THREADS`): whole files
  /// in parallel, and a large multi-document file as pieces cut at `---` lines. Their
  /// verdicts are merged by the one `Checker` strictly in input order, so every count, id
  /// list and finding is the one a single-threaded run gives.
  public static func check(
    paths: [String], unreadable: [String: ReadFailure] = [:], policies: [Policy], asOf: CalendarDate?,
    limits: YAMLLimits = .default, threads: Int? = nil, spillAbove: Int? = Run.spillAbove, encoding: TextEncoding? = nil,
    matrixRows: Int? = nil, mode: CheckMode = .automatic, progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws(ToolError) -> Result {
    try check(
      paths: paths, unreadable: unreadable, policies: policies, asOf: asOf, limits: limits, threads: threads,
      splitAbove: splitAbove, pieceBytes: pieceBytes, spillAbove: spillAbove, encoding: encoding, matrixRows: matrixRows,
      mode: mode, progress: progress)
  }

  /// `check` with the piece sizes given (tests cut files into tiny pieces).
  static func check(
    paths: [String], unreadable: [String: ReadFailure] = [:], policies: [Policy], asOf: CalendarDate?, limits: YAMLLimits,
    threads: Int?, splitAbove: Int, pieceBytes: Int, spillAbove: Int? = nil, encoding: TextEncoding? = nil,
    matrixRows: Int? = nil, mode: CheckMode = .automatic, progress: (@Sendable (Int, Int) -> Void)?
  ) throws(ToolError) -> Result {
    var evaluator = RecordEvaluator(policies: policies, asOf: asOf)
    // The workers' copy must keep cells too: set before the plan takes it.
    evaluator.keepCells = matrixRows != nil
    var checker = Checker(evaluator: evaluator, spillAbove: spillAbove)
    checker.mode = mode
    if let matrixRows { checker.keepMatrix(rowLimit: matrixRows) }
    var inputs: [(path: String, records: Int, sha256: String, encoding: TextEncoding?)] = []
    let workers = threads ?? Cores.available
    let pool = OrderedPool<Output>(threads: workers > 1 ? workers : 0)
    defer { pool.close() }
    let window = max(4, 4 * workers)

    // Jobs in input order; the consumer below takes their outputs in the same order.
    var plan = Plan(
      paths: paths, unreadable: unreadable, evaluator: evaluator, limits: limits, splitAbove: splitAbove, pieceBytes: pieceBytes,
      encoding: encoding)
    var submitted = 0
    var taken = 0
    func fill() {
      while submitted - taken < window, let job = plan.next() {
        pool.submit(submitted, job)
        submitted += 1
      }
    }

    var jurisdictions: Set<Jurisdiction> = []
    // Ids each folder's ledger files took from its CSV events files (`Plan.join`).
    var folderTaken: [String: Set<String>] = [:]
    var count = 0
    var documentOffset = 0
    var sha = ""
    var abandoned = false  // a piece stopped early: the rest of the file was re-read in order
    fill()
    while taken < submitted {
      let output = pool.take(taken)
      taken += 1
      switch output {
      case .whole(let path, var verdicts, let hash, let places, let encoding, let join):
        if let join {
          folderTaken[join.folder, default: []].formUnion(join.taken)
          // The folder's last events file, after all its ledger files: what no community
          // took is an input error of the events file.
          if let rows = join.leftOver {
            if let left = rows.inputError(excluding: folderTaken.removeValue(forKey: join.folder) ?? []) {
              verdicts.append(evaluator.verdict(left))
            }
          }
        }
        jurisdictions.formUnion(places)
        for verdict in verdicts { checker.add(verdict) }
        inputs.append((path, verdicts.count, hash, encoding))
        progress?(inputs.count, paths.count)
      case .hash(let hash):
        sha = hash
        count = 0
        documentOffset = 0
        abandoned = false
      case .piece(let piece):
        if !abandoned {
          jurisdictions.formUnion(piece.places)
          for (index, var verdict) in piece.records {
            verdict.shiftIndex(by: documentOffset, index)
            checker.add(verdict)
          }
          count += piece.records.count
          documentOffset += piece.documents
          // The piece stopped early and the rest of the file was re-read as one stream
          // (see `read`): the next pieces' outputs are not used.
          if piece.stopped && !piece.isLast { abandoned = true }
        }
        if piece.isLast {
          inputs.append((piece.file.path, count, sha, nil))
          progress?(inputs.count, paths.count)
        }
      }
      fill()
    }
    checker.finish()
    return Result(
      summary: checker.summary, findings: checker.findingList, incomplete: checker.readFailed, inputs: inputs,
      jurisdictions: jurisdictions, matrix: checker.matrix)
  }

  enum Output: Sendable {
    case whole(
      path: String, verdicts: [RecordVerdict], sha256: String, places: Set<Jurisdiction> = [], encoding: TextEncoding? = nil,
      join: Join? = nil)
    case hash(String)
    case piece(PieceOutput)
  }

  /// A ledger file's part in its folder's events join: the ids it took; for the folder's
  /// last events file, the rows to report what nobody took.
  struct Join: Sendable {
    var folder: String
    var taken: Set<String>
    var leftOver: EventRows?
  }

  struct PieceOutput: Sendable {
    var file: SharedFile
    var records: [(Int, RecordVerdict)]
    var places: Set<Jurisdiction>
    var documents: Int
    var stopped: Bool
    var isLast: Bool
  }

  /// A large file's bytes, shared read-only by the jobs of its pieces.
  final class SharedFile: Sendable {
    let path: String
    let bytes: [UInt8]
    init(path: String, bytes: [UInt8]) {
      self.path = path
      self.bytes = bytes
    }
  }

  /// Yields the jobs of a run in input order: one per small file, or for a large YAML
  /// file a hash job then one job per piece.
  struct Plan {
    let paths: [String]
    let unreadable: [String: ReadFailure]
    let evaluator: RecordEvaluator
    let limits: YAMLLimits
    let splitAbove: Int
    let pieceBytes: Int
    let encoding: TextEncoding?
    var position = 0
    var queued: [@Sendable () -> Output] = []
    /// Folders whose CSV files were looked at for events tables: the events rows their
    /// ledger files join, nil for none.
    var folders: [String: EventRows?] = [:]
    /// CSV events files, read with their folder and reported after its last ledger file.
    var eventFiles: Set<String> = []
    var after: [String: [@Sendable () -> Output]] = [:]
    /// The CSV paths of each folder, found once.
    var csvByFolder: [String: [String]]?

    init(
      paths: [String], unreadable: [String: ReadFailure], evaluator: RecordEvaluator, limits: YAMLLimits, splitAbove: Int,
      pieceBytes: Int, encoding: TextEncoding? = nil
    ) {
      self.encoding = encoding
      self.paths = paths
      self.unreadable = unreadable
      self.evaluator = evaluator
      self.limits = limits
      self.splitAbove = splitAbove
      self.pieceBytes = pieceBytes
    }

    mutating func next() -> (@Sendable () -> Output)? {
      if !queued.isEmpty { return queued.removeFirst() }
      guard position < paths.count else { return nil }
      let path = paths[position]
      position += 1
      if path != "-", InputFiles.kind(path) == .csv { _ = join(Run.folder(of: path)) }
      if eventFiles.contains(path) { return next() }
      let job = self.job(path)
      // A folder's events files come after its last ledger file (`join`).
      if let tail = after.removeValue(forKey: path) { queued += tail }
      return job
    }

    private mutating func job(_ path: String) -> @Sendable () -> Output {
      let limits = self.limits
      let evaluator = self.evaluator
      let encoding = self.encoding
      if let failure = unreadable[path] { return { Run.output(failure, evaluator: evaluator) } }
      // Only YAML is cut into pieces at `---` lines; a JSON file is never cut there.
      let isYAML = path != "-" && InputFiles.kind(path) == .yaml
      if isYAML, let size = Run.fileSize(path), size > splitAbove, size <= limits.maxFileBytes {
        // Read here, in order, so that pieces can be cut; parse on the workers.
        let file: InputFile
        switch InputFiles.load(path, limit: limits.maxFileBytes) {
        case .file(let loaded): file = loaded
        case let other: return { Run.output(other, evaluator: evaluator, limits: limits) }
        }
        let shared = SharedFile(path: file.path, bytes: file.bytes)
        let pieceBytes = self.pieceBytes
        let pieces = shared.bytes.withUnsafeBufferPointer { StreamSplitter.pieces(of: $0, targetBytes: pieceBytes) }
        queued.append { .hash(SHA256.hex(shared.bytes)) }
        for (k, piece) in pieces.enumerated() {
          let isLast = k == pieces.count - 1
          queued.append { Run.read(piece, of: shared, isLast: isLast, evaluator: evaluator, limits: limits) }
        }
        return queued.removeFirst()
      }
      if path != "-", InputFiles.kind(path) == .csv, let rows = join(Run.folder(of: path)) {
        let folder = Run.folder(of: path)
        return {
          Run.output(
            InputFiles.load(path, limit: limits.maxFileBytes), evaluator: evaluator, limits: limits, encoding: encoding,
            join: (folder, rows))
        }
      }
      return {
        Run.output(InputFiles.load(path, limit: limits.maxFileBytes), evaluator: evaluator, limits: limits, encoding: encoding)
      }
    }

    /// The events rows the CSV ledger files of `folder` join (records.md, spreadsheets;
    /// docs/records.md, "表格中的事件"), found the first time one of them comes up: every
    /// CSV file of the folder is looked at from its first 64 KB, and those that are events
    /// tables are read whole here, in order, then left out of their own place and reported
    /// after the folder's last ledger file, when every ledger row has taken its events.
    /// Only the events are held; the ledger files stream as any other.
    mutating func join(_ folder: String) -> EventRows? {
      if let known = folders[folder] { return known }
      folders[folder] = .some(nil)
      if csvByFolder == nil {
        var table: [String: [String]] = [:]
        for path in paths where path != "-" && unreadable[path] == nil && InputFiles.kind(path) == .csv {
          table[Run.folder(of: path), default: []].append(path)
        }
        csvByFolder = table
      }
      let csvs = csvByFolder?[folder] ?? []
      guard csvs.count >= 2 else { return nil }
      var rows = EventRows()
      var found: [(path: String, sha256: String, encoding: TextEncoding)] = []
      for path in csvs {
        guard let head = Run.head(path, bytes: 1 << 16), RecordSource.isCSVEventsTable(head: head, encoding: encoding),
          case .file(let file) = InputFiles.load(path, limit: limits.maxFileBytes),
          let read = RecordSource.csvEventRows(in: file.bytes, file: file.path, limits: limits, encoding: encoding)
        else { continue }
        rows.append(read.rows)
        found.append((path, SHA256.hex(file.bytes), read.encoding))
      }
      let ledgers = csvs.filter { path in !found.contains { $0.path == path } }
      guard !found.isEmpty, let last = ledgers.last else { return nil }
      eventFiles.formUnion(found.map(\.path))
      var jobs: [@Sendable () -> Output] = []
      for (k, file) in found.enumerated() {
        let end = k == found.count - 1 ? rows : nil
        jobs.append {
          .whole(
            path: file.path, verdicts: [], sha256: file.sha256, encoding: file.encoding,
            join: Join(folder: folder, taken: [], leftOver: end))
        }
      }
      after[last, default: []] += jobs
      folders[folder] = .some(rows)
      return rows
    }
  }

  /// The folder part of a path (`.` for a bare name), which a CSV events file shares with
  /// the ledger files it joins.
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return String(path[..<slash])
  }

  /// The first `bytes` bytes of a regular file, nil when it cannot be read (it is then
  /// read in its own place, which reports why).
  static func head(_ path: String, bytes: Int) -> [UInt8]? {
    guard fileSize(path) != nil, let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    // An empty file reads as nil: no bytes, no events table.
    return (try? handle.read(upToCount: bytes)).map { [UInt8]($0) } ?? []
  }

  /// The verdicts of one input read whole: its records, the refusal of a file over the
  /// cap (from its size alone), or one REC-READ input error.
  static func output(
    _ loaded: InputFiles.Loaded, evaluator: RecordEvaluator, limits: YAMLLimits, encoding: TextEncoding? = nil,
    join: (folder: String, rows: EventRows)? = nil
  ) -> Output {
    switch loaded {
    case .file(let file):
      var verdicts: [RecordVerdict] = []
      var places: Set<Jurisdiction> = []
      let index = join.map { EventIndex($0.rows) }
      let read = RecordSource.records(
        in: file.bytes, file: file.path, kind: file.kind, limits: limits, encoding: encoding, events: index
      ) {
        if let record = $0.record { places.insert(record.jurisdiction) }
        verdicts.append(evaluator.verdict($0))
      }
      return .whole(
        path: file.path, verdicts: verdicts, sha256: SHA256.hex(file.bytes), places: places, encoding: read,
        join: join.map { Join(folder: $0.folder, taken: index?.taken ?? [], leftOver: nil) })
    case .oversized(let path, let size, let hash):
      let refused = RecordSource.oversized(file: path, byteCount: size, isCSV: InputFiles.kind(path) == .csv, limits: limits)
      return .whole(path: path, verdicts: [evaluator.verdict(refused)], sha256: hash)
    case .failed(let failure):
      return output(failure, evaluator: evaluator)
    }
  }

  /// A path that could not be read: one input error, no bytes to hash.
  static func output(_ failure: ReadFailure, evaluator: RecordEvaluator) -> Output {
    let path = failure.path == "-" ? "<stdin>" : failure.path
    return .whole(path: path, verdicts: [evaluator.verdict(RecordSource.unreadable(file: path, reason: failure.reason))], sha256: "")
  }

  /// Parses one piece. When it stops early and is not the last, the cut before the next
  /// piece is unproven: the records from this piece to the end of the file are read
  /// again as one stream (the next pieces' outputs are then ignored).
  static func read(
    _ piece: StreamSplitter.Piece, of file: SharedFile, isLast: Bool, evaluator: RecordEvaluator, limits: YAMLLimits
  )
    -> Output
  {
    file.bytes.withUnsafeBufferPointer { all in
      var records: [(Int, RecordVerdict)] = []
      var places: Set<Jurisdiction> = []
      let slice = UnsafeBufferPointer(rebasing: all[piece.start..<piece.end])
      var (documents, stopped) = RecordSource.yamlPiece(slice, startLine: piece.line, file: file.path, limits: limits) {
        if let record = $1.record { places.insert(record.jurisdiction) }
        records.append(($0, evaluator.verdict($1)))
      }
      if stopped, !isLast {
        records = []
        places = []
        let tail = UnsafeBufferPointer(rebasing: all[piece.start...])
        (documents, stopped) = RecordSource.yamlPiece(tail, startLine: piece.line, file: file.path, limits: limits) {
          if let record = $1.record { places.insert(record.jurisdiction) }
          records.append(($0, evaluator.verdict($1)))
        }
        stopped = true
      }
      return .piece(
        PieceOutput(file: file, records: records, places: places, documents: documents, stopped: stopped, isLast: isLast))
    }
  }

  static func fileSize(_ path: String) -> Int? {
    var st = stat()
    guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(st.st_size)
  }
}
