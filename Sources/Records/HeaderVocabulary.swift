/// The column headers people write in a county's ledger (台账), and the field each names:
/// the one place the spreadsheet vocabulary lives (records.md, "Files" → spreadsheets).
///
/// A header is the dotted path (`owners_committee.members`) or a Chinese term of this
/// table. Terms are compared after `normalize`: spaces and line breaks inside the cell
/// dropped, full-width brackets made half-width, a required-field star and a trailing
/// unit in brackets (`户数（户）`, `面积(㎡)`) taken off. A term that could name more
/// than one field is in `ambiguous` and is an error naming the candidates; a column that
/// holds no field (序号, 备注) is in `ignored` and is passed over with a notice.
public enum HeaderVocabulary {
  /// What a header cell names.
  public enum Resolution: Equatable, Sendable {
    /// A field, by its dotted path.
    case field(String)
    /// A column kept for people, not data: passed over with one notice.
    case ignored
    /// A term that fits several fields: the candidates, as dotted paths.
    case ambiguous([String])
    /// Nothing known: the closest term or path, if one is near.
    case unknown(suggestion: String?)
    /// An empty header cell.
    case empty
  }

  /// Every field a spreadsheet can fill, with the terms people write for it: the gloss of
  /// records.md first, then the variants seen in county ledgers. Lists (`events`,
  /// `awards`, `campaigns`) have no column.
  public static let terms: [(path: String, terms: [String])] = [
    ("schema", ["格式版本"]),
    ("id", ["小区编码", "小区代码", "小区编号", "小区ID"]),
    ("name", ["小区名称", "小区名", "小区(楼盘)名称", "项目名称"]),
    ("jurisdiction.province", ["省", "省份", "省(自治区、直辖市)", "所在省"]),
    ("jurisdiction.city", ["市", "地市", "城市", "所在市", "市(州)"]),
    ("jurisdiction.county", ["区县", "县区", "县(市、区)", "县(区)", "区(县)", "县市区", "所在区县"]),
    ("jurisdiction.code", ["行政区划代码", "区划代码", "行政区划编码", "区县代码"]),
    ("jurisdiction.street", ["街道", "街道(乡镇)", "乡镇(街道)", "乡镇", "镇街", "街镇", "所属街道"]),
    ("jurisdiction.neighborhood", ["社区", "社区(村)", "所属社区", "社区名称"]),
    ("as_of", ["数据截止日期", "截止日期", "统计截止日期", "填报截止日期", "数据日期"]),
    ("households", ["户数", "总户数", "住户数", "小区户数", "房屋户数"]),
    ("built_year", ["建成年份", "建成年代", "竣工年份", "建成时间"]),
    ("category", ["小区类型", "小区类别", "住宅类型"]),
    ("open_estate", ["开放式/零散住宅", "开放式小区", "是否开放式小区", "零散住宅"]),
    ("property_service.mode", ["物业服务方式", "物业服务模式", "物业管理方式", "物业管理模式"]),
    ("property_service.since", ["首次实现物业服务覆盖的日期", "物业服务覆盖日期", "首次物业服务日期", "实现物业服务覆盖日期"]),
    ("property_service.company", ["物业服务企业", "物业服务企业名称", "物业公司", "物业企业", "物业企业名称"]),
    ("property_service.company_party_org", ["企业党组织已建立", "物业企业党组织", "物业企业是否建立党组织", "企业党组织"]),
    ("property_service.party_in_charter", ["党建入章", "党建工作写入章程"]),
    ("property_service.joint_building_agreement", ["党建联建协议", "党建联建协议签订日期", "联建协议签订日期"]),
    ("property_service.credit_percentile", ["信用状况排名", "物业企业信用排名百分位", "信用排名百分位"]),
    ("property_service.fee_within_guidance", ["在政府指导价内", "收费在政府指导价内", "收费符合政府指导价"]),
    ("property_service.preliminary", ["前期物业服务", "前期物业"]),
    ("owners_assembly", ["业主大会", "业主大会已成立", "是否成立业主大会"]),
    ("owners_committee.kind", ["业委会类型", "业主组织类型"]),
    ("owners_committee.formed", ["本届业委会成立日期", "业委会成立日期", "业委会组建日期"]),
    ("owners_committee.members", ["委员人数", "业委会委员人数", "业主委员会委员人数", "业委会人数", "业委会成员人数"]),
    ("owners_committee.party_members", ["党员人数", "其中党员", "其中党员人数", "其中:党员", "业委会党员人数", "委员中党员人数"]),
    ("owners_committee.cross_appointed", ["交叉任职", "交叉任职人数", "与社区两委交叉任职人数", "其中交叉任职"]),
    ("owners_committee.party_org", ["业委会党组织", "业委会党支部", "业委会党的工作小组"]),
    ("party_branch.kind", ["党组织类型", "小区党组织类型", "小区党组织"]),
    ("party_branch.formed", ["党组织成立日期", "小区党组织成立日期", "党支部成立日期"]),
    ("party_branch.cross_appointed", ["党支部与业委会、物业企业交叉任职", "双向进入、交叉任职", "党支部交叉任职"]),
    ("party_activity_room", ["党建活动场所", "党建活动室", "党员活动室"]),
    ("public_revenue", ["公共收益", "有公共收益", "是否有公共收益"]),
    ("facilities.service_area_m2", ["社区综合服务设施面积", "综合服务设施面积", "党群服务中心面积"]),
    ("facilities.property_office_area_m2", ["物业服务用房面积", "物业用房面积"]),
    ("satisfaction.score", ["业主满意度", "满意度", "满意度得分"]),
    ("satisfaction.city_percentile", ["满意度全市排名百分位", "满意度排名百分位"]),
    ("complaints.last_12_months", ["物业投诉", "近12个月投诉件数", "投诉件数", "物业投诉件数"]),
    ("complaints.city_percentile", ["投诉率全市排名百分位", "投诉率排名百分位"]),
    ("garbage_sorting.door_to_door_rate", ["入户宣传率", "垃圾分类入户宣传率"]),
    ("garbage_sorting.scheduled_sorting", ["定时定点分类规范", "垃圾分类定时定点", "生活垃圾分类规范"]),
    ("inspection.blocked_fire_lanes", ["堵塞消防通道", "堵塞消防通道处数"]),
    ("inspection.illegal_structures", ["违规搭建", "违规搭建处数", "违章搭建"]),
    ("inspection.poultry", ["违规饲养家禽", "违规饲养家禽处数"]),
    ("inspection.disorderly_parking", ["乱停乱放", "乱停乱放处数"]),
    ("inspection.ebike_charging_ok", ["电动自行车停放充电规范", "电动车停放充电规范"]),
    ("notices.service_and_fees", ["服务事项与收费标准公示", "收费标准公示"]),
    ("notices.department_hotlines", ["相关部门投诉、咨询电话公示", "部门投诉咨询电话公示"]),
    ("notices.utility_hotlines", ["专业运营单位联系电话公示", "水电气热单位电话公示"]),
    ("mechanisms.coordination", ["协调运行机制", "三方协调运行机制"]),
    ("mechanisms.enforcement_in_community", ["执法进小区"]),
    ("mechanisms.utilities_in_community", ["专业运营单位服务进小区", "服务进小区"]),
    ("mechanisms.street_coordination", ["街道统一协调、部门联动执法机制", "街道统一协调", "部门联动执法"]),
    ("occupancy_rate", ["交付率或入住率", "入住率", "交付率"]),
    ("attestations.environment_clean", ["环境卫生良好"]),
    ("attestations.greening_maintained", ["绿化养护良好"]),
    ("attestations.facilities_maintained", ["共有设施设备维护良好"]),
    ("attestations.life_services", ["提供\"物业服务+生活服务\"", "物业服务+生活服务"]),
    ("attestations.patrol_reporting", ["履行巡查、劝阻、报告职责", "巡查劝阻报告"]),
    ("attestations.culture_activities", ["开展精神文明活动", "精神文明活动"]),
  ]

