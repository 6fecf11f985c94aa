import Records

/// A condition that must hold: `mechanisms.coordination = true`.
public struct ConditionCheck: RecordCheckKind {
  public static let name = "condition"
  public static let summary = LocalizedText(
    zh: "条件表达式成立即通过（公共收益公开）",
    en: "passes when a condition holds (public revenue disclosed)")
  public static let examples = KindExamples(
    check: "{kind: condition, condition: public_revenue = true}",
    passing: ["{public_revenue: true}"], failing: ["{public_revenue: false}"])
  public var condition: Condition?

  public init(reading reader: inout NodeReader) {
    condition = reader.condition("condition", required: true)
  }

  public var reads: [String] { condition?.expression.paths ?? [] }

  public var explanation: LocalizedText {
    LocalizedText(zh: "条件成立即通过：\(condition?.source ?? "")", en: "passes when the condition holds: \(condition?.source ?? "")")
  }
}

// MARK: - Evaluation

extension ConditionCheck {
  public func evaluate(_ context: RecordContext) -> CheckResult {
    guard let condition else { return .notApplicable }
    let evaluator = context.evaluator
    switch evaluator.truth(condition.expression) {
    case .yes: return .pass
    case .unknown(let missing): return .insufficient(missing, range: context.record.range(of: missing))
    case .no:
      let paths = condition.expression.paths.filter { context.record.fields[$0] != nil }
      let read = Self.readings(condition.expression, context)
      return .fail(
        Detail(
          range: paths.first.map { context.record.range(of: $0) },
          actual: read.zh.isEmpty ? nil : .words(read),
          expected: .stated(.words(Self.inWords(condition.source)))))
    }
  }

  /// What a failed condition read, as a reader understands it: each field with its value
  /// (under its Chinese term in zh), and what a function computed (`物业费收缴率 85%
  /// (510000/600000)`), in the order the condition reads them. An object field is never
  /// shown as `{…}`: a function stands for what it read of it.
  static func readings(_ e: Expression, _ context: RecordContext) -> LocalizedText {
    var zh: [String] = []
    var en: [String] = []
    func add(_ z: String, _ e: String) {
      guard !en.contains(e) else { return }
      zh.append(z)
      en.append(e)
    }
    func walk(_ e: Expression) {
      switch e {
      case .literal, .list: break
      case .path(let path, _):
        guard let value = context.record.fields[path]?.value else { return }
        if case .object = value { return }
        let shown: (String, String) =
          switch value {
          case .boolean(let b): (b ? "是" : "否", b ? "true" : "false")
          default: (value.display, value.display)
          }
        add("\(gloss(path))：\(shown.0)", "\(path) = \(shown.1)")
      case .call(let function, let args, _):
        switch function {
        case .feeCollectionRate:
          if case .rate(let r, let year, let collected, let due) = FeeCollection.rate(of: context.record, asOf: context.asOf) {
            let figures = "\(NumberFormat.percent(r)) (\(NumberFormat.plain(collected))/\(NumberFormat.plain(due)))"
            add("\(year) 年物业费收缴率 \(figures)", "fee collection rate \(year) \(figures)")
          }
        case .countEvents:
          let n = ExpressionEvaluator(record: context.record, asOf: context.asOf).value(e)
          if case .number(let count) = n {
            let types = args.dropFirst().compactMap { a -> String? in
              if case .literal(.string(let t)) = a { return t }
              return nil
            }.joined(separator: "/")
            var window = ""
            if case .literal(.string(let w))? = args.first { window = w }
            add("近 \(window) 内 \(types) 事件 \(NumberFormat.plain(count)) 次", "\(NumberFormat.plain(count)) \(types) events in \(window)")
          }
        case .present, .absent:
          if case .path(let path, _)? = args.first {
            let given = context.record.fields[path] != nil
            add("\(gloss(path))：\(given ? "已填报" : "未填报")", "\(path): \(given ? "given" : "not given")")
          }
        case .hasAward, .year: break
        }
      case .not(let inner): walk(inner)
      case .and(let a, let b), .or(let a, let b), .compare(let a, _, let b), .member(let a, let b):
        walk(a)
        walk(b)
      }
    }
    walk(e)
    return LocalizedText(zh: zh.joined(separator: "，"), en: en.joined(separator: ", "))
  }

  /// The Chinese term of a field (`property_service.party_in_charter` → 党建入章), or
  /// the path when the schema has none.
  static func gloss(_ path: String) -> String {
    guard let gloss = RecordSchema.spec(for: path)?.gloss, !gloss.isEmpty else { return path }
    return gloss
  }

  /// The condition as written, its field names replaced by their Chinese terms and its
  /// words by Chinese ones in zh (`物业费收缴率 >= 95%`); quoted text and numbers are kept.
  static func inWords(_ source: String) -> LocalizedText {
    let words: [String: String] = [
      "and": "且", "or": "或", "not": "非", "in": "属于", "true": "是", "false": "否",
      "present": "已填报", "absent": "未填报", "fee_collection_rate": "物业费收缴率", "count_events": "事件次数",
      "has_award": "获得荣誉",
    ]
    var out = ""
    var token = ""
    var quote: Character?
    func flush() {
      guard !token.isEmpty else { return }
      if let word = words[token] {
        out += word
      } else if token.contains(where: { $0.isLetter }), RecordSchema.spec(for: token) != nil {
        out += gloss(token)
      } else {
        out += token
      }
      token = ""
    }
    for c in source {
      if let q = quote {
        out.append(c)
        if c == q { quote = nil }
        continue
      }
      if c == "'" || c == "\"" {
        flush()
        quote = c
        out.append(c)
      } else if c.isLetter || c.isNumber || c == "_" || c == "." {
        token.append(c)
      } else {
        flush()
        out.append(c)
      }
    }
    flush()
    // `物业费收缴率()`: a function of no arguments reads as its name alone.
    out = out.replacing("()", with: "")
    return LocalizedText(zh: out, en: source)
  }
}
