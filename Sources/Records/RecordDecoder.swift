import YAMLSource

/// What decoding one document or CSV row gave.
public struct DecodedRecord: Sendable {
  /// The record, unless it could not be placed (records.md, input errors): not a mapping,
  /// or its id, jurisdiction or as_of missing or unreadable; or a duplicate key, which
  /// leaves a field with two values.
  public var record: Record?
  /// The record's id when it could be read, even from a record with errors.
  public var id: String?
  public var findings: [Finding]
  public var origin: RecordOrigin
  /// What could be read of an input error's place, so an aggregate of its area names it
  /// among the records it did not count.
  public var partialJurisdiction: Jurisdiction?

  public var isInputError: Bool { record == nil }
}

/// Decodes a record from located YAML nodes, with the type and range checks of records.md.
/// It collects every problem of a record instead of stopping at the first.
public struct RecordDecoder {
  let file: String
  let origin: RecordOrigin
  private(set) var findings: [Finding] = []
  private var fields: [String: RecordField] = [:]
  private var events: [Event] = []
  private var awards: [Award] = []
  private var campaigns: [String] = []
  /// Paths written in the record whose value was refused: a bad value is one problem,
  /// not also a missing required field.
  private var refused: Set<String> = []
  private var subject: Subject

  public static func decode(_ root: YAMLNode, file: String, index: Int, problems: [YAMLProblem] = []) -> DecodedRecord {
    var decoder = RecordDecoder(file: file, origin: RecordOrigin(file: file, index: index, range: root.range))
    return decoder.run(root, problems: problems)
  }

  init(file: String, origin: RecordOrigin) {
    self.file = file
    self.origin = origin
    self.subject = .input(file)
    // A full record has about fifty fields: growing the table field by field rehashed it
    // five times per record.
    fields.reserveCapacity(64)
  }

  mutating func run(_ root: YAMLNode, problems: [YAMLProblem]) -> DecodedRecord {
    guard let pairs = root.pairs else {
      schemaError(
        at: root.range,
        LocalizedText(
          zh: "记录应为映射（键: 值），实际为 \(root.kindName == "sequence" ? "序列" : "标量")",
          en: "a record must be a mapping (key: value), found a \(root.kindName)"))
      return finish(hadDuplicates: false)
    }
    if let idNode = pairs.first(where: { $0.key.keyText == "id" })?.value, let text = idNode.scalar?.text,
      !text.isEmpty, idNode.scalar?.resolved != .null
    {
      subject = .record(id: text)
    }
    for problem in problems where problem.kind == .duplicateKey {
      findings.append(
        Finding(
          rule: "REC-DUPLICATE-KEY", severity: .error, subject: subject, file: file, range: problem.range,
          message: LocalizedText(
            zh: "重复的键 \"\(keyName(problem.message))\"（首次出现在第 \(problem.related?.start.line ?? 0) 行）",
            en: problem.message),
          notes: problem.related.map { [Note(LocalizedText(zh: "首次出现在此", en: "first here"), file: file, range: $0)] } ?? []))
    }
    decodeMapping(pairs, parent: "", range: root.range)
    checkRequired(parent: "", range: root.range)
    return finish(hadDuplicates: problems.contains { $0.kind == .duplicateKey })
  }

  private func keyName(_ message: String) -> String {
    guard let open = message.firstIndex(of: "\""), let close = message[message.index(after: open)...].firstIndex(of: "\"")
    else { return message }
    return String(message[message.index(after: open)..<close])
  }

  /// The fields that place a record: without them it is an input error. Any other bad
  /// value only leaves its field unreported (it is not in `fields`).
  static let placing = ["id", "jurisdiction.province", "jurisdiction.city", "jurisdiction.county", "as_of"]

  private func string(_ path: String) -> String? {
    if case .string(let s)? = fields[path]?.value { return s }
    return nil
  }

