import Records
import YAMLSource

/// A located problem in a condition, its column counted inside the policy file.
public struct ExpressionError: Error, Sendable {
  public var message: LocalizedText
  public var range: SourceRange
  /// What to write instead, when the mistake is a common one (`&&` for `and`).
  public var fix: LocalizedText? = nil
}

/// Parses the condition language of docs/policy-language.md by recursive descent. The
/// grammar nests only through parentheses and `not`, bounded by `maxDepth`.
public struct ExpressionParser {
  enum Token: Equatable {
    case name(String), number(String), string(String), date(String), param(String)
    case op(String), lparen, rparen, lbracket, rbracket, comma, end
  }

  private var tokens: [(Token, Int)] = []
  private var position = 0
  private let origin: SourceLocation
  private let parameters: [String: Fraction]
  private var depth = 0
  static let maxDepth = 32
  /// Mistakes of meaning found while parsing (`parseChecked`).
  private var problems: [ExpressionError] = []

  /// `origin` is where the condition's first character sits in the policy file.
  public static func parse(_ text: String, origin: SourceLocation, parameters: [String: Fraction]) throws(ExpressionError)
    -> Expression
  {
    try parseChecked(text, origin: origin, parameters: parameters).expression
  }

  /// The expression and the mistakes of meaning that parse but cannot be what the author
  /// meant: `fee_collection_rate() >= 90` (a rate is at most 100%; 90 is 9000%).
  public static func parseChecked(_ text: String, origin: SourceLocation, parameters: [String: Fraction]) throws(ExpressionError)
    -> (expression: Expression, problems: [ExpressionError])
  {
    var parser = ExpressionParser(origin: origin, parameters: parameters)
    try parser.tokenize(Array(text.unicodeScalars))
    let expression = try parser.parseOr()
    guard parser.peek == .end else {
      if case .name(let word) = parser.peek, let hint = connective(word) {
        throw parser.error(zh: "条件中的 \(word) 无法识别", en: "\(word) is not part of the condition language", fix: hint)
      }
      throw parser.error(zh: "条件在此处多出内容", en: "unexpected text after the condition")
    }
    return (expression, parser.problems)
  }

  /// The fix for a connective from another language: `&&`, `||`, `!`, `且`, `或`, `AND`.
  static func connective(_ word: String) -> LocalizedText? {
    let replacement: String? =
      switch word {
      case "&&", "&", "且", "并且", "和", "AND", "And": "and"
      case "||", "|", "或", "或者", "OR", "Or": "or"
      case "!", "非", "NOT", "Not": "not"
      default: nil
      }
    guard let replacement else { return nil }
    return LocalizedText(
      zh: "条件用 and / or / not 连接：把 \(word) 改为 \(replacement)",
      en: "conditions use and / or / not: write \(replacement) for \(word)")
  }

  private init(origin: SourceLocation, parameters: [String: Fraction]) {
    self.origin = origin
    self.parameters = parameters
  }

  private var peek: Token { tokens[position].0 }

  private func location(_ offset: Int) -> SourceLocation {
    SourceLocation(line: origin.line, column: origin.column + offset)
  }

  private func error(zh: String, en: String, at offset: Int? = nil, fix: LocalizedText? = nil) -> ExpressionError {
    let o = offset ?? tokens[min(position, tokens.count - 1)].1
    return ExpressionError(message: LocalizedText(zh: zh, en: en), range: SourceRange(at: location(o)), fix: fix)
  }

