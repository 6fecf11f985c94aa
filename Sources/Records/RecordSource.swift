import YAMLSource

/// How an input file holds its records, from its name's extension (records.md, "Files").
public enum InputKind: Sendable, Hashable {
  /// `.yaml`, `.yml`, and anything else (standard input): YAML documents.
  case yaml
  /// `.json`: one record (an object) or an array of them.
  case json
  /// `.jsonl`, `.ndjson`: one JSON value per line.
  case jsonLines
  case csv
  /// `.xlsx`: an Excel workbook, every sheet with a header of known fields a table.
  case xlsx

  public init(path: String) {
    let name = path.lowercased()
    if name.hasSuffix(".csv") {
      self = .csv
    } else if name.hasSuffix(".xlsx") {
      self = .xlsx
    } else if name.hasSuffix(".json") {
      self = .json
    } else if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") {
      self = .jsonLines
    } else {
      self = .yaml
    }
  }
}

/// Reads the records of one input (a YAML stream, a JSON or JSON Lines file, or a CSV
/// file), so that every document, element, line or row read is accounted for: a record,
/// or an input error.
public enum RecordSource {
  /// The CSV flag of older callers: anything else is read by its name (`InputKind`), so
  /// that a `.json` file is never given to libyaml.
  public static func records(
    in bytes: [UInt8], file: String, isCSV: Bool, limits: YAMLLimits = .default, _ body: (DecodedRecord) -> Void
  ) {
    records(in: bytes, file: file, kind: isCSV ? .csv : InputKind(path: file), limits: limits, body)
  }

  /// Returns the encoding a CSV file was read in (nil for the other kinds, always
  /// UTF-8). `encoding` forces one for CSV (`--encoding`).
  /// `events`: the events tables of a CSV file's folder (`csvEventRows`), which its rows
  /// take their events from.
  @discardableResult
  public static func records(
    in bytes: [UInt8], file: String, kind: InputKind, limits: YAMLLimits = .default, encoding: TextEncoding? = nil,
    events: EventIndex? = nil, _ body: (DecodedRecord) -> Void
  ) -> TextEncoding? {
    switch kind {
    case .csv: return csvRecords(in: bytes, file: file, limits: limits, encoding: encoding, events: events, body)
    case .xlsx: XLSXReader.records(bytes, file: file, limits: limits, body)
    case .json, .jsonLines:
      JSONReader.readDocuments(bytes, layout: kind == .json ? .elements : .lines, limits: limits) { document in
        // A JSON `null` is a value, not an empty document: it is an input error, as any
        // other value that is not a record.
        if let record = decode(document, file: file, emptyIsNothing: false) { body(record) }
      }
    case .yaml: yamlRecords(in: bytes, file: file, limits: limits, body)
    }
    return nil
  }

