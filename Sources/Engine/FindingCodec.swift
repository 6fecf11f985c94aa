import Policies
import Records
import YAMLSource

/// A finding in the spill form, for the sorted runs a large check writes to disk.
extension Finding: SpillCodable {
  public func encode(to out: inout SpillWriter) {
    out.string(rule)
    out.optional(policy) { $0.string($1) }
    out.byte(severityCode)
    out.byte(outcome.spillCode)
    out.string(subject)
    out.string(file)
    range.encode(to: &out)
    message.encode(to: &out)
    out.optional(expected) { $0.string($1) }
    out.optional(actual) { $0.string($1) }
    out.optional(missing) { $0.string($1) }
    out.optional(citation) { out, c in
      out.string(c.document)
      out.string(c.clause)
      out.optional(c.text) { $0.string($1) }
    }
    out.optional(fix) { $1.encode(to: &$0) }
    out.optional(deadline) { $0.string($1) }
    out.optional(period) { $0.string($1) }
    out.optional(gap) { $0.int($1) }
    out.optional(failingRecords) { $0.array($1) { $0.string($1) } }
    out.optional(undeterminedRecords) { $0.array($1) { $0.string($1) } }
    out.optional(score) { $0.double($1) }
    out.array(notes) { $1.encode(to: &$0) }
  }

  public static func decode(from input: inout SpillReader) -> Finding? {
    guard let rule = input.string(), let policy = input.optional({ $0.string() }),
      let severity = Self.severity(input.byte()), let outcome = Outcome(spillCode: input.byte()),
      let subject = input.string(), let file = input.string(), let range = SourceRange.decode(from: &input),
      let message = LocalizedText.decode(from: &input), let expected = input.optional({ $0.string() }),
      let actual = input.optional({ $0.string() }), let missing = input.optional({ $0.string() }),
      let citation = input.optional({ r -> Citation? in
        guard let d = r.string(), let c = r.string(), let t = r.optional({ $0.string() }) else { return nil }
        return Citation(document: d, clause: c, text: t)
      }),
      let fix = input.optional({ LocalizedText.decode(from: &$0) }), let deadline = input.optional({ $0.string() }),
      let period = input.optional({ $0.string() }), let gap = input.optional({ $0.int() }),
      let failing = input.optional({ $0.array { $0.string() } }),
      let undetermined = input.optional({ $0.array { $0.string() } }), let score = input.optional({ $0.double() }),
      let notes = input.array({ LocalizedText.decode(from: &$0) })
    else { return nil }
    return Finding(
      rule: rule, policy: policy, severity: severity, outcome: outcome, subject: subject, file: file, range: range,
      message: message, expected: expected, actual: actual, missing: missing, citation: citation, fix: fix,
      deadline: deadline, period: period, gap: gap, failingRecords: failing, undeterminedRecords: undetermined,
      score: score, notes: notes)
  }

  private var severityCode: UInt8 {
    switch severity {
    case .info: 0
    case .warning: 1
    case .error: 2
    }
  }

  private static func severity(_ code: UInt8?) -> Severity? {
    switch code {
    case 0: .info
    case 1: .warning
    case 2: .error
    default: nil
    }
  }
}
