/// One division of the national list (民政部 县级以上行政区划代码): a province, a city
/// (地级: 市, 自治州, 地区, 盟) or a county (县级: 区, 县, 县级市, 旗, 自治县, 林区, 特区).
public struct Division: Sendable, Hashable {
  public enum Level: String, Sendable, Hashable {
    case province, city, county
  }

  /// The six-digit code: two digits of province, two of city, two of county.
  public let code: Int
  public let name: String
  /// The short name people write (舒城, 内蒙古, 石柱), where the source gives one.
  public let shortName: String?

  public var level: Level { code % 10000 == 0 ? .province : code % 100 == 0 ? .city : .county }
  public var provinceCode: Int { code / 10000 * 10000 }
  /// The code of the city above a county (`341523` → `341500`); for a county-level
  /// division directly under its province (省直辖, `xx90xx`) that code is not in the list.
  public var cityCode: Int { code / 100 * 100 }
  public var codeText: String { String(code) }
}

/// The embedded list of divisions (`Divisions+Table.swift`, made by
/// `data/divisions/generate.py`; the source and its date are in `data/divisions/SOURCE.md`),
/// and the placing of a record's or policy's names in it.
///
/// The index is built once, on first use (a `static let` is lazy and thread-safe), so
/// checking millions of records costs a few dictionary look-ups each.
public enum Divisions {
  public static func division(code: Int) -> Division? { index.byCode[code] }

  /// Every division, in code order.
  public static var all: [Division] { index.all }

  /// The divisions directly below `code`: cities of a province (for a municipality or a
  /// province's directly administered counties, its counties), counties of a city.
  public static func children(of code: Int) -> [Division] { index.children[code] ?? [] }

  /// The four municipalities (直辖市), whose counties sit directly under them.
  public static func isMunicipality(_ province: Division) -> Bool {
    [110000, 120000, 310000, 500000].contains(province.code)
  }

  /// The names a record may give as `city` for a municipality: its own name (what the
  /// shipped examples write: 上海市/上海市/静安区) and the list's old placeholders.
  static let municipalCityNames: Set<String> = ["市辖区", "县"]
  /// The names a record may give as `city` for a county-level division directly under
  /// its province (济源市, 仙桃市, 石河子市), besides the county's own name.
  static let provinceDirectNames: Set<String> = ["省直辖县级行政区划", "省直辖县级行政单位", "自治区直辖县级行政区划"]

  struct Index: Sendable {
    var all: [Division] = []
    var byCode: [Int: Division] = [:]
    var children: [Int: [Division]] = [:]
    var byName: [String: [Division]] = [:]
    var provinces: [Division] = []
  }

  static let index: Index = {
    var index = Index()
    for line in source.split(separator: "\n") {
      let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard parts.count >= 2, let code = Int(parts[0]) else { continue }
      let division = Division(
        code: code, name: String(parts[1]), shortName: parts.count > 2 && !parts[2].isEmpty ? String(parts[2]) : nil)
      index.all.append(division)
      index.byCode[code] = division
      index.byName[division.name, default: []].append(division)
    }
    for division in index.all {
      switch division.level {
      case .province: index.provinces.append(division)
      case .city: index.children[division.provinceCode, default: []].append(division)
      case .county:
        // A county whose city is not in the list hangs from its province: the counties of
        // a municipality (310106) and those a province administers directly (419001).
        let parent = index.byCode[division.cityCode] == nil ? division.provinceCode : division.cityCode
        index.children[parent, default: []].append(division)
      }
    }
    return index
  }()
}

/// A name of a jurisdiction that is not in the national list, or not inside the division
/// above it, with the nearest real name where one is near enough to be meant.
public struct JurisdictionProblem: Sendable, Hashable {
  /// `province`, `city` or `county`: the field of `jurisdiction` it is about.
  public var level: String
  public var value: String
  /// The nearest real name among the divisions of the parent ("舒城" → 舒城县).
  public var suggestion: String?
  /// The name of the division above, when the value was looked for inside it.
  public var parent: String?
  /// When the value is a real division elsewhere: its full path (浙江省/绍兴市/越城区).
  public var elsewhere: String?

  public var field: String { "jurisdiction." + level }

