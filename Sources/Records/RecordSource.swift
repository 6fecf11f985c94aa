import YAMLSource

/// Reads the records of one input (a YAML/JSON stream or a CSV file), so that every
/// document or row read is accounted for: a record, or an input error.
public enum RecordSource {
  public static func records(
    in bytes: [UInt8], file: String, isCSV: Bool, limits: YAMLLimits = .default, _ body: (DecodedRecord) -> Void
  ) {
    if isCSV {
      if bytes.count > limits.maxFileBytes {
        body(parseFailure(file: file, index: 0, YAMLProblem(.tooLarge, "file is over the size limit", at: .fileStart)))
        return
      }
      if let bad = firstInvalidUTF8(bytes) {
        let at = ByteLocator.location(ofByte: bad, in: bytes)
        body(parseFailure(file: file, index: 0, YAMLProblem(.encoding, "invalid UTF-8", at: SourceRange(at: at))))
        return
      }
      // As YAML does (libyaml refuses them), so a NUL never reaches a record's name.
      if let bad = bytes.firstIndex(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }) {
        let at = ByteLocator.location(ofByte: bad, in: bytes)
        body(
          parseFailure(
            file: file, index: 0, YAMLProblem(.syntax, "control characters are not allowed", at: SourceRange(at: at))))
        return
      }
      for row in CSVReader.rows(bytes, limits: limits) {
        guard let node = row.node else {
          let range = row.problems.first?.range ?? .fileStart
          var failure = parseFailure(file: file, index: row.index, row.problems[0])
          failure.findings += row.problems.dropFirst().map { finding(for: $0, file: file) }
          failure.origin.range = range
          body(failure)
          continue
        }
        body(RecordDecoder.decode(node, file: file, index: row.index))
      }
      return
    }
    if bytes.count > limits.maxFileBytes {
      YAMLReader.readDocuments(bytes, limits: limits) { if let r = decode($0, file: file) { body(r) } }
      return
    }
    bytes.withUnsafeBufferPointer { buffer in
      _ = yamlPiece(buffer, startLine: 0, file: file, limits: limits) { _, record in body(record) }
    }
  }

  /// Reads the records of one piece of a YAML stream (see `StreamSplitter`) that starts
  /// at zero-based line `startLine` of `file`. `body` gets each record with the index of
  /// its document within the piece. Returns how many documents the piece held (empty ones
  /// included) and whether a problem ended the stream early.
  public static func yamlPiece(
    _ buffer: UnsafeBufferPointer<UInt8>, startLine: Int, file: String, limits: YAMLLimits = .default,
    _ body: (Int, DecodedRecord) -> Void
  ) -> (documents: Int, stopped: Bool) {
    var documents = 0
    let stopped = YAMLReader.readDocuments(in: buffer, startLine: startLine, limits: limits) { document in
      documents = document.index + 1
      if let record = decode(document, file: file) { body(document.index, record) }
    }
    return (documents, stopped)
  }

  /// A document's record, or nil for an empty document.
  static func decode(_ document: YAMLDocument, file: String) -> DecodedRecord? {
    guard let root = document.root else {
      // A document without a root always carries its problem; should one ever not, it
      // is still a located input error, never a crash.
      let fatal =
        document.problems.first { $0.isFatal } ?? document.problems.first
        ?? YAMLProblem(.syntax, "the document could not be read", at: SourceRange(at: document.start))
      var failure = parseFailure(file: file, index: document.index, fatal)
      let others = document.problems.filter { $0 != fatal }
      failure.findings = others.map { finding(for: $0, file: file) } + failure.findings
      return failure
    }
    if let scalar = root.scalar, scalar.style == .plain, scalar.resolved == .null { return nil }  // empty document
    return RecordDecoder.decode(root, file: file, index: document.index, problems: document.problems)
  }

  /// The input error of a file over `limits.maxFileBytes`, from its size alone, as
  /// `records` gives it: an oversized file is refused without being read into memory.
  public static func oversized(file: String, byteCount: Int, isCSV: Bool, limits: YAMLLimits = .default) -> DecodedRecord {
    let message =
      isCSV ? "file is over the size limit" : "file is \(byteCount) bytes, over the limit of \(limits.maxFileBytes) bytes"
    return parseFailure(file: file, index: 0, YAMLProblem(.tooLarge, message, at: .fileStart))
  }

  static func parseFailure(file: String, index: Int, _ problem: YAMLProblem) -> DecodedRecord {
    DecodedRecord(
      record: nil, id: nil, findings: [finding(for: problem, file: file)],
      origin: RecordOrigin(file: file, index: index, range: problem.range))
  }

  static func finding(for problem: YAMLProblem, file: String) -> Finding {
    let rule = problem.kind == .duplicateKey ? "REC-DUPLICATE-KEY" : "REC-PARSE"
    return Finding(
      rule: rule, severity: .error, subject: .input(file), file: file, range: problem.range,
      message: LocalizedText(zh: ParseMessages.chinese(problem), en: problem.message))
  }

  static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      let length: Int
      if b < 0x80 {
        length = 1
      } else if b & 0xE0 == 0xC0, b >= 0xC2 {
        length = 2
      } else if b & 0xF0 == 0xE0 {
        length = 3
      } else if b & 0xF8 == 0xF0, b <= 0xF4 {
        length = 4
      } else {
        return i
      }
      guard i + length <= bytes.count else { return i }
      for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
      i += length
    }
    return nil
  }
}

/// Chinese for the problems users meet most; libyaml's own words follow in brackets.
enum ParseMessages {
  static func chinese(_ problem: YAMLProblem) -> String {
    switch problem.kind {
    case .encoding: return "文件不是有效的 UTF-8 编码（\(problem.message)）"
    case .duplicateKey: return (problem.message.hasPrefix("duplicate column") ? "重复的列" : "重复的键") + "（\(problem.message)）"
    case .undefinedAlias: return "别名未定义（\(problem.message)）"
    case .aliasCycle: return "别名引用了自身所在的节点，形成循环（\(problem.message)）"
    case .aliasBudget: return "别名展开过多，超出上限（\(problem.message)）"
    case .tooDeep: return "嵌套层级过深（\(problem.message)）"
    case .tooLarge: return "超出大小上限（\(problem.message)）"
    case .unsupported: return "不支持的写法（\(problem.message)）"
    case .syntax:
      let known: [(String, String)] = [
        ("mapping values are not allowed", "此处不能出现冒号映射，可能缺少引号或缩进有误"),
        ("found character that cannot start any token", "出现了不能作为开头的字符（例如用 Tab 缩进）"),
        ("did not find expected key", "缺少预期的键，缩进可能有误"),
        ("could not find expected ':'", "缺少冒号"),
        ("found unexpected end of stream", "文件意外结束，引号或括号未闭合"),
        ("did not find expected ',' or ']'", "缺少逗号或右方括号"),
        ("did not find expected ',' or '}'", "缺少逗号或右花括号"),
        ("control characters are not allowed", "出现了不允许的控制字符"),
        ("row has", "CSV 行的单元格数多于表头"),
        ("quoted cell", "CSV 引号未闭合"),
        ("is a value, but column", "CSV 表头中此列是取值，另一列却把字段放在它下面"),
        ("which is a value", "CSV 表头中此列把字段放在一个取值列下面"),
      ]
      let hint = known.first { problem.message.contains($0.0) }?.1 ?? "语法错误"
      return "YAML 语法错误：\(hint)（\(problem.message)）"
    }
  }
}