  /// The event types a ledger can give a date column for (records.md, "Events"), with
  /// the names people write: records.md's first. A column headed `消防演练`,
  /// `消防演练日期`, `消防演练时间`, `fire_drill` or `events.fire_drill` holds the dates of
  /// that type (`SheetEvents`); the events sheet's 活动类型 cell takes the same names.
  public static let eventTerms: [(type: String, terms: [String])] = [
    ("party_joint_meeting", ["社区物业党建联席会", "物业党建联席会", "党建联席会", "党建联席会议"]),
    ("owners_forum", ["业主恳谈会", "恳谈会"]),
    ("public_revenue_disclosure", ["公共收益收支公示", "公共收益公示", "公共收益资金收支公示"]),
    ("info_disclosure", ["业委会信息公布", "业委会信息公开", "信息公布"]),
    ("practical_deed", ["为民办实事", "办实事", "为群众办实事"]),
    ("satisfaction_survey", ["业主满意度调查", "满意度调查"]),
    ("virtue_credit_activity", ["美德和信用主题活动", "美德信用主题活动", "美德和信用活动"]),
    ("volunteer_service", ["为老/为小志愿服务", "为老为小志愿服务", "志愿服务"]),
    ("publicity_report", ["宣传报道"]),
    ("fire_drill", ["消防演练", "消防演习", "灭火和应急疏散演练", "应急疏散演练"]),
    ("owners_committee_meeting", ["业委会会议", "业主委员会会议"]),
    ("chair_annual_report", ["业委会主任述职", "主任述职", "业委会述职"]),
    ("party_service_project", ["认领党建服务项目", "党建服务项目"]),
    ("committee_turnover", ["换届/主任离任", "换届或主任离任", "业委会换届", "换届"]),
    ("turnover_audit", ["换届/离任经济责任审计", "离任经济责任审计", "经济责任审计", "换届审计", "离任审计"]),
    ("residential_joint_meeting", ["居民区联席会议", "住宅小区联席会议", "居民区联席会"]),
    ("administrative_penalty", ["行政处罚"]),
    ("major_safety_accident", ["重大安全责任事故", "重大安全事故"]),
  ]