  private mutating func finish(hadDuplicates: Bool) -> DecodedRecord {
    let unplaced = Self.placing.contains { fields[$0] == nil } || fields["jurisdiction"] == nil && refused.contains("jurisdiction")
    let hasErrors = hadDuplicates || unplaced || (fields.isEmpty && findings.contains { $0.severity == .error })
    let id = subject.recordID
    guard !hasErrors, let id, case .string(let province)? = fields["jurisdiction.province"]?.value,
      case .date(let asOf)? = fields["as_of"]?.value
    else {
      if !hasErrors || !findings.contains(where: { $0.severity == .error }) {
        // Never an input error without a reason (an empty quoted id, say): the run
        // would count the record as lost while reporting no error.
        let at = fields["id"]?.range ?? origin.range
        schemaError(
          at: SourceRange(at: at.start),
          LocalizedText(zh: "记录缺少必填值（id 不能为空）", en: "the record lacks a required value (an id cannot be empty)"))
      }
      var failure = DecodedRecord(record: nil, id: id, findings: findings, origin: origin)
      if case .string(let province)? = fields["jurisdiction.province"]?.value {
        failure.partialJurisdiction = Jurisdiction(
          province: province, city: string("jurisdiction.city"), county: string("jurisdiction.county"),
          street: string("jurisdiction.street"), neighborhood: string("jurisdiction.neighborhood"))
      }
      return failure
    }
    let jurisdiction = Jurisdiction(
      province: province, city: string("jurisdiction.city"), county: string("jurisdiction.county"),
      street: string("jurisdiction.street"), neighborhood: string("jurisdiction.neighborhood"))
    var households: Int?
    if case .integer(let n)? = fields["households"]?.value { households = n }
    var record = Record(
      id: id, name: string("name") ?? "", jurisdiction: jurisdiction, asOf: asOf, households: households, fields: fields,
      events: events, awards: awards, campaigns: campaigns, origin: origin)
    return DecodedRecord(record: record, id: id, findings: findings, origin: origin)
  }

  // MARK: - Structure

  private mutating func decodeMapping(_ pairs: [YAMLPair], parent: String, range: SourceRange) {
    for pair in pairs {
      guard let key = pair.key.keyText, pair.key.scalar != nil else {
        schemaError(
          at: pair.key.range,
          LocalizedText(zh: "字段名应为文本，不能是映射或序列", en: "a field name must be a scalar, not a \(pair.key.kindName)"))
        continue
      }
      let path = parent.isEmpty ? key : parent + "." + key
      guard let spec = RecordSchema.spec(for: path) else {
        unknownField(key, parent: parent, at: pair.key.range)
        continue
      }
      decodeValue(pair.value, spec: spec, path: path)
      if spec.required, fields[path] == nil, !Self.isNull(pair.value) { refused.insert(path) }
    }
  }

  private mutating func checkRequired(parent: String, range: SourceRange) {
    if parent == "jurisdiction" { placeByCode() }
    for spec in RecordSchema.requiredChildren[parent] ?? [] {
      guard fields[spec.path] == nil, !refused.contains(spec.path) else { continue }
      if parent.isEmpty, spec.path == "jurisdiction" { continue }  // reported by its children
      let at = parent.isEmpty ? range : (fields[parent]?.range ?? range)
      schemaError(
        at: SourceRange(at: at.start),
        LocalizedText(zh: "缺少必填字段 \(spec.path)（\(spec.gloss)）", en: "required field \(spec.path) is missing"))
    }
    if parent.isEmpty, fields["jurisdiction"] == nil {
      for child in ["province", "city", "county"] where fields["jurisdiction." + child] == nil && !refused.contains("jurisdiction") {
        schemaError(
          at: SourceRange(at: range.start),
          LocalizedText(
            zh: "缺少必填字段 jurisdiction.\(child)", en: "required field jurisdiction.\(child) is missing"))
      }
    }
  }

  /// `jurisdiction.code`, the six-digit code of the national list, places a record on
  /// its own: the names it leaves out are filled from the list (located at the code).
  /// A code that is not six digits is REC-SCHEMA and dropped; a six-digit code not in the
  /// list is kept for REC-JURISDICTION to report when the names place the record, and
  /// named in the error when the record has nothing else to be placed by.
  private mutating func placeByCode() {
    guard let field = fields["jurisdiction.code"], case .string(let text) = field.value else { return }
    guard text.utf8.count == 6, text.utf8.allSatisfy({ (48...57).contains($0) }), let code = Int(text) else {
      fields["jurisdiction.code"] = nil
      schemaError(
        at: field.range,
        LocalizedText(
          zh: "jurisdiction.code 应为六位行政区划代码（如 341523），实际为 \"\(text)\"",
          en: "jurisdiction.code must be a six-digit division code (such as 341523), found \"\(text)\""))
      return
    }
    let names = ["province", "city", "county"]
    guard let division = Divisions.division(code: code) else {
      if names.contains(where: { fields["jurisdiction." + $0] == nil && !refused.contains("jurisdiction." + $0) }) {
        schemaError(
          at: field.range,
          LocalizedText(
            zh: "行政区划代码 \(text) 不在民政部县级以上行政区划代码表中，无法据此确定记录所在辖区",
            en: "division code \(text) is not in the national list of divisions: it cannot place the record"))
      }
      return
    }
    let filled = Divisions.jurisdiction(of: division)
    for level in names where fields["jurisdiction." + level] == nil && !refused.contains("jurisdiction." + level) {
      guard let name = filled.name(at: level) else { continue }
      fields["jurisdiction." + level] = RecordField(value: .string(name), range: field.range)
    }
  }

