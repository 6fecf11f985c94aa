/// A strict RFC 8259 reader for JSON record files. libyaml read JSON as YAML, which
/// refused valid JSON (surrogate-pair escapes, U+007F, U+FFFF) and accepted what no JSON
/// parser does (trailing commas, comments, single quotes, NaN, hex, leading zeros); users
/// whose JSON comes from `json.dump` or a spreadsheet export then got the wrong verdict.
///
/// It builds the same located tree as `YAMLReader`, so everything after parsing is shared:
/// strings become `.doubleQuoted` scalars (always strings), numbers, `true`, `false` and
/// `null` become `.plain` scalars holding their literal text, which `ScalarResolver` types
/// as YAML's core schema does. Choices where RFC 8259 leaves one (nst/JSONTestSuite `i_`):
///
/// - a UTF-8 byte order mark at the start of the input is skipped (RFC 8259 §8.1 allows
///   it; Windows tools write one) and is not a column; anywhere else it is an error;
/// - an escaped lone surrogate (`"\uD800"`, `"\uDC00"`, inverted pairs) is a located
///   syntax error: a Swift string cannot hold one, and replacing it with U+FFFD would
///   change the record's text without telling anyone;
/// - bytes that are not well-formed UTF-8 (overlong forms, encoded surrogates, past
///   U+10FFFF, truncated, Latin-1, UTF-16) are an `.encoding` problem at their byte;
/// - numbers of any size are accepted: their text goes to the resolver, which gives an
///   integer too large for `Int` as `bigInt` and a huge exponent as an infinite `Double`
///   (the record decoder then says "out of range" or "must be finite" at the value);
/// - nesting deeper than `YAMLLimits.maxDepth` (64) is refused, as in YAML; the array
///   that holds a file's records is not a level, so a record may nest as deep as in YAML.
///
/// The other limits apply as in YAML (file size, scalar bytes); `maxAliasExpansion` has
/// nothing to bound, JSON having no aliases: a tree is never larger than its text.
public enum JSONReader {
  /// How the values of a file make documents.
  public enum Layout: Sendable, Hashable {
    /// The input is one JSON value, one document (what RFC 8259 calls a JSON text).
    case value
    /// A `.json` record file: each element of a top-level array is a document, so one bad
    /// record does not hide the others; any other value is one document.
    case elements
    /// JSON Lines (`.jsonl`, `.ndjson`): every non-blank line is one value and one
    /// document; a bad line is one problem and the next line is read.
    case lines
  }

  /// Reads the documents of `bytes` in order, calling `body` for each as soon as it ends.
  /// A syntax error inside a top-level array ends the file (what follows cannot be told
  /// apart from the broken element): it comes as a last document with the problem.
  public static func readDocuments(
    _ bytes: [UInt8], layout: Layout, limits: YAMLLimits = .default, _ body: (YAMLDocument) throws -> Void
  ) rethrows {
    if bytes.count > limits.maxFileBytes {
      try body(
        YAMLDocument(
          root: nil, index: 0, start: SourceLocation(line: 1, column: 1),
          problems: [
            YAMLProblem(
              .tooLarge, "file is \(bytes.count) bytes, over the limit of \(limits.maxFileBytes) bytes", at: .fileStart)
          ]))
      return
    }
    try bytes.withUnsafeBufferPointer { try readDocuments(in: $0, layout: layout, limits: limits, body) }
  }

  /// `readDocuments` over bytes the caller holds; no file size limit is applied here.
  public static func readDocuments(
    in buffer: UnsafeBufferPointer<UInt8>, layout: Layout, limits: YAMLLimits = .default,
    _ body: (YAMLDocument) throws -> Void
  ) rethrows {
    var parser = JSONParser(buffer, limits: limits, lineMode: layout == .lines)
    if let problem = parser.foreignEncoding() {
      try body(YAMLDocument(root: nil, index: 0, start: SourceLocation(line: 1, column: 1), problems: [problem]))
      return
    }
    parser.skipByteOrderMark()
    switch layout {
    case .value:
      try body(parser.wholeValue())
    case .elements:
      guard parser.openArray() else {
        try body(parser.wholeValue())
        return
      }
      var index = 0
      var more = true
      while more {
        let (document, next) = parser.nextElement(index: index)
        more = next
        if let document {
          try body(document)
          index += 1
        }
      }
    case .lines:
      var index = 0
      while let document = parser.nextLine(index: index) {
        try body(document)
        index += 1
      }
    }
  }

  /// Reads a whole input into memory (tests, small inputs).
  public static func documents(_ bytes: [UInt8], layout: Layout = .value, limits: YAMLLimits = .default) -> [YAMLDocument] {
    var out: [YAMLDocument] = []
    readDocuments(bytes, layout: layout, limits: limits) { out.append($0) }
    return out
  }
}

