/// The type a record field holds (records.md). Used by the decoder, the policy type
/// checker, `jiayuan schema records` and `jiayuan template` alike.
public enum FieldType: Sendable, Hashable {
  case string
  case integer(min: Int)
  case number(min: Double, max: Double?)
  case boolean
  case date
  case enumeration([String])
  case object
  case events
  case awards
  case strings

  public var name: String {
    switch self {
    case .string: "string"
    case .integer: "integer"
    case .number: "number"
    case .boolean: "boolean"
    case .date: "date"
    case .enumeration: "enum"
    case .object: "mapping"
    case .events, .awards, .strings: "list"
    }
  }

  public var isList: Bool {
    switch self {
    case .events, .awards, .strings: true
    default: false
    }
  }
}

/// One field of record format v1. `fees.*` stands for any year.
public struct FieldSpec: Sendable, Hashable {
  public let path: String
  public let type: FieldType
  public let required: Bool
  /// The Chinese term the field stands for.
  public let gloss: String

  init(_ path: String, _ type: FieldType, _ gloss: String, required: Bool = false) {
    self.path = path
    self.type = type
    self.required = required
    self.gloss = gloss
  }
}

public enum RecordSchema {
  public static let version = "jiayuan/v1"

  public static let eventTypes = [
    "party_joint_meeting", "owners_forum", "public_revenue_disclosure", "info_disclosure", "practical_deed",
    "satisfaction_survey", "virtue_credit_activity", "volunteer_service", "publicity_report", "fire_drill",
    "owners_committee_meeting", "chair_annual_report", "party_service_project", "committee_turnover",
    "turnover_audit", "residential_joint_meeting", "administrative_penalty", "major_safety_accident",
  ]
  public static let attendeeRoles = [
    "party_org", "residents_committee", "police", "property_manager", "owners_committee_chair",
    "party_member_rep", "owner_rep", "company",
  ]
  public static let awardLevels = ["city", "province", "national"]
  public static let attestationCriteria = [
    "environment_clean", "greening_maintained", "facilities_maintained", "life_services", "patrol_reporting",
    "culture_activities",
  ]

  /// The Chinese labels of enum values (records.md), the label of records.md first: a
  /// spreadsheet cell may give the label instead of the value (`CellForms.enumValue`),
  /// and the template lists them.
  public static let valueGlosses: [String: [String]] = [
    "commodity": ["商品住宅", "商品房", "商品房小区"], "affordable": ["保障性住房", "保障房"],
    "resettlement": ["安置房", "安置小区", "拆迁安置房"], "old": ["老旧小区", "老小区"], "other": ["其他"],
    "professional": ["专业化物业服务", "专业化物业", "专业物业", "物业公司"], "self_managed": ["业主自管", "自管", "业主自治"],
    "backstop": ["街道社区兜底/国有兜底", "街道社区兜底", "国有兜底", "社区兜底", "兜底"], "none": ["无物业", "无物业服务"],
    "committee": ["业主委员会", "业委会"], "management_committee": ["物业管理委员会", "物管会"],
    "self_org": ["小区自管组织", "自管组织"], "branch": ["小区党支部", "党支部"], "grid_branch": ["网格党支部"],
    "work_group": ["党的工作小组", "工作小组"],
  ]

