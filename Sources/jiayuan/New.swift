import ArgumentParser
import Engine
import Foundation
import Policies
import Records

extension Jiayuan {
  /// `jiayuan new ID --province … --city … [--county …]`: the first file of a county's
  /// policy, and its first test case. `new` because it is what an author types first, as
  /// `cargo new` or `swift package init`: a policy that lints clean, one commented rule of
  /// each common kind to edit, and a `cases/` folder whose two cases (one passing, one
  /// failing) run green, so the author starts from `jiayuan test` green and keeps it so.
  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "新建策略文件及其测试用例 / scaffold a policy and its test cases")

    @Argument(help: "The policy id: lower-case letters, digits and '-' (huoshan-2025).")
    var id: String

    @Option(help: "Province (省), e.g. 安徽省.")
    var province: String

    @Option(help: "City (市), e.g. 六安市.")
    var city: String

    @Option(help: "County (区县), e.g. 霍山县; omit for a city's programme.")
    var county: String?

    @Option(help: "First day of the effective period, YYYY-MM-DD (default: 1 January of this year).")
    var from: String?

    @Option(help: "Last day of the effective period, YYYY-MM-DD (default: 31 December of the next year).")
    var to: String?

    @Option(help: "The rule-id prefix (default: the id's first word, upper-case).")
    var prefix: String?

    @Option(help: "Folder to write into (default: the current folder).")
    var dir: String = "."

    func validate() throws {
      guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
        throw ValidationError("the policy id holds lower-case letters, digits and '-' only (huoshan-2025), got \(id)")
      }
      for problem in Self.jurisdictionProblems(province: province, city: city, county: county) {
        throw ValidationError(problem.zh + " / " + problem.en)
      }
      if let from, CalendarDate(from) == nil { throw ValidationError("--from takes a date YYYY-MM-DD, got \(from)") }
      if let to, CalendarDate(to) == nil { throw ValidationError("--to takes a date YYYY-MM-DD, got \(to)") }
      if let prefix, prefix.isEmpty || !prefix.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) {
        throw ValidationError("--prefix holds upper-case letters and digits only, got \(prefix)")
      }
    }

    /// The province, city and county must be divisions of the national list, each inside
    /// the one above (霍山 → 霍山县, 霍山区 → 霍山县): a scaffold for a place that does not
    /// exist would apply to no record.
    static func jurisdictionProblems(province: String, city: String, county: String?) -> [LocalizedText] {
      Divisions.place(Jurisdiction(province: province, city: city, county: county)).problems.map(\.message)
    }

    /// A real county of the city for the scaffold's case records, so that they carry no
    /// REC-JURISDICTION warning (the city's first in the national list).
    static func someCounty(_ province: String, _ city: String) -> String {
      let placement = Divisions.place(Jurisdiction(province: province, city: city))
      guard let city = placement.city else { return city }
      return Divisions.jurisdiction(of: Divisions.children(of: city.code).first ?? city).county ?? city.name
    }

    func run() throws {
      let year = Calendar(identifier: .gregorian).component(.year, from: Date())
      guard let thisYear = CalendarDate(year: year, month: 1, day: 1) else { throw ExitCode(2) }
      let start = from.flatMap { CalendarDate($0) } ?? thisYear
      let end = to.flatMap { CalendarDate($0) } ?? CalendarDate(year: start.year + 1, month: 12, day: 31) ?? start
      guard end >= start else {
        printError("jiayuan: 有效期结束早于开始 / --to is before --from")
        throw ExitCode(2)
      }
      let prefix = prefix ?? (id.split(separator: "-").first.map { $0.uppercased() } ?? "X")
      let scaffold = Self.scaffold(
        id: id, province: province, city: city, county: county, from: start, to: end, prefix: prefix)
      let policyPath = (dir as NSString).appendingPathComponent("\(id).yaml")
      let casePath = (dir as NSString).appendingPathComponent("cases/\(prefix)-OC-PARTY-RATIO.yaml")
      let existing = [policyPath, casePath].filter { pathExists($0) }
      guard existing.isEmpty else {
        printError(
          "jiayuan: 不覆盖已有文件 / will not overwrite existing files:\n" + existing.map { "  \($0)" }.joined(separator: "\n"))
        throw ExitCode(2)
      }
      do {
        try FileManager.default.createDirectory(
          atPath: (casePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // `.withoutOverwriting`: a file that appeared since the check is still kept.
        try Data(scaffold.policy.utf8).write(to: URL(fileURLWithPath: policyPath), options: .withoutOverwriting)
        try Data(scaffold.cases.utf8).write(to: URL(fileURLWithPath: casePath), options: .withoutOverwriting)
      } catch {
        printError("jiayuan: 无法写入 / cannot write: \(error.localizedDescription)")
        throw ExitCode(2)
      }
      print("已创建 / created:\n  \(policyPath)\n  \(casePath)")
      print("下一步 / next:\n  jiayuan lint \(policyPath)\n  jiayuan test \((casePath as NSString).deletingLastPathComponent)")
    }

    /// The policy's and its case file's text.
    static func scaffold(
      id: String, province: String, city: String, county: String?, from: CalendarDate, to: CalendarDate, prefix: String
    ) -> (policy: String, cases: String) {
      let place = province + city + (county ?? "")
      let jurisdiction = "{province: \(province), city: \(city)\(county.map { ", county: \($0)" } ?? "")}"
      let level = county == nil ? "city" : "county"
      let policy = """
        # \(place)住宅小区治理工作方案（由 jiayuan new 生成：逐条改成文件的要求，删去不用的规则）
        # Scaffolded by `jiayuan new`: edit each rule into one requirement of the document,
        # delete those it does not have. Guide: docs/authoring.md. Check with `jiayuan lint`.
        format: jiayuan-policy/1
        id: \(id)
        version: 0.1.0
        title:
          zh: \(place)住宅小区治理工作方案
          en: \(place) residential community governance programme
        document:
          number: （文号）              # 文件的文号；没有就删去这一行
          title: \(place)住宅小区治理工作方案
          issuer: （发文单位）
        jurisdiction: \(jurisdiction)
        effective: {from: \(from), to: \(to)}

        rules:
          # 比例（ratio）：一个字段除以另一个字段。比例一定写 %：min: 65%，不是 65。
          - id: \(prefix)-OC-PARTY-RATIO
            severity: error               # error | warning | info（文件说“力争”“推动”时用 warning）
            title: {zh: 业主委员会党员比例, en: Party members on the owners' committee}
            message:
              zh: 业主委员会党员比例 {actual}，低于 {expected}
              en: party members are {actual} of the owners' committee, below {expected}
            fix: {zh: 换届时提高党员委员比例, en: raise the share of party members at the next election}
            citation:
              clause: 二(一)               # 条款号
              text: 业主委员会成员中党员比例不低于65%   # 文件原文，逐字摘录
            applies: present(owners_committee) and owners_committee.members > 0
            check: {kind: ratio, numerator: owners_committee.party_members, denominator: owners_committee.members, min: 65%}

          # 每年的收缴率（fee_collection）：每个已结束的年度各自判定。
          - id: \(prefix)-FEE-COLLECTION
            severity: error
            title: {zh: 物业费收缴率, en: Property fee collection}
            message:
              zh: "{period} 年物业费收缴率 {actual}，低于 {expected}"
              en: "the fee collection rate of {period} is {actual}, below {expected}"
            citation: {clause: 二(二), text: 物业费收缴率每年不低于90%}
            check: {kind: fee_collection, min: 90%, since: property_service.since}

          # 分期目标（group_share）：按辖区汇总的比例，目标按期限先后由低到高。
          - id: \(prefix)-PROPERTY-COVERAGE
            severity: error
            title: {zh: 物业服务覆盖率, en: Property service coverage}
            message:
              zh: 物业服务覆盖率 {actual}，未达到 {deadline} 前 {expected} 的目标，尚差 {gap} 个小区
              en: property service coverage is {actual}, short of the {expected} target due {deadline}; {gap} more communities needed
            citation: {clause: 二(三), text: （目标原文）}
            check:
              kind: group_share
              group_by: \(level)
              predicate: "property_service.mode != 'none'"
              targets:
                - {deadline: \(to), min: 85%}

          # 定期活动（event_count）：period: year 每个已结束的年度，quarter 每个季度。
          - id: \(prefix)-FIRE-DRILL
            severity: error
            title: {zh: 每年一次消防演练, en: A fire drill every year}
            message: {zh: "{period} 年未开展消防演练", en: "no fire drill was held in {period}"}
            citation: {clause: 二(四), text: 每年至少组织开展一次消防演练}
            check: {kind: event_count, events: [fire_drill], min: 1, period: year}

          # 每若干户的定额（per_households）：applies 限定新建小区。
          - id: \(prefix)-SERVICE-AREA
            severity: error
            title: {zh: 新建小区服务用房, en: Service rooms in new estates}
            message: {zh: "服务用房 {actual} 平方米，应不少于 {expected}", en: "{actual} m² of service rooms, {expected} needed"}
            citation: {clause: 二(五), text: （配建标准原文）}
            applies: built_year >= \(from.year)
            check: {kind: per_households, field: facilities.service_area_m2, per: 100, min: 20}

          # 条件（condition）：一个条件成立即通过；用 and / or / not 连接。
          - id: \(prefix)-PUBLIC-REVENUE
            severity: warning
            title: {zh: 公共收益公开, en: Public revenue disclosed}
            message: {zh: 未公开公共收益, en: public revenue is not disclosed}
            citation: {clause: 二(六), text: （公开要求原文）}
            check: {kind: condition, condition: public_revenue = true}

        """
      let cases = """
        # \(prefix)-OC-PARTY-RATIO 的测试用例：每条规则至少一个通过、一个不通过的用例。
        # Run with `jiayuan test` on this folder; docs/cases.md has the format.
        policy: ../\(id).yaml
        rule: \(prefix)-OC-PARTY-RATIO
        base:
          id: CASE-0001
          name: 示例小区
          jurisdiction: {province: \(province), city: \(city), county: \(county ?? Self.someCounty(province, city))}
          as_of: \(to)
          households: 300
          built_year: 2015
          owners_committee: {kind: committee, formed: \(from), members: 7, party_members: 5}
        cases:
          - name: 5 of 7 party members (71.4%) passes
            record: {}
            expect: pass
          - name: 4 of 7 (57.1%) is below 65%
            record: {owners_committee: {party_members: 4}}
            expect: {outcome: fail, actual: 57.1% (4/7)}

        """
      return (policy, cases)
    }
  }
}