/// Thrown once a problem that ends the document has been recorded in `problems`.
struct JSONStop: Error {}

/// The reader's state over one input. Lines are counted as `ByteLocator` counts them
/// (LF, CRLF and a lone CR are breaks); columns are code points, kept cheap by counting
/// the UTF-8 continuation bytes of the current line as strings are scanned (only strings
/// can hold them), so a location at a token is arithmetic, never a rescan.
struct JSONParser {
  /// A collection under construction, mutated in place on the stack (see `YAMLReader`).
  private struct Frame {
    var isObject: Bool
    var start: SourceLocation
    var items: [YAMLNode] = []
    var pairs: [YAMLPair] = []
    var key: YAMLNode?
    /// Keys by text, built only once an object is large (see `attach`).
    var seen: [String: SourceRange] = [:]
    var size = 1
  }

  private let buf: UnsafeBufferPointer<UInt8>
  private let end: Int
  private let limits: YAMLLimits
  /// JSON Lines: a line feed ends the value being read instead of being whitespace.
  private let lineMode: Bool
  private var pos = 0
  private var line = 1
  private var lineStart = 0
  /// UTF-8 continuation bytes between `lineStart` and the scan point.
  private var continuations = 0
  private var stack: [Frame] = []
  private var problems: [YAMLProblem] = []
  /// A problem that leaves the document without a root but lets reading go on (a string
  /// over the size limit): the value's end is still found, so the next one can be read.
  private var unusable = false
  /// Set once the top-level array's `]` is read: only whitespace may follow.
  private var outerClosed = false
  /// Unescaped string bytes, reused: a string with escapes costs no buffer of its own.
  private var scratch: [UInt8] = []

  init(_ buffer: UnsafeBufferPointer<UInt8>, limits: YAMLLimits, lineMode: Bool) {
    self.buf = buffer
    self.end = buffer.count
    self.limits = limits
    self.lineMode = lineMode
  }

  // MARK: - Documents

  /// RFC 8259 §8.1 requires UTF-8; a UTF-16 or UTF-32 file would otherwise be reported
  /// as a stray NUL, which does not tell the user to save it again as UTF-8.
  func foreignEncoding() -> YAMLProblem? {
    guard end >= 2 else { return nil }
    let b = (buf[0], buf[1], end >= 4 ? buf[2] : 1, end >= 4 ? buf[3] : 1)
    let bom = (b.0 == 0xFE && b.1 == 0xFF) || (b.0 == 0xFF && b.1 == 0xFE)
    // ASCII text in UTF-16 or UTF-32 has a NUL beside every character.
    let utf16 = (b.0 != 0 && b.1 == 0 && b.2 != 0 && b.3 == 0) || (b.0 == 0 && b.1 != 0 && b.2 == 0 && b.3 != 0)
    let utf32 = (b.0 != 0 && b.1 == 0 && b.2 == 0 && b.3 == 0) || (b.0 == 0 && b.1 == 0 && b.2 == 0 && b.3 != 0)
    guard bom || utf16 || utf32 else { return nil }
    return YAMLProblem(
      .encoding, "the file is UTF-16 or UTF-32, not UTF-8: JSON must be UTF-8 (RFC 8259 §8.1); save it as UTF-8",
      at: .fileStart)
  }

  mutating func skipByteOrderMark() {
    if end >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF {
      pos = 3
      lineStart = 3
    }
  }

  /// The rest of the input as one value, nothing but whitespace after it.
  mutating func wholeValue() -> YAMLDocument {
    begin()
    guard skipWhitespace() else {
      problems.append(
        YAMLProblem(
          .jsonSyntax, "empty input: a JSON file must hold a value (a record object, or an array of them)", at: here()))
      return finish(nil, index: 0, start: location(pos))
    }
    let start = location(pos)
    do throws(JSONStop) {
      let root = try value()
      if skipWhitespace() {
        trailing("after the JSON value: a file holds one value (several records go in an array [ ... ])")
        return finish(nil, index: 0, start: start)
      }
      return finish(root, index: 0, start: start)
    } catch {
      return finish(nil, index: 0, start: start)
    }
  }

  /// Whether the input, after whitespace, is an array; its `[` is then read, and
  /// `nextElement` reads the elements.
  mutating func openArray() -> Bool {
    let saved = (pos, line, lineStart)
    if skipWhitespace(), buf[pos] == UInt8(ascii: "[") {
      pos += 1
      return true
    }
    (pos, line, lineStart) = saved
    return false
  }

