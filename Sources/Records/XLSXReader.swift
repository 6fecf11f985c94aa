import YAMLSource

#if canImport(ZIPFoundation)
  import Foundation
  import ZIPFoundation

  /// Reads the records of an `.xlsx` workbook (records.md, "Files" → spreadsheets): every
  /// sheet whose header row names known fields is a table of `SheetTable`, read row by row.
  ///
  /// Cells: shared strings, inline strings, numbers, booleans (`TRUE` / `FALSE`), formulas'
  /// cached values, errors (`#N/A`, as text the field then refuses) and Excel dates — a
  /// number in a date format is a serial day, 1900 or 1904 system, written `YYYY-MM-DD`.
  /// Merged cells in the first rows carry their value across the region, so a merged or
  /// two-row header reads as its cells show.
  ///
  /// A workbook is a ZIP of XML parts, and a hostile one is a zip bomb or a part too large
  /// to hold: only the entries named here are looked up (by name, never by walking the
  /// archive's paths, so `../` tricks lead nowhere), each refused from its declared size
  /// over `maxEntryBytes` or a compression ratio over `maxRatio`, and counted as inflated
  /// so that a size that lies is caught too; the shared-string table is capped in count
  /// and bytes. Places are `file#sheet` with the row as line and the column number (J = 10)
  /// as column.
  public enum XLSXReader {
    public struct Limits: Sendable {
      /// The largest part inflated, in bytes.
      public var maxEntryBytes: Int
      /// Inflated ÷ compressed beyond which a large part is a bomb (XML compresses 10–30×).
      public var maxRatio: Int = 200
      /// Shared strings (distinct texts of the workbook).
      public var maxSharedStrings: Int = 2_000_000
      public var maxSheets: Int = 256

      public init(maxEntryBytes: Int) { self.maxEntryBytes = maxEntryBytes }
    }

    /// Sheets that explain the ledger rather than hold it (the template's 填写说明).
    static let instructionSheets: Set<String> = ["填写说明", "说明", "使用说明", "填表说明", "instructions", "readme"]

    public static func records(
      _ bytes: [UInt8], file: String, limits: YAMLLimits, xlsx: Limits? = nil, _ body: (DecodedRecord) -> Void
    ) {
      let caps = xlsx ?? Limits(maxEntryBytes: limits.maxFileBytes)
      func refuse(_ zh: String, _ en: String) {
        let finding = Finding(
          rule: "REC-PARSE", severity: .error, subject: .input(file), file: file, range: .fileStart,
          message: LocalizedText(zh: "无法读取 Excel 工作簿：\(zh)", en: "cannot read the Excel workbook: \(en)"))
        body(DecodedRecord(record: nil, id: nil, findings: [finding], origin: RecordOrigin(file: file, index: 0, range: .fileStart)))
      }
      if bytes.count > limits.maxFileBytes {
        refuse("文件超过大小上限", "the file is over the size limit")
        return
      }
      let workbook: Workbook
      do {
        workbook = try Workbook(bytes, caps: caps)
      } catch let error as WorkbookError {
        refuse(error.zh, error.en)
        return
      } catch {
        refuse("不是有效的 .xlsx 文件（\(error)）", "not a valid .xlsx file (\(error))")
        return
      }
      var given = 0
      let sheets = workbook.sheets.filter { !instructionSheets.contains($0.name.lowercased()) }
      // The events sheets first, whatever their place among the sheets, so that each
      // community row takes its events as it streams by (`SheetEvents`).
      let eventSheets = Set(sheets.filter { workbook.isEventSheet($0) }.map(\.part))
      let index = eventSheets.isEmpty ? nil : EventIndex()
      for sheet in sheets where eventSheets.contains(sheet.part) {
        guard let index else { break }
        let name = "\(file)#\(sheet.name)"
        var table = EventTable(file: name, sheet: sheet.name, index: index)
        do {
          try workbook.rows(of: sheet) { table.add($0) }
        } catch let error as WorkbookError {
          index.rows.notes.append(
            Finding(
              rule: "REC-PARSE", severity: .error, subject: .input(name), file: name, range: .fileStart,
              message: LocalizedText(zh: "无法读取工作表“\(sheet.name)”：\(error.zh)", en: "cannot read sheet \(sheet.name): \(error.en)")))
        } catch {}
      }
      func give(_ decoded: DecodedRecord) {
        given += 1
        body(decoded)
      }
      // What the events sheets held for no community, once every ledger row took its
      // events: rows that cannot be placed, one input error.
      defer {
        if let left = index?.rows.inputError(excluding: index?.taken ?? []) { body(left) }
      }
      for sheet in sheets where !eventSheets.contains(sheet.part) {
        let name = "\(file)#\(sheet.name)"
        var table = SheetTable(file: name, place: .sheet(sheet.name), limits: limits, needsHeader: true)
        table.eventIndex = index
        do {
          try workbook.rows(of: sheet) {
            table.add($0) { give($0) }
          }
        } catch let error as WorkbookError {
          table.finish { give($0) }
          let finding = Finding(
            rule: "REC-PARSE", severity: .error, subject: .input(name), file: name, range: .fileStart,
            message: LocalizedText(zh: "无法读取工作表“\(sheet.name)”：\(error.zh)", en: "cannot read sheet \(sheet.name): \(error.en)"))
          give(DecodedRecord(record: nil, id: nil, findings: [finding], origin: RecordOrigin(file: name, index: 0, range: .fileStart)))
          continue
        } catch {
          continue
        }
        table.finish { give($0) }
      }
      // A workbook that gives nothing says why, or a folder run would pass over it.
      if workbook.sheets.isEmpty {
        refuse("工作簿中没有工作表（xl/workbook.xml 未列出任何 sheet）", "the workbook has no sheets (xl/workbook.xml lists none)")
      } else if given == 0, eventSheets.isEmpty {
        let names = workbook.sheets.map(\.name).joined(separator: "、")
        refuse(
          "没有一个工作表的表头含有已知字段（工作表：\(names)）；表头应写字段名，如 小区编码、户数",
          "no sheet has a header naming known fields (sheets: \(names)); name the fields, such as 小区编码, 户数")
      }
    }

    struct WorkbookError: Error {
      var zh: String
      var en: String
    }

    struct Sheet {
      var name: String
      var part: String
    }

    /// The parts every sheet needs, read once.
    struct Workbook {
      let archive: Archive
      let caps: Limits
      var sheets: [Sheet] = []
      var sharedStrings: [String] = []
      /// Indices into `cellXfs` whose number format is a date.
      var dateStyles: Set<Int> = []
      var date1904 = false

      init(_ bytes: [UInt8], caps: Limits) throws {
        guard bytes.starts(with: [0x50, 0x4B]) else {
          throw WorkbookError(
            zh: "不是 ZIP 格式（.xlsx 应是 ZIP 压缩包；旧版 .xls 请另存为 .xlsx）", en: "not a ZIP archive (an .xlsx is one; save an old .xls as .xlsx)")
        }
        if let problem = ZIPBounds.problem(bytes) {
          throw WorkbookError(zh: "ZIP 压缩包已损坏（\(problem.zh)）", en: "the ZIP archive is damaged (\(problem.en))")
        }
        do {
          archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
          throw WorkbookError(zh: "ZIP 压缩包已损坏（\(error)）", en: "the ZIP archive is damaged (\(error))")
        }
        self.caps = caps
        guard let workbook = try part("xl/workbook.xml") else {
          throw WorkbookError(zh: "缺少 xl/workbook.xml，不是 Excel 工作簿", en: "no xl/workbook.xml: not an Excel workbook")
        }
        var named: [(name: String, id: String)] = []
        try xml(workbook, "xl/workbook.xml") { event in
          guard case .start(let name, let attributes, _) = event else { return }
          if name == "sheet", let sheet = XLSXReader.value(attributes, "name"),
            let id = XLSXReader.value(attributes, "r:id") ?? XLSXReader.value(attributes, "id")
          {
            named.append((sheet, id))
          } else if name == "workbookPr", let v = XLSXReader.value(attributes, "date1904") {
            date1904 = v == "1" || v == "true"
          }
        }
        guard named.count <= caps.maxSheets else {
          throw WorkbookError(zh: "工作表超过 \(caps.maxSheets) 个", en: "more than \(caps.maxSheets) sheets")
        }
        var targets: [String: String] = [:]
        if let rels = try part("xl/_rels/workbook.xml.rels") {
          try xml(rels, "xl/_rels/workbook.xml.rels") { event in
            guard case .start("Relationship", let attributes, _) = event, let id = XLSXReader.value(attributes, "Id"),
              let target = XLSXReader.value(attributes, "Target")
            else { return }
            targets[id] = target
          }
        }
        for (k, sheet) in named.enumerated() {
          let target = targets[sheet.id] ?? "worksheets/sheet\(k + 1).xml"
          guard let part = Self.resolve(target) else { continue }
          sheets.append(Sheet(name: sheet.name, part: part))
        }
        if let strings = try part("xl/sharedStrings.xml") { sharedStrings = try readSharedStrings(strings) }
        if let styles = try part("xl/styles.xml") { dateStyles = try readDateStyles(styles) }
      }

      /// A relationship's target as an entry name: relative to `xl/`, or absolute from the
      /// package root; one that climbs out (`..`) names nothing.
      static func resolve(_ target: String) -> String? {
        var parts: [Substring] = target.hasPrefix("/") ? [] : ["xl"]
        for piece in target.split(separator: "/") {
          if piece == "." || piece.isEmpty { continue }
          if piece == ".." {
            guard !parts.isEmpty else { return nil }
            parts.removeLast()
            continue
          }
          parts.append(piece)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
      }

      /// One part inflated, within the caps; nil when the workbook has no such entry.
      func part(_ path: String) throws -> [UInt8]? {
        guard let entry = archive[path] else { return nil }
        let declared = Int(clamping: entry.uncompressedSize)
        let compressed = max(Int(clamping: entry.compressedSize), 1)
        let cap = caps.maxEntryBytes
        guard declared <= cap else {
          throw WorkbookError(
            zh: "\(path) 解压后有 \(declared) 字节，超过上限 \(cap) 字节", en: "\(path) inflates to \(declared) bytes, over the limit of \(cap)")
        }
        if declared > 1 << 20, declared / compressed > caps.maxRatio {
          throw WorkbookError(
            zh: "\(path) 的压缩比为 \(declared / compressed):1，疑似压缩炸弹，拒绝解压",
            en: "\(path) has a compression ratio of \(declared / compressed):1, a likely zip bomb; refused")
        }
        var out: [UInt8] = []
        out.reserveCapacity(declared)
        do {
          _ = try archive.extract(entry, skipCRC32: false) { chunk in
            guard out.count + chunk.count <= min(cap, declared + 4096) else { throw WorkbookError(zh: "", en: "") }
            out.append(contentsOf: chunk)
          }
        } catch is WorkbookError {
          throw WorkbookError(
            zh: "\(path) 解压后超过声明的大小 \(declared) 字节（或上限 \(cap) 字节），拒绝解压",
            en: "\(path) inflates past its declared size of \(declared) bytes (or the limit of \(cap)); refused")
        } catch {
          throw WorkbookError(zh: "\(path) 无法解压（\(error)）", en: "\(path) cannot be inflated (\(error))")
        }
        return out
      }

      func xml(_ bytes: [UInt8], _ path: String, _ body: (SpreadsheetXML.Event) throws -> Void) throws {
        do {
          try SpreadsheetXML.scan(bytes, body)
        } catch let failure as SpreadsheetXML.Failure {
          throw WorkbookError(zh: "\(path) 不是有效的 XML（\(failure)）", en: "\(path) is not valid XML (\(failure))")
        }
      }

      /// `<si>` items: plain `<t>`, or rich-text runs `<r><t>…</t></r>`; phonetic runs
      /// (`<rPh>`) are not the text.
      func readSharedStrings(_ bytes: [UInt8]) throws -> [String] {
        var out: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        let cap = caps.maxSharedStrings
        try xml(bytes, "xl/sharedStrings.xml") { event in
          switch event {
          case .start(let name, _, _):
            if name == "si" { current = "" }
            if name == "t" { inText = phonetic == 0 }
            if name == "rPh" { phonetic += 1 }
          case .end(let name):
            if name == "t" { inText = false }
            if name == "rPh" { phonetic -= 1 }
            if name == "si" {
              out.append(current)
              guard out.count <= cap else {
                throw WorkbookError(zh: "共享字符串超过 \(cap) 个", en: "more than \(cap) shared strings")
              }
            }
          case .text(let text):
            if inText { current += text }
          }
        }
        return out
      }

      /// The `cellXfs` entries whose number format shows a date: the built-in date formats,
      /// and custom ones whose code (quoted text and `[…]` left out) has a year or a day.
      func readDateStyles(_ bytes: [UInt8]) throws -> Set<Int> {
        var custom: [Int: String] = [:]
        var formats: [Int] = []
        var inCellXfs = false
        try xml(bytes, "xl/styles.xml") { event in
          switch event {
          case .start(let name, let attributes, _):
            if name == "numFmt", let id = XLSXReader.value(attributes, "numFmtId").flatMap({ Int($0) }),
              let code = XLSXReader.value(attributes, "formatCode")
            {
              custom[id] = code
            } else if name == "cellXfs" {
              inCellXfs = true
            } else if name == "xf", inCellXfs {
              formats.append(XLSXReader.value(attributes, "numFmtId").flatMap { Int($0) } ?? 0)
            }
          case .end(let name):
            if name == "cellXfs" { inCellXfs = false }
          case .text: break
          }
        }
        var out: Set<Int> = []
        for (index, id) in formats.enumerated() where Self.isDateFormat(id, custom[id]) { out.insert(index) }
        return out
      }

      static let builtInDates: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

      static func isDateFormat(_ id: Int, _ code: String?) -> Bool {
        guard let code else { return builtInDates.contains(id) }
        var plain = ""
        var quoted = false
        var bracket = false
        var escaped = false
        for c in code {
          if escaped {
            escaped = false
            continue
          }
          switch c {
          case "\\": escaped = true
          case "\"": quoted.toggle()
          case "[": bracket = true
          case "]": bracket = false
          default: if !quoted && !bracket { plain.append(c) }
          }
        }
        let lower = plain.lowercased()
        return lower != "general" && (lower.contains("y") || lower.contains("d"))
      }

      /// Whether a sheet is an events sheet (`EventTable.header` among its top rows), from
      /// the first 256 KB of its part: the ledger's sheets are not inflated twice.
      func isEventSheet(_ sheet: Sheet) -> Bool {
        struct Stop: Error {}
        var found = false
        var seen = 0
        do {
          try rows(of: sheet, head: 1 << 18) { row in
            seen += 1
            if EventTable.header(row) != nil {
              found = true
              throw Stop()
            }
            if SheetTable.looksLikeHeader(row) || seen >= SheetTable.headerScan { throw Stop() }
          }
        } catch {}
        return found
      }

      /// The first `limit` bytes of a part inflated, or all of it when shorter.
      func head(_ path: String, limit: Int) throws -> [UInt8]? {
        struct Enough: Error {}
        guard let entry = archive[path] else { return nil }
        var out: [UInt8] = []
        do {
          _ = try archive.extract(entry, skipCRC32: true) { chunk in
            out.append(contentsOf: chunk.prefix(limit - out.count))
            if out.count >= limit { throw Enough() }
          }
        } catch is Enough {
        } catch {
          throw WorkbookError(zh: "\(path) 无法解压（\(error)）", en: "\(path) cannot be inflated (\(error))")
        }
        return out
      }

      /// Each row of a sheet in order, its cells typed as text the decoder converts.
      /// `head`: only the rows within the part's first so many bytes (no merged cells,
      /// and the XML cut off there is no error).
      func rows(of sheet: Sheet, head: Int? = nil, _ body: (SheetRow) throws -> Void) throws {
        guard let bytes = try head.map({ try self.head(sheet.part, limit: $0) }) ?? part(sheet.part) else {
          throw WorkbookError(zh: "缺少 \(sheet.part)", en: "no \(sheet.part)")
        }
        let merges = head == nil ? try mergedRegions(bytes, sheet.part) : []
        var mergedValues: [Int: String] = [:]  // merge index → the top-left cell's text
        var row = 0
        var cells: [SheetCell] = []
        var column = 0
        var type = ""
        var style = 0
        var value = ""
        var inline = ""
        var capture = 0  // 1: <v>, 2: <t> of an inline string
        var inSheetData = false
        var phonetic = 0
        func finishRow() throws {
          if !merges.isEmpty, row <= SheetTable.headerScan + 5 {
            for (k, m) in merges.enumerated() where m.top == row {
              mergedValues[k] = cells.first { $0.column == m.left }?.text
            }
            for (k, m) in merges.enumerated() where m.top <= row && row <= m.bottom {
              guard let text = mergedValues[k] else { continue }
              for c in m.left...m.right where !cells.contains(where: { $0.column == c }) {
                cells.append(SheetCell(text: text, location: SourceLocation(line: row, column: c + 1), column: c))
              }
            }
            cells.sort { $0.column < $1.column }
          }
          try body(SheetRow(number: row, cells: cells, start: SourceLocation(line: row, column: 1)))
          cells = []
        }
        try xml(bytes, sheet.part) { event in
          switch event {
          case .start(let name, let attributes, _):
            switch name {
            case "sheetData": inSheetData = true
            case "row" where inSheetData:
              // A row number under 1 would place findings at line 0: take the next one.
              row = XLSXReader.value(attributes, "r").flatMap { Int($0) }.flatMap { $0 >= 1 ? $0 : nil } ?? row + 1
              column = 0
            case "c" where inSheetData:
              if let ref = XLSXReader.value(attributes, "r"), let parsed = Self.cellReference(ref) {
                column = parsed.column
                // A cell before any row element that could be read (found by the xlsx fuzz
                // target: `<ro\u{7F} r="1">`) takes its row from its own reference.
                if row < 1 { row = parsed.row }
              }
              if row < 1 { row = 1 }
              type = XLSXReader.value(attributes, "t") ?? "n"
              style = XLSXReader.value(attributes, "s").flatMap { Int($0) } ?? 0
              value = ""
              inline = ""
            case "v" where inSheetData: capture = 1
            case "t" where inSheetData && phonetic == 0: capture = 2
            case "rPh": phonetic += 1
            default: break
            }
          case .end(let name):
            switch name {
            case "v", "t": capture = 0
            case "rPh": phonetic -= 1
            case "c" where inSheetData:
              let text = try cellText(type: type, style: style, value: value, inline: inline, sheet: sheet, row: row, column: column)
              if !text.isEmpty {
                cells.append(SheetCell(text: text, location: SourceLocation(line: row, column: column + 1), column: column))
              }
              column += 1
            case "row" where inSheetData: try finishRow()
            case "sheetData": inSheetData = false
            default: break
            }
          case .text(let text):
            if capture == 1 { value += text } else if capture == 2 { inline += text }
          }
        }
      }

      /// A cell as text: a shared string by index, an inline string, TRUE/FALSE, a date
      /// (`YYYY-MM-DD`) for a number in a date format, a number as Excel shows it (15
      /// significant digits: 0.1 + 0.2 is `0.3`).
      func cellText(type: String, style: Int, value: String, inline: String, sheet: Sheet, row: Int, column: Int) throws -> String {
        switch type {
        case "s":
          guard let index = Int(value), sharedStrings.indices.contains(index) else {
            let cell = "\(sheet.name)!\(CSVReader.columnName(column))\(row)"
            throw WorkbookError(zh: "\(cell) 引用了不存在的共享字符串 \(value)", en: "\(cell) refers to shared string \(value), which does not exist")
          }
          return sharedStrings[index]
        case "inlineStr": return inline
        case "b": return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
        case "str", "e": return value
        case "d": return String(value.prefix(10))
        default:
          guard !value.isEmpty, let number = Double(value), number.isFinite else { return value }
          if dateStyles.contains(style), let date = Self.date(serial: number, date1904: date1904) { return date.description }
          return Self.shown(number)
        }
      }

      /// Excel's serial day: 1 is 1900-01-01, and 60 the 1900-02-29 that never was (kept
      /// for Lotus 1-2-3); in the 1904 system 0 is 1904-01-01. A time of day is dropped.
      static func date(serial: Double, date1904: Bool) -> CalendarDate? {
        let day = Int(serial.rounded(.down))
        guard day >= 1, day < 2_958_466 else { return nil }
        if date1904 { return CalendarDate(year: 1904, month: 1, day: 1)?.adding(days: day) }
        if day == 60 { return nil }
        let base = day < 60 ? CalendarDate(year: 1899, month: 12, day: 31) : CalendarDate(year: 1899, month: 12, day: 30)
        return base?.adding(days: day)
      }

      static func shown(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        var text = String(format: "%.15g", number)
        if text.contains("e") { return text }
        if text.contains(".") {
          while text.hasSuffix("0") { text.removeLast() }
          if text.hasSuffix(".") { text.removeLast() }
        }
        return text
      }

      struct Merge {
        var top: Int
        var left: Int
        var bottom: Int
        var right: Int
      }

      /// `<mergeCells>` follows `<sheetData>`: found first, so that the header rows can use it.
      func mergedRegions(_ bytes: [UInt8], _ path: String) throws -> [Merge] {
        let marker = Array("<mergeCells".utf8)
        guard let start = Self.lastIndex(of: marker, in: bytes) else { return [] }
        let end = Self.lastIndex(of: Array("</mergeCells>".utf8), in: bytes).map { $0 + 13 } ?? bytes.count
        guard end > start else { return [] }
        var out: [Merge] = []
        try xml(Array(bytes[start..<end]), path) { event in
          guard case .start("mergeCell", let attributes, _) = event, let ref = XLSXReader.value(attributes, "ref") else { return }
          let ends = ref.split(separator: ":")
          guard ends.count == 2, let a = Self.cellReference(String(ends[0])), let b = Self.cellReference(String(ends[1])) else { return }
          if a.row <= SheetTable.headerScan + 5, out.count < 10_000 {
            out.append(Merge(top: a.row, left: a.column, bottom: b.row, right: min(b.column, a.column + 512)))
          }
        }
        return out
      }

      static func lastIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count, !needle.isEmpty else { return nil }
        return bytes.withUnsafeBufferPointer { b in
          var i = b.count - needle.count
          while i >= 0 {
            var k = 0
            while k < needle.count, b[i + k] == needle[k] { k += 1 }
            if k == needle.count { return i }
            i -= 1
          }
          return nil
        }
      }

      /// `J7` → column 9 (zero-based), row 7.
      static func cellReference(_ ref: String) -> (column: Int, row: Int)? {
        var column = 0
        var digits = ""
        for c in ref.unicodeScalars {
          if ("A"..."Z").contains(c) {
            guard digits.isEmpty else { return nil }
            column = column * 26 + Int(c.value - 64)
            guard column <= 16_384 else { return nil }
          } else if ("0"..."9").contains(c) {
            digits.unicodeScalars.append(c)
          } else if c != "$" {
            return nil
          }
        }
        guard column > 0, let row = Int(digits), row > 0 else { return nil }
        return (column - 1, row)
      }
    }

    static func value(_ attributes: [(name: Substring, value: String)], _ name: String) -> String? {
      attributes.first { $0.name == name }?.value
    }
  }
