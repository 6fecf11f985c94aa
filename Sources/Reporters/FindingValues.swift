import Records

/// The JSON form of a finding's typed values, shared by the JSON and SARIF reports so the
/// two describe a value the same way (documented in docs/cli.md).
enum FindingValues {
  typealias V = JSONWriter.Value

  /// `{"kind": "share", "value": 0.714, "numerator": 5, "denominator": 7}`.
  static func json(_ q: Quantity, _ language: Language) -> V {
    switch q {
    case .share(let part, let whole):
      var pairs: [(String, V)] = [("kind", .string("share"))]
      if whole != 0 { pairs.append(("value", .double(part / whole))) }
      pairs += [("numerator", .double(part)), ("denominator", .double(whole))]
      return .object(pairs)
    case .count(let n): return .object([("kind", .string("count")), ("value", .int(n))])
    case .number(let d): return .object([("kind", .string("number")), ("value", .double(d))])
    case .fraction(let f):
      return .object([("kind", .string(f.isPercent ? "percent" : "number")), ("value", .double(f.double))])
    case .date(let d): return .object([("kind", .string("date")), ("value", .string(d.description))])
    case .words(let w): return .object([("kind", .string("text")), ("value", .string(w.text(language)))])
    case .list(let items): return .object([("kind", .string("list")), ("items", .array(items.map { json($0, language) }))])
    }
  }

  static func json(_ e: Expected, _ language: Language) -> V {
    guard case .object(var pairs) = json(e.value, language) else { return json(e.value, language) }
    pairs.insert(("relation", .string(e.relation == .stated ? "stated" : e.relation.rawValue)), at: 0)
    return .object(pairs)
  }

  /// The typed keys a finding adds to its plain ones: where the community is, the group,
  /// and the values behind `expected` and `actual`.
  static func pairs(_ f: Finding, _ language: Language) -> [(String, V)] {
    var pairs: [(String, V)] = []
    if let place = f.place {
      if let v = place.name { pairs.append(("name", .string(v))) }
      if let v = place.street { pairs.append(("street", .string(v))) }
      if let v = place.neighborhood { pairs.append(("neighborhood", .string(v))) }
    }
    if let group = f.subject.group {
      pairs.append(("group", .object([("level", .string(group.level)), ("name", .string(group.name))])))
    }
    if !f.notCounted.isEmpty {
      pairs.append(
        (
          "not_counted",
          .array(
            f.notCounted.map { n in
              var item: [(String, V)] = [("id", .string(n.id)), ("reason", .string(n.reason.rawValue))]
              if let m = n.missing { item.append(("missing", .string(m))) }
              item += [("file", .string(n.file)), ("line", .int(n.line))]
              return .object(item)
            })
        ))
    }
    if let v = f.gapIfAllMet { pairs.append(("gap_if_all_met", .int(v))) }
    if let v = f.gapIfNoneMet { pairs.append(("gap_if_none_met", .int(v))) }
    if let v = f.expected { pairs.append(("expected_value", json(v, language))) }
    if let v = f.actual { pairs.append(("actual_value", json(v, language))) }
    return pairs
  }
}
