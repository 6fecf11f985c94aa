internal import CLibYAML

/// The only place that speaks libyaml's C API. It runs the event loop and builds located
/// nodes with an explicit stack, so input depth never becomes Swift call depth.
public enum YAMLReader {
  /// Reads every document of `bytes` in order, calling `body` for each as soon as it
  /// ends. A syntax error ends its document, which comes with the problem; reading goes
  /// on at the next `---` line.
  public static func readDocuments(
    _ bytes: [UInt8], limits: YAMLLimits = .default, _ body: (YAMLDocument) throws -> Void
  ) rethrows {
    if bytes.count > limits.maxFileBytes {
      try body(
        YAMLDocument(
          root: nil, index: 0, start: SourceLocation(line: 1, column: 1),
          problems: [
            YAMLProblem(
              .tooLarge,
              "file is \(bytes.count) bytes, over the limit of \(limits.maxFileBytes) bytes",
              at: .fileStart)
          ]))
      return
    }
    try bytes.withUnsafeBufferPointer { buffer in
      _ = try readDocuments(in: buffer, startLine: 0, limits: limits, body)
    }
  }

  /// Reads the documents of one piece of a stream that starts at the beginning of line
  /// `startLine + 1` of its file (zero-based `startLine`), so that every mark is the
  /// file's own line and column. Document indexes count from 0 within the piece. Returns
  /// true when a problem ended a document early (a syntax error, nesting too deep).
  /// No size limit is applied here: the caller has checked the file.
  ///
  /// A problem ends its document, not the stream (records.md, "Files"): the damaged
  /// document comes with its problem, and reading resumes at the next line that starts
  /// with `---` after it, where libyaml is started afresh with the file's line numbers.
  /// Each damaged document is one document, so every document of the file is counted.
  public static func readDocuments(
    in buffer: UnsafeBufferPointer<UInt8>, startLine: Int, limits: YAMLLimits = .default,
    _ body: (YAMLDocument) throws -> Void
  ) rethrows -> Bool {
    var offset = 0
    var line = startLine
    var index = 0
    var damaged = false
    // libyaml decodes its input well ahead of the parse, so a bad byte further on would
    // be blamed on the document being parsed: the text before the document holding it
    // is read as a segment of its own. A UTF-16 stream (by its BOM) is left to libyaml.
    let isUTF16 = buffer.count >= 2 && (buffer[0] == 0xFF && buffer[1] == 0xFE || buffer[0] == 0xFE && buffer[1] == 0xFF)
    var scan = ReaderScan(buffer: buffer)
    while true {
      var end = buffer.count
      var endLine = 0
      if !isUTF16, let bad = scan.firstProblem(from: offset, line: line), let marker = bad.marker, marker.offset > offset {
        end = marker.offset
        endLine = marker.line
      }
      let segment = UnsafeBufferPointer(rebasing: buffer[offset..<end])
      switch try readSegment(segment, startLine: line, firstIndex: index, limits: limits, body) {
      case .end(let nextIndex):
        guard end < buffer.count else { return damaged }
        index = nextIndex
        offset = end
        line = endLine
      case .stopped(let stop):
        damaged = true
        index = stop.nextIndex
        // Past the damaged document's own first line (so reading always moves on) and
        // not before the problem (a `---` inside the damaged text ended it, if any did).
        let from = max(stop.problemLine - 1, stop.documentLine)
        if let resume = StreamSplitter.nextDocumentMarker(in: segment, startLine: line, from: from) {
          offset += resume.offset
          line = resume.line
        } else if end < buffer.count {
          offset = end
          line = endLine
        } else {
          return true
        }
      }
    }
  }

  private enum SegmentEnd {
    /// The segment's stream ended; the next document takes this index.
    case end(nextIndex: Int)
    case stopped(Stop)
  }

  /// Where a segment's parse stopped: the problem's line and the damaged document's
  /// first line (1-based), and the index the next document takes.
  private struct Stop {
    var problemLine: Int
    var documentLine: Int
    var nextIndex: Int
  }

