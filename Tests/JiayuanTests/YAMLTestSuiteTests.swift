import Foundation
import Testing

@testable import YAMLSource

/// The YAML test suite (data-2022-01-17, 402 cases) read through `YAMLReader`.
///
/// The data lives outside the package, in `../shared/testdata/yaml-test-suite/` next to
/// the package root; when it is absent (a bare checkout) the whole suite is skipped.
/// Two checked-in lists say where we knowingly differ from the suite:
/// `Resources/libyaml-0.2.5-skip.txt` (libyaml 0.2.5 accepts or rejects differently) and
/// `Resources/yaml-json-skip.txt` (the loaded value differs from `in.json`). Both are
/// checked for stale entries: a listed case that starts to agree fails the test.
@Suite(
  // The data is shared between worktrees and is not part of the package: skip, not fail.
  .enabled(if: YAMLSuiteData.available, "../shared/testdata not found")
)
struct YAMLTestSuiteTests {
  @Test("the suite and the skip lists are what we expect")
  func inventory() throws {
    let ids = YAMLSuiteData.caseIDs
    #expect(ids.count == 402, "expected 402 cases in \(YAMLSuiteData.suiteDirectory.path), found \(ids.count)")
    let known = Set(ids)
    let libyaml = try YAMLSuiteData.skipList("libyaml-0.2.5-skip.txt")
    let json = try YAMLSuiteData.skipList("yaml-json-skip.txt")
    for (id, reason) in libyaml {
      #expect(known.contains(id), "libyaml-0.2.5-skip.txt names \(id), which is not a suite case")
      #expect(!reason.isEmpty, "libyaml-0.2.5-skip.txt: \(id) has no reason")
    }
    for (id, reason) in json {
      #expect(known.contains(id), "yaml-json-skip.txt names \(id), which is not a suite case")
      #expect(!reason.isEmpty, "yaml-json-skip.txt: \(id) has no reason")
      #expect(libyaml[id] == nil, "yaml-json-skip.txt: \(id) is already on libyaml-0.2.5-skip.txt")
      #expect(YAMLSuiteData.hasJSON(id) && !YAMLSuiteData.isError(id), "yaml-json-skip.txt: \(id) has no value to compare")
    }
  }

  @Test(
    "accepts valid input and rejects invalid input, except the libyaml 0.2.5 skip list",
    arguments: YAMLSuiteData.caseIDs)
  func acceptance(id: String) throws {
    let skips = try YAMLSuiteData.skipList("libyaml-0.2.5-skip.txt")
    let docs = try YAMLSuiteData.load(id)
    let expectError = YAMLSuiteData.isError(id)
    let rejected = YAMLSuiteData.isRejected(docs)
    let what = rejected ? "rejected" : "loaded"
    let problems = docs.flatMap(\.problems).map { "\($0.kind) \($0.range.start): \($0.message)" }
    if let reason = skips[id] {
      #expect(
        rejected != expectError,
        "stale entry: \(id) now agrees with the suite (\(what)); remove it from libyaml-0.2.5-skip.txt (\(reason))")
    } else {
      #expect(
        rejected == expectError,
        "\(id) \(YAMLSuiteData.name(id)): suite says \(expectError ? "error" : "valid"), we \(what) \(problems)")
    }
  }

  @Test("every problem is located (line and column 1-based)", arguments: YAMLSuiteData.caseIDs)
  func problemsAreLocated(id: String) throws {
    let docs = try YAMLSuiteData.load(id)
    if YAMLSuiteData.isError(id) && YAMLSuiteData.isRejected(docs) {
      let fatal = docs.flatMap(\.problems).filter { $0.kind != .duplicateKey }
      #expect(
        fatal.contains { $0.range.start.line >= 1 && $0.range.start.column >= 1 },
        "\(id): rejected without a located problem: \(fatal)")
    }
    for problem in docs.flatMap(\.problems) {
      #expect(problem.range.start.line >= 1 && problem.range.start.column >= 1, "\(id): \(problem)")
      if let related = problem.related {
        #expect(related.start.line >= 1 && related.start.column >= 1, "\(id): \(problem)")
      }
    }
    for doc in docs {
      #expect(doc.start.line >= 1 && doc.start.column >= 1, "\(id): document \(doc.index) starts at \(doc.start)")
    }
  }

  @Test(
    "loaded values equal in.json (YAML 1.2 core), except the JSON skip list",
    arguments: YAMLSuiteData.caseIDs.filter { YAMLSuiteData.hasJSON($0) && !YAMLSuiteData.isError($0) })
  func valuesMatchJSON(id: String) throws {
    // Cases libyaml 0.2.5 gets wrong are judged by `acceptance` alone.
    guard try YAMLSuiteData.skipList("libyaml-0.2.5-skip.txt")[id] == nil else { return }
    let jsonSkips = try YAMLSuiteData.skipList("yaml-json-skip.txt")
    let docs = try YAMLSuiteData.load(id)
    let expected = try YAMLSuiteData.expectedJSON(id)
    let (actual, failure) = JSONLike.from(docs)
    let mismatch: String? =
      if let failure {
        failure
      } else if actual != expected {
        "loaded \(actual.map(\.description)) but in.json has \(expected.map(\.description))"
      } else {
        nil
      }
    if let reason = jsonSkips[id] {
      #expect(mismatch != nil, "stale entry: \(id) now matches in.json; remove it from yaml-json-skip.txt (\(reason))")
    } else if let mismatch {
      Issue.record("\(id) \(YAMLSuiteData.name(id)): \(mismatch)")
    }
  }
}