  /// "舒城 — 是否应为 舒城县？" first, then what is wrong, in both languages.
  public var message: LocalizedText {
    let levelZh = ["province": "省", "city": "市", "county": "区县"][level] ?? level
    var zh = ""
    var en = ""
    if let suggestion {
      zh = "\(value) — 是否应为 \(suggestion)？"
      en = "\(value) — did you mean \(suggestion)?"
    }
    let whereZh: String
    let whereEn: String
    if let elsewhere {
      whereZh = "\(value) 不在 \(parent ?? "") 内，而在 \(elsewhere)"
      whereEn = "\(value) is not inside \(parent ?? ""): it is \(elsewhere)"
    } else if let parent {
      whereZh = "民政部县级以上行政区划中，\(parent) 下没有名为“\(value)”的\(levelZh)"
      whereEn = "\(parent) has no \(level) named \(value) in the national list of divisions"
    } else {
      whereZh = "民政部县级以上行政区划中没有名为“\(value)”的\(levelZh)"
      whereEn = "there is no \(level) named \(value) in the national list of divisions"
    }
    zh += zh.isEmpty ? whereZh : "（\(whereZh)）"
    en += en.isEmpty ? whereEn : " (\(whereEn))"
    return LocalizedText(zh: zh, en: en)
  }
}

/// Where a jurisdiction's names lie in the national list.
public struct DivisionPlacement: Sendable {
  public var province: Division?
  /// The city; for a municipality its province, for a county its province administers
  /// directly (济源市) that county.
  public var city: Division?
  public var county: Division?
  public var problems: [JurisdictionProblem] = []
  /// The names with every near miss replaced by its suggestion; nil when some name has
  /// none, or a level below one could not be looked for.
  public var corrected: Jurisdiction?

  /// The most specific division placed.
  public var division: Division? { county ?? city ?? province }
}

extension Divisions {
  /// Suffixes a name may carry, longest first, to compare names without them
  /// (霍山区 and 霍山县 are both 霍山).
  static let suffixes = [
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "省", "市", "区", "县", "旗", "盟", "州",
  ]

  static func stem(_ name: String) -> String {
    for suffix in suffixes where name.hasSuffix(suffix) && name.count > suffix.count {
      return String(name.dropLast(suffix.count))
    }
    return name
  }

