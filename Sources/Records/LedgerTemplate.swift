/// The ledger `jiayuan template --format csv|xlsx` writes: one column per field a
/// spreadsheet can fill, headed by its Chinese term (`HeaderVocabulary`), then a date
/// column per event type (`SheetEvents`), with one example row; the `.xlsx` adds a 活动记录
/// sheet (one row per event, keyed by 小区编码), a 填写说明 sheet (each column's meaning,
/// allowed values, an example) and drop-down lists for enum and yes/no columns.
public enum LedgerTemplate {
  public struct Column: Sendable {
    public var header: String
    public var path: String
    public var meaning: String
    public var allowed: String
    public var example: String
    public var required: Bool
    /// The drop-down values of an enum or boolean column.
    public var choices: [String]
  }

  /// The year the fee columns are for in the template.
  static let feeYear = "2023"

  /// Example values, those of records.md's example (梅山花园) where it gives one.
  static let examples: [String: String] = [
    "id": "AH-LA-SC-0001", "name": "梅山花园", "jurisdiction.province": "安徽省", "jurisdiction.city": "六安市",
    "jurisdiction.county": "舒城县", "jurisdiction.street": "城关镇", "jurisdiction.neighborhood": "梅山社区", "as_of": "2024-06-30",
    "households": "420", "built_year": "2015", "property_service.since": "2016-01-01",
    "property_service.company": "舒城县安泰物业服务有限公司", "property_service.joint_building_agreement": "2023-06-01",
    "property_service.credit_percentile": "20", "owners_committee.formed": "2022-05-01", "owners_committee.members": "7",
    "owners_committee.party_members": "4", "owners_committee.cross_appointed": "2", "party_branch.formed": "2023-04-01",
    "fees.*.due": "1,250,000", "fees.*.collected": "1,190,000", "facilities.service_area_m2": "126",
    "facilities.property_office_area_m2": "80", "satisfaction.score": "95.5", "satisfaction.city_percentile": "15",
    "complaints.last_12_months": "3", "complaints.city_percentile": "30", "garbage_sorting.door_to_door_rate": "80%",
    "inspection.blocked_fire_lanes": "0", "inspection.illegal_structures": "0", "inspection.poultry": "0",
    "occupancy_rate": "95%", "events.fire_drill": "2024/4/15", "events.public_revenue_disclosure": "2024/3/31",
  ]

  /// The 活动记录 sheet: its header and example rows (records.md's example, and a 2023
  /// report given in January 2024), and what each column takes.
  static let eventSheetHeader = ["小区编码", "活动类型", "日期", "所属期间", "标题", "参加人员", "备注"]
  static let eventSheetRows: [[String]] = [
    ["AH-LA-SC-0001", "认领党建服务项目", "2024/5/20", "", "楼道微改造", "", ""],
    ["AH-LA-SC-0001", "业委会主任述职", "2024/1/15", "2023年度", "2023年度述职", "社区党组织、业委会主任", "向社区党组织述职"],
  ]
  static let eventSheetGuide: [(header: String, meaning: String, allowed: String)] = [
    ("小区编码", "活动所属小区，与“台账”工作表的小区编码一致", "文本；必填"),
    ("活动类型", "活动的种类", HeaderVocabulary.eventTerms.map { "\($0.terms[0])（\($0.type)）" }.joined(separator: "、") + "；必填"),
    ("日期", "活动日期", "日期，如 2024-06-30、2024/6/30、2024年6月30日；必填"),
    ("所属期间", "报告所属的年度或季度（期间结束后才报告的，如次年1月的年度述职）", "2023、2023Q4、2023年度、2023年第四季度；可留空（按活动日期计）"),
    ("标题", "活动名称", "文本；可留空"),
    ("参加人员", "参加方", HeaderVocabulary.attendeeTerms.map { "\($0.terms[0])（\($0.role)）" }.joined(separator: "、") + "，多个用、分隔；可留空"),
    ("备注", "说明", "文本；不读取"),
  ]

