// Seeded generator of valid, varied community records (record format v1) across the five
// shipped jurisdictions: 舒城县, 自贡市, 绍兴市, 山东 cities and 静安区. Each record is about
// 2 KB with 5–30 events; each rule-relevant fact is wrong in about 10% of records, so about
// 10% of records fail each rule. The same seed gives the same bytes.
//
//   jiayuan-gen --records N [--seed S] --single FILE        one multi-document file
//   jiayuan-gen --records N [--seed S] --folder DIR [--per-file K]   many files (default K=100)
//   jiayuan-gen --records N [--seed S] --stdout             one stream on standard output
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
  }
  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
  mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}

struct Family {
  var prefix: String
  var province: String
  var city: String
  var counties: [String]
  var streets: [String]
  var asOf: (year: Int, month: Int, day: Int)
  var campaign: String?
}

let families: [Family] = [
  Family(
    prefix: "AH-LA-SC", province: "安徽省", city: "六安市", counties: ["舒城县"],
    streets: ["城关镇", "千人桥镇", "杭埠镇", "桃溪镇"], asOf: (2024, 6, 30), campaign: nil),
  Family(
    prefix: "SC-ZG", province: "四川省", city: "自贡市", counties: ["自流井区", "贡井区", "大安区", "沿滩区", "荣县", "富顺县"],
    streets: ["五星街街道", "新街街道", "东兴寺街道", "舒坪街道"], asOf: (2025, 6, 30), campaign: nil),
  Family(
    prefix: "ZJ-SX", province: "浙江省", city: "绍兴市", counties: ["越城区", "柯桥区", "上虞区", "诸暨市", "嵊州市", "新昌县"],
    streets: ["灵芝街道", "北海街道", "府山街道", "塔山街道"], asOf: (2023, 10, 31), campaign: "meihao-jiayuan-2023"),
  Family(
    prefix: "SD", province: "山东省", city: "济南市", counties: ["历下区", "市中区", "槐荫区"],
    streets: ["泉城路街道", "大明湖街道", "趵突泉街道"], asOf: (2023, 9, 30), campaign: "meihao-jiayuan-2023"),
  Family(
    prefix: "SH-JA", province: "上海市", city: "上海市", counties: ["静安区"],
    streets: ["大宁路街道", "彭浦新村街道", "临汾路街道", "芷江西路街道"], asOf: (2024, 12, 31), campaign: nil),
]
let shandongCities = ["济南市", "青岛市", "烟台市", "潍坊市", "淄博市", "济宁市"]
let namePrefixes = ["梅山", "镜湖", "泉城", "大宁", "盐都", "檀木", "金桂", "翠园", "锦绣", "阳光", "和平", "幸福", "春晖", "江南", "紫薇"]
let nameSuffixes = ["花园", "小区", "新村", "家园", "苑", "公寓", "名邸", "雅居"]
let companies = ["安泰物业服务有限公司", "镜湖物业有限公司", "绿城物业服务集团", "万科物业服务有限公司", "新城悦物业服务有限公司"]
let titles = ["楼道微改造", "加装电梯协调", "老年食堂", "更换单元门禁", "停车位划线", "雨污分流", "健身器材更新", "充电桩安装"]
let eventTypes = [
  "party_joint_meeting", "owners_forum", "public_revenue_disclosure", "info_disclosure", "practical_deed",
  "satisfaction_survey", "virtue_credit_activity", "volunteer_service", "publicity_report", "fire_drill",
  "owners_committee_meeting", "chair_annual_report", "party_service_project", "residential_joint_meeting",
]
let allRoles = ["party_org", "residents_committee", "police", "property_manager", "owners_committee_chair"]

struct Writer {
  var buffer: [UInt8] = []
  mutating func put(_ s: String) { buffer.append(contentsOf: s.utf8) }
  mutating func line(_ s: String) {
    buffer.append(contentsOf: s.utf8)
    buffer.append(0x0A)
  }
}

func date(_ y: Int, _ m: Int, _ d: Int) -> String {
  let mm = m < 10 ? "0\(m)" : "\(m)"
  let dd = d < 10 ? "0\(d)" : "\(d)"
  return "\(y)-\(mm)-\(dd)"
}

func bool(_ rng: inout SplitMix64, fail: Double = 0.1) -> String { rng.chance(fail) ? "false" : "true" }