  private mutating func unknownField(_ key: String, parent: String, at range: SourceRange) {
    let siblings = RecordSchema.children(of: parent).filter { $0 != "*" }
    var zh = "未知字段 \(parent.isEmpty ? key : parent + "." + key)"
    var en = "unknown field \(parent.isEmpty ? key : parent + "." + key)"
    if parent == "fees" {
      zh += "：fees 下应为四位年份"
      en += ": keys under fees are four-digit years"
    } else if key == "<<" {
      zh += "：不支持 YAML 1.1 合并键 <<，请直接写出字段"
      en += ": YAML 1.1 merge keys (<<) are not supported; write the fields out"
    } else if let suggestion = Suggestions.closest(to: key, in: siblings) {
      zh += "，是否应为 \(suggestion)？"
      en += "; did you mean \(suggestion)?"
    }
    schemaError(at: range, LocalizedText(zh: zh, en: en))
  }

  static func isNull(_ node: YAMLNode) -> Bool {
    guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .csvCell else { return false }
    return scalar.style == .csvCell ? scalar.text.isEmpty : scalar.resolved == .null
  }

  private mutating func decodeValue(_ node: YAMLNode, spec: FieldSpec, path: String) {
    if Self.isNull(node) {
      // null / empty: as if absent, so a required field is reported missing (it was
      // once counted as written, which silenced that, and the record was dropped
      // unexplained).
      return
    }
    switch spec.type {
    case .object:
      guard let pairs = node.pairs else {
        typeError(node, path: path, expected: LocalizedText(zh: "映射（键: 值）", en: "a mapping"))
        return
      }
      fields[path] = RecordField(value: .object, range: node.range)
      decodeMapping(pairs, parent: path, range: node.range)
      checkRequired(parent: path, range: node.range)
    case .events:
      guard let items = sequence(node, path: path) else { return }
      for item in items { decodeEvent(item) }
    case .awards:
      guard let items = sequence(node, path: path) else { return }
      for item in items { decodeAward(item) }
    case .strings:
      guard let items = sequence(node, path: path) else { return }
      for item in items {
        if let text = item.scalar?.text {
          campaigns.append(text)
        } else {
          typeError(item, path: path, expected: LocalizedText(zh: "文本", en: "a string"))
        }
      }
    default:
      if let value = ScalarDecoder.decode(node, as: spec.type, path: path, into: &self) {
        fields[path] = RecordField(value: value, range: node.range)
      }
    }
  }

  private mutating func sequence(_ node: YAMLNode, path: String) -> [YAMLNode]? {
    if let items = node.items { return items }
    typeError(node, path: path, expected: LocalizedText(zh: "列表", en: "a list"))
    return nil
  }

