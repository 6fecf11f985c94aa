import Records

/// Evaluates conditions on one record at one as-of date.
public struct ExpressionEvaluator {
  public enum Value {
    case number(Double), string(String), bool(Bool), date(CalendarDate), strings([String]), object
    case literals([Literal])
    case absent(String)
  }

  public let record: Record
  public let asOf: CalendarDate

  public init(record: Record, asOf: CalendarDate) {
    self.record = record
    self.asOf = asOf
  }

  public func truth(_ e: Expression) -> Truth {
    switch e {
    case .and(let a, let b): return Truth.and(truth(a)) { truth(b) }
    case .or(let a, let b): return Truth.or(truth(a)) { truth(b) }
    case .not(let inner): return truth(inner).negated
    case .compare(let a, let op, let b): return compare(value(a), op, value(b))
    case .member(let a, let b): return member(value(a), value(b))
    default:
      switch value(e) {
      case .bool(let v): return v ? .yes : .no
      case .absent(let path): return .unknown(missing: path)
      default: return .no
      }
    }
  }

  public func value(_ e: Expression) -> Value {
    switch e {
    case .literal(let l):
      switch l {
      case .number(let d): return .number(d)
      case .string(let s): return .string(s)
      case .bool(let b): return .bool(b)
      case .date(let d): return .date(d)
      }
    case .list(let items): return .literals(items)
    case .path(let path, _): return fieldValue(path)
    case .call(let function, let args, _): return call(function, args)
    case .not, .and, .or, .compare, .member:
      switch truth(e) {
      case .yes: return .bool(true)
      case .no: return .bool(false)
      case .unknown(let m): return .absent(m)
      }
    }
  }

  func fieldValue(_ path: String) -> Value {
    switch path {
    case "campaigns": return .strings(record.campaigns)
    // A list of types is known only when every type is reported (rules.md, absent data).
    case "events":
      return record.unreportedEventTypes(RecordSchema.eventTypes).isEmpty ? .strings(record.events.map(\.type)) : .absent("events")
    case "awards": return .strings(record.awards.compactMap(\.title))
    default: break
    }
    guard let field = record.fields[path] else { return .absent(path) }
    switch field.value {
    case .string(let s): return .string(s)
    case .integer(let i): return .number(Double(i))
    case .number(let d): return .number(d)
    case .boolean(let b): return .bool(b)
    case .date(let d): return .date(d)
    case .object: return .object
    }
  }

  private func call(_ function: Expression.Function, _ args: [Expression]) -> Value {
    switch function {
    case .present, .absent:
      guard case .path(let path, _)? = args.first else { return .bool(false) }
      // An event held is present whatever else is unreported; none held is known only
      // when every type could have been.
      if path == "events", record.events.isEmpty, !record.unreportedEventTypes(RecordSchema.eventTypes).isEmpty {
        return .absent("events")
      }
      let isPresent: Bool =
        switch path {
        case "events": !record.events.isEmpty
        case "campaigns": !record.campaigns.isEmpty
        case "awards": !record.awards.isEmpty
        default: record.fields[path] != nil
        }
      return .bool(function == .present ? isPresent : !isPresent)
    case .countEvents:
      guard case .literal(.string(let text))? = args.first, let window = TrailingWindow(text) else { return .number(0) }
      var types = Set<String>()
      for case .literal(.string(let t)) in args.dropFirst() { types.insert(t) }
      if !record.unreportedEventTypes(types).isEmpty { return .absent("events") }
      let start = window.start(endingOn: asOf)
      return .number(Double(record.events.filter { types.contains($0.type) && $0.date >= start && $0.date <= asOf }.count))
    case .feeCollectionRate:
      switch FeeCollection.rate(of: record, asOf: asOf) {
      case .rate(let r, _, _, _): return .number(r)
      case .missing(let path): return .absent(path)
      }
    case .hasAward:
      guard args.count >= 2, case .literal(.string(let level)) = args[0], case .literal(.string(let title)) = args[1] else {
        return .bool(false)
      }
      var year: Int?
      if args.count == 3, case .literal(.number(let y)) = args[2] { year = Int(y) }
      return .bool(record.awards.contains { $0.level == level && $0.title == title && (year == nil || $0.year == year) })
    case .year:
      guard let arg = args.first else { return .absent("year") }
      switch value(arg) {
      case .date(let d): return .number(Double(d.year))
      case .absent(let path): return .absent(path)
      default: return .absent("year")
      }
    }
  }

  private func compare(_ a: Value, _ op: Comparison, _ b: Value) -> Truth {
    if case .absent(let p) = a { return .unknown(missing: p) }
    if case .absent(let p) = b { return .unknown(missing: p) }
    let order: Int?
    switch (a, b) {
    case (.number(let x), .number(let y)): order = x < y ? -1 : x > y ? 1 : 0
    case (.date(let x), .date(let y)): order = x < y ? -1 : x > y ? 1 : 0
    case (.string(let x), .string(let y)): order = x == y ? 0 : (x < y ? -1 : 1)
    case (.bool(let x), .bool(let y)): order = x == y ? 0 : 1
    default: order = nil
    }
    guard let order else { return op == .notEqual ? .yes : .no }
    let holds: Bool =
      switch op {
      case .equal: order == 0
      case .notEqual: order != 0
      case .less: order < 0
      case .lessOrEqual: order <= 0
      case .greater: order > 0
      case .greaterOrEqual: order >= 0
      }
    return holds ? .yes : .no
  }

  private func member(_ a: Value, _ b: Value) -> Truth {
    if case .absent(let p) = a { return .unknown(missing: p) }
    if case .absent(let p) = b { return .unknown(missing: p) }  // `'fire_drill' in events` of a sheet without events
    switch (a, b) {
    case (.string(let s), .strings(let list)): return list.contains(s) ? .yes : .no
    case (_, .literals(let items)):
      for item in items where compare(a, .equal, value(.literal(item))) == .yes { return .yes }
      return .no
    default: return .no
    }
  }
}

/// The fee collection rate of rules.md: collected ÷ due for the latest year ≤ the as-of
/// year that has both numbers and due > 0.
enum FeeCollection {
  enum Result {
    case rate(Double, year: Int, collected: Double, due: Double)
    case missing(String)
  }

  static func rate(of record: Record, asOf: CalendarDate) -> Result {
    let years = record.feeYears.filter { $0 <= asOf.year }
    for year in years {
      if let due = record.fields["fees.\(year).due"]?.value.number, due > 0,
        let collected = record.fields["fees.\(year).collected"]?.value.number
      {
        return .rate(collected / due, year: year, collected: collected, due: due)
      }
    }
    if let year = years.first {
      return .missing(record.fields["fees.\(year).due"] == nil ? "fees.\(year).due" : "fees.\(year).collected")
    }
    return .missing("fees.\(asOf.year).collected")
  }
}
