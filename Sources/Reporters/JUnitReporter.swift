import Engine
import Policies
import Records

/// `--format junit`: JUnit XML for CI test views. One `<testsuite>` per policy (and one
/// named `records` for the built-in `REC-` checks), one `<testcase>` per rule × subject
/// that has findings. Errors and warnings that fail or lack data are a `<failure>`;
/// notices go to the suite's `<system-out>` and leave their testcase passing.
///
/// The output validates against both the Jenkins xUnit `junit-10.xsd` and the strict Ant
/// schema (windyroad `JUnit.xsd`): no attributes on `<testsuites>`; every suite has
/// `package`, `id`, `name`, `timestamp`, `hostname`, the counts, `time`, `<properties>`,
/// `<system-out>` and `<system-err>`; at most one `<failure>` per testcase. Nothing is
/// timed, so `time` is 0 and the timestamp is the as-of date (else the epoch): the same
/// input gives the same bytes.
public enum JUnitReporter: Reporter {
  public static let identifier = "junit"
  public static let description = "JUnit XML（CI 测试报告）/ JUnit XML for CI test reports"
  public static let fileExtension = "junit.xml"

  static let recordsSuite = "records"

  private struct Case {
    var rule: String
    var subject: String
    var findings: [Finding] = []
  }

  private struct Suite {
    var name: String
    var policy: Policy?
    var cases: [Case] = []
  }

  public static func generate(_ report: RunReport) -> String {
    let language = report.language
    var suites: [Suite] = report.policies.map { Suite(name: $0.id, policy: $0) }
    for f in report.placed {
      let name = f.policy ?? recordsSuite
      if name != recordsSuite, !suites.contains(where: { $0.name == name }) { suites.append(Suite(name: name)) }
    }
    if !suites.contains(where: { $0.name == recordsSuite }) { suites.append(Suite(name: recordsSuite)) }
    // Suites and cases are found by key, not searched: one pass over the findings.
    var suiteIndex: [String: Int] = [:]
    for (i, suite) in suites.enumerated() where suiteIndex[suite.name] == nil { suiteIndex[suite.name] = i }
    var caseIndex: [String: Int] = [:]
    for f in report.placed {
      let name = f.policy ?? recordsSuite
      guard let s = suiteIndex[name] else { continue }
      let key = "\(s)\u{1F}\(f.rule)\u{1F}\(f.subject.key)"
      if let c = caseIndex[key] {
        suites[s].cases[c].findings.append(f)
      } else {
        caseIndex[key] = suites[s].cases.count
        suites[s].cases.append(Case(rule: f.rule, subject: f.subject.key, findings: [f]))
      }
    }

    let timestamp = (report.asOf?.description ?? "1970-01-01") + "T00:00:00"
    func attr(_ s: String) -> String { XMLEscaping.escape(s, attribute: true) }
    func text(_ s: String) -> String { XMLEscaping.escape(s) }

    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
    for (id, suite) in suites.enumerated() {
      let failing = suite.cases.filter { !$0.findings.filter(isFailure).isEmpty }.count
      let undecided = suite.cases.filter { c in c.findings.allSatisfy { !isFailure($0) } && c.findings.contains(where: isUndecided) }.count
      out += "  <testsuite package=\"\(attr(suite.name))\" id=\"\(id)\" name=\"\(attr(suite.name))\""
      out += " timestamp=\"\(timestamp)\" hostname=\"localhost\" tests=\"\(suite.cases.count)\""
      out += " failures=\"\(failing)\" errors=\"0\" skipped=\"\(undecided)\" time=\"0\">\n"

      var properties: [(String, String)] = []
      if let p = suite.policy {
        properties += [
          ("policy.id", p.id), ("policy.version", p.version), ("policy.title", p.title.text(language)),
          ("policy.source", p.source), ("policy.sha256", p.contentHash),
        ]
        if let number = p.document.number { properties.append(("policy.document", number)) }
      }
      properties.append(("as_of", report.asOf?.description ?? ""))
      properties.append(("language", language.rawValue))
      properties.append(("tool", "\(RunReport.toolName) \(RunReport.toolVersion)"))
      out += "    <properties>\n"
      for (name, value) in properties {
        out += "      <property name=\"\(attr(name))\" value=\"\(attr(value))\"/>\n"
      }
      out += "    </properties>\n"

      var notices: [String] = []
      for c in suite.cases {
        let name = "\(c.rule) \(c.subject)"
        out += "    <testcase classname=\"\(attr(suite.name))\" name=\"\(attr(name))\" time=\"0\""
        let failures = c.findings.filter(isFailure)
        for f in c.findings where !isFailure(f) && !isUndecided(f) {
          notices.append(FindingText.details(f, language).joined(separator: "\n"))
        }
        let undecided = c.findings.filter(isUndecided)
        guard let first = failures.first else {
          // Missing data is neither a pass nor a failure: the case is skipped, saying why.
          if let missing = undecided.first {
            var message = missing.message.text(language)
            if undecided.count > 1 {
              message += language == .zh ? "（另有 \(undecided.count - 1) 项）" : " (and \(undecided.count - 1) more)"
            }
            out += ">\n      <skipped message=\"\(attr((language == .zh ? "数据不足：" : "insufficient data: ") + message))\"/>\n"
            out += "    </testcase>\n"
          } else {
            out += "/>\n"
          }
          continue
        }
        var message = first.message.text(language)
        if failures.count > 1 {
          message += language == .zh ? "（另有 \(failures.count - 1) 项）" : " (and \(failures.count - 1) more)"
        }
        let body = (failures + undecided).map { FindingText.details($0, language).joined(separator: "\n") }.joined(separator: "\n\n")
        out += ">\n      <failure message=\"\(attr(message))\" type=\"\(attr(c.rule))\">\(text(body))</failure>\n"
        out += "    </testcase>\n"
      }
      out += notices.isEmpty ? "    <system-out/>\n" : "    <system-out>\(text(notices.joined(separator: "\n\n")))</system-out>\n"
      out += "    <system-err/>\n"
      out += "  </testsuite>\n"
    }
    out += "</testsuites>\n"
    return out
  }

  /// A failure is an error or warning that failed; everything else (notices, info) is
  /// only reported.
  static func isFailure(_ f: Finding) -> Bool {
    f.severity != .info && f.outcome == .fail
  }

  /// An error or warning that could not be decided for missing data: a `<skipped>` case
  /// (with the reason), never a `<failure>`, unless the same case also failed.
  static func isUndecided(_ f: Finding) -> Bool {
    f.severity != .info && f.outcome == .insufficient
  }
}