  /// The Chinese name of an event type (records.md's), for headers and messages.
  public static func eventHeader(for type: String) -> String? { eventTermByType[type] }

  /// The event type a name stands for: the type itself or one of its terms, with or
  /// without 日期 / 时间 after it (a header), compared after `normalize`.
  public static func eventType(named text: String) -> String? {
    let name = normalize(text)
    if RecordSchema.eventTypeSet.contains(name) { return name }
    if name.hasPrefix("events."), RecordSchema.eventTypeSet.contains(String(name.dropFirst(7))) { return String(name.dropFirst(7)) }
    if let type = eventByTerm[name] { return type }
    for suffix in ["日期", "时间", "开展日期", "召开日期"] where name.hasSuffix(suffix) {
      if let type = eventByTerm[String(name.dropLast(suffix.count))] { return type }
    }
    return nil
  }

  /// The columns of an events sheet (活动记录): one row per event, keyed by 小区编码.
  /// `id`, `type` and `date` make a header; the rest are optional.
  public static let eventTableTerms: [(key: String, terms: [String])] = [
    ("id", ["小区编码", "小区代码", "小区编号", "小区ID", "id"]),
    ("type", ["活动类型", "事件类型", "活动类别", "活动种类", "type"]),
    ("date", ["日期", "活动日期", "事件日期", "开展日期", "召开日期", "时间", "活动时间", "date"]),
    ("period", ["所属期间", "所属时期", "报告期", "报告期间", "所属年度", "所属季度", "period"]),
    ("title", ["标题", "活动名称", "活动主题", "主题", "活动内容", "内容", "项目名称", "title"]),
    ("attendees", ["参加人员", "参会人员", "参加单位", "参会单位", "参会方", "出席人员", "attendees"]),
    ("note", ["备注", "说明", "note"]),
  ]

  /// Columns an events sheet may carry for people (序号, 小区名称): passed over.
  static let eventTableIgnored: Set<String> = ["序号", "序", "no", "no.", "小区名称", "小区名", "街道", "社区", "填报人", "联系人", "联系电话"]