  /// The next document of the top-level array opened by `openArray`, and whether another
  /// may follow. The separator after an element belongs to it: a problem there (a missing
  /// comma, a trailing one, the end of the input) makes that element's document the last,
  /// holding the problem, since what follows cannot be told apart from it.
  mutating func nextElement(index: Int) -> (document: YAMLDocument?, more: Bool) {
    begin()
    if outerClosed {
      guard skipWhitespace() else { return (nil, false) }
      let start = location(pos)
      trailing("after the array of records: a file holds one value")
      return (finish(nil, index: index, start: start), false)
    }
    guard skipWhitespace() else {
      let start = location(pos)
      unexpectedEnd(expecting: index == 0 ? "a record or ']'" : "a record", open: "the array of records")
      return (finish(nil, index: index, start: start), false)
    }
    if index == 0, buf[pos] == UInt8(ascii: "]") {
      pos += 1
      outerClosed = true
      return nextElement(index: index)
    }
    let start = location(pos)
    do throws(JSONStop) {
      let node = try value()
      guard skipWhitespace() else {
        unexpectedEnd(expecting: "',' or ']'", open: "the array of records")
        throw JSONStop()
      }
      switch buf[pos] {
      case UInt8(ascii: ","):
        let comma = here()
        pos += 1
        if skipWhitespace(), buf[pos] == UInt8(ascii: "]") {
          problems.append(trailingComma(at: comma, closing: UInt8(ascii: "]")))
          throw JSONStop()
        }
      case UInt8(ascii: "]"):
        pos += 1
        outerClosed = true
      default:
        unexpected(.other("',' or ']' after a record in the array"))
        throw JSONStop()
      }
      return (finish(node, index: index, start: start), true)
    } catch {
      return (finish(nil, index: index, start: start), false)
    }
  }

  /// The next non-blank line's document, or nil at the end of the input.
  mutating func nextLine(index: Int) -> YAMLDocument? {
    while pos < end {
      begin()
      guard skipWhitespace() else {
        // A blank line (or whitespace at the end of the file) holds no record.
        if pos < end {
          pos += 1
          newLine()
        }
        continue
      }
      let start = location(pos)
      var root: YAMLNode?
      do throws(JSONStop) {
        root = try value()
        if skipWhitespace() {
          trailing("after the value on this line: a JSON Lines file holds one value per line")
          root = nil
        }
      } catch {
        root = nil
      }
      let document = finish(root, index: index, start: start)
      skipRestOfLine()
      return document
    }
    return nil
  }

  private mutating func begin() {
    problems = []
    unusable = false
    stack.removeAll(keepingCapacity: true)
  }

  private func finish(_ root: YAMLNode?, index: Int, start: SourceLocation) -> YAMLDocument {
    YAMLDocument(root: unusable ? nil : root, index: index, start: start, problems: problems)
  }

  /// After a line's value or its problem: on to the start of the next line. A string
  /// cannot hold a raw line feed, so the first one found ends the line whatever broke.
  private mutating func skipRestOfLine() {
    while pos < end {
      let b = buf[pos]
      pos += 1
      if b == 0x0A {
        newLine()
        return
      }
      if b == 0x0D, pos < end, buf[pos] != 0x0A { newLine() }
    }
  }

  // MARK: - Values