  private mutating func decodeEvent(_ node: YAMLNode) {
    guard let pairs = node.pairs else {
      typeError(node, path: "events[]", expected: LocalizedText(zh: "映射（date, type, …）", en: "a mapping (date, type, …)"))
      return
    }
    var date: CalendarDate?
    var type: String?
    var title: String?
    var attendees: [String] = []
    var period: ReportingPeriod?
    var periodRange: SourceRange?
    let allowed = ["date", "type", "title", "attendees", "note", "period"]
    for pair in pairs {
      let key = pair.key.keyText ?? ""
      switch key {
      case "date":
        if case .date(let d)? = ScalarDecoder.decode(pair.value, as: .date, path: "events[].date", into: &self) {
          date = d
        }
      case "type":
        if let text = pair.value.scalar?.text, pair.value.scalar?.tag == nil, RecordSchema.eventTypeSet.contains(text) {
          type = text  // the common case, without the general decoder
        } else if case .string(let t)? = ScalarDecoder.decode(
          pair.value, as: .enumeration(RecordSchema.eventTypes), path: "events[].type", into: &self)
        {
          type = t
        }
      case "title", "note":
        if key == "title" { title = pair.value.scalar?.text }
      case "period":
        if let text = pair.value.scalar?.text, let p = ReportingPeriod(text) {
          period = p
          periodRange = pair.value.range
        } else {
          typeError(
            pair.value, path: "events[].period",
            expected: LocalizedText(zh: "年度或季度（如 2023、2023Q4）", en: "a year or a quarter (e.g. 2023, 2023Q4)"))
        }
      case "attendees":
        guard let items = sequence(pair.value, path: "events[].attendees") else { continue }
        for item in items {
          if let text = item.scalar?.text, item.scalar?.tag == nil, RecordSchema.attendeeRoleSet.contains(text) {
            attendees.append(text)
          } else if case .string(let role)? = ScalarDecoder.decode(
            item, as: .enumeration(RecordSchema.attendeeRoles), path: "events[].attendees[]", into: &self)
          {
            attendees.append(role)
          }
        }
      default:
        var zh = "事件中的未知字段 \(key)"
        var en = "unknown event field \(key)"
        if let s = Suggestions.closest(to: key, in: allowed) {
          zh += "，是否应为 \(s)？"
          en += "; did you mean \(s)?"
        }
        schemaError(at: pair.key.range, LocalizedText(zh: zh, en: en))
      }
    }
    let hasDate = pairs.contains { $0.key.keyText == "date" }
    let hasType = pairs.contains { $0.key.keyText == "type" }
    if !hasDate {
      schemaError(at: node.range, LocalizedText(zh: "事件缺少必填字段 date", en: "event has no date"))
    }
    if !hasType {
      schemaError(at: node.range, LocalizedText(zh: "事件缺少必填字段 type", en: "event has no type"))
    }
    if let date, let p = period, p.end > date {
      // A report on a period is given once the period is over; an earlier date is a typo
      // in one of the two, and the event counts for neither.
      schemaError(
        at: periodRange ?? node.range,
        LocalizedText(
          zh: "events[].period \(p) 于 \(p.end) 结束，晚于活动日期 \(date)：报告所属期间应在活动日期之前结束",
          en: "events[].period \(p) ends on \(p.end), after the event's date \(date): a report is about a period that has ended"))
      return
    }
    if let date, let type {
      events.append(Event(date: date, type: type, title: title, attendees: attendees, period: period, range: node.range))
    }
  }

  private mutating func decodeAward(_ node: YAMLNode) {
    guard let pairs = node.pairs else {
      typeError(node, path: "awards[]", expected: LocalizedText(zh: "映射（year, level, title）", en: "a mapping (year, level, title)"))
      return
    }
    var award = Award(year: nil, level: nil, title: nil, range: node.range)
    for pair in pairs {
      switch pair.key.keyText ?? "" {
      case "year":
        if case .integer(let y)? = ScalarDecoder.decode(pair.value, as: .integer(min: 1000), path: "awards[].year", into: &self) {
          award.year = y
        }
      case "level":
        if case .string(let l)? = ScalarDecoder.decode(
          pair.value, as: .enumeration(RecordSchema.awardLevels), path: "awards[].level", into: &self)
        {
          award.level = l
        }
      case "title":
        award.title = pair.value.scalar?.text
      default:
        let key = pair.key.keyText ?? ""
        var zh = "荣誉中的未知字段 \(key)"
        var en = "unknown award field \(key)"
        if let s = Suggestions.closest(to: key, in: ["year", "level", "title"]) {
          zh += "，是否应为 \(s)？"
          en += "; did you mean \(s)?"
        }
        schemaError(at: pair.key.range, LocalizedText(zh: zh, en: en))
      }
    }
    awards.append(award)
  }

  // MARK: - Findings

  mutating func schemaError(at range: SourceRange, _ message: LocalizedText, severity: Severity = .error) {
    findings.append(
      Finding(rule: "REC-SCHEMA", severity: severity, subject: subject, file: file, range: range, message: message))
  }

  mutating func typeError(_ node: YAMLNode, path: String, expected: LocalizedText, hint: LocalizedText? = nil) {
    let found = node.scalar.map { "\"\($0.text)\"" } ?? (node.kindName == "mapping" ? "映射" : "列表")
    let foundEn = node.scalar.map { "\"\($0.text)\"" } ?? "a \(node.kindName)"
    var message = LocalizedText(zh: "\(path) 应为\(expected.zh)，实际为 \(found)", en: "\(path) must be \(expected.en), found \(foundEn)")
    if let hint {
      message = LocalizedText(zh: message.zh + "；" + hint.zh, en: message.en + "; " + hint.en)
    }
    schemaError(at: node.range, message)
  }
}
