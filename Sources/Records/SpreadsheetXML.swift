/// A small XML reader for the few SpreadsheetML parts an `.xlsx` is read from (workbook,
/// relationships, shared strings, styles, worksheets).
///
/// Why not Foundation's `XMLParser`: on Linux it is libxml2 through FoundationXML, a
/// run-time dependency a static build cannot take along, and it reads DTDs. This reader
/// takes what SpreadsheetML uses — elements, attributes, text, CDATA, the five named
/// entities and numeric references — and refuses a DTD (`<!DOCTYPE`): no entity can be
/// declared, so none can expand (billion laughs), and nothing outside the archive is
/// ever read. It walks bytes once without building a tree; element names lose their
/// namespace prefix (`x:c` is `c`), attributes keep theirs (`r:id`).
struct SpreadsheetXML {
  enum Event {
    case start(name: Substring, attributes: [(name: Substring, value: String)], empty: Bool)
    case end(name: Substring)
    case text(String)
  }

  struct Failure: Error, CustomStringConvertible {
    var message: String
    var offset: Int
    var description: String { "\(message) at byte \(offset)" }
  }

  /// Calls `body` for each event; a malformed document throws at its offset. `body` may
  /// throw to stop early.
  static func scan(_ bytes: [UInt8], _ body: (Event) throws -> Void) throws {
    try bytes.withUnsafeBufferPointer { b in
      var i = 0
      let n = b.count
      func fail(_ message: String) -> Failure { Failure(message: message, offset: i) }
      // Names and values are ASCII or UTF-8: decoded from the buffer directly.
      func string(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self)
      }
      func name(_ from: Int, _ to: Int) -> Substring {
        let full = string(from, to)
        if let colon = full.lastIndex(of: ":") { return full[full.index(after: colon)...] }
        return full[...]
      }
      while i < n {
        if b[i] != UInt8(ascii: "<") {
          let start = i
          while i < n, b[i] != UInt8(ascii: "<") { i += 1 }
          try body(.text(try unescape(UnsafeBufferPointer(rebasing: b[start..<i]), at: start)))
          continue
        }
        guard i + 1 < n else { throw fail("unexpected end of document") }
        switch b[i + 1] {
        case UInt8(ascii: "?"):
          guard let end = find(b, "?>", from: i + 2) else { throw fail("unterminated processing instruction") }
          i = end + 2
        case UInt8(ascii: "!"):
          if starts(b, "<!--", at: i) {
            guard let end = find(b, "-->", from: i + 4) else { throw fail("unterminated comment") }
            i = end + 3
          } else if starts(b, "<![CDATA[", at: i) {
            guard let end = find(b, "]]>", from: i + 9) else { throw fail("unterminated CDATA section") }
            try body(.text(string(i + 9, end)))
            i = end + 3
          } else {
            throw fail("a DTD or declaration is not allowed in a workbook part")
          }
        case UInt8(ascii: "/"):
          var j = i + 2
          while j < n, b[j] != UInt8(ascii: ">") { j += 1 }
          guard j < n else { throw fail("unterminated end tag") }
          var k = j
          while k > i + 2, isSpace(b[k - 1]) { k -= 1 }
          try body(.end(name: name(i + 2, k)))
          i = j + 1
        default:
          var j = i + 1
          while j < n, !isSpace(b[j]), b[j] != UInt8(ascii: ">"), b[j] != UInt8(ascii: "/") { j += 1 }
          let element = name(i + 1, j)
          var attributes: [(name: Substring, value: String)] = []
          var empty = false
          while true {
            while j < n, isSpace(b[j]) { j += 1 }
            guard j < n else { throw fail("unterminated start tag") }
            if b[j] == UInt8(ascii: ">") {
              j += 1
              break
            }
            if b[j] == UInt8(ascii: "/") {
              guard j + 1 < n, b[j + 1] == UInt8(ascii: ">") else { throw fail("expected '>' after '/'") }
              empty = true
              j += 2
              break
            }
            let nameStart = j
            while j < n, b[j] != UInt8(ascii: "="), !isSpace(b[j]), b[j] != UInt8(ascii: ">") { j += 1 }
            let attribute = string(nameStart, j)[...]
            while j < n, isSpace(b[j]) { j += 1 }
            guard j < n, b[j] == UInt8(ascii: "=") else { throw fail("expected '=' in an attribute") }
            j += 1
            while j < n, isSpace(b[j]) { j += 1 }
            guard j < n, b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") else { throw fail("expected a quoted attribute value") }
            let quote = b[j]
            let valueStart = j + 1
            j = valueStart
            while j < n, b[j] != quote { j += 1 }
            guard j < n else { throw fail("unterminated attribute value") }
            attributes.append((attribute, try unescape(UnsafeBufferPointer(rebasing: b[valueStart..<j]), at: valueStart)))
            j += 1
          }
          try body(.start(name: element, attributes: attributes, empty: empty))
          if empty { try body(.end(name: element)) }
          i = j
        }
      }
    }
  }

  static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

  static func starts(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString, at i: Int) -> Bool {
    let count = word.utf8CodeUnitCount
    guard i + count <= b.count else { return false }
    return word.withUTF8Buffer { w in (0..<count).allSatisfy { b[i + $0] == w[$0] } }
  }

  static func find(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString, from: Int) -> Int? {
    let count = word.utf8CodeUnitCount
    var i = from
    while i + count <= b.count {
      if starts(b, word, at: i) { return i }
      i += 1
    }
    return nil
  }

  /// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#20013;` `&#x4E2D;`; any other entity is an error.
  static func unescape(_ raw: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> String {
    guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var i = 0
    while i < raw.count {
      guard raw[i] == UInt8(ascii: "&") else {
        out.append(raw[i])
        i += 1
        continue
      }
      var j = i + 1
      while j < raw.count, raw[j] != UInt8(ascii: ";"), j - i < 12 { j += 1 }
      guard j < raw.count, raw[j] == UInt8(ascii: ";") else { throw Failure(message: "unterminated entity", offset: offset + i) }
      let entity = String(decoding: UnsafeBufferPointer(rebasing: raw[(i + 1)..<j]), as: UTF8.self)
      switch entity {
      case "amp": out.append(UInt8(ascii: "&"))
      case "lt": out.append(UInt8(ascii: "<"))
      case "gt": out.append(UInt8(ascii: ">"))
      case "quot": out.append(UInt8(ascii: "\""))
      case "apos": out.append(UInt8(ascii: "'"))
      default:
        let value: UInt32?
        if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
          value = UInt32(entity.dropFirst(2), radix: 16)
        } else if entity.hasPrefix("#") {
          value = UInt32(entity.dropFirst())
        } else {
          value = nil
        }
        guard let value, let scalar = Unicode.Scalar(value) else {
          throw Failure(message: "unknown entity &\(entity);", offset: offset + i)
        }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
      }
      i = j + 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
