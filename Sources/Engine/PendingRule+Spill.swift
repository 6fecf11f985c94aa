import Records
import YAMLSource

// The spill form of the rules decided at the end of a run (see `SpillQueue`).

extension PendingRule: SpillCodable where State: SpillCodable {
  func encode(to out: inout SpillWriter) {
    out.int(policy)
    out.int(index)
    out.int(sequence)
    out.string(record)
    out.string(origin.file)
    out.int(origin.index)
    origin.range.encode(to: &out)
    applies.encode(to: &out)
    state.encode(to: &out)
  }

  static func decode(from input: inout SpillReader) -> PendingRule? {
    guard let policy = input.int(), let index = input.int(), let sequence = input.int(), let record = input.string(),
      let file = input.string(), let originIndex = input.int(), let range = SourceRange.decode(from: &input),
      let applies = Truth.decode(from: &input), let state = State.decode(from: &input)
    else { return nil }
    var pending = PendingRule(
      policy: policy, index: index, record: record, origin: RecordOrigin(file: file, index: originIndex, range: range),
      applies: applies, state: state)
    pending.sequence = sequence
    return pending
  }
}

extension Truth {
  func encode(to out: inout SpillWriter) {
    switch self {
    case .yes: out.byte(0)
    case .no: out.byte(1)
    case .unknown(let missing):
      out.byte(2)
      out.string(missing)
    }
  }

  static func decode(from input: inout SpillReader) -> Truth? {
    switch input.byte() {
    case 0: return .yes
    case 1: return .no
    case 2: return input.string().map { .unknown(missing: $0) }
    default: return nil
    }
  }
}

extension PercentileCandidate: SpillCodable {
  func encode(to out: inout SpillWriter) {
    out.array(values) { out, v in out.optional(v) { $0.double($1) } }
    out.array(fallbacks) { out, v in out.optional(v) { $0.double($1) } }
    out.string(cityKey)
  }

  static func decode(from input: inout SpillReader) -> PercentileCandidate? {
    guard let values = input.array({ $0.optional { $0.double() } }),
      let fallbacks = input.array({ $0.optional { $0.double() } }), let cityKey = input.string()
    else { return nil }
    return PercentileCandidate(values: values, fallbacks: fallbacks, cityKey: cityKey)
  }
}

extension PendingScore: SpillCodable {
  func encode(to out: inout SpillWriter) {
    out.array(items) { out, item in
      switch item {
      case .earned: out.byte(0)
      case .notEarned: out.byte(1)
      case .noEvidence(let field):
        out.byte(2)
        out.string(field)
      case .dependsOn(let rule):
        out.byte(3)
        out.string(rule)
      }
    }
    out.array(known) { out, pair in
      out.string(pair.rule)
      out.byte(pair.outcome.spillCode)
    }
  }

  static func decode(from input: inout SpillReader) -> PendingScore? {
    guard
      let items = input.array({ r -> ItemState? in
        switch r.byte() {
        case 0: return .earned
        case 1: return .notEarned
        case 2: return r.string().map { .noEvidence($0) }
        case 3: return r.string().map { .dependsOn($0) }
        default: return nil
        }
      }),
      let known = input.array({ r -> (rule: String, outcome: Outcome)? in
        guard let rule = r.string(), let outcome = Outcome(spillCode: r.byte()) else { return nil }
        return (rule, outcome)
      })
    else { return nil }
    return PendingScore(items: items, known: known)
  }
}
