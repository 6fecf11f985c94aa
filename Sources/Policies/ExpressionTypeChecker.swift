import Records
import YAMLSource

/// Checks a condition against the record format when the policy loads: every path
/// exists, comparisons compare like with like, enum literals are among the enum's values.
public enum ExpressionTypeChecker {
  public enum ValueType: Equatable, CustomStringConvertible {
    case number, string, boolean, date, list, object
    case enumeration([String])
    case literalList([Literal])

    public var description: String {
      switch self {
      case .number: "number"
      case .string, .enumeration: "string"
      case .boolean: "boolean"
      case .date: "date"
      case .list, .literalList: "list"
      case .object: "mapping"
      }
    }

    var isStringLike: Bool {
      switch self {
      case .string, .enumeration: true
      default: false
      }
    }
  }

  /// Checks a whole condition, which must be boolean.
  public static func checkCondition(_ expression: Expression, at range: SourceRange) -> [ExpressionError] {
    var errors: [ExpressionError] = []
    let type = check(expression, range: range, &errors)
    if errors.isEmpty, let type, type != .boolean {
      errors.append(
        ExpressionError(
          message: LocalizedText(zh: "条件的结果应为布尔值，实际为 \(type)", en: "a condition must be boolean, this is a \(type)"),
          range: range))
    }
    return errors
  }

  static func type(of spec: FieldSpec) -> ValueType {
    switch spec.type {
    case .string: .string
    case .integer, .number: .number
    case .boolean: .boolean
    case .date: .date
    case .enumeration(let values): .enumeration(values)
    case .object: .object
    case .events, .awards, .strings: .list
    }
  }

