import Records
import Testing

@Suite struct DivisionTests {
  @Test func theTableHoldsTheNationalListByLevel() {
    let all = Divisions.all
    #expect(all.count == 3210)
    // 民政部 2022: 34 provinces, 333 prefecture-level, 2843 county-level divisions.
    #expect(all.filter { $0.level == .province }.count == 34)
    #expect(all.filter { $0.level == .city }.count == 333)
    #expect(all.filter { $0.level == .county }.count == 2843)
    #expect(Set(all.map(\.code)).count == all.count)
  }

  @Test func knownEntries() {
    let known = [
      340000: "安徽省", 341500: "六安市", 341523: "舒城县", 341525: "霍山县", 310106: "静安区", 510300: "自贡市",
      330600: "绍兴市", 370102: "历下区", 419001: "济源市", 441900: "东莞市",
    ]
    for (code, name) in known { #expect(Divisions.division(code: code)?.name == name, "\(code)") }
    #expect(Divisions.division(code: 341599) == nil)
    #expect(Divisions.division(code: 341523)?.shortName == "舒城")
  }

  @Test func everyCountyLiesUnderItsCityAndProvince() {
    for county in Divisions.all where county.level == .county {
      #expect(Divisions.division(code: county.provinceCode)?.level == .province, "\(county.code)")
      if let city = Divisions.division(code: county.cityCode) {
        #expect(city.level == .city && city.provinceCode == county.provinceCode, "\(county.code)")
        #expect(Divisions.children(of: city.code).contains(county), "\(county.code)")
      } else {
        #expect(Divisions.children(of: county.provinceCode).contains(county), "\(county.code)")
      }
    }
  }

  /// Every division, written as records write it, places at itself: no two divisions of
  /// one parent share a name, and the names filled from a code are accepted.
  @Test func everyDivisionPlacesAtItself() {
    for division in Divisions.all {
      let placement = Divisions.place(Divisions.jurisdiction(of: division))
      #expect(placement.problems.isEmpty, "\(division.code)")
      #expect(placement.division?.code == division.code || division.level == .city, "\(division.code)")
    }
  }

  @Test func theShippedJurisdictionsArePlaced() {
    for j in [
      Jurisdiction(province: "安徽省", city: "六安市", county: "舒城县"),
      Jurisdiction(province: "安徽省", city: "六安市", county: "霍山县"),
      Jurisdiction(province: "上海市", city: "上海市", county: "静安区"),
      Jurisdiction(province: "四川省", city: "自贡市"), Jurisdiction(province: "山东省"),
      Jurisdiction(province: "浙江省", city: "绍兴市", county: "越城区"),
      Jurisdiction(province: "河南省", city: "济源市", county: "济源市"),
      Jurisdiction(province: "湖北省", city: "省直辖县级行政区划", county: "仙桃市"),
      Jurisdiction(province: "广东省", city: "东莞市", county: "东莞市"),
      Jurisdiction(province: "重庆市", city: "重庆市", county: "石柱土家族自治县"),
    ] {
      let placement = Divisions.place(j)
      #expect(placement.problems.isEmpty, "\(j)")
      #expect(placement.corrected == j)
    }
    #expect(Divisions.place(Jurisdiction(province: "安徽省", city: "六安市", county: "舒城县")).county?.code == 341523)
  }

  @Test func nearMissesSuggestTheRealName() {
    func problem(_ j: Jurisdiction) -> JurisdictionProblem? { Divisions.place(j).problems.first }
    let shucheng = problem(Jurisdiction(province: "安徽省", city: "六安市", county: "舒城"))
    #expect(shucheng?.field == "jurisdiction.county")
    #expect(shucheng?.suggestion == "舒城县")
    #expect(shucheng?.message.zh.hasPrefix("舒城 — 是否应为 舒城县？") == true)
    #expect(shucheng?.message.en.hasPrefix("舒城 — did you mean 舒城县?") == true)
    #expect(problem(Jurisdiction(province: "安徽", city: "六安市", county: "舒城县"))?.suggestion == "安徽省")
    #expect(problem(Jurisdiction(province: "安徽省", city: "六安市", county: "霍山区"))?.suggestion == "霍山县")
    #expect(problem(Jurisdiction(province: "安徽省", city: "六安", county: "霍山县"))?.suggestion == "六安市")
    #expect(problem(Jurisdiction(province: "安徽省", city: "六按市", county: "霍山县"))?.suggestion == "六安市")
    #expect(problem(Jurisdiction(province: "内蒙古", city: "兴安盟"))?.suggestion == "内蒙古自治区")
    #expect(problem(Jurisdiction(province: "上海市", city: "上海", county: "静安区"))?.suggestion == "上海市")
    let corrected = Divisions.place(Jurisdiction(province: "安徽", city: "六安", county: "霍山")).corrected
    #expect(corrected == Jurisdiction(province: "安徽省", city: "六安市", county: "霍山县"))
  }

  @Test func aRealNameOutsideItsParentSaysWhereItIs() {
    let p = Divisions.place(Jurisdiction(province: "安徽省", city: "六安市", county: "越城区")).problems
    #expect(p.count == 1)
    #expect(p.first?.suggestion == nil)
    #expect(p.first?.elsewhere == "浙江省/绍兴市/越城区")
    #expect(p.first?.message.zh == "越城区 不在 六安市 内，而在 浙江省/绍兴市/越城区")
    #expect(Divisions.place(Jurisdiction(province: "安徽省", city: "六安市", county: "火星县")).corrected == nil)
  }

  @Test func aCodeGivesTheNamesRecordsWrite() throws {
    let county = try #require(Divisions.division(code: 310106))
    #expect(Divisions.jurisdiction(of: county) == Jurisdiction(province: "上海市", city: "上海市", county: "静安区"))
    let jiyuan = try #require(Divisions.division(code: 419001))
    #expect(Divisions.jurisdiction(of: jiyuan) == Jurisdiction(province: "河南省", city: "济源市", county: "济源市"))
    let huoshan = try #require(Divisions.division(code: 341525))
    #expect(Divisions.path(of: huoshan) == "安徽省/六安市/霍山县")
  }
}