  private mutating func tokenize(_ s: [Unicode.Scalar]) throws(ExpressionError) {
    var i = 0
    func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || (c.isASCII && c.properties.isAlphabetic) }
    func isDigit(_ c: Unicode.Scalar) -> Bool { c.isASCII && c.properties.numericType != nil }
    while i < s.count {
      let c = s[i]
      let start = i
      if c == " " || c == "\t" || c == "\n" || c == "\r" {
        i += 1
        continue
      }
      if isNameStart(c) {
        // A name, or a dotted path whose segments may be years (fees.2023.due).
        while i < s.count,
          isNameStart(s[i]) || isDigit(s[i]) || (s[i] == "." && i + 1 < s.count && (isNameStart(s[i + 1]) || isDigit(s[i + 1])))
        {
          i += 1
        }
        tokens.append((.name(String(String.UnicodeScalarView(s[start..<i]))), start))
      } else if isDigit(c) {
        while i < s.count, isDigit(s[i]) || s[i] == "." || s[i] == "-" { i += 1 }
        var text = String(String.UnicodeScalarView(s[start..<i]))
        if CalendarDate(text) != nil {
          tokens.append((.date(text), start))
          continue
        }
        if text.contains("-") { throw error(zh: "无法识别的数字或日期 \(text)", en: "not a number or date: \(text)", at: start) }
        if i < s.count, s[i] == "%" {
          text += "%"
          i += 1
        }
        tokens.append((.number(text), start))
      } else if c == "'" || c == "\"" {
        i += 1
        var value = String.UnicodeScalarView()
        while i < s.count, s[i] != c {
          value.append(s[i])
          i += 1
        }
        guard i < s.count else { throw error(zh: "字符串缺少结束引号", en: "unterminated string", at: start) }
        i += 1
        tokens.append((.string(String(value)), start))
      } else if c == "$" {
        i += 1
        while i < s.count, isNameStart(s[i]) || isDigit(s[i]) { i += 1 }
        tokens.append((.param(String(String.UnicodeScalarView(s[(start + 1)..<i]))), start))
      } else if c == "(" || c == ")" || c == "[" || c == "]" || c == "," {
        i += 1
        tokens.append((c == "(" ? .lparen : c == ")" ? .rparen : c == "[" ? .lbracket : c == "]" ? .rbracket : .comma, start))
      } else if "=!<>".unicodeScalars.contains(c) {
        i += 1
        if i < s.count, s[i] == "=" { i += 1 }
        var op = String(String.UnicodeScalarView(s[start..<i]))
        if op == "==" { op = "=" }
        guard Comparison(rawValue: op) != nil else {
          throw error(zh: "无法识别的运算符 \(op)", en: "unknown operator \(op)", at: start, fix: Self.connective(op))
        }
        tokens.append((.op(op), start))
      } else if c == "&" || c == "|" {
        i += 1
        if i < s.count, s[i] == c { i += 1 }
        let op = String(String.UnicodeScalarView(s[start..<i]))
        throw error(zh: "无法识别的运算符 \(op)", en: "unknown operator \(op)", at: start, fix: Self.connective(op))
      } else {
        // A Chinese connective (且, 或者) runs until the next space or ASCII character.
        var j = i
        while j < s.count, !s[j].isASCII, s[j] != "\u{3000}" { j += 1 }
        let word = String(String.UnicodeScalarView(s[start..<max(j, i + 1)]))
        let hint = Self.connective(word) ?? Self.connective(String(c))
        throw error(
          zh: "无法识别的字符 \(hint == nil ? String(c) : word)", en: "unexpected character \(hint == nil ? String(c) : word)", at: start,
          fix: hint)
      }
    }
    tokens.append((.end, s.count))
  }

  /// `fee_collection_rate()` is a share: compared with a number over 1 written without
  /// `%` (90 for 90%), or with anything over 100%, the comparison is decided in advance.
  private mutating func checkRate(_ side: Expression, against token: (Token, Int)) {
    guard case .call(.feeCollectionRate, _, _) = side, case .number(let text) = token.0,
      let value = Fraction(parsing: text), let problem = NodeReader.shareProblem(value, what: "fee_collection_rate()")
    else { return }
    problems.append(
      ExpressionError(
        message: problem.message, range: SourceRange(start: location(token.1), end: location(token.1 + text.count)),
        fix: problem.fix))
  }

  private mutating func advance() { position = min(position + 1, tokens.count - 1) }

  private mutating func parseOr() throws(ExpressionError) -> Expression {
    var left = try parseAnd()
    while peek == .name("or") {
      advance()
      left = .or(left, try parseAnd())
    }
    return left
  }

  private mutating func parseAnd() throws(ExpressionError) -> Expression {
    var left = try parseUnary()
    while peek == .name("and") {
      advance()
      left = .and(left, try parseUnary())
    }
    return left
  }

  private mutating func parseUnary() throws(ExpressionError) -> Expression {
    if peek == .name("not") {
      advance()
      depth += 1
      defer { depth -= 1 }
      guard depth <= Self.maxDepth else { throw error(zh: "条件嵌套过深", en: "condition nested too deeply") }
      return .not(try parseUnary())
    }
    return try parseCompare()
  }

  private mutating func parseCompare() throws(ExpressionError) -> Expression {
    let leftToken = tokens[position]
    let left = try parseOperand()
    if case .op(let op) = peek, let comparison = Comparison(rawValue: op) {
      advance()
      let rightToken = tokens[position]
      let right = try parseOperand()
      checkRate(left, against: rightToken)
      checkRate(right, against: leftToken)
      return .compare(left, comparison, right)
    }
    if peek == .name("in") {
      advance()
      return .member(left, try parseOperand())
    }
    return left
  }

  private mutating func parseOperand() throws(ExpressionError) -> Expression {
    let (token, offset) = tokens[position]
    switch token {
    case .lparen:
      advance()
      depth += 1
      defer { depth -= 1 }
      guard depth <= Self.maxDepth else { throw error(zh: "条件嵌套过深", en: "condition nested too deeply") }
      let inner = try parseOr()
      guard peek == .rparen else { throw error(zh: "缺少右括号 )", en: "expected )") }
      advance()
      return inner
    case .lbracket:
      advance()
      var items: [Literal] = []
      while peek != .rbracket {
        guard let literal = try literal(tokens[position].0) else {
          throw error(zh: "列表中只能是字面量", en: "a list holds literals only")
        }
        items.append(literal)
        advance()
        if peek == .comma {
          advance()
        } else if peek != .rbracket {
          throw error(zh: "缺少逗号或右方括号 ]", en: "expected , or ]")
        }
      }
      advance()
      return .list(items)
    case .name(let name):
      advance()
      if ["true", "false"].contains(name) { return .literal(.bool(name == "true")) }
      if ["and", "or", "not", "in"].contains(name) {
        throw error(zh: "此处应为字段、数值或函数，而不是 \(name)", en: "expected a field, value or function, found \(name)", at: offset)
      }
      let range = SourceRange(start: location(offset), end: location(offset + name.unicodeScalars.count))
      if peek == .lparen {
        guard let function = Expression.Function(rawValue: name) else {
          let names = Expression.Function.allCases.map(\.rawValue)
          let hint = Suggestions.closest(to: name, in: names).map { "，是否应为 \($0)？" } ?? ""
          let hintEn = Suggestions.closest(to: name, in: names).map { "; did you mean \($0)?" } ?? ""
          throw error(zh: "未知函数 \(name)\(hint)", en: "unknown function \(name)\(hintEn)", at: offset)
        }
        advance()
        var args: [Expression] = []
        while peek != .rparen {
          args.append(try parseOr())
          if peek == .comma {
            advance()
          } else if peek != .rparen {
            throw error(zh: "缺少逗号或右括号", en: "expected , or )")
          }
        }
        advance()
        return .call(function, args, range)
      }
      return .path(name, range)
    default:
      guard let literal = try literal(token) else {
        throw error(zh: "此处应为字段、数值或函数", en: "expected a field, value or function")
      }
      advance()
      return .literal(literal)
    }
  }

  private func literal(_ token: Token) throws(ExpressionError) -> Literal? {
    switch token {
    case .number(let text):
      guard let f = Fraction(parsing: text) else { throw error(zh: "无法识别的数字 \(text)", en: "not a number: \(text)") }
      return .number(f.double)
    case .string(let s): return .string(s)
    case .date(let d): return CalendarDate(d).map(Literal.date)
    case .param(let name):
      guard let value = parameters[name] else {
        let hint = Suggestions.closest(to: name, in: Array(parameters.keys)).map { "（是否应为 $\($0)？）" } ?? ""
        throw error(zh: "未定义的参数 $\(name)\(hint)", en: "undefined parameter $\(name)")
      }
      return .number(value.double)
    case .name("true"): return .bool(true)
    case .name("false"): return .bool(false)
    default: return nil
    }
  }
}
