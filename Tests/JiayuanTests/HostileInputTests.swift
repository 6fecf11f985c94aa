import Foundation
import Testing

@testable import YAMLSource

/// `Testing` has a `SourceLocation` too.
typealias YAMLLoc = YAMLSource.SourceLocation

/// Hostile and tricky inputs through `YAMLReader`: the stored files of
/// `../shared/testdata/hostile/` (skipped when the folder is absent) and generated ones.
@Suite
struct HostileInputTests {
  // MARK: - The stored files

  @Suite(
    // The data is shared between worktrees and is not part of the package: skip, not fail.
    .enabled(if: HostileData.available, "../shared/testdata not found")
  )
  struct Files {
    @Test("every stored file has an expectation here")
    func inventory() throws {
      let names = try FileManager.default.contentsOfDirectory(atPath: HostileData.directory.path)
        .filter { $0.hasSuffix(".yaml") }
      #expect(Set(names) == HostileData.covered, "files without a test: \(Set(names).subtracting(HostileData.covered))")
    }

    @Test(
      "self-referencing aliases are refused as cycles",
      arguments: [
        ("alias-self-cycle.yaml", YAMLLoc(line: 1, column: 8)),
        ("alias-self-cycle-map.yaml", YAMLLoc(line: 1, column: 11)),
      ])
    func aliasCycle(file: String, at location: YAMLLoc) throws {
      let docs = try HostileData.load(file)
      let problem = try #require(HostileData.fatal(docs))
      #expect(problem.kind == .aliasCycle)
      #expect(problem.range.start == location)
      #expect(docs.allSatisfy { $0.root == nil })
    }

    @Test func undefinedAlias() throws {
      let problem = try #require(HostileData.fatal(try HostileData.load("alias-undefined.yaml")))
      #expect(problem.kind == .undefinedAlias)
      #expect(problem.range.start == YAMLLoc(line: 1, column: 4))
      #expect(problem.message.contains("nope"))
    }

    @Test func billionLaughs() throws {
      let docs = try HostileData.load("billion-laughs.yaml")
      let problem = try #require(HostileData.fatal(docs))
      #expect(problem.kind == .aliasBudget)
      #expect(problem.range.start.line >= 1 && problem.range.start.column >= 1)
      #expect(docs.allSatisfy { $0.root == nil })
    }

    @Test(
      "duplicate keys name both lines and keep the first value",
      arguments: [
        ("duplicate-key-top.yaml", "owner", YAMLLoc(line: 3, column: 1), YAMLLoc(line: 1, column: 1)),
        ("duplicate-key-quoted.yaml", "id", YAMLLoc(line: 3, column: 3), YAMLLoc(line: 2, column: 3)),
      ])
    func duplicateKey(file: String, key: String, at second: YAMLLoc, first: YAMLLoc) throws {
      let docs = try HostileData.load(file)
      try #require(docs.count == 1)
      let problems = docs[0].problems
      try #require(problems.count == 1, "\(problems)")
      let problem = problems[0]
      #expect(problem.kind == .duplicateKey)
      #expect(!problem.isFatal)
      #expect(problem.range.start == second)
      #expect(problem.related?.start == first)
      #expect(problem.message.contains("line \(first.line)"), "\(problem.message)")
      #expect(problem.message.contains(key))
      // The document stays usable: the first occurrence wins.
      let root = try #require(docs[0].root)
      if file == "duplicate-key-top.yaml" {
        #expect(HostileData.value(of: "owner", in: root)?.scalar?.text == "alice")
        #expect(root.pairs?.count == 2)
      } else {
        let policy = try #require(HostileData.value(of: "policy", in: root))
        #expect(HostileData.value(of: "id", in: policy)?.scalar?.text == "P1")
        #expect(policy.pairs?.count == 1)
      }
    }

    @Test("invalid UTF-8 is located from libyaml's byte offset")
    func invalidUTF8() throws {
      let bytes = try HostileData.bytes("invalid-utf8.yaml")
      // `a: "x` then 0xFF: byte offset 5, the sixth code point of line 1.
      let offset = try #require(bytes.firstIndex(of: 0xFF))
      #expect(offset == 5)
      let problem = try #require(HostileData.fatal(YAMLReader.documents(bytes)))
      #expect(problem.kind == .encoding)
      #expect(problem.range.start == YAMLLoc(line: 1, column: 6))
      #expect(problem.range.start == ByteLocator.location(ofByte: offset, in: bytes))
    }