  /// The events-sheet column a header cell names (`id`, `type`, `date`, …), if any.
  public static func eventTableColumn(_ header: String) -> String? {
    var text = normalize(header)
    if let open = text.lastIndex(of: "("), text.last == ")", open != text.startIndex { text = String(text[..<open]) }
    return eventTableByTerm[text] ?? eventTableByTerm[text.lowercased()]
  }

  /// The roles of `attendees`, as a ledger names them.
  public static let attendeeTerms: [(role: String, terms: [String])] = [
    ("party_org", ["社区党组织", "党组织", "小区党组织"]), ("residents_committee", ["居委会", "社区居委会", "居民委员会"]),
    ("police", ["民警", "社区民警", "派出所"]), ("property_manager", ["物业项目经理", "项目经理", "物业经理"]),
    ("owners_committee_chair", ["业委会主任", "业主委员会主任"]), ("party_member_rep", ["党员代表"]),
    ("owner_rep", ["业主代表"]), ("company", ["物业服务企业", "物业公司", "物业企业"]),
  ]

  /// The role a name stands for: the role itself or one of its terms.
  public static func attendeeRole(named text: String) -> String? {
    let name = normalize(text)
    if RecordSchema.attendeeRoleSet.contains(name) { return name }
    return attendeeTerms.first { $0.terms.contains(name) }?.role
  }

  private static let eventByTerm: [String: String] = {
    var table: [String: String] = [:]
    for (type, list) in eventTerms {
      for term in list { table[normalize(term)] = table[normalize(term)] ?? type }
    }
    return table
  }()

  private static let eventTermByType: [String: String] = Dictionary(
    eventTerms.map { ($0.type, $0.terms[0]) }, uniquingKeysWith: { a, _ in a })

  private static let eventTableByTerm: [String: String] = {
    var table: [String: String] = [:]
    for (key, list) in eventTableTerms {
      for term in list { table[normalize(term)] = key }
    }
    return table
  }()

  /// Terms that fit more than one field: the header must say which.
  public static let ambiguous: [String: [String]] = [
    "类型": ["category", "owners_committee.kind", "party_branch.kind"],
    "成立日期": ["owners_committee.formed", "party_branch.formed"],
    "党组织": ["property_service.company_party_org", "owners_committee.party_org", "party_branch.kind"],
    "人数": ["owners_committee.members", "owners_committee.party_members"],
    "面积": ["facilities.service_area_m2", "facilities.property_office_area_m2"],
    "排名百分位": ["property_service.credit_percentile", "satisfaction.city_percentile", "complaints.city_percentile"],
    "名称": ["name", "property_service.company"],
    "编码": ["id"],
    "区": ["jurisdiction.county", "jurisdiction.street"],
    "县": ["jurisdiction.county"],
    "日期": ["as_of", "property_service.since", "owners_committee.formed", "party_branch.formed"],
  ]

  /// Columns for people, not for the record: passed over with one notice each.
  public static let ignored: Set<String> = [
    "序号", "序", "编号", "no", "no.", "备注", "说明", "备注说明", "填表人", "联系人", "联系电话", "审核人", "填报人", "填报单位",
  ]

  /// The fees columns: `2023年应收物业费`, `应收物业费2023`, `2023年实收`, … Their gloss and
  /// the field under `fees.<year>`.
  static let feeWords: [(word: String, field: String)] = [("应收", "due"), ("实收", "collected")]

  /// The header of a field for a spreadsheet (the template, error messages): its first term.
  public static func header(for path: String) -> String? {
    if let hit = termByPath[path] { return hit }
    let parts = path.split(separator: ".")
    if parts.count == 3, parts[0] == "fees" {
      return "\(parts[1])年" + (parts[2] == "due" ? "应收物业费" : "实收物业费")
    }
    return nil
  }