  /// One run of libyaml from the start of `buffer` until the stream ends or a problem
  /// ends a document.
  private static func readSegment(
    _ buffer: UnsafeBufferPointer<UInt8>, startLine: Int, firstIndex: Int, limits: YAMLLimits,
    _ body: (YAMLDocument) throws -> Void
  ) rethrows -> SegmentEnd {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) == 1 else {
      try body(
        YAMLDocument(
          root: nil, index: firstIndex, start: SourceLocation(line: startLine + 1, column: 1),
          problems: [YAMLProblem(.syntax, "the YAML parser could not start (out of memory)", at: .fileStart)]))
      return .stopped(Stop(problemLine: Int.max, documentLine: startLine + 1, nextIndex: firstIndex + 1))
    }
    defer { yaml_parser_delete(parser) }
    yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
    // libyaml counts lines from its own mark: starting it at the piece's first line
    // gives every event the file's line numbers.
    parser.pointee.mark.line = startLine
    var builder = DocumentBuilder(limits: limits, firstIndex: firstIndex, startLine: startLine)
    var event = yaml_event_t()
    while true {
      guard yaml_parser_parse(parser, &event) == 1 else {
        var problem = syntaxProblem(parser.pointee, bytes: buffer)
        if parser.pointee.error == YAML_READER_ERROR {
          problem.range.start.line += startLine
          problem.range.end.line += startLine
        }
        let document = builder.abandon(with: problem)
        try body(document)
        return .stopped(Stop(problemLine: problem.range.start.line, documentLine: builder.documentLine, nextIndex: document.index + 1))
      }
      let step = builder.consume(event)
      yaml_event_delete(&event)
      switch step {
      case .continue: continue
      case .document(let document): try body(document)
      case .stop(let document):
        try body(document)
        let line = document.problems.last?.range.start.line ?? builder.documentLine
        return .stopped(Stop(problemLine: line, documentLine: builder.documentLine, nextIndex: document.index + 1))
      case .streamEnd: return .end(nextIndex: builder.nextIndex)
      }
    }
  }

  /// Reads a whole stream into memory (tests, policies, small inputs).
  public static func documents(_ bytes: [UInt8], limits: YAMLLimits = .default) -> [YAMLDocument] {
    var out: [YAMLDocument] = []
    readDocuments(bytes, limits: limits) { out.append($0) }
    return out
  }

  private static func syntaxProblem(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>)
    -> YAMLProblem
  {
    let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
    let context = parser.context.map { String(cString: $0) }
    var message = problem
    if let context { message += " (\(context))" }
    if parser.error == YAML_READER_ERROR {
      let location = ByteLocator.location(ofByte: Int(parser.problem_offset), in: bytes)
      let kind: YAMLProblem.Kind =
        problem.contains("UTF-8") || problem.contains("utf-8") ? .encoding : .syntax
      return YAMLProblem(kind, message, at: SourceRange(at: location))
    }
    let mark = parser.problem_mark
    let location = SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    return YAMLProblem(.syntax, message, at: SourceRange(at: location))
  }
}

/// Finds where libyaml's reader will refuse a UTF-8 stream (its checks: leading and
/// trailing octets, overlong forms, surrogates, code points past U+10FFFF, and the
/// characters YAML does not allow), with the last document marker line before it: the
/// start of the document that the bad byte damages. Results are kept, so the scans of a
/// file with many damaged documents add up to one pass.
private struct ReaderScan {
  let buffer: UnsafeBufferPointer<UInt8>
  /// No problem at or after this offset.
  private var cleanFrom = Int.max
  /// The last answer: its problem, marker, and the offset it was asked from.
  private var known: (from: Int, problem: Int, marker: (offset: Int, line: Int)?)?