    @Test(
      "syntax errors at 1-based, code-point positions",
      arguments: [
        ("tab-indent.yaml", YAMLLoc(line: 2, column: 1)),
        // BOM not counted, CRLF one break.
        ("bom-crlf-error.yaml", YAMLLoc(line: 2, column: 5)),
        // `kéyé: x: y`: libyaml's 0:7 counts code points (the byte column would be 10).
        ("error-column-after-multibyte.yaml", YAMLLoc(line: 1, column: 8)),
        // libyaml keeps implicit keys only under 1024 characters: refused at 0:1100.
        ("long-implicit-key.yaml", YAMLLoc(line: 1, column: 1101)),
      ])
    func syntaxError(file: String, at location: YAMLLoc) throws {
      let problem = try #require(HostileData.fatal(try HostileData.load(file)))
      #expect(problem.kind == .syntax)
      #expect(problem.range.start == location, "\(problem.message)")
    }

    @Test("the multibyte error column agrees with ByteLocator on the error's byte")
    func multibyteColumnMatchesByteLocator() throws {
      let bytes = try HostileData.bytes("error-column-after-multibyte.yaml")
      // The second `:` (after `x`) is where libyaml stops.
      let colons = bytes.indices.filter { bytes[$0] == UInt8(ascii: ":") }
      try #require(colons.count == 2)
      #expect(colons[1] == 9)
      #expect(ByteLocator.location(ofByte: colons[1], in: bytes) == YAMLLoc(line: 1, column: 8))
    }

    @Test func deepFlow() throws {
      let bytes = try HostileData.bytes("deep-flow-1000.yaml")
      let refused = try #require(HostileData.fatal(YAMLReader.documents(bytes)))
      #expect(refused.kind == .tooDeep)
      #expect(refused.range.start == YAMLLoc(line: 1, column: 65))

      let docs = YAMLReader.documents(bytes, limits: YAMLLimits(maxDepth: 2000))
      #expect(docs.count == 1)
      #expect(docs.flatMap(\.problems).isEmpty)
      let root = try #require(docs.first?.root)
      #expect(HostileData.depth(root) == 1000)
    }

    @Test("merge keys are ordinary keys (YAML 1.2 has no `<<`)")
    func mergeKey() throws {
      let docs = try HostileData.load("merge-key.yaml")
      #expect(docs.count == 1)
      #expect(docs.flatMap(\.problems).isEmpty)
      let root = try #require(docs.first?.root)
      let rule = try #require(HostileData.value(of: "rule", in: root))
      #expect(rule.pairs?.map { $0.key.scalar?.text } == ["<<", "owner"])
      let merged = try #require(HostileData.value(of: "<<", in: rule))
      #expect(HostileData.value(of: "owner", in: merged)?.scalar?.text == "alice")
      #expect(HostileData.value(of: "owner", in: rule)?.scalar?.text == "bob")
    }

    @Test("YAML 1.1 lookalikes resolve by YAML 1.2 core")
    func yaml11Scalars() throws {
      let docs = try HostileData.load("yaml11-vs-12-scalars.yaml")
      #expect(docs.flatMap(\.problems).isEmpty)
      let root = try #require(docs.first?.root)
      let expected: [(String, ResolvedScalar)] = [
        ("country", .string("no")), ("enabled", .string("on")), ("disabled", .string("off")),
        ("answer", .string("yes")), ("short", .string("y")), ("mode", .int(755)), ("mode12", .int(493)),
        ("duration", .string("1:20:30")), ("version", .float(1.1)), ("empty", .null), ("nothing", .null),
      ]
      #expect(root.pairs?.count == expected.count)
      for (key, value) in expected {
        #expect(HostileData.value(of: key, in: root)?.scalar?.resolved == value, "\(key)")
      }
      // The source text survives for version-like fields.
      #expect(HostileData.value(of: "version", in: root)?.scalar?.text == "1.10")
      #expect(ScalarResolver.yaml11Reading(of: "no") == "false")
      #expect(ScalarResolver.yaml11Reading(of: "0755") == "493 (octal)")
    }
  }

  // MARK: - Generated inputs

