import YAMLSource

extension RecordSource {
  /// The input error of a path that could not be read as a record file (rules.md,
  /// REC-READ): it stands for the records the path would have held, so the run counts it
  /// once and goes on. Located at 1:1 of the path, the only place there is.
  public static func unreadable(file: String, reason: LocalizedText) -> DecodedRecord {
    let finding = Finding(
      rule: "REC-READ", severity: .error, subject: .input(file), file: file, range: .fileStart,
      message: LocalizedText(zh: "无法读取 \(file)：\(reason.zh)", en: "cannot read \(file): \(reason.en)"))
    return DecodedRecord(record: nil, id: nil, findings: [finding], origin: RecordOrigin(file: file, index: 0, range: .fileStart))
  }
}
