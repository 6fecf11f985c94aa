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
    out.string(subject.key)
    out.byte(subject.kindCode)
    out.optional(place) { out, p in
      out.optional(p.name) { $0.string($1) }
      out.optional(p.street) { $0.string($1) }
      out.optional(p.neighborhood) { $0.string($1) }
    }
    out.string(file)
    range.encode(to: &out)
    message.encode(to: &out)
    out.optional(expected) { out, e in
      out.byte(e.relation.code)
      e.value.encode(to: &out)
    }
    out.optional(actual) { $1.encode(to: &$0) }
    out.optional(missing) { $0.string($1) }
    out.optional(citation) { out, c in
      out.string(c.document)
      out.string(c.clause)
      out.optional(c.text) { $0.string($1) }
    }
    out.optional(fix) { $1.encode(to: &$0) }
    out.optional(deadline) { $0.string($1.description) }
    out.optional(period) { $0.string($1) }
    out.optional(gap) { $0.int($1) }
    out.optional(failingRecords) { $0.array($1) { $0.string($1) } }
    out.optional(undeterminedRecords) { $0.array($1) { $0.string($1) } }
    out.optional(score) { $0.double($1) }
    out.array(notes) { out, note in
      note.message.encode(to: &out)
      out.optional(note.file) { $0.string($1) }
      out.optional(note.range) { $1.encode(to: &$0) }
    }
    out.array(notCounted) { out, n in
      out.string(n.id)
      out.string(n.reason.rawValue)
      out.optional(n.missing) { $0.string($1) }
      out.string(n.file)
      out.int(n.line)
    }
    out.optional(gapIfAllMet) { $0.int($1) }
    out.optional(gapIfNoneMet) { $0.int($1) }
  }

  public static func decode(from input: inout SpillReader) -> Finding? {
    guard let rule = input.string(), let policy = input.optional({ $0.string() }),
      let severity = Self.severity(input.byte()), let outcome = Outcome(spillCode: input.byte()),
      let key = input.string(), let kind = input.byte(),
      let place = input.optional({ r -> RecordPlace? in
        guard let name = r.optional({ $0.string() }), let street = r.optional({ $0.string() }),
          let neighborhood = r.optional({ $0.string() })
        else { return nil }
        return RecordPlace(name: name, street: street, neighborhood: neighborhood)
      }),
      let file = input.string(), let range = SourceRange.decode(from: &input),
      let message = LocalizedText.decode(from: &input),
      let expected = input.optional({ r -> Expected? in
        guard let relation = Expected.Relation(code: r.byte()), let value = Quantity.decode(from: &r) else { return nil }
        return Expected(relation, value)
      }),
      let actual = input.optional({ Quantity.decode(from: &$0) }), let missing = input.optional({ $0.string() }),
      let citation = input.optional({ r -> Citation? in
        guard let d = r.string(), let c = r.string(), let t = r.optional({ $0.string() }) else { return nil }
        return Citation(document: d, clause: c, text: t)
      }),
      let fix = input.optional({ LocalizedText.decode(from: &$0) }),
      let deadline = input.optional({ $0.string().flatMap { CalendarDate($0) } }),
      let period = input.optional({ $0.string() }), let gap = input.optional({ $0.int() }),
      let failing = input.optional({ $0.array { $0.string() } }),
      let undetermined = input.optional({ $0.array { $0.string() } }), let score = input.optional({ $0.double() }),
      let notes = input.array({ r -> Note? in
        guard let message = LocalizedText.decode(from: &r), let file = r.optional({ $0.string() }),
          let range = r.optional({ SourceRange.decode(from: &$0) })
        else { return nil }
        return Note(message, file: file, range: range)
      }),
      let notCounted = input.array({ r -> NotCounted? in
        guard let id = r.string(), let reason = r.string().flatMap(NotCounted.Reason.init(rawValue:)),
          let missing = r.optional({ $0.string() }), let file = r.string(), let line = r.int()
        else { return nil }
        return NotCounted(id: id, reason: reason, missing: missing, file: file, line: line)
      }),
      let gapIfAllMet = input.optional({ $0.int() }), let gapIfNoneMet = input.optional({ $0.int() })
    else { return nil }
    return Finding(
      rule: rule, policy: policy, severity: severity, outcome: outcome, subject: Subject(key: key, kind: kind),
      place: place, file: file, range: range,
      message: message, expected: expected, actual: actual, missing: missing, citation: citation, fix: fix,
      deadline: deadline, period: period, gap: gap, failingRecords: failing, undeterminedRecords: undetermined,
      score: score, notes: notes, notCounted: notCounted, gapIfAllMet: gapIfAllMet, gapIfNoneMet: gapIfNoneMet)
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

extension Expected.Relation {
  var code: UInt8 {
    switch self {
    case .atLeast: 0
    case .atMost: 1
    case .equal: 2
    case .stated: 3
    }
  }

  init?(code: UInt8?) {
    switch code {
    case 0: self = .atLeast
    case 1: self = .atMost
    case 2: self = .equal
    case 3: self = .stated
    default: return nil
    }
  }
}

extension Quantity {
  func encode(to out: inout SpillWriter) {
    switch self {
    case .share(let part, let whole):
      out.byte(0)
      out.double(part)
      out.double(whole)
    case .count(let n):
      out.byte(1)
      out.int(n)
    case .number(let d):
      out.byte(2)
      out.double(d)
    case .fraction(let f):
      out.byte(3)
      out.int(f.numerator)
      out.int(f.denominator)
      out.byte(f.isPercent ? 1 : 0)
    case .date(let d):
      out.byte(4)
      out.string(d.description)
    case .words(let w):
      out.byte(5)
      w.encode(to: &out)
    case .list(let items):
      out.byte(6)
      out.array(items) { $1.encode(to: &$0) }
    }
  }

  static func decode(from input: inout SpillReader) -> Quantity? {
    switch input.byte() {
    case 0:
      guard let part = input.double(), let whole = input.double() else { return nil }
      return .share(part: part, whole: whole)
    case 1: return input.int().map { .count($0) }
    case 2: return input.double().map { .number($0) }
    case 3:
      guard let n = input.int(), let d = input.int(), let p = input.byte() else { return nil }
      return .fraction(Fraction(n, d, isPercent: p == 1))
    case 4: return input.string().flatMap { CalendarDate($0) }.map { .date($0) }
    case 5: return LocalizedText.decode(from: &input).map { .words($0) }
    case 6: return input.array({ Quantity.decode(from: &$0) }).map { .list($0) }
    default: return nil
    }
  }
}