  /// What a header cell names.
  /// `suggesting: false` skips the did-you-mean of an unknown header (an edit distance to
  /// every term): the header search asks of every cell of the rows above the header
  /// only whether it is a field.
  public static func resolve(_ header: String, suggesting: Bool = true) -> Resolution {
    let text = normalize(header)
    if text.isEmpty { return .empty }
    if let path = byTerm[text] { return .field(path) }
    if ignored.contains(text.lowercased()) { return .ignored }
    if let candidates = ambiguous[text] {
      return candidates.count == 1 ? .field(candidates[0]) : .ambiguous(candidates)
    }
    if let path = dottedPath(text) { return .field(path) }
    if let path = feePath(text) { return .field(path) }
    if let type = eventType(named: text) { return .field("events." + type) }
    // A unit or note in brackets at the end (户数（户）, 面积(㎡), 委员人数(人)).
    // Not 万元 or 万㎡: a value in ten-thousands would be read 10,000 times too small.
    if let open = text.lastIndex(of: "("), text.last == ")", open != text.startIndex, !text[open...].contains("万") {
      let stripped = resolve(String(text[..<open]), suggesting: false)
      if case .field = stripped { return stripped }
      if case .ambiguous = stripped { return stripped }
    }
    return .unknown(suggestion: suggesting ? suggestion(for: text) : nil)
  }

  /// A header as compared: no spaces, tabs or line breaks (a cell wrapped with Alt+Enter
  /// is still its words), full-width brackets, colons and letters half-width, and no
  /// required-field star.
  public static func normalize(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x20, 0x09, 0x0A, 0x0D, 0x3000, 0xA0: continue
      case 0x2A, 0xFF0A, 0x2605: continue  // * ＊ ★
      case 0xFF08: out.append("(")
      case 0xFF09: out.append(")")
      case 0xFF1A: out.append(":")
      case 0x201C, 0x201D: out.append("\"")
      case 0xFF01...0xFF5E:
        out.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
      default: out.append(scalar)
      }
    }
    return String(out)
  }

  /// `owners_committee.members` (any ASCII case) when the schema has it.
  private static func dottedPath(_ text: String) -> String? {
    guard text.unicodeScalars.allSatisfy({ $0.isASCII }) else { return nil }
    for candidate in [text, text.lowercased()] {
      if let spec = RecordSchema.spec(for: candidate), !spec.type.isList, spec.type != .object { return candidate }
    }
    return nil
  }

  /// `2023年应收物业费`, `应收物业费2023`, `2023应收` → `fees.2023.due`.
  private static func feePath(_ text: String) -> String? {
    guard let (word, field) = feeWords.first(where: { text.contains($0.word) }) else { return nil }
    let digits = text.unicodeScalars.split { !("0"..."9").contains($0) }.map { String(String.UnicodeScalarView($0)) }
    guard digits.count == 1, let year = digits.first, RecordSchema.isYearKey(year) else { return nil }
    var rest = text.replacingFirst(year, with: "").replacingFirst(word, with: "")
    for filler in ["年度", "年", "物业服务费", "物业费", "金额", "(元)", "(万元)", "元"] { rest = rest.replacingFirst(filler, with: "") }
    guard rest.isEmpty else { return nil }
    // (万元) would scale the value: only yuan is read.
    guard !text.contains("万元") else { return nil }
    return "fees.\(year).\(field)"
  }

  private static func suggestion(for text: String) -> String? {
    if feeWords.contains(where: { text.contains($0.word) }) { return "2024年应收物业费" }
    return Suggestions.closest(to: text, in: preparedNames)
  }

  private static let preparedNames = Suggestions.Prepared(allNames)

  private static let byTerm: [String: String] = {
    var table: [String: String] = [:]
    for (path, list) in terms {
      for term in list { table[normalize(term)] = table[normalize(term)] ?? path }
    }
    return table
  }()

  private static let termByPath: [String: String] = Dictionary(
    terms.map { ($0.path, $0.terms[0]) }, uniquingKeysWith: { a, _ in a })

  /// Every term and path, for did-you-mean.
  private static let allNames: [String] =
    terms.flatMap { [$0.path] + $0.terms.map(normalize) } + eventTerms.flatMap { $0.terms.map { normalize($0) + "日期" } }
}

extension String {
  /// `self` with the first occurrence of `target` replaced (no Foundation in this module).
  fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
    let chars = Array(self)
    let needle = Array(target)
    guard !needle.isEmpty, chars.count >= needle.count else { return self }
    for start in 0...(chars.count - needle.count) where Array(chars[start..<start + needle.count]) == needle {
      return String(chars[..<start]) + replacement + String(chars[(start + needle.count)...])
    }
    return self
  }
}
