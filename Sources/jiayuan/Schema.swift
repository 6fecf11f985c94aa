import ArgumentParser
import Records
import Reporters

extension Jiayuan {
  /// `jiayuan schema records|policy`: JSON Schema for editors and other validators.
  struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "输出 JSON Schema / print the JSON Schema of records or policies")

    @Argument(help: "records or policy")
    var which: String

    func validate() throws {
      guard ["records", "policy"].contains(which) else {
        throw invalid(zh: "schema 的参数应为 records 或 policy", en: "schema takes records or policy", environmentLanguage)
      }
    }

    func run() {
      print(which == "records" ? JSONSchemas.records() : JSONSchemas.policy(), terminator: "")
    }
  }

  /// `jiayuan template`: a record skeleton to fill in, each field glossed in Chinese.
  struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "输出带中文注释的记录模板 / print a commented record skeleton")

    func run() {
      print(RecordTemplate.text, terminator: "")
    }
  }
}

/// The skeleton `jiayuan template` prints: every field of records.md in order, required
/// ones filled with examples, optional ones commented out.
enum RecordTemplate {
  static var text: String {
    var out = """
      # jiayuan 小区记录模板（格式 jiayuan/v1）。填写后运行：jiayuan check 本文件.yaml
      # 带 * 的为必填项；未掌握的数据请删除该行或保持注释（不填 ≠ 填 0 或 false）。
      # 日期格式 YYYY-MM-DD；布尔值只能写 true 或 false（不要写 是/否、yes/no）。
      schema: jiayuan/v1

      """
    let examples: [String: String] = [
      "id": "AH-LA-SC-0001", "name": "梅山花园", "jurisdiction.province": "安徽省", "jurisdiction.city": "六安市",
      "jurisdiction.county": "舒城县", "as_of": "2024-06-30", "households": "420",
    ]
    for spec in RecordSchema.fields where spec.path != "schema" && !spec.path.hasPrefix("fees.") {
      let depth = spec.path.split(separator: ".").count - 1
      let indent = String(repeating: "  ", count: depth)
      let name = spec.path.split(separator: ".").last.map(String.init) ?? spec.path
      let star = spec.required ? "* " : ""
      let hint: String =
        switch spec.type {
        case .enumeration(let values): "取值：" + values.joined(separator: " / ")
        case .integer(let min): "整数，≥ \(min)"
        case .number(let min, let max): "数字，\(NumberFormat.plain(min))" + (max.map { "–\(NumberFormat.plain($0))" } ?? " 以上")
        case .boolean: "true / false"
        case .date: "YYYY-MM-DD"
        default: ""
        }
      let comment = "  # \(star)\(spec.gloss)" + (hint.isEmpty ? "" : "（\(hint)）")
      switch spec.type {
      case .object:
        let prefix = spec.required || spec.path == "jurisdiction" ? "" : "# "
        out += "\(prefix)\(indent)\(name):\(comment)\n"
      case .events:
        out += "# events:  # 活动记录，每项 {date, type, title, attendees}\n"
        out += "#   - {date: 2024-04-15, type: fire_drill, title: 消防演练}\n"
        out += "#   事件类型：" + RecordSchema.eventTypes.joined(separator: ", ") + "\n"
      case .awards:
        out += "# awards:  # 荣誉称号\n#   - {year: 2023, level: city, title: meihao-jiayuan}\n"
      case .strings:
        out += "# campaigns: [meihao-jiayuan-2023]  # 参与的活动\n"
      default:
        if let example = examples[spec.path] {
          out += "\(indent)\(name): \(example)\(comment)\n"
        } else {
          out += "# \(indent)\(name):\(comment)\n"
        }
      }
      if spec.path == "facilities" {
        out += "# fees:  # 物业费（元），按年份\n#   2023: {due: 1250000, collected: 1190000}  # 应收 / 实收\n"
      }
    }
    return out
  }
}