  /// The division among `candidates` that `value` was most likely meant to be: a short
  /// name or the name without its suffix (舒城, 安徽), the same stem with another suffix
  /// (霍山区 → 霍山县), else the name within one edit (two for names over three characters).
  public static func nearest(to value: String, among candidates: [Division]) -> Division? {
    if let hit = candidates.first(where: { $0.shortName == value || stem($0.name) == value }) { return hit }
    let stemmed = stem(value)
    if stemmed != value, let hit = candidates.first(where: { stem($0.name) == stemmed || $0.shortName == stemmed }) {
      return hit
    }
    let scalars = Array(value.unicodeScalars)
    let limit = scalars.count <= 3 ? 1 : 2
    var rows: [Int] = []
    var best: (Division, Int)?
    for candidate in candidates {
      let other = Array(candidate.name.unicodeScalars)
      guard abs(other.count - scalars.count) <= limit else { continue }
      let d = Suggestions.distance(scalars, other, limit: limit, rows: &rows)
      if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    return best?.0
  }

  /// The path people write for a division: 安徽省/六安市/舒城县, 上海市/上海市/静安区.
  public static func path(of division: Division) -> String {
    let names = jurisdiction(of: division)
    return [names.province, names.city, names.county].compactMap { $0 }.joined(separator: "/")
  }

  /// The names a record gives for a division, as the shipped examples write them: a
  /// municipality is its own city (上海市/上海市/静安区), a county its province administers
  /// directly is its own city (河南省/济源市/济源市), and so is a city without counties
  /// (广东省/东莞市/东莞市). A city or province alone leaves the lower levels empty.
  public static func jurisdiction(of division: Division) -> Jurisdiction {
    let province = index.byCode[division.provinceCode]?.name ?? division.name
    switch division.level {
    case .province:
      return Jurisdiction(province: province)
    case .city:
      return Jurisdiction(province: province, city: division.name, county: children(of: division.code).isEmpty ? division.name : nil)
    case .county:
      if let municipality = index.byCode[division.provinceCode], isMunicipality(municipality) {
        return Jurisdiction(province: province, city: province, county: division.name)
      }
      let city = index.byCode[division.cityCode]?.name ?? division.name
      return Jurisdiction(province: province, city: city, county: division.name)
    }
  }

  /// Places the names of `jurisdiction` (province, then city, then county, as far as it
  /// names them) in the list, each inside the one above.
  public static func place(_ jurisdiction: Jurisdiction) -> DivisionPlacement {
    // Nearly every record names a real place: one look-up of the whole path.
    if var hit = known[PathKey(jurisdiction)] {
      hit.corrected = jurisdiction
      return hit
    }
    return search(jurisdiction)
  }

  /// Province, city and county, the part of a jurisdiction the list places.
  struct PathKey: Hashable {
    var province: String
    var city: String?
    var county: String?

    init(_ j: Jurisdiction) {
      province = j.province
      city = j.city
      county = j.county
    }
  }

  /// The placements of every path written as the list's names are (and the accepted
  /// variants of municipalities and directly administered counties), made by `search`
  /// itself so the fast path cannot disagree with it.
  static let known: [PathKey: DivisionPlacement] = {
    var paths: [Jurisdiction] = []
    for division in index.all {
      let j = jurisdiction(of: division)
      paths.append(j)
      switch division.level {
      case .province: break
      case .city: paths.append(Jurisdiction(province: j.province, city: division.name))
      case .county:
        if let province = index.byCode[division.provinceCode], isMunicipality(province) {
          for name in municipalCityNames { paths.append(Jurisdiction(province: j.province, city: name, county: division.name)) }
        } else if index.byCode[division.cityCode] == nil {
          for name in provinceDirectNames { paths.append(Jurisdiction(province: j.province, city: name, county: division.name)) }
        }
      }
    }
    var known: [PathKey: DivisionPlacement] = [:]
    for path in paths {
      let placement = search(path)
      if placement.problems.isEmpty { known[PathKey(path)] = placement }
    }
    return known
  }()

  static func search(_ jurisdiction: Jurisdiction) -> DivisionPlacement {
    var placement = DivisionPlacement()
    var corrected: Jurisdiction? = jurisdiction
    let index = self.index

    // Province.
    var province = index.byName[jurisdiction.province]?.first { $0.level == .province }
    if province == nil {
      let near = nearest(to: jurisdiction.province, among: index.provinces)
      placement.problems.append(
        JurisdictionProblem(level: "province", value: jurisdiction.province, suggestion: near?.name))
      province = near
      corrected?.province = near?.name ?? jurisdiction.province
      if near == nil { corrected = nil }
    }
    guard let province else {
      placement.corrected = nil
      return placement
    }
    placement.province = province
    guard let cityName = jurisdiction.city else {
      placement.corrected = corrected
      return placement
    }
    let below = children(of: province.code)
    // Taiwan, Hong Kong and Macao have no divisions below them in the list: nothing to check.
    guard !below.isEmpty else {
      placement.corrected = corrected
      return placement
    }

    // City, and the counties it may hold.
    var counties: [Division]
    if isMunicipality(province) {
      placement.city = province
      counties = below
      if cityName != province.name, !municipalCityNames.contains(cityName) {
        placement.problems.append(
          JurisdictionProblem(level: "city", value: cityName, suggestion: province.name, parent: province.name))
        corrected?.city = province.name
      }
    } else if let city = below.first(where: { $0.name == cityName }) {
      placement.city = city
      counties = city.level == .county ? [city] : children(of: city.code)
      // A city without counties (东莞市, 中山市) is its own county.
      if counties.isEmpty { counties = [city] }
    } else if provinceDirectNames.contains(cityName), below.contains(where: { $0.level == .county }) {
      counties = below.filter { $0.level == .county }
    } else {
      let near = nearest(to: cityName, among: below)
      let elsewhere = near == nil ? index.byName[cityName]?.first { $0.level != .province }.map(path(of:)) : nil
      placement.problems.append(
        JurisdictionProblem(
          level: "city", value: cityName, suggestion: near?.name, parent: province.name, elsewhere: elsewhere))
      guard let near else {
        placement.corrected = nil
        return placement
      }
      corrected?.city = near.name
      placement.city = near
      counties = near.level == .county ? [near] : children(of: near.code)
      if counties.isEmpty { counties = [near] }
    }
    guard let countyName = jurisdiction.county else {
      placement.corrected = corrected
      return placement
    }

    // County.
    if let county = counties.first(where: { $0.name == countyName }) {
      placement.county = county
    } else {
      let near = nearest(to: countyName, among: counties)
      let parent = placement.city?.name ?? province.name
      let elsewhere = near == nil ? index.byName[countyName]?.first { $0.level == .county }.map(path(of:)) : nil
      placement.problems.append(
        JurisdictionProblem(level: "county", value: countyName, suggestion: near?.name, parent: parent, elsewhere: elsewhere))
      placement.county = near
      if let near { corrected?.county = near.name } else { corrected = nil }
    }
    placement.corrected = corrected
    return placement
  }
}