  /// Every field, in the order of records.md (the template follows it).
  public static let fields: [FieldSpec] = {
    let share = FieldType.number(min: 0, max: 1)
    let percentile = FieldType.number(min: 0, max: 100)
    let count = FieldType.integer(min: 0)
    let money = FieldType.number(min: 0, max: nil)
    var list: [FieldSpec] = [
      FieldSpec("schema", .enumeration([version]), "格式版本"),
      FieldSpec("id", .string, "小区编码", required: true),
      FieldSpec("name", .string, "小区名称", required: true),
      FieldSpec("jurisdiction", .object, "行政区划", required: true),
      FieldSpec("jurisdiction.province", .string, "省", required: true),
      FieldSpec("jurisdiction.city", .string, "市", required: true),
      FieldSpec("jurisdiction.county", .string, "区县", required: true),
      FieldSpec("jurisdiction.code", .string, "行政区划代码"),
      FieldSpec("jurisdiction.street", .string, "街道(乡镇)"),
      FieldSpec("jurisdiction.neighborhood", .string, "社区"),
      FieldSpec("as_of", .date, "数据截止日期", required: true),
      FieldSpec("households", .integer(min: 1), "户数", required: true),
      FieldSpec("built_year", .integer(min: 1000), "建成年份"),
      FieldSpec("category", .enumeration(["commodity", "affordable", "resettlement", "old", "other"]), "小区类型"),
      FieldSpec("open_estate", .boolean, "开放式/零散住宅"),
      FieldSpec("property_service", .object, "物业服务"),
      FieldSpec(
        "property_service.mode", .enumeration(["professional", "self_managed", "backstop", "none"]), "物业服务方式"),
      FieldSpec("property_service.since", .date, "首次实现物业服务覆盖的日期"),
      FieldSpec("property_service.company", .string, "物业服务企业"),
      FieldSpec("property_service.company_party_org", .boolean, "企业党组织已建立"),
      FieldSpec("property_service.party_in_charter", .boolean, "党建入章"),
      FieldSpec("property_service.joint_building_agreement", .date, "党建联建协议签订日期"),
      FieldSpec("property_service.credit_percentile", percentile, "物业企业信用排名百分位"),
      FieldSpec("property_service.fee_within_guidance", .boolean, "收费在政府指导价内"),
      FieldSpec("property_service.preliminary", .boolean, "前期物业服务"),
      FieldSpec("owners_assembly", .boolean, "业主大会已成立"),
      FieldSpec("owners_committee", .object, "业主委员会"),
      FieldSpec(
        "owners_committee.kind", .enumeration(["committee", "management_committee", "self_org"]), "业委会类型"),
      FieldSpec("owners_committee.formed", .date, "本届业委会成立日期"),
      FieldSpec("owners_committee.members", count, "委员人数"),
      FieldSpec("owners_committee.party_members", count, "党员人数"),
      FieldSpec("owners_committee.cross_appointed", count, "交叉任职人数"),
      FieldSpec("owners_committee.party_org", .boolean, "业委会党组织"),
      FieldSpec("party_branch", .object, "小区党组织"),
      FieldSpec("party_branch.kind", .enumeration(["branch", "grid_branch", "work_group"]), "党组织类型"),
      FieldSpec("party_branch.formed", .date, "党组织成立日期"),
      FieldSpec("party_branch.cross_appointed", .boolean, "党支部与业委会、物业企业交叉任职"),
      FieldSpec("party_activity_room", .boolean, "党建活动场所"),
      FieldSpec("public_revenue", .boolean, "有公共收益"),
      FieldSpec("fees", .object, "物业费"),
      FieldSpec("fees.*", .object, "年度物业费"),
      FieldSpec("fees.*.due", money, "应收物业费（元）"),
      FieldSpec("fees.*.collected", money, "实收物业费（元）"),
      FieldSpec("facilities", .object, "设施"),
      FieldSpec("facilities.service_area_m2", money, "社区综合服务设施面积（平方米）"),
      FieldSpec("facilities.property_office_area_m2", money, "物业服务用房面积（平方米）"),
      FieldSpec("satisfaction", .object, "业主满意度"),
      FieldSpec("satisfaction.score", percentile, "满意度得分"),
      FieldSpec("satisfaction.city_percentile", percentile, "满意度全市排名百分位"),
      FieldSpec("complaints", .object, "物业投诉"),
      FieldSpec("complaints.last_12_months", count, "近12个月投诉件数"),
      FieldSpec("complaints.city_percentile", percentile, "投诉率全市排名百分位"),
      FieldSpec("garbage_sorting", .object, "垃圾分类"),
      FieldSpec("garbage_sorting.door_to_door_rate", share, "入户宣传率"),
      FieldSpec("garbage_sorting.scheduled_sorting", .boolean, "定时定点分类规范"),
      FieldSpec("inspection", .object, "检查情况"),
      FieldSpec("inspection.blocked_fire_lanes", count, "堵塞消防通道处数"),
      FieldSpec("inspection.illegal_structures", count, "违规搭建处数"),
      FieldSpec("inspection.poultry", count, "违规饲养家禽处数"),
      FieldSpec("inspection.disorderly_parking", count, "乱停乱放处数"),
      FieldSpec("inspection.ebike_charging_ok", .boolean, "电动自行车停放充电规范"),
      FieldSpec("notices", .object, "公示"),
      FieldSpec("notices.service_and_fees", .boolean, "服务事项与收费标准公示"),
      FieldSpec("notices.department_hotlines", .boolean, "相关部门投诉、咨询电话公示"),
      FieldSpec("notices.utility_hotlines", .boolean, "专业运营单位联系电话公示"),
      FieldSpec("mechanisms", .object, "工作机制"),
      FieldSpec("mechanisms.coordination", .boolean, "协调运行机制"),
      FieldSpec("mechanisms.enforcement_in_community", .boolean, "执法进小区"),
      FieldSpec("mechanisms.utilities_in_community", .boolean, "专业运营单位服务进小区"),
      FieldSpec("mechanisms.street_coordination", .boolean, "街道统一协调、部门联动执法机制"),
      FieldSpec("occupancy_rate", share, "交付率或入住率"),
      FieldSpec("attestations", .object, "检查认定"),
    ]
    let attestationGloss = [
      "环境卫生良好", "绿化养护良好", "共有设施设备维护良好", "提供\"物业服务+生活服务\"", "履行巡查、劝阻、报告职责", "开展精神文明活动",
    ]
    for (criterion, gloss) in zip(attestationCriteria, attestationGloss) {
      list.append(FieldSpec("attestations.\(criterion)", .boolean, gloss))
    }
    list += [
      FieldSpec("awards", .awards, "荣誉称号"),
      FieldSpec("campaigns", .strings, "参与的活动"),
      FieldSpec("events", .events, "活动记录"),
    ]
    return list
  }()

