import Foundation
import Records
import Testing

@testable import Reporters

/// `--format html`: goldens on the fixed report of `ReporterTests`, escaping, no external
/// reference, well-formed markup. `.ci/html-check` opens the page in a real browser.
@Suite struct HTMLReporterTests {
  @Test(arguments: [Language.zh, .en])
  func golden(_ language: Language) throws {
    let html = HTMLReporter.generate(try ReporterTests.report(language))
    try Support.assertGolden(html, language == .zh ? "report.html" : "report.en.html")
  }

  @Test func isDeterministicAndInTheReportsLanguage() throws {
    let zh = HTMLReporter.generate(try ReporterTests.report(.zh))
    #expect(zh == HTMLReporter.generate(try ReporterTests.report(.zh)))
    #expect(zh.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
    #expect(zh.contains("结论"))
    let en = HTMLReporter.generate(try ReporterTests.report(.en))
    #expect(en.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(en.contains("Verdict"))
    #expect(!en.contains("结论"))
  }

  @Test func showsTheSummaryChartsTargetsAndProvenance() throws {
    let html = HTMLReporter.generate(try ReporterTests.report(.zh))
    // Summary cards and verdict.
    #expect(html.contains("<div class=\"n\">3</div><div class=\"k\">记录</div>"))
    #expect(html.contains("<p class=\"verdict fail\">"))
    // Three charts, drawn in SVG.
    #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == 3)
    // The aggregate's group is its own district; the record findings of test-2024 fall
    // under the policy's county too, and the REC- finding under no known district.
    #expect(html.contains("<title>舒城县（区县）：错误 1，警告 1，数据不足 1，提示 1</title>"))
    #expect(html.contains("辖区不详（内置记录检查）"))
    // The aggregate targets: the missed one and the notice, marked as such.
    let targets = try #require(section("targets", of: html))
    #expect(targets.contains("未达标"))
    #expect(targets.contains("下一目标"))
    #expect(targets.contains("AH-LA-SC-0003"))
    #expect(!targets.contains("T-OC-PARTY-RATIO"))
    // Every finding is a row of the findings table, in report order.
    let table = try #require(section("findings", of: html))
    #expect(table.components(separatedBy: "<tr class=").count - 1 == ReporterTests.findings.count)
    // Citations with their quoted text; provenance with versions and short hashes.
    #expect(html.contains("title=\"党员比例一般不低于60%\""))
    #expect(html.contains("<q>党员比例一般不低于60%</q>"))
    #expect(html.contains("<td>1.2.0</td>"))
    #expect(html.contains(">000000000000</code>"))
  }

  @Test func emptyReportSaysSoAndPasses() throws {
    var report = try ReporterTests.report(.zh, findings: [])
    // Nothing was checked either: no matrix, so no compliance chart.
    report.matrix = nil
    let html = HTMLReporter.generate(report)
    #expect(html.contains("<p class=\"verdict pass\">"))
    #expect(!html.contains("<svg"))
    #expect(!html.contains("<table id=\"findings-table\""))
  }

  @Test func escapesEverythingOnce() throws {
    var findings = ReporterTests.findings
    findings[0].message = LocalizedText(zh: "<script>alert(1)</script> & \"引号\" 'x'", en: "<script>alert(1)</script>")
    findings[0].subject = .record(id: "<img src=x onerror=alert(1)>")
    findings[0].citation = Citation(document: "doc\" onmouseover=\"x", clause: "<marquee>", text: "a\"b<c>")
    let html = HTMLReporter.generate(try ReporterTests.report(.zh, findings: findings))
    #expect(html.components(separatedBy: "<script").count - 1 == 1, "only the page's own script")
    #expect(!html.contains("<img"))
    #expect(!html.contains("<marquee"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引号&quot; &apos;x&apos;"))
    #expect(html.contains("title=\"a&quot;b&lt;c&gt;\""))
    #expect(!html.contains("&amp;lt;"), "escaped twice")
    // The REC- finding's file has a space and Chinese: kept as text, not mangled.
    #expect(html.contains("舒城县 b.yaml:7:5"))
  }

