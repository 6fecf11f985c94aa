import ArgumentParser
import Engine
import Foundation
import Policies
import Records
import Reporters

extension Jiayuan {
  /// `jiayuan score --policy shaoxing-2023 PATH...`: each candidate's scorecard (annex 2)
  /// and the recommendation list of each district ranked by score (annex 4).
  struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "评分与推荐名单 / scorecards and the recommendation list")

    @Argument(help: "Record files or folders.")
    var paths: [String] = []

    @OptionGroup var policyOptions: PolicyOptions

    @Option(name: .customLong("as-of"), help: "Evaluate at this date (YYYY-MM-DD).")
    var asOf: String?

    @Option(help: "text, csv or json.")
    var format: String = "text"

    func validate() throws {
      try policyOptions.validateLanguage()
      guard ["text", "csv", "json"].contains(format) else {
        throw invalid(zh: "--format 应为 text、csv 或 json", en: "--format must be text, csv or json", policyOptions.language)
      }
      guard !policyOptions.policies.isEmpty else {
        throw invalid(
          zh: "score 需要 --policy（例如 shaoxing-2023）", en: "score needs --policy (e.g. shaoxing-2023)", policyOptions.language)
      }
    }

    func run() throws {
      do {
        let policies = try policyOptions.load()
        let cards = policies.flatMap { p in p.rules.compactMap { r in (r.check as? ScorecardCheck).map { (p, r, $0) } } }
        guard !cards.isEmpty else { throw ToolError(zh: "所选策略中没有评分表规则", en: "no selected policy has a scorecard rule") }
        guard !paths.isEmpty else { throw ToolError(zh: "没有输入：请给出记录文件或文件夹", en: "no input: give record files or folders") }
        let expansion = try InputFiles.walk(paths)
        let files = expansion.paths
        let result = try Run.check(
          paths: files, unreadable: expansion.unreadable, policies: policies, asOf: try parseDate(asOf, policyOptions.language))
        var info: [String: Record] = [:]
        // A path the check could not read is among its findings; here it adds no names.
        for path in files where expansion.unreadable[path] == nil {
          guard case .file(let file) = InputFiles.load(path) else { continue }
          RecordSource.records(in: file.bytes, file: file.path, kind: file.kind) {
            if let r = $0.record, info[r.id] == nil { info[r.id] = r }
          }
        }
        // One pass over the findings (they may be merged from disk on every pass).
        let cardRules = Set(cards.map { $0.1.id })
        let disqualifying = Set(cards.flatMap { $0.2.disqualifiedBy })
        let cardPolicies = Set(cards.map { $0.0.id })
        var notices: [Finding] = []
        var failed = Set<String>()
        // The policy's other requirements a candidate fails (annex 1 of Shaoxing): it stays on
        // the list, ranked by its score, but the list says what it has not met.
        var unmet: [String: [String]] = [:]
        for f in result.findings {
          if cardRules.contains(f.rule), f.outcome == .notice { notices.append(f) }
          if disqualifying.contains(f.rule), f.outcome == .fail { failed.insert(f.rule + "\u{1F}" + f.subject.key) }
          if f.outcome == .fail, f.severity == .error, !disqualifying.contains(f.rule), let p = f.policy, cardPolicies.contains(p) {
            unmet[f.subject.key, default: []].append(f.rule)
          }
        }
        var candidates: [Candidate] = []
        for (_, rule, card) in cards {
          for f in notices where f.rule == rule.id {
            let disqualified = card.disqualifiedBy.contains { failed.contains($0 + "\u{1F}" + f.subject.key) }
            candidates.append(
              Candidate(
                finding: f, record: info[f.subject.key], disqualified: disqualified,
                unmet: Array(Set(unmet[f.subject.key] ?? [])).sorted()))
          }
        }
        print(render(candidates), terminator: "")
      } catch let error as ToolError {
        printError("jiayuan: \(error.text(policyOptions.language))")
        throw ExitCode(2)
      }
    }

    struct Candidate {
      var finding: Finding
      var record: Record?
      var disqualified: Bool
      /// Error rules of the scorecard's policy the candidate fails (附件1 要求).
      var unmet: [String] = []
      var score: Double { finding.score ?? 0 }
      var district: String { record?.jurisdiction.county ?? "" }
    }

    /// Annex 4: per district, qualified candidates by score (ties by id), numbered from 1.
    private func ranked(_ candidates: [Candidate]) -> [(rank: Int, candidate: Candidate)] {
      let qualified = candidates.filter { !$0.disqualified }
      let districts = Array(Set(qualified.map(\.district))).sorted()
      var out: [(Int, Candidate)] = []
      for district in districts {
        let list = qualified.filter { $0.district == district }
          .sorted { $0.score != $1.score ? $0.score > $1.score : $0.finding.subject.key < $1.finding.subject.key }
        for (i, c) in list.enumerated() { out.append((i + 1, c)) }
      }
      return out
    }

    private func render(_ candidates: [Candidate]) -> String {
      let lang = policyOptions.language
      let zh = lang == .zh
      let list = ranked(candidates)
      func occupancy(_ c: Candidate) -> String {
        c.record?.fields["occupancy_rate"]?.value.number.map { NumberFormat.percent($0) } ?? ""
      }
      func company(_ c: Candidate) -> String {
        if case .string(let s)? = c.record?.fields["property_service.company"]?.value { return s }
        return ""
      }
      switch format {
      case "json":
        typealias V = JSONWriter.Value
        let cards: [V] = candidates.map { c in
          .object([
            ("id", .string(c.finding.subject.key)), ("name", .string(c.record?.name ?? "")), ("district", .string(c.district)),
            ("score", .double(c.score)), ("disqualified", .bool(c.disqualified)),
            ("items", .array(c.finding.notes.map { .string($0.message.text(lang)) })),
          ])
        }
        let recommended: [V] = list.map { r, c in
          .object([
            ("rank", .int(r)), ("district", .string(c.district)), ("name", .string(c.record?.name ?? c.finding.subject.key)),
            ("id", .string(c.finding.subject.key)), ("company", .string(company(c))),
            ("street", .string(c.record?.jurisdiction.street ?? "")),
            ("neighborhood", .string(c.record?.jurisdiction.neighborhood ?? "")), ("score", .double(c.score)),
            ("occupancy_rate", .string(occupancy(c))), ("unmet", .array(c.unmet.map { .string($0) })),
          ])
        }
        return JSONWriter.render(.object([("scorecards", .array(cards)), ("recommendation_list", .array(recommended))])) + "\n"
      case "csv":
        func cell(_ s: String) -> String { CSVReporter.text(s) }
        var out =
          "\u{FEFF}"
          + (zh
            ? "序号,地区,项目名称,物业服务企业名称,所属街道,所属社区,评价分数,交付率或入住率,未达要求"
            : "rank,district,project,company,street,neighborhood,score,occupancy,unmet")
          + "\r\n"
        for (r, c) in list {
          out +=
            [
              String(r), c.district, c.record?.name ?? c.finding.subject.key, company(c), c.record?.jurisdiction.street ?? "",
              c.record?.jurisdiction.neighborhood ?? "", NumberFormat.plain(c.score), occupancy(c),
              c.unmet.joined(separator: " "),
            ].map(cell).joined(separator: ",") + "\r\n"
        }
        return out
      default:
        var out = zh ? "== 附件2 评分表\n" : "== Annex 2 scorecards\n"
        for c in candidates {
          out += "\n\(c.finding.subject.key) \(c.record?.name ?? "")（\(c.district)）：\(NumberFormat.plain(c.score))"
          out += (zh ? " 分" : " points") + (c.disqualified ? (zh ? "（取消资格）" : " (disqualified)") : "") + "\n"
          for note in c.finding.notes { out += "  \(note.message.text(lang))\n" }
        }
        out +=
          zh ? "\n== 附件4 推荐名单（按地区、评分排序；取消资格者不列入）\n" : "\n== Annex 4 recommendation list (by district and score; disqualified excluded)\n"
        out +=
          (zh
            ? "序号\t地区\t项目名称\t物业服务企业名称\t所属街道\t所属社区\t评价分数\t交付率或入住率\t未达要求"
            : "rank\tdistrict\tproject\tcompany\tstreet\tneighborhood\tscore\toccupancy\tunmet") + "\n"
        for (r, c) in list {
          out +=
            "\(r)\t\(c.district)\t\(c.record?.name ?? c.finding.subject.key)\t\(company(c))\t\(c.record?.jurisdiction.street ?? "")\t\(c.record?.jurisdiction.neighborhood ?? "")\t\(NumberFormat.plain(c.score))\t\(occupancy(c))\t\(c.unmet.joined(separator: " "))\n"
        }
        return out
      }
    }
  }
}
