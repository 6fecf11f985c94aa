import Engine
import Foundation
import Policies
import Records
import Reporters
import Testing

/// The reference docs under `docs/` are the product's own: the rule catalogue is generated
/// from the shipped policies (`JIAYUAN_RECORD_GOLDEN=1` rewrites it, as for the goldens),
/// the field table, event types and command-line options are checked against the code, and
/// every relative link of `README.md` and `docs/` must lead to a file of the repository.
@Suite struct ReferenceDocsTests {
  static let begin = "<!-- catalogue:begin -->"
  static let end = "<!-- catalogue:end -->"

  static func docURL(_ name: String) -> URL { Support.packageRoot.appendingPathComponent("docs/\(name)") }

  static func read(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

  @Test func catalogueIsGeneratedFromTheShippedPolicies() throws {
    let policies = ShippedPolicies.all
    #expect(policies.count == ShippedPolicies.sources.count, "a shipped policy does not load")
    let record = ProcessInfo.processInfo.environment["JIAYUAN_RECORD_GOLDEN"] == "1"
    for (name, language) in [("rules.md", Language.zh), ("rules.en.md", Language.en)] {
      let url = Self.docURL(name)
      let text = try Self.read(url)
      let rendered = Catalogue.render(policies, language)
      guard let block = Self.block(in: text) else {
        Issue.record("docs/\(name) has no \(Self.begin) … \(Self.end) block")
        continue
      }
      if record {
        try Data(text.replacingCharacters(in: block, with: "\n" + rendered).utf8).write(to: url)
        continue
      }
      let difference = Self.firstDifference(String(text[block]), "\n" + rendered)
      #expect(
        difference == nil,
        "the catalogue in docs/\(name) differs from the shipped policies (\(difference ?? "")); re-record with JIAYUAN_RECORD_GOLDEN=1"
      )
    }
  }