  private static let byPath: [String: FieldSpec] = Dictionary(
    fields.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })

  /// Required fields by the mapping that holds them ("" for the top level).
  public static let requiredChildren: [String: [FieldSpec]] = {
    var out: [String: [FieldSpec]] = [:]
    for spec in fields where spec.required {
      let parent = spec.path.split(separator: ".").dropLast().joined(separator: ".")
      out[parent, default: []].append(spec)
    }
    return out
  }()

  static let eventTypeSet = Set(eventTypes)
  static let attendeeRoleSet = Set(attendeeRoles)

  /// The spec of a concrete path (`fees.2023.due` → `fees.*.due`).
  public static func spec(for path: String) -> FieldSpec? {
    if let spec = byPath[path] { return spec }
    return byPath[pattern(of: path)]
  }

  /// `fees.2023.due` → `fees.*.due`.
  public static func pattern(of path: String) -> String {
    guard path.hasPrefix("fees.") else { return path }
    var parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    if parts.count >= 2, isYearKey(parts[1]) { parts[1] = "*" }
    return parts.joined(separator: ".")
  }

  public static func isYearKey(_ text: String) -> Bool {
    text.utf8.count == 4 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
  }

  /// Field names allowed directly under `parent` ("" for the top level).
  public static func children(of parent: String) -> [String] { childrenByParent[parent] ?? [] }

  /// Worked out once: unknown keys are common in bad input, and each asks for its siblings.
  private static let childrenByParent: [String: [String]] = {
    var table: [String: [String]] = [:]
    for spec in fields {
      let path = spec.path
      let parent: String
      let name: String
      if let dot = path.lastIndex(of: ".") {
        parent = String(path[..<dot])
        name = String(path[path.index(after: dot)...])
      } else {
        parent = ""
        name = path
      }
      guard !name.isEmpty else { continue }
      table[parent, default: []].append(name)
    }
    return table
  }()

}
