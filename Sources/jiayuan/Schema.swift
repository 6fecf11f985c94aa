import ArgumentParser
import Foundation
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

  /// `jiayuan template`: a record skeleton to fill in, each field glossed in Chinese; or a
  /// ledger with Chinese headers for spreadsheet users (`--format csv|xlsx`).
  struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "输出记录模板：带中文注释的 YAML，或中文表头的 CSV / Excel 台账 / print a record template (YAML, or a CSV / Excel ledger)")

    @Option(name: .customLong("format"), help: "yaml (default), csv (UTF-8 with BOM) or xlsx (with a 填写说明 sheet).")
    var format = "yaml"

    @Option(name: .customLong("output"), help: "Write the template to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
      guard ["yaml", "csv", "xlsx"].contains(format) else { throw ValidationError("--format must be yaml, csv or xlsx") }
    }

    func run() throws {
      do {
        let bytes: [UInt8]
        switch format {
        case "csv": bytes = LedgerTemplate.csv()
        case "xlsx":
          do {
            bytes = try LedgerTemplate.xlsx()
          } catch {
            throw ToolError(LocalizedText(zh: "无法生成 Excel 模板：\(error.message)", en: "cannot make the Excel template: \(error.message)"))
          }
        default: bytes = Array(RecordTemplate.text.utf8)
        }
        if let output {
          try writeAtomically(to: output) { $0.write(bytes: bytes) }
          return
        }
        // A workbook is binary: not for a terminal.
        if format == "xlsx", isatty(STDOUT_FILENO) == 1 {
          throw ToolError(
            LocalizedText(
              zh: "xlsx 模板是二进制文件，请写入文件：jiayuan template --format xlsx --output 台账.xlsx",
              en: "the xlsx template is binary; write it to a file: jiayuan template --format xlsx --output ledger.xlsx"))
        }
        var sink = FileSink(fd: STDOUT_FILENO)
        sink.write(bytes: bytes)
        if sink.flush() != nil { throw ExitCode(2) }
      } catch let error as ToolError {
        printError("jiayuan: \(error.message.zh) / \(error.message.en)")
        throw ExitCode(2)
      }
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
      "jurisdiction.county": "舒城县", "jurisdiction.code": "341523", "as_of": "2024-06-30", "households": "420",
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
      case .object where spec.path == "fees":
        // Fees are by year: the year is the key under `fees`.
        out += "# fees:  # 物业费（元），按年份\n#   2023: {due: 1250000, collected: 1190000}  # 应收 / 实收\n"
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
    }
    return out
  }
}