  @Test("nesting exactly at the depth limit loads; one level more is refused")
  func depthLimit() throws {
    let limit = YAMLLimits.default.maxDepth
    let at = YAMLReader.documents(HostileData.flow(limit))
    #expect(at.flatMap(\.problems).isEmpty)
    #expect(at.first?.root.map(HostileData.depth) == limit)

    let over = YAMLReader.documents(HostileData.flow(limit + 1))
    let problem = try #require(HostileData.fatal(over))
    #expect(problem.kind == .tooDeep)
    #expect(problem.range.start == YAMLLoc(line: 1, column: limit + 1))

    // Block collections count the same way (a mapping of mappings of a sequence).
    let block = Array("a:\n  b:\n    - x\n".utf8)
    #expect(YAMLReader.documents(block, limits: YAMLLimits(maxDepth: 3)).flatMap(\.problems).isEmpty)
    let tooDeep = try #require(HostileData.fatal(YAMLReader.documents(block, limits: YAMLLimits(maxDepth: 2))))
    #expect(tooDeep.kind == .tooDeep)
    #expect(tooDeep.range.start == YAMLLoc(line: 3, column: 5))
  }

  @Test("100,000 nested `[` stop at the depth limit (libyaml alone is quadratic here)")
  func hugeFlowNesting() throws {
    let n = 100_000
    let bytes = Array(String(repeating: "[", count: n).utf8)
    let docs = YAMLReader.documents(bytes)
    let problem = try #require(HostileData.fatal(docs))
    #expect(problem.kind == .tooDeep)
    #expect(docs.count == 1)
  }

  @Test("a file over maxFileBytes is refused at 1:1")
  func fileTooLarge() throws {
    let bytes = Array("a: 1234567\n".utf8)  // 11 bytes
    #expect(YAMLReader.documents(bytes, limits: YAMLLimits(maxFileBytes: 11)).flatMap(\.problems).isEmpty)
    let docs = YAMLReader.documents(bytes, limits: YAMLLimits(maxFileBytes: 10))
    #expect(docs.count == 1)
    let problem = try #require(HostileData.fatal(docs))
    #expect(problem.kind == .tooLarge)
    #expect(problem.range.start == YAMLLoc(line: 1, column: 1))
    #expect(docs.first?.root == nil)
  }

  @Test("a scalar over maxScalarBytes is refused where it stands")
  func scalarTooLarge() throws {
    let bytes = Array("a: ok\nb: \"日本語\"\n".utf8)  // the second value is 9 bytes
    #expect(YAMLReader.documents(bytes, limits: YAMLLimits(maxScalarBytes: 9)).flatMap(\.problems).isEmpty)
    let docs = YAMLReader.documents(bytes, limits: YAMLLimits(maxScalarBytes: 8))
    let problem = try #require(HostileData.fatal(docs))
    #expect(problem.kind == .tooLarge)
    #expect(problem.range.start == YAMLLoc(line: 2, column: 4))
    #expect(docs.first?.root == nil)
  }

  static let nulInputs: [([UInt8], YAMLLoc)] = [
    (Array("a: b\u{0}c\n".utf8), YAMLLoc(line: 1, column: 5)),
    (Array("x: 1\n日本: \u{0}".utf8), YAMLLoc(line: 2, column: 5)),
    ([0], YAMLLoc(line: 1, column: 1)),
  ]

  @Test("a NUL byte gives a located error", arguments: nulInputs)
  func nulByte(bytes: [UInt8], at location: YAMLLoc) throws {
    let problem = try #require(HostileData.fatal(YAMLReader.documents(bytes)))
    #expect(problem.isFatal)
    #expect(problem.range.start == location, "\(problem.kind): \(problem.message)")
  }

  @Test("CRLF and BOM files give the same node positions as LF ones")
  func lineEndingsAndBOM() throws {
    let lf = "name: 小区\nlist:\n  - a\n  - {k: v, n: 1}\nblock: |\n  line1\n  line2\nquoted: \"x y\"\n---\n- 日本: x\n"
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    let reference = HostileData.outline(YAMLReader.documents(Array(lf.utf8)))
    #expect(reference.count > 10)
    #expect(reference.contains("小区 1:7-1:9"))
    #expect(reference.contains("x 10:7-10:8"))
    #expect(reference.contains("line1\nline2\n 5:8-8:1"))
    for (label, bytes) in [
      ("CRLF", Array(crlf.utf8)), ("BOM", bom + Array(lf.utf8)), ("BOM+CRLF", bom + Array(crlf.utf8)),
    ] {
      let docs = YAMLReader.documents(bytes)
      #expect(docs.flatMap(\.problems).isEmpty, "\(label)")
      #expect(HostileData.outline(docs) == reference, "\(label)")
    }
  }