  private static func check(_ e: Expression, range: SourceRange, _ errors: inout [ExpressionError]) -> ValueType? {
    func fail(_ zh: String, _ en: String, _ r: SourceRange = range) -> ValueType? {
      errors.append(ExpressionError(message: LocalizedText(zh: zh, en: en), range: r))
      return nil
    }
    switch e {
    case .literal(let l):
      switch l {
      case .number: return .number
      case .string: return .string
      case .bool: return .boolean
      case .date: return .date
      }
    case .list(let items): return .literalList(items)
    case .path(let path, let r):
      guard let spec = RecordSchema.spec(for: path) else {
        let candidates = RecordSchema.fields.map(\.path).filter { !$0.contains("*") }
        let hint = Suggestions.closest(to: path, in: candidates)
        return fail(
          "记录格式中没有字段 \(path)" + (hint.map { "，是否应为 \($0)？" } ?? ""),
          "the record format has no field \(path)" + (hint.map { "; did you mean \($0)?" } ?? ""), r)
      }
      return type(of: spec)
    case .not(let inner):
      let t = check(inner, range: range, &errors)
      if let t, t != .boolean { return fail("not 的操作数应为布尔值", "not needs a boolean, found \(t)") }
      return .boolean
    case .and(let a, let b), .or(let a, let b):
      for side in [a, b] {
        if let t = check(side, range: range, &errors), t != .boolean {
          return fail("and/or 的操作数应为布尔值，实际为 \(t)", "and/or need booleans, found \(t)")
        }
      }
      return .boolean
    case .compare(let a, let op, let b):
      guard let ta = check(a, range: range, &errors), let tb = check(b, range: range, &errors) else { return .boolean }
      if case .enumeration(let values) = ta, case .literal(.string(let s)) = b, !values.contains(s) {
        return fail(
          "\(s) 不是该字段的取值（\(values.joined(separator: ", "))）", "'\(s)' is not one of \(values.joined(separator: ", "))")
      }
      if case .enumeration(let values) = tb, case .literal(.string(let s)) = a, !values.contains(s) {
        return fail("\(s) 不是该字段的取值", "'\(s)' is not one of \(values.joined(separator: ", "))")
      }
      let comparable = (ta.isStringLike && tb.isStringLike) || ta == tb
      guard comparable, ta != .list, ta != .object else {
        return fail("无法比较 \(ta) 与 \(tb)", "cannot compare a \(ta) with a \(tb)")
      }
      if (op != .equal && op != .notEqual) && (ta == .boolean || ta.isStringLike) {
        return fail("\(ta) 只能用 = 或 != 比较", "a \(ta) can only be compared with = or !=")
      }
      return .boolean
    case .member(let a, let b):
      let ta = check(a, range: range, &errors)
      let tb = check(b, range: range, &errors)
      switch tb {
      case .literalList(let items)?:
        if case .enumeration(let values)? = ta {
          for case .string(let s) in items where !values.contains(s) {
            return fail("\(s) 不是该字段的取值", "'\(s)' is not one of \(values.joined(separator: ", "))")
          }
        }
      case .list?:
        if case .path(let p, _) = b, p != "campaigns" {
          return fail("in 右侧的列表字段只能是 campaigns", "only campaigns can be searched with in; use count_events or has_award")
        }
      case nil: break
      default: return fail("in 的右侧应为列表", "in needs a list on its right")
      }
      return .boolean
    case .call(let function, let args, let r):
      switch function {
      case .present, .absent:
        guard args.count == 1, case .path(let p, let pr) = args[0] else {
          return fail("\(function.rawValue)() 需要一个字段路径", "\(function.rawValue)() takes one field path", r)
        }
        if RecordSchema.spec(for: p) == nil { _ = check(args[0], range: pr, &errors) }
        return .boolean
      case .feeCollectionRate:
        if !args.isEmpty { return fail("fee_collection_rate() 不带参数", "fee_collection_rate() takes no arguments", r) }
        return .number
      case .countEvents:
        guard args.count >= 2, case .literal(.string(let window)) = args[0] else {
          return fail(
            "count_events 的用法：count_events('1y', '事件类型', ...)", "use count_events('1y', 'event_type', ...)", r)
        }
        if TrailingWindow(window) == nil {
          return fail("无法识别的时间窗口 \(window)（例如 '1y'、'6m'、'30d'）", "unknown window '\(window)' (e.g. '1y', '6m', '30d')", r)
        }
        for arg in args.dropFirst() {
          guard case .literal(.string(let type)) = arg, RecordSchema.eventTypes.contains(type) else {
            let text = if case .literal(.string(let t)) = arg { t } else { "?" }
            let hint = Suggestions.closest(to: text, in: RecordSchema.eventTypes)
            return fail(
              "未知事件类型 \(text)" + (hint.map { "，是否应为 \($0)？" } ?? ""),
              "unknown event type '\(text)'" + (hint.map { "; did you mean \($0)?" } ?? ""), r)
          }
        }
        return .number
      case .hasAward:
        guard (2...3).contains(args.count), case .literal(.string(let level)) = args[0],
          case .literal(.string) = args[1]
        else {
          return fail("has_award 的用法：has_award('级别', '称号'[, 年份])", "use has_award('level', 'title'[, year])", r)
        }
        if !RecordSchema.awardLevels.contains(level) {
          return fail("未知荣誉级别 \(level)", "unknown award level '\(level)' (city, province, national)", r)
        }
        if args.count == 3, case .literal(.number) = args[2] {
        } else if args.count == 3 {
          return fail("has_award 的年份应为数字", "has_award's year must be a number", r)
        }
        return .boolean
      case .year:
        guard args.count == 1 else { return fail("year() 需要一个日期字段", "year() takes one date field", r) }
        if let t = check(args[0], range: range, &errors), t != .date {
          return fail("year() 需要一个日期，实际为 \(t)", "year() takes a date, found \(t)", r)
        }
        return .number
      }
    }
  }
}

/// A trailing window written `1y`, `2y`, `6m`, `30d`.
public struct TrailingWindow: Sendable, Hashable, CustomStringConvertible {
  public enum Unit: String, Sendable { case years = "y", months = "m", days = "d" }
  public let amount: Int
  public let unit: Unit

  public init?(_ text: String) {
    guard let last = text.last, let unit = Unit(rawValue: String(last)), let amount = Int(text.dropLast()), amount > 0,
      amount <= 100_000
    else { return nil }
    self.amount = amount
    self.unit = unit
  }

  /// The first day inside the window ending on `end`: `(end − window, end]`.
  public func start(endingOn end: CalendarDate) -> CalendarDate {
    switch unit {
    case .years: end.adding(months: -12 * amount).adding(days: 1)
    case .months: end.adding(months: -amount).adding(days: 1)
    case .days: end.adding(days: -amount + 1)
    }
  }

  public var description: String { "\(amount)\(unit.rawValue)" }

  public var chinese: String {
    switch unit {
    case .years: "近\(amount)年"
    case .months: "近\(amount)个月"
    case .days: "近\(amount)天"
    }
  }
}