  public static let columns: [Column] = {
    var out: [Column] = []
    for spec in RecordSchema.fields where spec.path != "schema" && spec.type != .object && !spec.type.isList {
      let paths = spec.path.hasPrefix("fees.*") ? [spec.path.replacingStar(with: feeYear)] : [spec.path]
      for path in paths {
        guard let header = HeaderVocabulary.header(for: path) else { continue }
        var allowed: String
        var choices: [String] = []
        var example = examples[spec.path] ?? ""
        switch spec.type {
        case .boolean:
          allowed = "是 / 否（也可写 √ / ×、TRUE / FALSE）"
          choices = ["是", "否"]
          if example.isEmpty { example = "是" }
        case .enumeration(let values):
          choices = values.map { RecordSchema.valueGlosses[$0]?.first ?? $0 }
          allowed = choices.joined(separator: " / ") + "（也可写英文取值 " + values.joined(separator: " / ") + "）"
          if example.isEmpty { example = choices.first ?? "" }
        case .date:
          allowed = "日期，如 2024-06-30、2024/6/30、2024年6月30日"
        case .integer(let min):
          allowed = "整数，不小于 \(min)"
        case .number(let min, let max):
          if max == 1 {
            allowed = "0–1 之间的比例，可写百分数（如 80%）"
          } else if let max {
            allowed = "\(NumberFormat.plain(min))–\(NumberFormat.plain(max)) 之间的数字"
          } else {
            allowed = "不小于 \(NumberFormat.plain(min)) 的数字，可带千位分隔符"
          }
        default:
          allowed = "文本"
        }
        allowed += "；留空、无、- 或 / 表示未填报"
        let meaning = spec.path.hasPrefix("fees.*") ? "\(feeYear)年\(spec.gloss)" : spec.gloss
        out.append(
          Column(
            header: header, path: path, meaning: meaning, allowed: allowed, example: example, required: spec.required,
            choices: choices))
      }
    }
    for (type, terms) in HeaderVocabulary.eventTerms {
      out.append(
        Column(
          header: terms[0] + "日期", path: "events." + type, meaning: "\(terms[0])（\(type)）的日期，每次一个",
          allowed: "日期，多个用、或；分隔（如 2024/4/15；2024/11/2）；留空或无表示没有此类活动；- 或 / 表示未填报；不需要的列可删除（删除后该类活动为未填报）",
          example: examples["events." + type] ?? "", required: false, choices: []))
    }
    return out
  }()

  /// UTF-8 with a BOM, so that Excel opens the Chinese headers as such.
  public static func csv() -> [UInt8] {
    func line(_ cells: [String]) -> String {
      cells.map { $0.contains(",") || $0.contains("\"") ? "\"" + $0.replacingAll("\"", "\"\"") + "\"" : $0 }.joined(separator: ",")
    }
    let text = line(columns.map(\.header)) + "\r\n" + line(columns.map(\.example)) + "\r\n"
    return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
  }

  public static func xlsx() throws(XLSXWriter.Failure) -> [UInt8] {
    var ledger = XLSXWriter.Sheet(
      name: "台账", rows: [columns.map { .text($0.header) }, columns.map { .text($0.example) }], headerRows: 1)
    for (k, column) in columns.enumerated() {
      ledger.widths[k] = Double(max(10, min(40, column.header.count * 2 + 2)))
      if !column.choices.isEmpty { ledger.lists.append((k, column.choices)) }
    }
    var guide: [[XLSXWriter.Cell]] = [[.text("表头"), .text("字段"), .text("必填"), .text("含义"), .text("可填写的值"), .text("示例")]]
    for column in columns {
      guide.append([
        .text(column.header), .text(column.path), .text(column.required ? "是" : ""), .text(column.meaning), .text(column.allowed),
        .text(column.example),
      ])
    }
    guide.append([])
    guide.append([.text("填写后运行：jiayuan check 本文件.xlsx。每行一个小区；表头可以换成字段名（如 households），不需要的列可以删除。")])
    guide.append([.text("“台账”和“活动记录”工作表中的示例行，填写前请删除或改成自己的数据。")])
    guide.append([])
    guide.append([
      .text(
        "“活动记录”工作表：每行一次活动，按小区编码对应到台账中的小区，可与台账的活动日期列同时使用（同一次活动只填一处）。有活动记录表时，台账中的每个小区都视为已填报全部活动类型：没有记录即没有开展。另存为 CSV 时，把它存成单独的文件，与台账 CSV 放在同一目录。"
      )
    ])
    guide.append([.text("活动记录的列"), .text(""), .text(""), .text("含义"), .text("可填写的值")])
    for column in eventSheetGuide {
      guide.append([.text(column.header), .text(""), .text(""), .text(column.meaning), .text(column.allowed)])
    }
    var instructions = XLSXWriter.Sheet(name: "填写说明", rows: guide, headerRows: 1)
    instructions.widths = [0: 24, 1: 36, 2: 6, 3: 36, 4: 60, 5: 28]
    var events = XLSXWriter.Sheet(
      name: "活动记录", rows: [eventSheetHeader.map { .text($0) }] + eventSheetRows.map { $0.map { .text($0) } }, headerRows: 1)
    events.widths = [0: 18, 1: 20, 2: 12, 3: 12, 4: 20, 5: 28, 6: 20]
    events.lists.append((1, HeaderVocabulary.eventTerms.map { $0.terms[0] }))
    return try XLSXWriter.workbook([ledger, events, instructions])
  }
}

extension String {
  fileprivate func replacingStar(with year: String) -> String {
    split(separator: ".", omittingEmptySubsequences: false).map { $0 == "*" ? year : String($0) }.joined(separator: ".")
  }

  fileprivate func replacingAll(_ target: Character, _ replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}