  @Test("an anchor redefined inside its own collection is not a cycle")
  func shadowedAnchor() throws {
    let docs = YAMLReader.documents(Array("a: &x [&x s, *x]\nb: &y [&y [], *y]\nc: &z [*z]\n".utf8))
    let problems = docs.flatMap(\.problems)
    #expect(problems.map(\.kind) == [.aliasCycle])
    #expect(problems.first?.range.start == YAMLLoc(line: 3, column: 8))
    let clean = YAMLReader.documents(Array("a: &x [&x s, *x]\nb: &y [&y [], *y]\n".utf8))
    let root = try #require(clean.first?.root)
    #expect(clean.flatMap(\.problems).isEmpty)
    #expect(HostileData.value(of: "a", in: root)?.items?.map { $0.scalar?.text } == ["s", "s"])
  }

  @Test("a long flat list loads in linear time")
  func longList() throws {
    let n = 100_000
    let docs = YAMLReader.documents(Array(String(repeating: "- x\n", count: n).utf8))
    #expect(docs.first?.root?.items?.count == n)
    let pairs = (0..<n).map { "k\($0): v\n" }.joined()
    #expect(YAMLReader.documents(Array(pairs.utf8)).first?.root?.pairs?.count == n)
  }
}

// MARK: - ScalarResolver

@Suite
struct ScalarResolverTests {
  @Test(
    "YAML 1.2 core plain scalars",
    arguments: [
      ("", ResolvedScalar.null), ("~", .null), ("null", .null), ("NULL", .null),
      ("true", .bool(true)), ("False", .bool(false)), ("yes", .string("yes")), ("no", .string("no")),
      ("on", .string("on")), ("0", .int(0)), ("+12", .int(12)), ("-12", .int(-12)), ("0755", .int(755)),
      ("0o755", .int(493)), ("0x1F", .int(31)), ("0xff", .int(255)),
      ("9223372036854775807", .int(Int.max)), ("-9223372036854775808", .int(Int.min)),
      ("9223372036854775808", .bigInt("9223372036854775808")),
      ("-99999999999999999999", .bigInt("-99999999999999999999")),
      ("0x10000000000000000", .bigInt("0x10000000000000000")),
      ("1e3", .float(1000)), (".5", .float(0.5)), ("-.5", .float(-0.5)), ("1.", .float(1)), ("1.10", .float(1.1)),
      ("6.8523015e+5", .float(685230.15)), ("+.inf", .float(.infinity)), ("-.Inf", .float(-.infinity)),
      ("1_000", .string("1_000")), ("0b101", .string("0b101")), ("0o", .string("0o")), ("0x", .string("0x")),
      ("0o8", .string("0o8")), ("1:20:30", .string("1:20:30")), ("-", .string("-")), (".", .string(".")),
      ("e3", .string("e3")), ("1e", .string("1e")), ("12 ", .string("12 ")), ("١٢", .string("١٢")),
    ])
  func plain(text: String, expected: ResolvedScalar) {
    #expect(ScalarResolver.resolvePlain(text) == expected)
    #expect(YAMLScalar(text: text, style: .plain).resolved == expected)
  }

  @Test("NaN", arguments: [".nan", ".NaN", ".NAN"])
  func nan(text: String) throws {
    guard case .float(let d) = ScalarResolver.resolvePlain(text) else {
      Issue.record("\(text) is not a float")
      return
    }
    #expect(d.isNaN)
  }

  @Test("quoted and block scalars are strings; tags win")
  func stylesAndTags() {
    for style in [ScalarStyle.singleQuoted, .doubleQuoted, .literal, .folded, .csvCell] {
      #expect(YAMLScalar(text: "12", style: style).resolved == .string("12"))
      #expect(YAMLScalar(text: "true", style: style).resolved == .string("true"))
    }
    #expect(YAMLScalar(text: "12", style: .plain, tag: "tag:yaml.org,2002:str").resolved == .string("12"))
    #expect(YAMLScalar(text: "x", style: .doubleQuoted, tag: "tag:yaml.org,2002:null").resolved == .null)
    // `!` is the non-specific tag: a string (suite case S4JQ).
    #expect(YAMLScalar(text: "12", style: .plain, tag: "!").resolved == .string("12"))
  }