  init(buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

  /// The first refused byte at or after `offset` (the start of zero-based line `line`),
  /// and the last line at or after `offset` but not after it that starts with `---`.
  mutating func firstProblem(from offset: Int, line: Int) -> (problem: Int, marker: (offset: Int, line: Int)?)? {
    if offset >= cleanFrom { return nil }
    if let known, known.from <= offset, offset <= known.problem {
      let marker = known.marker.flatMap { $0.offset >= offset ? $0 : nil }
      return (known.problem, marker)
    }
    let n = buffer.count
    var i = offset
    var line = line
    var marker: (offset: Int, line: Int)?
    var atLineStart = true
    func isMarker(_ i: Int) -> Bool {
      i + 3 <= n && buffer[i] == 0x2D && buffer[i + 1] == 0x2D && buffer[i + 2] == 0x2D
        && (i + 3 == n || buffer[i + 3] == 0x20 || buffer[i + 3] == 0x09 || buffer[i + 3] == 0x0A || buffer[i + 3] == 0x0D)
    }
    while i < n {
      if atLineStart {
        if isMarker(i) { marker = (i, line) }
        atLineStart = false
      }
      let b = buffer[i]
      if b < 0x80 {
        if b == 0x0A || b == 0x0D {
          i += b == 0x0D && i + 1 < n && buffer[i + 1] == 0x0A ? 2 : 1
          line += 1
          atLineStart = true
          continue
        }
        guard b == 0x09 || (b >= 0x20 && b <= 0x7E) else { return found(i, marker, from: offset) }
        i += 1
        continue
      }
      let width = b & 0xE0 == 0xC0 ? 2 : b & 0xF0 == 0xE0 ? 3 : b & 0xF8 == 0xF0 ? 4 : 0
      guard width > 0, i + width <= n else { return found(i, marker, from: offset) }
      var value = UInt32(b & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07))
      for k in 1..<width {
        let t = buffer[i + k]
        guard t & 0xC0 == 0x80 else { return found(i, marker, from: offset) }
        value = value << 6 | UInt32(t & 0x3F)
      }
      let shortest = width == 2 ? value >= 0x80 : width == 3 ? value >= 0x800 : value >= 0x10000
      let allowed =
        value == 0x85 || (0xA0...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
      guard shortest, allowed else { return found(i, marker, from: offset) }
      if value == 0x85 || value == 0x2028 || value == 0x2029 { line += 1 }  // breaks to libyaml
      i += width
    }
    cleanFrom = offset
    return nil
  }

  private mutating func found(_ problem: Int, _ marker: (offset: Int, line: Int)?, from offset: Int) -> (
    problem: Int, marker: (offset: Int, line: Int)?
  ) {
    known = (offset, problem, marker)
    return (problem, marker)
  }
}

private enum Step {
  case `continue`
  case document(YAMLDocument)
  case stop(YAMLDocument)
  case streamEnd
}

/// Builds one document at a time from events, applying the defences of `YAMLLimits`.
private struct DocumentBuilder {
  /// A collection under construction. A struct mutated in place on the stack: the
  /// events of a record then touch no enum payloads and copy no arrays.
  private struct Frame {
    var isMapping: Bool
    var items: [YAMLNode] = []
    var pairs: [YAMLPair] = []
    var pendingKey: YAMLNode?
    /// Keys by text, built only once a mapping is large (see `add`).
    var seen: [String: SourceRange] = [:]
    var start: SourceLocation
    var anchor: String?
    var size = 1
  }

  let limits: YAMLLimits
  private var stack: [Frame] = []
  private var anchors: [String: YAMLNode] = [:]
  private var openAnchors: Set<String> = []
  private var root: YAMLNode?
  private var problems: [YAMLProblem] = []
  private var documentIndex: Int
  private var documentStart: SourceLocation
  /// The 1-based line of the last document start seen, else of the segment's start:
  /// where the document a problem damages began, at the latest.
  private(set) var documentLine: Int
  var nextIndex: Int { documentIndex }
  private var expanded = 0
  /// After a fatal problem inside a document, events are ignored until its end.
  private var skipping = false

  init(limits: YAMLLimits, firstIndex: Int = 0, startLine: Int = 0) {
    self.limits = limits
    documentIndex = firstIndex
    documentStart = SourceLocation(line: startLine + 1, column: 1)
    documentLine = startLine + 1
  }