  /// Reads one value at `pos`, with an explicit stack so that input depth never becomes
  /// call depth.
  private mutating func value() throws(JSONStop) -> YAMLNode {
    value: while true {
      guard skipWhitespace() else { throw unexpectedEnd(expecting: "a value") }
      var node: YAMLNode
      let b = buf[pos]
      switch b {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        let start = location(pos)
        if stack.count + 1 > limits.maxDepth {
          throw fail(.tooDeep, "nesting deeper than \(limits.maxDepth) levels", at: SourceRange(start: start, end: location(pos + 1)))
        }
        let isObject = b == UInt8(ascii: "{")
        stack.append(Frame(isObject: isObject, start: start))
        pos += 1
        guard skipWhitespace() else { throw unexpectedEnd(expecting: isObject ? "a string key or '}'" : "a value or ']'") }
        if buf[pos] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
          node = close()
        } else if isObject {
          try key()
          continue value
        } else {
          continue value
        }
      case UInt8(ascii: "\""):
        node = try stringNode()
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        node = try number()
      default:
        node = try literal()
      }
      // A value is complete: attach it, closing every collection whose end follows.
      while !stack.isEmpty {
        attach(node)
        let isObject = stack[stack.count - 1].isObject
        let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        guard skipWhitespace() else { throw unexpectedEnd(expecting: isObject ? "',' or '}'" : "',' or ']'") }
        let c = buf[pos]
        if c == UInt8(ascii: ",") {
          let comma = here()
          pos += 1
          guard skipWhitespace() else { throw unexpectedEnd(expecting: isObject ? "a string key" : "a value") }
          if buf[pos] == closing {
            problems.append(trailingComma(at: comma, closing: closing))
            throw JSONStop()
          }
          if isObject { try key() }
          continue value
        }
        guard c == closing else {
          throw unexpected(.other(isObject ? "',' or '}' after an object member" : "',' or ']' after an array element"))
        }
        node = close()
      }
      return node
    }
  }

  /// Reads `"key" :` into the open object, after its `{` or a `,`.
  private mutating func key() throws(JSONStop) {
    guard buf[pos] == UInt8(ascii: "\"") else { throw unexpected(.key) }
    let key = try stringNode()
    guard skipWhitespace() else { throw unexpectedEnd(expecting: "':'") }
    guard buf[pos] == UInt8(ascii: ":") else { throw unexpected(.other("':' after the key \"\(key.keyText ?? "")\"")) }
    pos += 1
    stack[stack.count - 1].key = key
  }

  /// Ends the innermost collection at its closing bracket (at `pos`).
  private mutating func close() -> YAMLNode {
    pos += 1
    let frame = stack.removeLast()
    let range = SourceRange(start: frame.start, end: location(pos))
    return frame.isObject
      ? YAMLNode(.mapping(frame.pairs), range: range, size: frame.size)
      : YAMLNode(.sequence(frame.items), range: range, size: frame.size)
  }

  private mutating func attach(_ node: YAMLNode) {
    let top = stack.count - 1
    // Mutated through the subscript: appends are in place.
    guard stack[top].isObject else {
      stack[top].items.append(node)
      stack[top].size += node.size
      return
    }
    guard let key = stack[top].key else { return }  // `key()` always ran first
    stack[top].key = nil
    if let text = key.keyText {
      let first = DuplicateKeys.firstPlace(of: text, in: stack[top].pairs, seen: &stack[top].seen)
      if let first {
        // Worded as YAMLReader words it: the record decoder reads the key back from it.
        problems.append(
          YAMLProblem(
            .duplicateKey, "duplicate key \"\(text)\" (first at line \(first.start.line), column \(first.start.column))",
            at: key.range, related: first))
        return
      }
      if !stack[top].seen.isEmpty { stack[top].seen[text] = key.range }
    }
    stack[top].pairs.append(YAMLPair(key: key, value: node))
    stack[top].size += key.size + node.size
  }

  // MARK: - Scalars

  private mutating func stringNode() throws(JSONStop) -> YAMLNode {
    let start = location(pos)
    let text = try string()
    return YAMLNode(.scalar(YAMLScalar(text: text, style: .doubleQuoted)), range: SourceRange(start: start, end: location(pos)))
  }

  /// Reads a string at its opening quote. An unescaped string is copied once, straight
  /// from the input; only one with escapes goes through `scratch`.
  private mutating func string() throws(JSONStop) -> String {
    let open = location(pos)
    pos += 1
    let contentStart = pos
    var segment = pos
    var escaped = false
    while true {
      guard pos < end else {
        throw fail(.jsonSyntax, "unterminated string: the string opened here has no closing '\"'", at: SourceRange(at: open))
      }
      let b = buf[pos]
      if b == UInt8(ascii: "\"") { break }
      if b == UInt8(ascii: "\\") {
        if !escaped {
          escaped = true
          scratch.removeAll(keepingCapacity: true)
        }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[segment..<pos]))
        try escape()
        segment = pos
        continue
      }
      if b < 0x80 {
        guard b >= 0x20 else { throw fail(.jsonSyntax, controlInString(b), at: here()) }
        pos += 1
        continue
      }
      guard let length = sequenceLength(at: pos) else { throw invalidUTF8() }
      continuations += length - 1
      pos += length
    }
    let count = escaped ? scratch.count + (pos - segment) : pos - contentStart
    if count > limits.maxScalarBytes {
      pos += 1
      problems.append(
        YAMLProblem(
          .tooLarge, "scalar of \(count) bytes is over the limit of \(limits.maxScalarBytes) bytes",
          at: SourceRange(start: open, end: location(pos))))
      unusable = true
      return ""
    }
    let text: String
    if escaped {
      scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[segment..<pos]))
      text = String(decoding: scratch, as: UTF8.self)
    } else {
      text = String(decoding: UnsafeBufferPointer(rebasing: buf[contentStart..<pos]), as: UTF8.self)
    }
    pos += 1
    return text
  }

  /// Decodes the escape whose backslash is at `pos` into `scratch`.
  private mutating func escape() throws(JSONStop) {
    let at = here()
    guard pos + 1 < end else { throw fail(.jsonSyntax, "unterminated string: the input ends inside an escape", at: at) }
    let c = buf[pos + 1]
    let simple: UInt8? =
      switch c {
      case UInt8(ascii: "\""): 0x22
      case UInt8(ascii: "\\"): 0x5C
      case UInt8(ascii: "/"): 0x2F
      case UInt8(ascii: "b"): 0x08
      case UInt8(ascii: "f"): 0x0C
      case UInt8(ascii: "n"): 0x0A
      case UInt8(ascii: "r"): 0x0D
      case UInt8(ascii: "t"): 0x09
      default: nil
      }
    if let simple {
      scratch.append(simple)
      pos += 2
      return
    }
    guard c == UInt8(ascii: "u") else {
      let shown = c >= 0x21 && c < 0x7F ? "\\\(Character(Unicode.Scalar(c)))" : "(a backslash before \(describe(pos + 1)))"
      throw fail(.jsonSyntax, "invalid escape \(shown): JSON has only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX", at: at)
    }
    guard let unit = hex4(at: pos + 2) else {
      throw fail(.jsonSyntax, "invalid \\u escape: \\u must be followed by four hex digits", at: at)
    }
    var scalar = unit
    var length = 6
    switch unit {
    case 0xD800...0xDBFF:
      guard pos + 7 < end, buf[pos + 6] == UInt8(ascii: "\\"), buf[pos + 7] == UInt8(ascii: "u"),
        let low = hex4(at: pos + 8), (0xDC00...0xDFFF).contains(low)
      else {
        throw fail(
          .jsonSyntax,
          "lone surrogate \(written(pos, 6)): a high surrogate escape must be followed by a low one (\\uDC00-\\uDFFF), "
            + "as in \\ud83c\\udfe0 for 🏠", at: at)
      }
      scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
      length = 12
    case 0xDC00...0xDFFF:
      throw fail(
        .jsonSyntax, "lone surrogate \(written(pos, 6)): a low surrogate escape must follow a high one (\\uD800-\\uDBFF)",
        at: at)
    default: break
    }
    appendUTF8(scalar)
    pos += length
  }

  private func hex4(at i: Int) -> UInt32? {
    guard i + 4 <= end else { return nil }
    var value: UInt32 = 0
    for k in i..<(i + 4) {
      let c = buf[k]
      let digit: UInt8
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  private mutating func appendUTF8(_ v: UInt32) {
    switch v {
    case 0..<0x80:
      scratch.append(UInt8(v))
    case 0x80..<0x800:
      scratch.append(UInt8(0xC0 | v >> 6))
      scratch.append(UInt8(0x80 | v & 0x3F))
    case 0x800..<0x10000:
      scratch.append(UInt8(0xE0 | v >> 12))
      scratch.append(UInt8(0x80 | v >> 6 & 0x3F))
      scratch.append(UInt8(0x80 | v & 0x3F))
    default:
      scratch.append(UInt8(0xF0 | v >> 18))
      scratch.append(UInt8(0x80 | v >> 12 & 0x3F))
      scratch.append(UInt8(0x80 | v >> 6 & 0x3F))
      scratch.append(UInt8(0x80 | v & 0x3F))
    }
  }

  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as its text.
  private mutating func number() throws(JSONStop) -> YAMLNode {
    let first = pos
    let start = location(pos)
    if buf[pos] == UInt8(ascii: "-") {
      pos += 1
      guard pos < end, isDigit(buf[pos]) else {
        if pos < end, ["infinity", "inf", "nan"].contains(written(pos, wordEnd(from: pos) - pos).lowercased()) {
          throw fail(
            .jsonSyntax, "-\(written(pos, wordEnd(from: pos) - pos)): NaN and Infinity are not JSON numbers",
            at: SourceRange(at: start))
        }
        throw fail(.jsonSyntax, "invalid number: '-' must be followed by a digit", at: here())
      }
    }
    if buf[pos] == UInt8(ascii: "0") {
      pos += 1
      if pos < end, isDigit(buf[pos]) {
        throw fail(.jsonSyntax, "invalid number \(numberText(from: first)): numbers may not have leading zeros", at: SourceRange(at: start))
      }
      if pos < end, buf[pos] | 0x20 == UInt8(ascii: "x") {
        throw fail(.jsonSyntax, "invalid number \(numberText(from: first)): hexadecimal numbers are not JSON", at: SourceRange(at: start))
      }
    } else {
      while pos < end, isDigit(buf[pos]) { pos += 1 }
    }
    if pos < end, buf[pos] == UInt8(ascii: ".") {
      pos += 1
      guard pos < end, isDigit(buf[pos]) else {
        throw fail(.jsonSyntax, "invalid number: a digit must follow the decimal point", at: here())
      }
      while pos < end, isDigit(buf[pos]) { pos += 1 }
    }
    if pos < end, buf[pos] | 0x20 == UInt8(ascii: "e") {
      pos += 1
      if pos < end, buf[pos] == UInt8(ascii: "+") || buf[pos] == UInt8(ascii: "-") { pos += 1 }
      guard pos < end, isDigit(buf[pos]) else { throw fail(.jsonSyntax, "invalid number: the exponent has no digits", at: here()) }
      while pos < end, isDigit(buf[pos]) { pos += 1 }
    }
    // `1.2.3`, `1_000`, `1eE2`, `12abc`: one bad number, not a number and then garbage.
    if pos < end, isNumberByte(buf[pos]) {
      throw fail(.jsonSyntax, "invalid number \(numberText(from: first)): unexpected \(describe(pos))", at: here())
    }
    let count = pos - first
    let range = SourceRange(start: start, end: location(pos))
    if count > limits.maxScalarBytes {
      problems.append(
        YAMLProblem(.tooLarge, "scalar of \(count) bytes is over the limit of \(limits.maxScalarBytes) bytes", at: range))
      unusable = true
      return YAMLNode(.scalar(YAMLScalar(text: "", style: .plain)), range: range)
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: buf[first..<pos]), as: UTF8.self)
    return YAMLNode(.scalar(YAMLScalar(text: text, style: .plain)), range: range)
  }

  /// `true`, `false` or `null`; anything else at a value's place gets the message that
  /// names its likely cause (a comment, single quotes, Python's `True`, NaN, ...).
  private mutating func literal() throws(JSONStop) -> YAMLNode {
    let text: String
    switch buf[pos] {
    case UInt8(ascii: "t"): text = "true"
    case UInt8(ascii: "f"): text = "false"
    case UInt8(ascii: "n"): text = "null"
    default: throw unexpected(.value)
    }
    let n = text.utf8.count
    guard wordEnd(from: pos) == pos + n, text.utf8.elementsEqual(UnsafeBufferPointer(rebasing: buf[pos..<(pos + n)])) else {
      throw unexpected(.value)
    }
    let start = location(pos)
    pos += n
    return YAMLNode(.scalar(YAMLScalar(text: text, style: .plain)), range: SourceRange(start: start, end: location(pos)))
  }

  // MARK: - Whitespace and locations

  /// Skips JSON whitespace; false at the end of the input, or in JSON Lines at the line
  /// feed that ends the line (left unread).
  private mutating func skipWhitespace() -> Bool {
    while pos < end {
      switch buf[pos] {
      case 0x20, 0x09:
        pos += 1
      case 0x0A:
        if lineMode { return false }
        pos += 1
        newLine()
      case 0x0D:
        if pos + 1 < end, buf[pos + 1] == 0x0A {
          pos += 1
          if lineMode { return false }
        }
        pos += 1
        newLine()
      default:
        return true
      }
    }
    return false
  }

  private mutating func newLine() {
    line += 1
    lineStart = pos
    continuations = 0
  }

  /// The location of `offset` on the current line, at or before the scan point.
  private func location(_ offset: Int) -> SourceLocation {
    SourceLocation(line: line, column: offset - lineStart - continuations + 1)
  }

  private func here() -> SourceRange { SourceRange(at: location(pos)) }

  // MARK: - Problems

  private mutating func fail(_ kind: YAMLProblem.Kind, _ message: String, at range: SourceRange, related: SourceRange? = nil)
    -> JSONStop
  {
    problems.append(YAMLProblem(kind, message, at: range, related: related))
    return JSONStop()
  }

  private func trailingComma(at comma: SourceRange, closing: UInt8) -> YAMLProblem {
    YAMLProblem(
      .jsonSyntax, "trailing comma before '\(Character(Unicode.Scalar(closing)))': JSON allows no comma after the last item",
      at: comma)
  }

  /// The input (or, in JSON Lines, the line) ended where more was needed; names the
  /// innermost bracket left open, which is where the user has to look.
  @discardableResult
  private mutating func unexpectedEnd(expecting: String, open: String? = nil) -> JSONStop {
    let what = lineMode && pos < end ? "unexpected end of line" : "unexpected end of input"
    var message = "\(what), expected \(expecting)"
    var related: SourceRange?
    if let frame = stack.last {
      message += " (the '\(frame.isObject ? "{" : "[")' at line \(frame.start.line), column \(frame.start.column) is not closed)"
      related = SourceRange(at: frame.start)
    } else if let open {
      message += " (\(open) is not closed)"
    }
    return fail(.jsonSyntax, message, at: here(), related: related)
  }

  /// Content where only whitespace may follow.
  private mutating func trailing(_ context: String) {
    let b = buf[pos]
    if b >= 0x80, sequenceLength(at: pos) == nil {
      invalidUTF8()
      return
    }
    let isComment = b == UInt8(ascii: "/") || b == UInt8(ascii: "#")
    let message =
      isComment ? "comments are not allowed in JSON (found \(describe(pos)) \(context))" : "unexpected \(describe(pos)) \(context)"
    problems.append(YAMLProblem(.jsonSyntax, message, at: here()))
  }

  /// What was expected where `unexpected` found something else.
  private enum Expected {
    case value, key
    /// A separator or closing bracket, in words.
    case other(String)

    var words: String {
      switch self {
      case .value: "a value"
      case .key: "a string key"
      case .other(let words): words
      }
    }
  }

  /// The byte at `pos` cannot start what was expected: says what it is and, where the
  /// cause is plain (a comment, single quotes, `True`, NaN, `+1`, `.5`, full-width
  /// punctuation typed with a Chinese input method), what JSON wants instead.
  @discardableResult
  private mutating func unexpected(_ expected: Expected) -> JSONStop {
    let b = buf[pos]
    let expecting = expected.words
    var isValue = false
    var isKey = false
    switch expected {
    case .value: isValue = true
    case .key: isKey = true
    case .other: break
    }
    if b >= 0x80 {
      guard let length = sequenceLength(at: pos) else { return invalidUTF8() }
      let scalar = decodeScalar(at: pos, length: length)
      if let ascii = Self.halfWidth(of: scalar) {
        return fail(
          .jsonSyntax,
          "full-width \(Self.show(scalar)) where \(expecting) was expected: JSON's punctuation, digits and spaces "
            + "must be ASCII (\(ascii))", at: here())
      }
      if isValue || isKey, Unicode.Scalar(scalar)?.properties.isAlphabetic == true {
        let what = isKey ? "object keys must be strings in double quotes" : "strings must be in double quotes"
        return fail(.jsonSyntax, "unexpected \(Self.show(scalar)), expected \(expecting): \(what)", at: here())
      }
      return fail(.jsonSyntax, "unexpected character \(Self.show(scalar)), expected \(expecting)", at: here())
    }
    let message: String
    switch b {
    case UInt8(ascii: "/"), UInt8(ascii: "#"):
      message = "comments are not allowed in JSON (found \(describe(pos)) where \(expecting) was expected)"
    case UInt8(ascii: "'") where isKey:
      message = "object keys must be strings in double quotes, not single quotes"
    case UInt8(ascii: "'") where isValue:
      message = "strings must be in double quotes, not single quotes"
    case UInt8(ascii: "+") where isValue:
      message = "invalid number: numbers may not start with '+'"
    case UInt8(ascii: ".") where isValue:
      message = "invalid number: numbers must start with a digit (write 0.5, not .5)"
    case _ where isKey && (isLetter(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "$")):
      message = "object keys must be strings in double quotes (found the unquoted key \(word(at: pos)))"
    case _ where isValue && (isLetter(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "$")):
      let word = word(at: pos)
      if ["true", "false", "null"].contains(word.lowercased()) {
        message = "expected a value, found \(word): true, false and null must be lowercase"
      } else if ["nan", "infinity", "inf"].contains(word.lowercased()) {
        message = "\(word): NaN and Infinity are not JSON numbers"
      } else {
        message = "expected a value, found \(word): strings must be in double quotes"
      }
    case _ where isLetter(b):
      message = "expected \(expecting), found \(word(at: pos))"
    default:
      message = "expected \(expecting), found \(describe(pos))"
    }
    return fail(.jsonSyntax, message, at: here())
  }

  @discardableResult
  private mutating func invalidUTF8() -> JSONStop {
    fail(.encoding, "invalid UTF-8 byte 0x\(String(buf[pos], radix: 16, uppercase: true))", at: here())
  }

  private func controlInString(_ b: UInt8) -> String {
    let escape =
      switch b {
      case 0x0A: "\\n"
      case 0x0D: "\\r"
      case 0x09: "\\t"
      default: "\\u00" + (b < 0x10 ? "0" : "") + String(b, radix: 16, uppercase: true)
      }
    let name = b == 0x0A || b == 0x0D ? "a line break" : b == 0x09 ? "a tab" : "control character \(Self.codePoint(UInt32(b)))"
    return "\(name) inside a string must be escaped as \(escape)"
  }

  /// A byte that starts no token, in words (`','`, `U+0000`, `the end of the input`).
  private func describe(_ offset: Int) -> String {
    guard offset < end else { return "the end of the input" }
    let b = buf[offset]
    if b >= 0x21, b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    if b < 0x80 { return Self.codePoint(UInt32(b)) }
    if let length = sequenceLength(at: offset) { return Self.show(decodeScalar(at: offset, length: length)) }
    return "byte 0x\(String(b, radix: 16, uppercase: true))"
  }

  private static func codePoint(_ v: UInt32) -> String {
    let hex = String(v, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  /// A code point as the user sees it and by number; invisible ones by number only.
  private static func show(_ v: UInt32) -> String {
    guard let scalar = Unicode.Scalar(v), !scalar.properties.isWhitespace, scalar.properties.generalCategory != .format
    else { return codePoint(v) }
    return "'\(Character(scalar))' (\(codePoint(v)))"
  }

  /// The ASCII character a Chinese input method's full-width one stands for: the forms
  /// U+FF01-U+FF5E of ASCII, the ideographic space, and the quotes, comma and brackets
  /// typed in Chinese mode.
  private static func halfWidth(of v: UInt32) -> String? {
    switch v {
    case 0xFF01...0xFF5E: "'\(Character(Unicode.Scalar(UInt8(v - 0xFEE0))))'"
    case 0x3000: "a space"
    case 0x201C, 0x201D, 0x2018, 0x2019: "'\"'"
    case 0x3001: "','"
    case 0x3010, 0x300A: "'['"
    case 0x3011, 0x300B: "']'"
    default: nil
    }
  }

  private func decodeScalar(at i: Int, length: Int) -> UInt32 {
    var v = UInt32(buf[i]) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for k in 1..<length { v = v << 6 | UInt32(buf[i + k] & 0x3F) }
    return v
  }

  /// Length of the well-formed UTF-8 sequence at `i` (Unicode Table 3-7), or nil.
  @inline(__always)
  private func sequenceLength(at i: Int) -> Int? {
    let b0 = buf[i]
    if b0 < 0x80 { return 1 }
    let left = end - i
    switch b0 {
    case 0xC2...0xDF:
      return left >= 2 && isContinuation(i + 1) ? 2 : nil
    case 0xE0:
      return left >= 3 && buf[i + 1] >= 0xA0 && buf[i + 1] <= 0xBF && isContinuation(i + 2) ? 3 : nil
    case 0xE1...0xEC, 0xEE, 0xEF:
      return left >= 3 && isContinuation(i + 1) && isContinuation(i + 2) ? 3 : nil
    case 0xED:
      return left >= 3 && buf[i + 1] >= 0x80 && buf[i + 1] <= 0x9F && isContinuation(i + 2) ? 3 : nil
    case 0xF0:
      return left >= 4 && buf[i + 1] >= 0x90 && buf[i + 1] <= 0xBF && isContinuation(i + 2) && isContinuation(i + 3) ? 4 : nil
    case 0xF1...0xF3:
      return left >= 4 && isContinuation(i + 1) && isContinuation(i + 2) && isContinuation(i + 3) ? 4 : nil
    case 0xF4:
      return left >= 4 && buf[i + 1] >= 0x80 && buf[i + 1] <= 0x8F && isContinuation(i + 2) && isContinuation(i + 3) ? 4 : nil
    default:
      return nil
    }
  }

  @inline(__always) private func isContinuation(_ i: Int) -> Bool { buf[i] & 0xC0 == 0x80 }
  @inline(__always) private func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }
  @inline(__always) private func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- UInt8(ascii: "a") < 26 }

  private func isNumberByte(_ b: UInt8) -> Bool {
    isLetter(b) || isDigit(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
  }

  private func written(_ offset: Int, _ count: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: buf[offset..<min(offset + count, end)]), as: UTF8.self)
  }

  private func word(at i: Int) -> String { written(i, wordEnd(from: i) - i) }

  /// The run of letters, digits, `_` and `$` at `i` (at most 40 bytes: it is for messages).
  private func wordEnd(from i: Int) -> Int {
    var j = i
    while j < end, j - i < 40, isLetter(buf[j]) || isDigit(buf[j]) || buf[j] == UInt8(ascii: "_") || buf[j] == UInt8(ascii: "$") {
      j += 1
    }
    return j
  }

  /// A malformed number as written, for its message.
  private func numberText(from i: Int) -> String {
    var j = i + 1
    while j < end, j - i < 40, isNumberByte(buf[j]) { j += 1 }
    return written(i, j - i)
  }
}