  @Test("tags as the reader gives them")
  func tagsThroughReader() throws {
    let docs = YAMLReader.documents(Array("- ! 12\n- !!str 13\n- !!null x\n- 14\n- '15'\n".utf8))
    let items = try #require(docs.first?.root?.items)
    #expect(items.map { $0.scalar?.resolved } == [.string("12"), .string("13"), .null, .int(14), .string("15")])
  }

  @Test("YAML 1.1 readings explain surprises")
  func yaml11() {
    #expect(ScalarResolver.yaml11Reading(of: "yes") == "true")
    #expect(ScalarResolver.yaml11Reading(of: "Off") == "false")
    #expect(ScalarResolver.yaml11Reading(of: "0755") == "493 (octal)")
    #expect(ScalarResolver.yaml11Reading(of: "0789") == nil)
    #expect(ScalarResolver.yaml11Reading(of: "true") == nil)
  }
}

// MARK: - ByteLocator

@Suite
struct ByteLocatorTests {
  func at(_ bytes: [UInt8], _ offset: Int) -> YAMLLoc { ByteLocator.location(ofByte: offset, in: bytes) }

  @Test func asciiAndMultibyte() {
    let bytes = Array("日本: x\nkéy: é".utf8)
    #expect(at(bytes, 0) == YAMLLoc(line: 1, column: 1))
    #expect(at(bytes, 3) == YAMLLoc(line: 1, column: 2))  // 本
    #expect(at(bytes, 8) == YAMLLoc(line: 1, column: 5))  // x
    #expect(at(bytes, 10) == YAMLLoc(line: 2, column: 1))  // k
    #expect(at(bytes, 13) == YAMLLoc(line: 2, column: 3))  // y after é (2 bytes)
    #expect(at(bytes, 16) == YAMLLoc(line: 2, column: 6))  // the last é
    // Four-byte characters are one column too.
    #expect(at(Array("🏠🏠x".utf8), 8) == YAMLLoc(line: 1, column: 3))
  }

  @Test("CRLF is one break, a lone CR is a break")
  func lineBreaks() {
    let crlf = Array("a\r\nbé\r\nc".utf8)
    #expect(at(crlf, 3) == YAMLLoc(line: 2, column: 1))
    #expect(at(crlf, 4) == YAMLLoc(line: 2, column: 2))
    #expect(at(crlf, 8) == YAMLLoc(line: 3, column: 1))
    #expect(at(Array("a\rb".utf8), 2) == YAMLLoc(line: 2, column: 1))
    #expect(at(Array("a\n\nb".utf8), 3) == YAMLLoc(line: 3, column: 1))
  }

  @Test("NEL, LS and PS are line breaks, as in libyaml's marks")
  func unicodeBreaks() {
    #expect(at(Array("a\u{85}b".utf8), 3) == YAMLLoc(line: 2, column: 1))
    #expect(at(Array("a\u{2028}b".utf8), 4) == YAMLLoc(line: 2, column: 1))
    #expect(at(Array("a\u{2029}b".utf8), 4) == YAMLLoc(line: 2, column: 1))
    // An invalid byte after an LS is placed where libyaml's marks would put it.
    var bytes = Array("a: \"x\u{2028}y".utf8)
    let offset = bytes.count
    bytes += [0xFF, 0x22, 0x0A]
    #expect(at(bytes, offset) == YAMLLoc(line: 2, column: 2))
    let problem = YAMLReader.documents(bytes).flatMap(\.problems).first
    #expect(problem?.kind == .encoding)
    #expect(problem?.range.start == YAMLLoc(line: 2, column: 2))
  }

  @Test("a leading BOM is not a column; the offset counts its bytes")
  func bom() {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ab\r\ncd".utf8)
    #expect(at(bytes, 3) == YAMLLoc(line: 1, column: 1))
    #expect(at(bytes, 4) == YAMLLoc(line: 1, column: 2))
    #expect(at(bytes, 8) == YAMLLoc(line: 2, column: 2))
  }

  @Test("offsets past the end stop at the end; empty input is 1:1")
  func bounds() {
    #expect(at(Array("ab".utf8), 99) == YAMLLoc(line: 1, column: 3))
    #expect(at([], 0) == YAMLLoc(line: 1, column: 1))
    #expect(at([], 5) == YAMLLoc(line: 1, column: 1))
  }