  /// The first line where the documented block and the rendered one differ, or nil.
  static func firstDifference(_ documented: String, _ rendered: String) -> String? {
    let a = documented.split(separator: "\n", omittingEmptySubsequences: false)
    let b = rendered.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, b.count) {
      let found = i < a.count ? String(a[i]) : "<end>"
      let wanted = i < b.count ? String(b[i]) : "<end>"
      if found != wanted { return "block line \(i + 1): found \(found), expected \(wanted)" }
    }
    return nil
  }

  /// The text strictly between the markers.
  static func block(in text: String) -> Range<String.Index>? {
    guard let open = text.range(of: begin), let close = text.range(of: end, range: open.upperBound..<text.endIndex) else {
      return nil
    }
    return open.upperBound..<close.lowerBound
  }

  @Test func builtInChecksAreDocumented() throws {
    for name in ["rules.md", "rules.en.md"] {
      let text = try Self.read(Self.docURL(name))
      for rule in BuiltInRules.all {
        #expect(text.contains("`\(rule.id)`"), "docs/\(name) does not describe \(rule.id)")
      }
    }
  }

  /// The first column of the field table is exactly the leaf fields of `RecordSchema`
  /// (`fees.<year>.due` standing for `fees.*.due`); every event type and role is listed.
  @Test func recordFieldsMatchTheSchema() throws {
    let schema = Set(RecordSchema.fields.filter { $0.type != .object }.map(\.path))
    for name in ["records.md", "records.en.md"] {
      let text = try Self.read(Self.docURL(name))
      let documented = Self.fieldTable(in: text)
      #expect(documented.count == Set(documented).count, "docs/\(name) lists a field twice")
      #expect(Set(documented) == schema, "docs/\(name): \(Set(documented).symmetricDifference(schema).sorted())")
      for value in RecordSchema.eventTypes + RecordSchema.attendeeRoles + RecordSchema.awardLevels {
        #expect(text.contains("`\(value)`"), "docs/\(name) does not list \(value)")
      }
    }
  }

  /// The paths of the table that follows the comment naming `RecordSchema`.
  static func fieldTable(in text: String) -> [String] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let comment = lines.firstIndex(where: { $0.hasPrefix("<!--") && $0.contains("RecordSchema") }) else { return [] }
    var paths: [String] = []
    var inTable = false
    for line in lines[(comment + 1)...] {
      if line.hasPrefix("|") {
        inTable = true
      } else if inTable {
        break
      } else {
        continue
      }
      let cell = line.dropFirst().prefix { $0 != "|" }.trimmingCharacters(in: .whitespaces)
      guard cell.hasPrefix("`"), cell.hasSuffix("`"), cell.count > 2 else { continue }
      let path = cell.dropFirst().dropLast().split(separator: ".").map { $0.hasPrefix("<") ? "*" : String($0) }
      paths.append(path.joined(separator: "."))
    }
    return paths
  }

  /// Every command and every option its `--help` shows is in both command-line docs.
  @Test func everyCommandLineOptionIsDocumented() throws {
    let docs = try ["cli.md", "cli.en.md"].map { ($0, try Self.read(Self.docURL($0))) }
    for command in ["check", "lint", "test", "rules", "explain", "score", "schema", "template"] {
      let help = try Support.run(["help", command])
      #expect(help.status == 0)
      let options = Set(Self.options(in: help.stdout)).subtracting(["--help", "--version"])
      if command == "check" { #expect(options.contains("--format"), "no options read from help check") }
      for (name, text) in docs {
        #expect(text.contains("`jiayuan \(command)"), "docs/\(name) does not describe jiayuan \(command)")
        for option in options.sorted() {
          #expect(text.contains("`\(option)"), "docs/\(name) does not describe \(option) of jiayuan \(command)")
        }
      }
    }
  }

  static func options(in help: String) -> [String] {
    var out: [String] = []
    var rest = Substring(help)
    while let start = rest.range(of: "--") {
      let name = rest[start.upperBound...].prefix { $0.isLetter || $0 == "-" }
      if let first = name.first, first.isLetter { out.append("--" + name) }
      rest = rest[start.upperBound...]
    }
    return out
  }

  // MARK: - Links

  /// The markdown files a clone reads: the README and everything under `docs/`.
  static var markdownFiles: [URL] {
    var files = [Support.packageRoot.appendingPathComponent("README.md")]
    let docs = Support.packageRoot.appendingPathComponent("docs")
    if let walker = FileManager.default.enumerator(at: docs, includingPropertiesForKeys: nil) {
      for case let url as URL in walker where url.pathExtension == "md" { files.append(url) }
    }
    return files.sorted { $0.path < $1.path }
  }

  @Test func relativeLinksLeadToFilesOfTheRepository() throws {
    let root = Support.packageRoot.standardizedFileURL.path
    let files = Self.markdownFiles
    #expect(files.count > 1)
    for file in files {
      let text = try Self.read(file)
      let name = String(file.standardizedFileURL.path.dropFirst(root.count + 1))
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      let shared = lines.indices.filter { lines[$0].contains("../shared") }.map { $0 + 1 }
      #expect(shared.isEmpty, "\(name) points into ../shared, which a clone does not have, on lines \(shared)")
      for link in Self.relativeLinks(in: text) {
        let target = file.deletingLastPathComponent().appendingPathComponent(link).standardizedFileURL.path
        let inside = target == root || target.hasPrefix(root + "/")
        #expect(inside && FileManager.default.fileExists(atPath: target), "\(name) links to \(link), which is not in the repository")
      }
    }
  }

  /// Relative link targets (inline links, images and reference definitions) outside code,
  /// without their `#fragment`; web, mail and same-page links are left out.
  static func relativeLinks(in markdown: String) -> [String] {
    var targets: [String] = []
    var inFence = false
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
        inFence.toggle()
        continue
      }
      if inFence { continue }
      let prose = withoutCodeSpans(line)
      var rest = Substring(prose)
      while let open = rest.range(of: "](") {
        let target = rest[open.upperBound...].prefix { $0 != ")" && $0 != " " }
        targets.append(String(target))
        rest = rest[open.upperBound...]
      }
      let trimmed = prose.drop { $0 == " " }
      if trimmed.hasPrefix("["), let colon = trimmed.range(of: "]: ") {
        targets.append(String(trimmed[colon.upperBound...].prefix { $0 != " " }))
      }
    }
    return targets.compactMap { raw in
      var target = raw.hasPrefix("<") && raw.hasSuffix(">") ? String(raw.dropFirst().dropLast()) : raw
      if target.isEmpty || target.hasPrefix("#") || target.contains("://") || target.hasPrefix("mailto:") { return nil }
      if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
      return target.removingPercentEncoding ?? target
    }
  }

  private static func withoutCodeSpans(_ line: Substring) -> String {
    var out = ""
    var inCode = false
    for c in line {
      if c == "`" {
        inCode.toggle()
      } else if !inCode {
        out.append(c)
      }
    }
    return out
  }

  @Test func linkExtraction() {
    let sample = """
      See [records](records.md#字段) and ![chart](img/a.png), [web](https://example.com), [here](#top).
      `[not](a-link.md)` is code.
      ```
      [also](not-a-link.md)
      ```
      [ref]: ../policies/x.yaml
      [encoded](%E4%B8%AD.md "title")
      """
    #expect(Self.relativeLinks(in: sample) == ["records.md", "img/a.png", "../policies/x.yaml", "中.md"])
  }
}