/// One record as YAML; `flow` picks flow or block style for its nested mappings.
func record(_ n: Int, _ rng: inout SplitMix64, into w: inout Writer) {
  let family = families[n % families.count]
  let county = rng.pick(family.counties)
  let city = family.prefix == "SD" ? rng.pick(shandongCities) : family.city
  let flow = rng.chance(0.5)
  let (y, m, d) = family.asOf
  let professional = !rng.chance(0.1)
  let mode = professional ? "professional" : rng.pick(["self_managed", "backstop", "none"])
  let hasCommittee = !rng.chance(0.1)
  let members = rng.int(5...11)
  let partyMembers = rng.chance(0.1) ? rng.int(0...(members / 2)) : rng.int((members * 6 + 9) / 10...members)
  let households = rng.int(80...2400)

  w.line("# generated record \(n)")
  w.line("schema: jiayuan/v1")
  w.line("id: \(family.prefix)-\(n)")
  w.line("name: \(rng.pick(namePrefixes))\(rng.pick(nameSuffixes))\(n % 97)")
  w.line(
    "jurisdiction: {province: \(family.province), city: \(city), county: \(county), street: \(rng.pick(family.streets)), neighborhood: \(rng.pick(namePrefixes))社区}"
  )
  w.line("as_of: \(date(y, m, d))")
  w.line("households: \(households)")
  w.line("built_year: \(rng.chance(0.5) ? rng.int(2021...2024) : rng.int(1985...2020))")
  w.line("category: \(rng.chance(0.2) ? "affordable" : rng.pick(["commodity", "resettlement", "old"]))")
  w.line("occupancy_rate: \(Double(rng.int(80...100)) / 100)")
  let since = date(y - rng.int(0...1), 1, rng.int(1...28))
  let ps =
    [
      "mode: \(mode)", "since: \(since)", "company: \(rng.pick(companies))",
      "company_party_org: \(bool(&rng))", "party_in_charter: \(bool(&rng))",
    ] + (rng.chance(0.1) ? [] : ["joint_building_agreement: \(date(y - 1, rng.int(1...12), rng.int(1...28)))"])
    + ["credit_percentile: \(rng.chance(0.1) ? rng.int(6...90) : rng.int(0...5))", "fee_within_guidance: \(bool(&rng))"]
  block("property_service", ps, flow: flow, into: &w)
  w.line("owners_assembly: \(bool(&rng))")
  if hasCommittee {
    block(
      "owners_committee",
      [
        "kind: committee", "formed: \(date(y - rng.int(1...3), rng.int(1...12), rng.int(1...28)))", "members: \(members)",
        "party_members: \(partyMembers)", "cross_appointed: \(rng.int(0...2))", "party_org: \(bool(&rng))",
      ], flow: flow, into: &w)
  }
  if !rng.chance(0.1) {
    block(
      "party_branch", ["kind: \(rng.pick(["branch", "grid_branch"]))", "formed: \(date(y - 2, rng.int(1...12), 1))"], flow: flow, into: &w)
  }
  w.line("party_activity_room: \(bool(&rng))")
  let publicRevenue = rng.chance(0.5)
  w.line("public_revenue: \(publicRevenue)")
  w.line("fees:")
  for year in [y - 2, y - 1] {
    let due = households * rng.int(1500...3000)
    let collected = rng.chance(0.1) ? due * rng.int(70...94) / 100 : due * rng.int(95...100) / 100
    w.line("  \(year): {due: \(due), collected: \(collected)}")
  }
  let area = rng.chance(0.1) ? households * rng.int(5...29) / 100 : households * rng.int(30...40) / 100 + 1
  block("facilities", ["service_area_m2: \(area)", "property_office_area_m2: \(rng.int(50...300))"], flow: flow, into: &w)
  block("satisfaction", ["score: \(Double(rng.int(700...1000)) / 10)", "city_percentile: \(rng.int(0...100))"], flow: flow, into: &w)
  block("complaints", ["last_12_months: \(rng.int(0...40))", "city_percentile: \(rng.int(0...100))"], flow: flow, into: &w)
  block("garbage_sorting", ["door_to_door_rate: \(rng.chance(0.1) ? "0.9" : "1")"], flow: flow, into: &w)
  block(
    "inspection",
    [
      "blocked_fire_lanes: \(rng.chance(0.1) ? 1 : 0)", "illegal_structures: \(rng.chance(0.1) ? 2 : 0)",
      "poultry: \(rng.chance(0.1) ? 1 : 0)", "ebike_charging_ok: \(bool(&rng))",
    ], flow: flow, into: &w)
  block(
    "notices",
    ["service_and_fees: \(bool(&rng))", "department_hotlines: \(bool(&rng))", "utility_hotlines: \(bool(&rng))"],
    flow: flow, into: &w)
  block("mechanisms", ["coordination: \(bool(&rng))", "enforcement_in_community: \(bool(&rng))"], flow: flow, into: &w)
  block(
    "attestations",
    [
      "environment_clean: \(bool(&rng))", "greening_maintained: \(bool(&rng))", "facilities_maintained: \(bool(&rng))",
      "life_services: \(bool(&rng))", "patrol_reporting: \(bool(&rng))", "culture_activities: \(bool(&rng))",
    ], flow: flow, into: &w)
  if let campaign = family.campaign, !rng.chance(0.05) { w.line("campaigns: [\(campaign)]") }
  if rng.chance(0.05) {
    w.line("awards:")
    w.line("  - {year: \(y - 1), level: city, title: \(rng.chance(0.5) ? "meihao-jiayuan" : "shumei-red-community")}")
  }

  // Events: what the policies ask for (each left out about 10% of the time), then filler.
  var events: [(String, String, String?, [String]?)] = []
  func day(_ monthsBack: Int) -> String {
    var month = m - monthsBack
    var year = y
    while month < 1 {
      month += 12
      year -= 1
    }
    return date(year, month, rng.int(1...28))
  }
  let required: [String]
  switch family.prefix {
  case "AH-LA-SC": required = ["party_service_project", "party_service_project", "chair_annual_report"]
  case "SC-ZG": required = ["fire_drill"]
  case "ZJ-SX":
    required = ["practical_deed", "party_joint_meeting", "info_disclosure", "owners_committee_meeting", "owners_committee_meeting"]
  case "SD":
    required = [
      "party_joint_meeting", "owners_forum", "practical_deed", "satisfaction_survey", "virtue_credit_activity",
      "volunteer_service", "publicity_report",
    ]
  default: required = ["residential_joint_meeting"]
  }
  for type in required where !rng.chance(0.1) {
    let roles = type == "residential_joint_meeting" ? (rng.chance(0.1) ? Array(allRoles.dropLast()) : allRoles) : nil
    events.append((day(rng.int(0...5)), type, rng.chance(0.3) ? rng.pick(titles) : nil, roles))
  }
  if publicRevenue, family.prefix == "SD" {
    for q in 0..<3 where !rng.chance(0.1) { events.append((day(q * 3 + rng.int(0...2)), "public_revenue_disclosure", nil, nil)) }
  }
  let total = rng.int(5...30)
  while events.count < total {
    let type = rng.pick(eventTypes)
    let roles = type == "residential_joint_meeting" ? allRoles : nil
    events.append((day(rng.int(0...11)), type, rng.chance(0.3) ? rng.pick(titles) : nil, roles))
  }
  w.line("events:")
  for (when, type, title, roles) in events {
    if flow {
      var item = "  - {date: \(when), type: \(type)"
      if let title { item += ", title: \(title)" }
      if let roles { item += ", attendees: [\(roles.joined(separator: ", "))]" }
      w.line(item + "}")
    } else {
      w.line("  - date: \(when)")
      w.line("    type: \(type)")
      if let title { w.line("    title: \(title)") }
      if let roles { w.line("    attendees: [\(roles.joined(separator: ", "))]") }
    }
  }
}