/// The helpers of `YAMLTestSuiteTests` that need no data.
@Suite
struct YAMLTestSuiteTestsSupport {
  @Test("the in.json splitter handles several top-level values")
  func splitter() {
    let text = "{\"a\": [1, \"}\\\"\"]}\n\"x y\"\nnull\n12\n[\n  {}\n]\n"
    #expect(YAMLSuiteData.splitJSONValues(text) == ["{\"a\": [1, \"}\\\"\"]}", "\"x y\"", "null", "12", "[\n  {}\n]"])
    #expect(YAMLSuiteData.splitJSONValues("  \n").isEmpty)
  }

  @Test("JSON booleans and numbers stay apart")
  func jsonKinds() throws {
    let value = try JSONSerialization.jsonObject(with: Data("[true, 1, 0, false, 1.5, null]".utf8))
    #expect(JSONLike.from(json: value) == .array([.bool(true), .number(1), .number(0), .bool(false), .number(1.5), .null]))
  }
}

/// Where the suite is and how to read its files.
enum YAMLSuiteData {
  /// `Tests/JiayuanTests/<this file>` → the package root.
  static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
  static let suiteDirectory = packageRoot.appendingPathComponent("../shared/testdata/yaml-test-suite")
    .standardizedFileURL

  static let available = FileManager.default.fileExists(
    atPath: suiteDirectory.appendingPathComponent("libyaml-0.2.5-results.tsv").path)

  /// Every case folder (one holding `in.yaml`), sorted; empty when the data is absent.
  static let caseIDs: [String] = {
    guard available,
      let names = try? FileManager.default.contentsOfDirectory(atPath: suiteDirectory.path)
    else { return [] }
    return names.filter { FileManager.default.fileExists(atPath: file($0, "in.yaml").path) }.sorted()
  }()

  /// Far above anything in the suite: the suite tests YAML, not our defences.
  static let generousLimits = YAMLLimits(
    maxDepth: 100_000, maxAliasExpansion: 10_000_000, maxFileBytes: 1 << 30, maxScalarBytes: 1 << 28)

  static func file(_ id: String, _ name: String) -> URL {
    suiteDirectory.appendingPathComponent(id).appendingPathComponent(name)
  }

  static func isError(_ id: String) -> Bool { FileManager.default.fileExists(atPath: file(id, "error").path) }
  static func hasJSON(_ id: String) -> Bool { FileManager.default.fileExists(atPath: file(id, "in.json").path) }

  static func name(_ id: String) -> String {
    ((try? String(contentsOf: file(id, "==="), encoding: .utf8)) ?? "")
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static func load(_ id: String) throws -> [YAMLDocument] {
    let bytes = [UInt8](try Data(contentsOf: file(id, "in.yaml")))
    return YAMLReader.documents(bytes, limits: generousLimits)
  }

  /// "Rejected": some document has a problem other than a duplicate key (libyaml stops at
  /// its first error, so there is at most one syntax problem).
  static func isRejected(_ docs: [YAMLDocument]) -> Bool {
    docs.contains { $0.problems.contains { $0.kind != .duplicateKey } }
  }

  /// A checked-in list: `ID<whitespace>reason` a line, `#` comments and blank lines ignored.
  static func skipList(_ name: String) throws -> [String: String] {
    let url = testsDirectory.appendingPathComponent("Resources").appendingPathComponent(name)
    let text = try String(contentsOf: url, encoding: .utf8)
    var out: [String: String] = [:]
    for raw in text.split(whereSeparator: \.isNewline) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let id = String(line.prefix { !$0.isWhitespace })
      let reason = line.dropFirst(id.count).trimmingCharacters(in: .whitespaces)
      precondition(out[id] == nil, "\(name): \(id) is listed twice")
      out[id] = reason
    }
    return out
  }

