import Policies
import Records
import YAMLSource

// The spill form of the rules decided at the end of a run (see `SpillQueue`).

extension PendingRule: SpillCodable {
  public func encode(to out: inout SpillWriter) {
    out.int(policy)
    out.int(index)
    out.int(sequence)
    out.string(record)
    out.optional(place.name) { $0.string($1) }
    out.optional(place.street) { $0.string($1) }
    out.optional(place.neighborhood) { $0.string($1) }
    out.string(origin.file)
    out.int(origin.index)
    origin.range.encode(to: &out)
    applies.encode(to: &out)
    out.array(state) { $0.byte($1) }
    out.array(known) { out, pair in
      out.string(pair.rule)
      out.byte(pair.outcome.spillCode)
    }
  }

  public static func decode(from input: inout SpillReader) -> PendingRule? {
    guard let policy = input.int(), let index = input.int(), let sequence = input.int(), let record = input.string(),
      let name = input.optional({ $0.string() }),
      let street = input.optional({ $0.string() }), let neighborhood = input.optional({ $0.string() }),
      let file = input.string(), let originIndex = input.int(), let range = SourceRange.decode(from: &input),
      let applies = Truth.decode(from: &input), let state = input.array({ $0.byte() }),
      let known = input.array({ r -> (rule: String, outcome: Outcome)? in
        guard let rule = r.string(), let outcome = Outcome(spillCode: r.byte()) else { return nil }
        return (rule, outcome)
      })
    else { return nil }
    var pending = PendingRule(
      policy: policy, index: index, record: record,
      place: RecordPlace(name: name, street: street, neighborhood: neighborhood),
      origin: RecordOrigin(file: file, index: originIndex, range: range),
      applies: applies, state: state)
    pending.sequence = sequence
    pending.known = known
    return pending
  }
}