  mutating func consume(_ event: yaml_event_t) -> Step {
    let start = location(event.start_mark)
    let end = location(event.end_mark)
    switch event.type {
    case YAML_STREAM_END_EVENT: return .streamEnd
    case YAML_DOCUMENT_START_EVENT:
      stack = []
      anchors = [:]
      openAnchors = []
      root = nil
      problems = []
      expanded = 0
      skipping = false
      documentStart = start
      documentLine = start.line
      return .continue
    case YAML_DOCUMENT_END_EVENT:
      let document = YAMLDocument(
        root: skipping ? nil : root, index: documentIndex, start: documentStart, problems: problems)
      documentIndex += 1
      return .document(document)
    default: break
    }
    if skipping { return .continue }
    switch event.type {
    case YAML_SCALAR_EVENT:
      let data = event.data.scalar
      if data.length > limits.maxScalarBytes {
        return fail(
          YAMLProblem(
            .tooLarge, "scalar of \(data.length) bytes is over the limit of \(limits.maxScalarBytes) bytes",
            at: SourceRange(start: start, end: end)))
      }
      let text =
        data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self) } ?? ""
      let style: ScalarStyle =
        switch data.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
      // Keep `!`, the non-specific tag (libyaml flags it plain_implicit): it makes the
      // scalar a string (`! 12` is "12", suite case S4JQ). Untagged scalars have no tag.
      let tag = data.tag.map { String(cString: $0) }
      let node = YAMLNode(.scalar(YAMLScalar(text: text, style: style, tag: tag)), range: SourceRange(start: start, end: end))
      if let anchor = data.anchor {
        // A scalar's anchor is complete at once and shadows an open collection's anchor of
        // the same name: `&a [ &a x, *a ]` is `[x, x]`, not a cycle.
        let name = String(cString: anchor)
        openAnchors.remove(name)
        anchors[name] = node
      }
      return add(node)
    case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
      if stack.count + 1 > limits.maxDepth {
        // Stop the whole stream: libyaml's cost grows with each further flow level.
        problems.append(
          YAMLProblem(.tooDeep, "nesting deeper than \(limits.maxDepth) levels", at: SourceRange(start: start, end: end)))
        return .stop(YAMLDocument(root: nil, index: documentIndex, start: documentStart, problems: problems))
      }
      let isSequence = event.type == YAML_SEQUENCE_START_EVENT
      let anchorPointer = isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
      let anchor = anchorPointer.map { String(cString: $0) }
      if let anchor { openAnchors.insert(anchor) }
      stack.append(Frame(isMapping: !isSequence, start: start, anchor: anchor))
      return .continue
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      guard var frame = stack.popLast() else { return .continue }
      let node: YAMLNode
      let anchor = frame.anchor
      if frame.isMapping {
        if let pending = frame.pendingKey {
          // A key without a value cannot come from libyaml, but never lose it.
          let empty = YAMLNode(.scalar(YAMLScalar(text: "", style: .plain)), range: pending.range)
          frame.pairs.append(YAMLPair(key: pending, value: empty))
          frame.size += 1
        }
        node = YAMLNode(.mapping(frame.pairs), range: SourceRange(start: frame.start, end: end), size: frame.size)
      } else {
        node = YAMLNode(.sequence(frame.items), range: SourceRange(start: frame.start, end: end), size: frame.size)
      }
      if let anchor {
        openAnchors.remove(anchor)
        anchors[anchor] = node
      }
      return add(node)
    case YAML_ALIAS_EVENT:
      let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
      let range = SourceRange(start: start, end: end)
      if openAnchors.contains(name) {
        return fail(YAMLProblem(.aliasCycle, "alias *\(name) refers to its own ancestor (a cycle)", at: range))
      }
      guard var node = anchors[name] else {
        return fail(YAMLProblem(.undefinedAlias, "alias *\(name) names no anchor defined before it", at: range))
      }
      expanded += node.size
      if expanded > limits.maxAliasExpansion {
        return fail(
          YAMLProblem(
            .aliasBudget,
            "aliases expand to more than \(limits.maxAliasExpansion) nodes (a \"billion laughs\" input?)", at: range))
      }
      node.range = range
      return add(node)
    default:
      return .continue
    }
  }

  /// Ends the current document after a problem that leaves it unusable.
  mutating func abandon(with problem: YAMLProblem) -> YAMLDocument {
    problems.append(problem)
    return YAMLDocument(root: nil, index: documentIndex, start: documentStart, problems: problems)
  }

  private mutating func fail(_ problem: YAMLProblem) -> Step {
    problems.append(problem)
    skipping = true
    stack = []
    return .continue
  }

  private mutating func add(_ node: YAMLNode) -> Step {
    let top = stack.count - 1
    guard top >= 0 else {
      root = node
      return .continue
    }
    // Mutated through the subscript: appends are in place (a copy per item once made
    // 200,000 list items take minutes).
    guard stack[top].isMapping else {
      stack[top].items.append(node)
      stack[top].size += node.size
      return .continue
    }
    guard let key = stack[top].pendingKey else {
      stack[top].pendingKey = node
      return .continue
    }
    stack[top].pendingKey = nil
    if let text = key.keyText {
      let first = DuplicateKeys.firstPlace(of: text, in: stack[top].pairs, seen: &stack[top].seen)
      if let first {
        problems.append(
          YAMLProblem(
            .duplicateKey, "duplicate key \"\(text)\" (first at line \(first.start.line))", at: key.range, related: first))
        return .continue
      }
      if !stack[top].seen.isEmpty { stack[top].seen[text] = key.range }
    }
    stack[top].pairs.append(YAMLPair(key: key, value: node))
    stack[top].size += key.size + node.size
    return .continue
  }

  private func location(_ mark: yaml_mark_t) -> SourceLocation {
    SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
  }
}