  /// The values of `in.json`: one per document, written one after another.
  static func expectedJSON(_ id: String) throws -> [JSONLike] {
    let text = try String(contentsOf: file(id, "in.json"), encoding: .utf8)
    return try splitJSONValues(text).map { piece in
      let object = try JSONSerialization.jsonObject(with: Data(piece.utf8), options: [.fragmentsAllowed])
      guard let value = JSONLike.from(json: object) else {
        throw JSONLikeError(message: "\(id)/in.json: unexpected value \(object)")
      }
      return value
    }
  }

  /// Cuts a text of concatenated JSON values (separated by whitespace) into one text per
  /// value, following brackets and strings.
  static func splitJSONValues(_ text: String) -> [String] {
    let b = Array(text.utf8)
    var pieces: [String] = []
    var i = 0
    func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    func skipString() {  // at the opening quote
      i += 1
      while i < b.count, b[i] != UInt8(ascii: "\"") {
        i += b[i] == UInt8(ascii: "\\") ? 2 : 1
      }
      i += 1
    }
    while true {
      while i < b.count, isSpace(b[i]) { i += 1 }
      guard i < b.count else { break }
      let start = i
      switch b[i] {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        var depth = 0
        repeat {
          switch b[i] {
          case UInt8(ascii: "\""): skipString(); continue
          case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
          case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
          default: break
          }
          i += 1
        } while i < b.count && depth > 0
      case UInt8(ascii: "\""):
        skipString()
      default:
        while i < b.count, !isSpace(b[i]) { i += 1 }
      }
      pieces.append(String(decoding: b[start..<min(i, b.count)], as: UTF8.self))
    }
    return pieces
  }
}

struct JSONLikeError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// The JSON data model, for comparing loaded YAML with `in.json`. Numbers compare as
/// numbers (`1` equals `1.0`).
indirect enum JSONLike: Equatable, CustomStringConvertible {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONLike])
  case object([String: JSONLike])

  var description: String {
    switch self {
    case .null: "null"
    case .bool(let b): "\(b)"
    case .number(let d): d == d.rounded() && abs(d) < 1e15 ? "\(Int(d))" : "\(d)"
    case .string(let s): "\"\(s)\""
    case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
    case .object(let members):
      "{" + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
    }
  }

  /// A Foundation JSON value (`JSONSerialization`) as a `JSONLike`.
  static func from(json value: Any) -> JSONLike? {
    switch value {
    case is NSNull: return .null
    case let s as String: return .string(s)
    case let n as NSNumber:
      // Booleans come back as NSNumber too; their type code is "c" (char).
      if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
      return .number(n.doubleValue)
    case let a as [Any]:
      var items: [JSONLike] = []
      for item in a {
        guard let v = from(json: item) else { return nil }
        items.append(v)
      }
      return .array(items)
    case let d as [String: Any]:
      var members: [String: JSONLike] = [:]
      for (k, item) in d {
        guard let v = from(json: item) else { return nil }
        members[k] = v
      }
      return .object(members)
    default: return nil
    }
  }

  /// Loaded documents as JSON values, or why they cannot be.
  static func from(_ docs: [YAMLDocument]) -> ([JSONLike], String?) {
    var out: [JSONLike] = []
    for doc in docs {
      if let problem = doc.problems.first(where: { $0.kind != .duplicateKey }) {
        return (out, "document \(doc.index) has a problem: \(problem.kind) \(problem.range.start) \(problem.message)")
      }
      guard let root = doc.root else { return (out, "document \(doc.index) has no root") }
      switch from(root) {
      case .success(let value): out.append(value)
      case .failure(let error): return (out, "document \(doc.index): \(error.message)")
      }
    }
    return (out, nil)
  }

  /// A node as JSON: scalars by the YAML 1.2 core schema; mapping keys must be scalars and
  /// become their text.
  static func from(_ node: YAMLNode) -> Result<JSONLike, JSONLikeError> {
    switch node.content {
    case .scalar(let scalar):
      switch scalar.resolved {
      case .null: return .success(.null)
      case .bool(let b): return .success(.bool(b))
      case .int(let i): return .success(.number(Double(i)))
      case .bigInt(let text):
        guard let d = Double(text) else { return .failure(JSONLikeError(message: "big integer \(text)")) }
        return .success(.number(d))
      case .float(let d): return .success(.number(d))
      case .string(let s): return .success(.string(s))
      }
    case .sequence(let items):
      var out: [JSONLike] = []
      for item in items {
        switch from(item) {
        case .success(let v): out.append(v)
        case .failure(let e): return .failure(e)
        }
      }
      return .success(.array(out))
    case .mapping(let pairs):
      var out: [String: JSONLike] = [:]
      for pair in pairs {
        guard let key = pair.key.scalar else {
          return .failure(JSONLikeError(message: "\(pair.key.kindName) key at \(pair.key.range.start)"))
        }
        switch from(pair.value) {
        case .success(let v): out[key.text] = v
        case .failure(let e): return .failure(e)
        }
      }
      return .success(.object(out))
    }
  }
}
