import Policies
import Records

/// JSON Schemas of the record and policy formats, for editors (yaml-language-server) and
/// other validators. Built from the same tables the decoder and loader use.
public enum JSONSchemas {
  typealias V = JSONWriter.Value

  public static func records() -> String {
    var root = object(under: "", title: "jiayuan community record (format v1)")
    root.insert(("$schema", .string("http://json-schema.org/draft-07/schema#")), at: 0)
    root.insert(("$id", .string("https://jiayuan.example/schemas/record-v1.json")), at: 1)
    return JSONWriter.render(.object(root)) + "\n"
  }

  /// The schema of the mapping at `parent` ("" = a whole record).
  private static func object(under parent: String, title: String? = nil) -> [(String, V)] {
    var properties: [(String, V)] = []
    var required: [V] = []
    var patterns: [(String, V)] = []
    let prefix = parent.isEmpty ? "" : parent + "."
    for spec in RecordSchema.fields where spec.path.hasPrefix(prefix) {
      let name = String(spec.path.dropFirst(prefix.count))
      guard !name.isEmpty, !name.contains(".") else { continue }
      let schema = fieldSchema(spec)
      if name == "*" { patterns.append(("^[0-9]{4}$", schema)) } else { properties.append((name, schema)) }
      if spec.required { required.append(.string(name)) }
    }
    var out: [(String, V)] = []
    if let title { out.append(("title", .string(title))) }
    out.append(("type", .string("object")))
    if !properties.isEmpty { out.append(("properties", .object(properties))) }
    if !patterns.isEmpty { out.append(("patternProperties", .object(patterns))) }
    if parent == "jurisdiction" {
      // A division code places a record without the names (records.md, jurisdictions).
      out.append(
        ("anyOf", .array([.object([("required", .array(required))]), .object([("required", .array([.string("code")]))])])))
    } else if !required.isEmpty {
      out.append(("required", .array(required)))
    }
    out.append(("additionalProperties", .bool(false)))
    return out
  }

  private static func fieldSchema(_ spec: FieldSpec) -> V {
    var s: [(String, V)] = [("description", .string(spec.gloss))]
    if spec.path == "jurisdiction.code" {
      // Six digits, written as a number or a string (`code: 341523`, `code: "341523"`).
      return .object(
        s + [
          ("type", .array([.string("string"), .string("integer")])), ("pattern", .string("^[0-9]{6}$")),
          ("minimum", .int(100000)), ("maximum", .int(999999)),
        ])
    }
    switch spec.type {
    case .string: s.append(("type", .string("string")))
    case .integer(let min): s += [("type", .string("integer")), ("minimum", .int(min))]
    case .number(let min, let max):
      s += [("type", .string("number")), ("minimum", .double(min))]
      if let max { s.append(("maximum", .double(max))) }
    case .boolean: s.append(("type", .string("boolean")))
    case .date: s += [("type", .string("string")), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")), ("format", .string("date"))]
    case .enumeration(let values): s.append(("enum", .array(values.map(V.string))))
    case .object: return .object(s + object(under: spec.path))
    case .strings: s += [("type", .string("array")), ("items", .object([("type", .string("string"))]))]
    case .awards:
      s += [
        ("type", .string("array")),
        (
          "items",
          .object([
            ("type", .string("object")),
            (
              "properties",
              .object([
                ("year", .object([("type", .string("integer"))])),
                ("level", .object([("enum", .array(RecordSchema.awardLevels.map(V.string)))])),
                ("title", .object([("type", .string("string"))])),
              ])
            ),
            ("additionalProperties", .bool(false)),
          ])
        ),
      ]
    case .events:
      s += [
        ("type", .string("array")),
        (
          "items",
          .object([
            ("type", .string("object")),
            (
              "properties",
              .object([
                ("date", .object([("type", .string("string")), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))])),
                ("type", .object([("enum", .array(RecordSchema.eventTypes.map(V.string)))])),
                ("title", .object([("type", .string("string"))])),
                ("note", .object([("type", .string("string"))])),
                // A year (2023, an integer in YAML) or a quarter ("2023Q4", "2023年第四季度").
                (
                  "period",
                  .object([
                    ("type", .array([.string("integer"), .string("string")])), ("minimum", .int(1000)), ("maximum", .int(9999)),
                    ("pattern", .string("^[0-9]{4}(-?[Qq][1-4]|年度?|年?第[1-4一二三四]季度)?$")),
                  ])
                ),
                (
                  "attendees",
                  .object([("type", .string("array")), ("items", .object([("enum", .array(RecordSchema.attendeeRoles.map(V.string)))]))])
                ),
              ])
            ),
            ("required", .array([.string("date"), .string("type")])),
            ("additionalProperties", .bool(false)),
          ])
        ),
      ]
    }
    return .object(s)
  }

  public static func policy() -> String {
    let text: V = .object([
      ("type", .string("object")),
      ("properties", .object([("zh", .object([("type", .string("string"))])), ("en", .object([("type", .string("string"))]))])),
      ("required", .array([.string("zh"), .string("en")])), ("additionalProperties", .bool(false)),
    ])
    let date: V = .object([("type", .string("string")), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))])
    let string: V = .object([("type", .string("string"))])
    func closed(_ props: [(String, V)], required: [String]) -> V {
      .object([
        ("type", .string("object")), ("properties", .object(props)), ("required", .array(required.map(V.string))),
        ("additionalProperties", .bool(false)),
      ])
    }
    let checks: [V] = CheckKinds.all.map { kind in
      .object([
        ("type", .string("object")),
        ("properties", .object([("kind", .object([("const", .string(kind.name))]))] + kind.keys.map { ($0, V.object([])) })),
        ("required", .array([.string("kind")])), ("additionalProperties", .bool(false)),
      ])
    }
    let rule = closed(
      [
        ("id", .object([("type", .string("string")), ("pattern", .string("^[A-Z0-9-]+$"))])),
        ("severity", .object([("enum", .array(["error", "warning", "info"].map(V.string)))])),
        ("title", text), ("message", text), ("fix", text),
        ("citation", closed([("clause", string), ("text", string)], required: ["clause", "text"])),
        ("applies", string), ("from", date), ("check", .object([("oneOf", .array(checks))])),
      ], required: ["id", "severity", "title", "message", "citation", "check"])
    let root = closed(
      [
        ("format", .object([("const", .string(PolicyLoader.format))])),
        ("id", .object([("type", .string("string")), ("pattern", .string("^[a-z0-9-]+$"))])),
        ("version", string), ("title", text),
        ("document", closed([("number", string), ("title", string), ("issuer", string), ("issued", date)], required: ["title"])),
        (
          "jurisdiction",
          closed(Jurisdiction.levels.map { ($0, string) }, required: ["province"])
        ),
        ("effective", closed([("from", date), ("to", date)], required: ["from"])),
        ("extends", string), ("notes", text),
        (
          "parameters",
          .object([
            ("type", .string("object")),
            (
              "additionalProperties",
              closed(
                [
                  ("value", .object([("type", .array([.string("number"), .string("string")]))])), ("title", text), ("default_reason", text),
                ],
                required: ["value"])
            ),
          ])
        ),
        ("rules", .object([("type", .string("array")), ("items", rule)])),
      ], required: ["format", "id", "version", "title", "document", "jurisdiction", "effective", "rules"])
    guard case .object(var pairs) = root else { return "" }
    pairs.insert(("$schema", .string("http://json-schema.org/draft-07/schema#")), at: 0)
    pairs.insert(("title", .string("jiayuan policy (format 1)")), at: 1)
    return JSONWriter.render(.object(pairs)) + "\n"
  }
}