func block(_ key: String, _ pairs: [String], flow: Bool, into w: inout Writer) {
  if flow {
    w.line("\(key): {\(pairs.joined(separator: ", "))}")
  } else {
    w.line("\(key):")
    for p in pairs { w.line("  \(p)") }
  }
}

// MARK: - Command line

func complain(_ text: String) { _ = text.withCString { write(2, $0, strlen($0)) } }

var count = 10_000
var seed: UInt64 = 1
var single: String?
var folder: String?
var perFile = 100
var toStdout = false
var args = CommandLine.arguments.dropFirst()
while let arg = args.popFirst() {
  switch arg {
  case "--records": count = Int(args.popFirst() ?? "") ?? count
  case "--seed": seed = UInt64(args.popFirst() ?? "") ?? seed
  case "--single": single = args.popFirst()
  case "--folder": folder = args.popFirst()
  case "--per-file": perFile = max(1, Int(args.popFirst() ?? "") ?? perFile)
  case "--stdout": toStdout = true
  default:
    complain("usage: jiayuan-gen --records N [--seed S] (--single FILE | --folder DIR [--per-file K] | --stdout)\n")
    exit(2)
  }
}

func open(_ path: String) -> UnsafeMutablePointer<FILE> {
  guard let f = fopen(path, "wb") else {
    perror(path)
    exit(1)
  }
  return f
}

func flush(_ w: inout Writer, to file: UnsafeMutablePointer<FILE>) {
  w.buffer.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, file) }
  w.buffer.removeAll(keepingCapacity: true)
}

var rng = SplitMix64(state: seed)
var writer = Writer()
writer.buffer.reserveCapacity(1 << 20)
if let folder {
  mkdir(folder, 0o755)
  var fileIndex = 0
  var n = 0
  while n < count {
    // Two levels so no directory holds more than 1,000 entries.
    let sub = "\(folder)/\(fileIndex / 1000)"
    if fileIndex % 1000 == 0 { mkdir(sub, 0o755) }
    let file = open("\(sub)/r\(fileIndex).yaml")
    for k in 0..<min(perFile, count - n) {
      if k > 0 { writer.line("---") }
      record(n, &rng, into: &writer)
      n += 1
    }
    flush(&writer, to: file)
    fclose(file)
    fileIndex += 1
  }
} else if single != nil || toStdout {
  let file = single.map(open) ?? fdopen(1, "wb")!
  for n in 0..<count {
    if n > 0 { writer.line("---") }
    record(n, &rng, into: &writer)
    if writer.buffer.count > 1 << 20 { flush(&writer, to: file) }
  }
  flush(&writer, to: file)
  if single != nil { fclose(file) }
} else {
  complain("jiayuan-gen: give --single FILE, --folder DIR or --stdout\n")
  exit(2)
}