/// The rule catalogue of `docs/rules.md` (zh) and `docs/rules.en.md` (en): per shipped
/// policy its document, jurisdiction, effective period and parameters, then one row per
/// rule with its id, severity, scope, cited clause, the fields it reads and its title.
enum Catalogue {
  static func render(_ policies: [Policy], _ language: Language) -> String {
    let zh = language == .zh
    var out =
      zh
      ? "<!-- 本节由 Tests/JiayuanTests/ReferenceDocsTests.swift 从 policies/*.yaml 生成，请勿手工修改；"
        + "更新：JIAYUAN_RECORD_GOLDEN=1 swift test --filter ReferenceDocs -->\n"
      : "<!-- Generated from policies/*.yaml by Tests/JiayuanTests/ReferenceDocsTests.swift; do not edit by hand. "
        + "Update: JIAYUAN_RECORD_GOLDEN=1 swift test --filter ReferenceDocs -->\n"
    for policy in policies {
      out += "\n### \(policy.id) — \(cell(policy.title.text(language)))\n\n"
      let document = policy.document
      var source = zh ? "《\(document.title)》" : "*\(document.title)*"
      if let number = document.number { source += zh ? "（\(number)）" : " (\(number))" }
      if let issuer = document.issuer { source += zh ? "，\(issuer)" : ", \(issuer)" }
      if let issued = document.issued { source += zh ? "，\(issued) 印发" : ", issued \(issued)" }
      out += (zh ? "- 文件：" : "- Document: ") + source + "\n"
      let j = policy.jurisdiction
      let area = [j.province, j.city, j.county, j.street, j.neighborhood].compactMap { $0 }.joined(separator: " ")
      out += (zh ? "- 辖区：" : "- Jurisdiction: ") + area + "\n"
      let period =
        switch (zh, policy.effectiveTo) {
        case (true, let to?): "\(policy.effectiveFrom) 至 \(to)"
        case (true, nil): "\(policy.effectiveFrom) 起，无截止日期"
        case (false, let to?): "\(policy.effectiveFrom) to \(to)"
        case (false, nil): "from \(policy.effectiveFrom), no end"
        }
      out += (zh ? "- 有效期：" : "- Effective: ") + period + "\n"
      if !policy.parameters.isEmpty {
        let items = policy.parameters.map { p in
          "`\(p.name)` = \(p.value)" + (p.title.map { zh ? "（\($0.zh)）" : " (\($0.en))" } ?? "")
        }
        out += (zh ? "- 参数：" : "- Parameters: ") + items.joined(separator: zh ? "；" : "; ") + "\n"
      }
      out += (zh ? "- 策略文件：" : "- Policy file: ") + "[\(policy.source)](../\(policy.source))\n\n"
      out +=
        zh
        ? "| 规则 | 级别 | 范围 | 条款 | 读取字段 | 标题 |\n|---|---|---|---|---|---|\n"
        : "| rule | severity | scope | clause | reads | title |\n|---|---|---|---|---|---|\n"
      for rule in policy.rules {
        let reads = rule.reads.isEmpty ? "—" : rule.reads.map { "`\($0)`" }.joined(separator: ", ")
        let row = [
          "`\(rule.id)`", rule.severity.rawValue, scope(rule.groupBy, language), cell(rule.citation.clause), reads,
          cell(rule.title.text(language)),
        ]
        out += "| " + row.joined(separator: " | ") + " |\n"
      }
    }
    return out
  }

  static func scope(_ level: String?, _ language: Language) -> String {
    guard let level else { return language == .zh ? "小区" : "record" }
    guard language == .zh else { return "group: \(level)" }
    let names = ["province": "省", "city": "市", "county": "区县", "street": "街道", "neighborhood": "社区"]
    return "汇总：\(level)" + (names[level].map { "（\($0)）" } ?? "")
  }

  /// Text safe inside a table cell.
  static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
