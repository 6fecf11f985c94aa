import YAMLSource

/// The built-in `REC-` checks that look inside one decoded record. They do not make the
/// record an input error: policy checks still run on it.
public enum RecordChecks {
  public static func check(_ record: Record) -> [Finding] {
    var findings: [Finding] = []
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
}