#else
  /// Built without ZIPFoundation (the fuzz targets compile this module with swiftc alone):
  /// a workbook is refused, located, as any file that cannot be read.
  public enum XLSXReader {
    public struct Limits: Sendable {
      public var maxEntryBytes: Int
      public var maxRatio: Int = 200
      public var maxSharedStrings: Int = 2_000_000
      public var maxSheets: Int = 256

      public init(maxEntryBytes: Int) { self.maxEntryBytes = maxEntryBytes }
    }

    public static func records(
      _ bytes: [UInt8], file: String, limits: YAMLLimits, xlsx: Limits? = nil, _ body: (DecodedRecord) -> Void
    ) {
      let finding = Finding(
        rule: "REC-PARSE", severity: .error, subject: .input(file), file: file, range: .fileStart,
        message: LocalizedText(zh: "无法读取 Excel 工作簿：此版本不支持 .xlsx", en: "cannot read the Excel workbook: this build has no .xlsx support"))
      body(DecodedRecord(record: nil, id: nil, findings: [finding], origin: RecordOrigin(file: file, index: 0, range: .fileStart)))
    }
  }
#endif

extension XLSXReader {
  /// A finding's file as a workbook and a sheet: `ledger.xlsx#台账` → (`ledger.xlsx`,
  /// `台账`); any other file is itself with no sheet.
  public static func split(_ file: String) -> (file: String, sheet: String?) {
    guard let hash = file.lastIndex(of: "#") else { return (file, nil) }
    let book = String(file[..<hash])
    guard book.lowercased().hasSuffix(".xlsx") else { return (file, nil) }
    return (book, String(file[file.index(after: hash)...]))
  }

  /// `台账!J7`: a sheet cell as Excel names it (line = row, column = column number).
  public static func cellName(sheet: String, _ location: SourceLocation) -> String {
    "\(sheet)!\(CSVReader.columnName(max(location.column, 1) - 1))\(location.line)"
  }
}