  @Test(
    "libyaml's marks and ByteLocator agree on every node start",
    arguments: [
      "日本: x\nkéy:\n  - é\n  - {ü: 1}\n", "a: b\r\nc:\r\n  - d\r\n", "x: \u{1F3E0}\n\u{1F3E0}: y\n",
    ])
  func agreesWithLibyaml(text: String) throws {
    let bytes = Array(text.utf8)
    let docs = YAMLReader.documents(bytes)
    #expect(docs.flatMap(\.problems).isEmpty)
    // Every plain scalar's text sits in the bytes at ByteLocator's location of its start.
    var starts: [YAMLLoc: Int] = [:]
    for offset in 0...bytes.count where offset == bytes.count || bytes[offset] & 0xC0 != 0x80 {
      // The LF of a CRLF is not a character of its own.
      if offset > 0, offset < bytes.count, bytes[offset] == 0x0A, bytes[offset - 1] == 0x0D { continue }
      let location = ByteLocator.location(ofByte: offset, in: bytes)
      if starts[location] == nil { starts[location] = offset }
    }
    var stack = try [#require(docs.first?.root)]
    var checked = 0
    while let node = stack.popLast() {
      switch node.content {
      case .scalar(let s):
        let offset = try #require(starts[node.range.start], "\(s.text) at \(node.range.start)")
        #expect(bytes[offset...].starts(with: Array(s.text.utf8)), "\(s.text) at \(node.range.start)")
        checked += 1
      case .sequence(let items): stack += items
      case .mapping(let pairs): stack += pairs.flatMap { [$0.key, $0.value] }
      }
    }
    #expect(checked >= 4)
  }
}

// MARK: - Helpers

enum HostileData {
  /// `Tests/JiayuanTests/<this file>` → the package root → `../shared/testdata/hostile`.
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("../shared/testdata/hostile").standardizedFileURL

  static let available = FileManager.default.fileExists(atPath: directory.appendingPathComponent("README.md").path)

  /// The stored files the tests above read.
  static let covered: Set<String> = [
    "alias-self-cycle.yaml", "alias-self-cycle-map.yaml", "alias-undefined.yaml", "billion-laughs.yaml",
    "duplicate-key-top.yaml", "duplicate-key-quoted.yaml", "invalid-utf8.yaml", "tab-indent.yaml",
    "bom-crlf-error.yaml", "error-column-after-multibyte.yaml", "deep-flow-1000.yaml", "long-implicit-key.yaml",
    "merge-key.yaml", "yaml11-vs-12-scalars.yaml",
  ]

  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
  }

  static func load(_ name: String) throws -> [YAMLDocument] {
    YAMLReader.documents(try bytes(name))
  }

  /// The first problem that makes a document unusable.
  static func fatal(_ docs: [YAMLDocument]) -> YAMLProblem? {
    docs.lazy.flatMap(\.problems).first { $0.isFatal }
  }

  static func value(of key: String, in node: YAMLNode) -> YAMLNode? {
    node.pairs?.first { $0.key.scalar?.text == key }?.value
  }

  /// `[` × n then `]` × n.
  static func flow(_ n: Int) -> [UInt8] {
    Array((String(repeating: "[", count: n) + String(repeating: "]", count: n)).utf8)
  }

  /// Collection nesting depth (a scalar is 0), without recursion.
  static func depth(_ root: YAMLNode) -> Int {
    var deepest = 0
    var stack = [(root, 0)]
    while let (node, d) = stack.popLast() {
      switch node.content {
      case .scalar: deepest = max(deepest, d)
      case .sequence(let items):
        deepest = max(deepest, d + 1)
        stack += items.map { ($0, d + 1) }
      case .mapping(let pairs):
        deepest = max(deepest, d + 1)
        stack += pairs.flatMap { [($0.key, d + 1), ($0.value, d + 1)] }
      }
    }
    return deepest
  }

  /// Every node of every document, in order, as "text range" (collections as their kind).
  static func outline(_ docs: [YAMLDocument]) -> [String] {
    var out: [String] = []
    for doc in docs {
      out.append("document \(doc.index) at \(doc.start)")
      var stack: [YAMLNode] = doc.root.map { [$0] } ?? []
      while let node = stack.popLast() {
        out.append("\(node.scalar?.text ?? node.kindName) \(node.range)")
        switch node.content {
        case .scalar: break
        case .sequence(let items): stack += items.reversed()
        case .mapping(let pairs): stack += pairs.reversed().flatMap { [$0.value, $0.key] }
        }
      }
    }
    return out
  }
}
