import Records
import YAMLSource

/// A literal in a condition.
public enum Literal: Sendable, Hashable, CustomStringConvertible {
  case number(Double)
  case string(String)
  case bool(Bool)
  case date(CalendarDate)

  public var description: String {
    switch self {
    case .number(let d): NumberFormat.plain(d)
    case .string(let s): "'\(s)'"
    case .bool(let b): b ? "true" : "false"
    case .date(let d): d.description
    }
  }
}

public enum Comparison: String, Sendable, Hashable {
  case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// A parsed condition: safe by construction (no loops, no I/O, no user functions).
public indirect enum Expression: Sendable {
  case literal(Literal)
  case path(String, SourceRange)
  case list([Literal])
  case call(Function, [Expression], SourceRange)
  case not(Expression)
  case and(Expression, Expression)
  case or(Expression, Expression)
  case compare(Expression, Comparison, Expression)
  case member(Expression, Expression)

  /// The built-in functions of the language.
  public enum Function: String, Sendable, CaseIterable {
    case present, absent
    case countEvents = "count_events"
    case feeCollectionRate = "fee_collection_rate"
    case hasAward = "has_award"
    /// The year of a date, as a number, so that a date can be compared with a year field
    /// (`year(property_service.since) > built_year`).
    case year
  }

  /// Field paths the expression reads (for `explain` and lint).
  public var paths: [String] {
    switch self {
    case .literal, .list: []
    case .path(let p, _): [p]
    case .call(let f, let args, _):
      (f == .countEvents ? ["events"] : f == .feeCollectionRate ? ["fees"] : f == .hasAward ? ["awards"] : [])
        + args.flatMap(\.paths)
    case .not(let e): e.paths
    case .and(let a, let b), .or(let a, let b), .compare(let a, _, let b), .member(let a, let b): a.paths + b.paths
    }
  }
}

/// A condition with its source text, as the policy wrote it.
public struct Condition: Sendable {
  public var source: String
  public var expression: Expression
  public var range: SourceRange

  public init(source: String, expression: Expression, range: SourceRange) {
    self.source = source
    self.expression = expression
    self.range = range
  }
}
