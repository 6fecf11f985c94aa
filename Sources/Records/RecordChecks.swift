import YAMLSource

/// The built-in `REC-` checks that look inside one decoded record. They do not make the
/// record an input error: policy checks still run on it.
public enum RecordChecks {
  public static func check(_ record: Record, placement: DivisionPlacement? = nil) -> [Finding] {
    var findings = jurisdiction(record, placement ?? Divisions.place(record.jurisdiction))
    let file = record.origin.file
    if case .integer(let members)? = record["owners_committee.members"]?.value {
      for (path, zhName) in [("owners_committee.party_members", "党员人数"), ("owners_committee.cross_appointed", "交叉任职人数")] {
        guard let field = record[path], case .integer(let n) = field.value, n > members else { continue }
        findings.append(
          Finding(
            rule: "REC-PARTY-MEMBERS", severity: .error, subject: .record(id: record.id), place: record.place, file: file,
            range: field.range,
            message: LocalizedText(
              zh: "业主委员会\(zhName) \(n) 多于委员人数 \(members)", en: "\(path) is \(n), more than the \(members) members"),
            expected: .atMost(.count(members)), actual: .count(n)))
      }
    }
    for event in record.events where event.date > record.asOf {
      findings.append(
        Finding(
          rule: "REC-FUTURE-EVENT", severity: .error, subject: .record(id: record.id), place: record.place, file: file, range: event.range,
          message: LocalizedText(
            zh: "事件 \(event.type) 的日期 \(event.date) 晚于数据截止日期 \(record.asOf)",
            en: "event \(event.type) is dated \(event.date), after the record's as_of \(record.asOf)"),
          expected: .atMost(.date(record.asOf)), actual: .date(event.date)))
    }
    for year in record.feeYears.reversed() {
      guard let due = record["fees.\(year).due"]?.value.number, let collectedField = record["fees.\(year).collected"],
        let collected = collectedField.value.number, collected > due
      else { continue }
      findings.append(
        Finding(
          rule: "REC-COLLECTED-EXCEEDS-DUE", severity: .warning, subject: .record(id: record.id), place: record.place, file: file,
          range: collectedField.range,
          message: LocalizedText(
            zh: "\(year) 年实收物业费 \(NumberFormat.plain(collected)) 元多于应收 \(NumberFormat.plain(due)) 元",
            en: "fees collected in \(year) (\(NumberFormat.plain(collected))) exceed the fees due (\(NumberFormat.plain(due)))"),
          expected: .atMost(.number(due)), actual: .number(collected)))
    }
    return findings
  }

  /// REC-JURISDICTION: each name not in the national list, or not inside the one above
  /// it, at its value, with the nearest real name; and a `jurisdiction.code` that is not
  /// in the list or disagrees with the names. A warning: the record is still checked by
  /// the names it gives (a near miss is never corrected silently; the run says what it
  /// left out because of one, see `RecordEvaluator`).
  static func jurisdiction(_ record: Record, _ placement: DivisionPlacement) -> [Finding] {
    var findings: [Finding] = []
    func warn(_ range: SourceRange, _ message: LocalizedText, fix: LocalizedText? = nil) {
      findings.append(
        Finding(
          rule: "REC-JURISDICTION", severity: .warning, subject: .record(id: record.id), place: record.place,
          file: record.origin.file, range: range, message: message, fix: fix))
    }
    for problem in placement.problems {
      warn(
        record.range(of: problem.field), problem.message,
        fix: problem.suggestion.map { LocalizedText(zh: "改为 \($0)", en: "write \($0)") })
    }
    guard let field = record["jurisdiction.code"], case .string(let text) = field.value, let code = Int(text) else {
      return findings
    }
    let named = [record.jurisdiction.province, record.jurisdiction.city, record.jurisdiction.county].compactMap { $0 }
      .joined(separator: "/")
    guard let division = Divisions.division(code: code) else {
      let placed = placement.problems.isEmpty ? placement.division : nil
      warn(
        field.range,
        LocalizedText(
          zh: "行政区划代码 \(text) 不在民政部县级以上行政区划代码表中" + (placed.map { "；\(named) 的代码是 \($0.codeText)" } ?? ""),
          en: "division code \(text) is not in the national list of divisions"
            + (placed.map { "; the code of \(named) is \($0.codeText)" } ?? "")),
        fix: placed.map { LocalizedText(zh: "改为 \($0.codeText)", en: "write \($0.codeText)") })
      return findings
    }
    guard placement.problems.isEmpty, let placed = placement.division else { return findings }
    let agrees =
      switch division.level {
      case .county: placed.code == code
      case .city: placed.code == code || placed.cityCode == code
      case .province: placed.provinceCode == code
      }
    if !agrees {
      warn(
        field.range,
        LocalizedText(
          zh: "行政区划代码 \(text)（\(Divisions.path(of: division))）与填写的辖区 \(named)（\(placed.codeText)）不符",
          en: "division code \(text) (\(Divisions.path(of: division))) does not match the names given, \(named) (\(placed.codeText))"))
    }
    return findings
  }
}