  private static func csvRecords(
    in raw: [UInt8], file: String, limits: YAMLLimits, encoding forced: TextEncoding?, events: EventIndex?,
    _ body: (DecodedRecord) -> Void
  ) -> TextEncoding? {
    if raw.count > limits.maxFileBytes {
      body(parseFailure(file: file, index: 0, YAMLProblem(.tooLarge, "file is over the size limit", at: .fileStart)))
      return nil
    }
    let (bytes, encoding, problem) = TextEncoding.decode(raw, forced: forced)
    if let problem {
      body(parseFailure(file: file, index: 0, problem))
      return encoding
    }
    // As YAML does (libyaml refuses them), so a NUL never reaches a record's name.
    if let bad = bytes.firstIndex(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }) {
      let at = ByteLocator.location(ofByte: bad, in: bytes)
      body(
        parseFailure(
          file: file, index: 0, YAMLProblem(.syntax, "control characters are not allowed", at: SourceRange(at: at))))
      return encoding
    }
    CSVReader.records(bytes, file: file, limits: limits, events: events, body)
    return encoding
  }

  /// Whether the first bytes of a CSV file (`head`, cut anywhere) are an events table's
  /// (小区编码, 活动类型, 日期), for a run to read it before the ledger files of its folder.
  public static func isCSVEventsTable(head: [UInt8], encoding forced: TextEncoding? = nil) -> Bool {
    // Whole lines only, so that a character cut in two is not taken for bad bytes.
    let cut = head.lastIndex(of: 0x0A).map { Array(head[...$0]) } ?? head
    let (bytes, _, problem) = TextEncoding.decode(cut, forced: forced)
    return problem == nil && CSVReader.isEventsTable(bytes)
  }

  /// The rows of a CSV events table by community id, with the encoding it was read in;
  /// nil when the file is not one or cannot be read as text (it is then read as a ledger,
  /// which reports why).
  public static func csvEventRows(
    in raw: [UInt8], file: String, limits: YAMLLimits = .default, encoding forced: TextEncoding? = nil
  ) -> (rows: EventRows, encoding: TextEncoding)? {
    guard raw.count <= limits.maxFileBytes else { return nil }
    let (bytes, encoding, problem) = TextEncoding.decode(raw, forced: forced)
    guard problem == nil, !bytes.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }),
      CSVReader.isEventsTable(bytes)
    else { return nil }
    return (CSVReader.eventRows(bytes, file: file), encoding)
  }

  private static func yamlRecords(in bytes: [UInt8], file: String, limits: YAMLLimits, _ body: (DecodedRecord) -> Void) {
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

  /// A document's record, or nil for an empty YAML document.
  static func decode(_ document: YAMLDocument, file: String, emptyIsNothing: Bool = true) -> DecodedRecord? {
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
    if emptyIsNothing, let scalar = root.scalar, scalar.style == .plain, scalar.resolved == .null { return nil }
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

/// Chinese for the problems users meet most; the reader's own words follow in brackets.
public enum ParseMessages {
  /// A problem as a policy author reads it: what is wrong in words, in Chinese and
  /// English, libyaml's own words in brackets, and what to do for the common mistakes
  /// (indentation, tabs, an unquoted `:` or `,` in a value). `line` is the text of the
  /// line the problem is on, which tells a tab from another bad character.
  public static func describe(_ problem: YAMLProblem, line: Substring?) -> (message: LocalizedText, fix: LocalizedText?) {
    let raw = problem.message
    guard problem.kind == .syntax else {
      return (LocalizedText(zh: chinese(problem), en: raw), nil)
    }
    let hasTab = line?.contains("\t") ?? false
    if raw.contains("tab character") || (raw.contains("cannot start any token") && hasTab) {
      return (
        LocalizedText(
          zh: "YAML 语法错误：用了 Tab 缩进，YAML 只能用空格缩进（\(raw)）",
          en: "YAML syntax error: a tab is used for indentation; YAML indents with spaces only (\(raw))"),
        LocalizedText(zh: "把行首的 Tab 换成空格（每层缩进两个空格）", en: "replace the tab with spaces (two per level)")
      )
    }
    for hint in policyHints where raw.contains(hint.phrase) {
      return (
        LocalizedText(zh: "YAML 语法错误：\(hint.zh)（\(raw)）", en: "YAML syntax error: \(hint.en) (\(raw))"),
        LocalizedText(zh: hint.fixZh, en: hint.fixEn)
      )
    }
    return (LocalizedText(zh: chinese(problem), en: "YAML syntax error (\(raw))"), nil)
  }

  /// libyaml's phrases for the mistakes authors make, with what they mean and the fix.
  static let policyHints: [(phrase: String, zh: String, en: String, fixZh: String, fixEn: String)] = [
    (
      "mapping values are not allowed", "此处不能出现「键: 值」：缩进可能有误，或值中有未加引号的冒号",
      "a 'key: value' cannot start here: the indentation may be wrong, or a value holds an unquoted colon",
      "同一层的键要左对齐（用空格）；值中含冒号时给该值加引号，如 title: \"比例: 65%\"",
      "align the keys of one level (with spaces); quote a value that holds a colon, e.g. title: \"ratio: 65%\""
    ),
    (
      "did not find expected ',' or '}'", "花括号 {…} 中此处应为逗号或 }：值中的冒号、逗号或花括号使它提前结束",
      "a ',' or '}' was expected in the {…} mapping: a colon, comma or brace in a value ended it early",
      "给该值加引号，如 {zh: \"党员比例 {actual}，低于 {expected}\", en: \"…\"}",
      "quote the value, e.g. {zh: \"…\", en: \"party members are {actual}, below {expected}\"}"
    ),
    (
      "did not find expected ',' or ']'", "方括号 […] 中此处应为逗号或 ]：值中的冒号或括号使它提前结束",
      "a ',' or ']' was expected in the […] list: a colon or bracket in a value ended it early",
      "给该值加引号，或检查括号是否成对", "quote the value, or check that the brackets pair up"
    ),
    (
      "did not find expected key", "缩进不一致：此行与同一层的键没有对齐",
      "inconsistent indentation: this line is not aligned with the keys of its level",
      "让同一层的键左对齐（用空格）", "align the keys of one level (with spaces)"
    ),
    (
      "did not find expected '-' indicator", "列表中此行缩进有误：列表的每一项以 - 开头并左对齐",
      "a list item is misaligned: each item starts with '-' at the same column",
      "把此行与列表的其他项对齐，或缩进到上一项之内", "align this line with the other items, or indent it inside the item above"
    ),
    (
      "block sequence entries are not allowed", "此处不能开始列表：缩进可能有误", "a list cannot start here: the indentation may be wrong",
      "列表项 - 应比它所属的键多缩进，或与之对齐", "indent the '-' items under their key, or align them with it"
    ),
    (
      "found unexpected end of stream", "文件在引号或括号闭合之前就结束了", "the file ends before a quote or bracket is closed",
      "检查引号和括号是否成对", "check that quotes and brackets pair up"
    ),
    (
      "could not find expected ':'", "缺少冒号：键后应有「: 」，或上一行的引号没有闭合",
      "a ':' is missing after a key, or a quote on the line above is not closed", "在键后加「: 」（冒号后有空格），或闭合引号",
      "write ': ' after the key (a space after the colon), or close the quote"
    ),
    (
      "found character that cannot start any token", "此处的字符不能开始一个值（如 @、` 或 %）",
      "this character cannot start a value (such as @, ` or %)", "给该值加引号", "quote the value"
    ),
  ]

  static func chinese(_ problem: YAMLProblem) -> String {
    switch problem.kind {
    case .encoding:
      if problem.message.contains("GB18030") { return "文件不是有效的 GB18030 编码（\(problem.message)）" }
      return "文件不是有效的 UTF-8 编码（\(problem.message)）"
    case .duplicateKey: return (problem.message.hasPrefix("duplicate column") ? "重复的列" : "重复的键") + "（\(problem.message)）"
    case .undefinedAlias: return "别名未定义（\(problem.message)）"
    case .aliasCycle: return "别名引用了自身所在的节点，形成循环（\(problem.message)）"
    case .aliasBudget: return "别名展开过多，超出上限（\(problem.message)）"
    case .tooDeep: return "嵌套层级过深（\(problem.message)）"
    case .tooLarge: return "超出大小上限（\(problem.message)）"
    case .unsupported: return "不支持的写法（\(problem.message)）"
    case .jsonSyntax:
      let hint = jsonHints.first { problem.message.contains($0.0) }?.1 ?? "不符合 JSON 格式"
      return "JSON 语法错误：\(hint)（\(problem.message)）"
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

  /// JSON's messages, by a phrase of `JSONReader`'s English, most specific first.
  static let jsonHints: [(String, String)] = [
    ("empty input", "文件为空，应为一个 JSON 值（一条记录的对象，或由多条记录组成的数组）"),
    ("unexpected end of line", "该行在值结束之前就结束了（JSON Lines 每行须是一个完整的 JSON 值）"),
    ("unexpected end of input", "文件意外结束，引号或括号未闭合"),
    ("trailing comma", "最后一项后面多了逗号，JSON 不允许末尾逗号"),
    ("comment", "JSON 不允许注释"),
    ("full-width", "使用了全角标点或空格（如 ，：“”），JSON 的标点必须是半角（英文）符号"),
    ("not single quotes", "字符串必须用英文双引号，不能用单引号"),
    ("keys must be strings", "对象的键必须是带英文双引号的字符串"),
    ("must be lowercase", "true、false、null 必须小写"),
    ("NaN and Infinity", "JSON 不支持 NaN 和 Infinity"),
    ("leading zeros", "数字不能有前导零（007 应写作 7，或写成字符串 \"007\"）"),
    ("hexadecimal", "JSON 不支持十六进制数"),
    ("may not start with '+'", "数字前不能加 +"),
    ("invalid number", "数字格式不正确"),
    ("lone surrogate", "\\u 代理项转义不成对（emoji 等字符须写成一对，如 \\ud83c\\udfe0）"),
    ("invalid \\u escape", "\\u 后须跟四位十六进制数字"),
    ("invalid escape", "无效的转义序列（JSON 只有 \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX）"),
    ("must be escaped", "字符串中的换行、Tab 等控制字符必须转义（如 \\n、\\t）"),
    ("unterminated string", "字符串缺少结尾的英文双引号"),
    ("strings must be in double quotes", "文本必须用英文双引号括起来"),
    ("after the value on this line", "该行的值后面还有多余内容（JSON Lines 每行只能有一个值）"),
    ("after the array of records", "记录数组结束后还有多余内容（多了括号？）"),
    ("after the JSON value", "JSON 值结束后还有多余内容（多了括号？多条记录应放在一个数组 [ ] 中）"),
    ("expected ':'", "键后面缺少冒号"),
    ("expected ',' or '}'", "缺少逗号或右花括号 }"),
    ("expected ',' or ']'", "缺少逗号或右方括号 ]"),
    ("expected a string key", "此处应为带英文双引号的键"),
    ("expected a value", "此处应为一个值（对象、数组、字符串、数字、true、false 或 null）"),
    ("unexpected character", "出现了 JSON 不允许的字符"),
  ]
}