  @Test func hasNoExternalReference() throws {
    for language in [Language.zh, .en] {
      let html = HTMLReporter.generate(try ReporterTests.report(language))
      for banned in ["http:", "https:", "//", "<link", "src=", "url(", "@import", "<iframe", "<object", "<embed"] {
        if banned == "//" {
          // `//` only as a script comment would be harmless, but there is none.
          #expect(!html.contains("\"//") && !html.contains("'//"), "protocol-relative reference")
        } else {
          #expect(!html.lowercased().contains(banned), "\(banned) in the \(language) page")
        }
      }
      // Links only within the page.
      for part in html.components(separatedBy: "href=\"").dropFirst() { #expect(part.hasPrefix("#")) }
      #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
    }
  }

  /// The page is well-formed XML (stricter than HTML), and libxml2's HTML parser finds
  /// nothing wrong but the HTML5 elements it does not know.
  @Test(.enabled(if: ReporterTests.onPath("xmllint") != nil, "xmllint is not on PATH (apt-get install libxml2-utils)"))
  func isWellFormed() throws {
    let tool = try #require(ReporterTests.onPath("xmllint"))
    var hostile = ReporterTests.findings
    hostile[0].message = LocalizedText(zh: "控制字符\u{1}\u{B}\u{FFFE}与\r\n换行\t<script>&amp;", en: "controls\u{1}\u{1B}")
    for language in [Language.zh, .en] {
      for findings in [ReporterTests.findings, [], hostile] {
        let html = HTMLReporter.generate(try ReporterTests.report(language, findings: findings))
        let file = try ReporterTests.temporaryFile("report.html", html)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let (xmlStatus, xmlOutput) = try ReporterTests.validate(tool, ["--noout", file.path])
        #expect(xmlStatus == 0, "xmllint (XML, \(language), \(findings.count) findings): \(xmlOutput)")
        let (status, output) = try ReporterTests.validate(tool, ["--html", "--noout", file.path])
        #expect(status == 0, "xmllint --html: \(output)")
        // Each complaint is `FILE:LINE: HTML parser error : MESSAGE`; "Tag svg invalid" and
        // the like only say libxml2 knows HTML 4.
        let complaints = output.split(separator: "\n").filter { $0.contains("parser error :") && !$0.hasSuffix(" invalid") }
        #expect(complaints.isEmpty, "xmllint --html (\(language)): \(complaints)")
      }
    }
  }

  @Test func chartGeometryIsStable() {
    #expect(HTMLCharts.number(12.0) == "12")
    #expect(HTMLCharts.number(12.25) == "12.3")
    #expect(HTMLCharts.number(0.04) == "0")
    #expect(HTMLCharts.fit("SC-PARTY-BRANCH-COVERAGE", 80).hasSuffix("…"))
    #expect(HTMLCharts.fit("舒城县", 80) == "舒城县")
    // Past the limit the rest are summed into one last bar.
    let bars = (0..<30).map { HTMLCharts.Bar(key: "R\($0)", label: "R\($0)", detail: "R\($0)", counts: [.error: 1]) }
    let svg = HTMLCharts.stackedBars(bars, title: "t", language: .en, size: .half, limit: 20)
    #expect(svg.components(separatedBy: "<g>").count - 1 == 20)
    #expect(svg.contains(">11 more</text>"))
  }

  /// The `<section id="ID">` of the page, up to its end.
  func section(_ id: String, of html: String) -> String? {
    guard let start = html.range(of: "<section id=\"\(id)\">") else { return nil }
    guard let end = html[start.upperBound...].range(of: "</section>") else { return nil }
    return String(html[start.lowerBound..<end.upperBound])
  }
}
