#if canImport(ZIPFoundation)
  import Foundation
  import ZIPFoundation
#endif

/// Writes a small `.xlsx` workbook: what `jiayuan template --format xlsx` gives (a ledger
/// sheet with Chinese headers and a 填写说明 sheet), and what tests build workbooks with.
/// Strings are inline (`t="inlineStr"`), so no shared-string table is needed; a header
/// row is bold and frozen; enum and boolean columns get a drop-down list (data
/// validation) of their allowed values.
public enum XLSXWriter {
  public enum Cell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case bool(Bool)
    /// A date cell: the serial day in a `yyyy-mm-dd` format.
    case date(CalendarDate)
    case empty
  }

  public struct Sheet: Sendable {
    public var name: String
    public var rows: [[Cell]]
    /// Rows 1…`headerRows` are bold and stay in view when scrolling.
    public var headerRows: Int = 0
    /// Column widths in characters, by zero-based column.
    public var widths: [Int: Double] = [:]
    /// A drop-down list of allowed values for a column below the header (`B2:B1000`).
    public var lists: [(column: Int, values: [String])] = []
    /// Merged regions as `A1:M1`.
    public var merges: [String] = []

    public init(name: String, rows: [[Cell]], headerRows: Int = 0) {
      self.name = name
      self.rows = rows
      self.headerRows = headerRows
    }
  }

  public struct Failure: Error {
    public var message: String
  }

}

#if canImport(ZIPFoundation)
  extension XLSXWriter {
    public static func workbook(_ sheets: [Sheet]) throws(Failure) -> [UInt8] {
      var parts: [(String, String)] = [
        ("[Content_Types].xml", contentTypes(sheets.count)),
        ("_rels/.rels", rootRels),
        ("xl/workbook.xml", workbookXML(sheets)),
        ("xl/_rels/workbook.xml.rels", workbookRels(sheets.count)),
        ("xl/styles.xml", styles),
      ]
      for (k, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(k + 1).xml", sheetXML(sheet))) }
      do {
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
          let data = Data(text.utf8)
          try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
            provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        guard let data = archive.data else { throw Failure(message: "the archive was not written") }
        return [UInt8](data)
      } catch let failure as Failure {
        throw failure
      } catch {
        throw Failure(message: "\(error)")
      }
    }

    static func escape(_ text: String) -> String {
      var out = ""
      for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default:
          // XML 1.0 has no place for most control characters.
          if scalar.value < 0x20, scalar != "\n", scalar != "\t" { continue }
          out.unicodeScalars.append(scalar)
        }
      }
      return out
    }

    /// Excel's serial day of a date (1900 system).
    static func serial(_ date: CalendarDate) -> Int {
      guard let base = CalendarDate(year: 1899, month: 12, day: 30) else { return 0 }
      return date.days(since: base)
    }

    static func sheetXML(_ sheet: Sheet) -> String {
      var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
      out += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
      out += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
      if sheet.headerRows > 0 {
        out +=
          #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="\#(sheet.headerRows)" topLeftCell="A\#(sheet.headerRows + 1)" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
      }
      if !sheet.widths.isEmpty {
        out += "<cols>"
        for (column, width) in sheet.widths.sorted(by: { $0.key < $1.key }) {
          out += #"<col min="\#(column + 1)" max="\#(column + 1)" width="\#(width)" customWidth="1"/>"#
        }
        out += "</cols>"
      }
      out += "<sheetData>"
      for (r, row) in sheet.rows.enumerated() {
        out += #"<row r="\#(r + 1)">"#
        let bold = r < sheet.headerRows
        for (c, cell) in row.enumerated() {
          let ref = "\(CSVReader.columnName(c))\(r + 1)"
          let style = bold ? #" s="1""# : ""
          switch cell {
          case .empty: continue
          case .text(let text):
            out += #"<c r="\#(ref)"\#(style) t="inlineStr"><is><t xml:space="preserve">\#(escape(text))</t></is></c>"#
          case .number(let number):
            out += #"<c r="\#(ref)"\#(style)><v>\#(NumberFormat.plain(number, digits: 15))</v></c>"#
          case .bool(let value):
            out += #"<c r="\#(ref)"\#(style) t="b"><v>\#(value ? 1 : 0)</v></c>"#
          case .date(let date):
            out += #"<c r="\#(ref)" s="2"><v>\#(serial(date))</v></c>"#
          }
        }
        out += "</row>"
      }
      out += "</sheetData>"
      if !sheet.merges.isEmpty {
        out += #"<mergeCells count="\#(sheet.merges.count)">"#
        for merge in sheet.merges { out += #"<mergeCell ref="\#(merge)"/>"# }
        out += "</mergeCells>"
      }
      if !sheet.lists.isEmpty {
        out += #"<dataValidations count="\#(sheet.lists.count)">"#
        for list in sheet.lists {
          let letter = CSVReader.columnName(list.column)
          // A list formula is at most 255 characters, quoted, comma-separated.
          let formula = "\"" + list.values.joined(separator: ",").replacingOccurrences(of: "\"", with: "") + "\""
          out +=
            #"<dataValidation type="list" allowBlank="1" showErrorMessage="0" sqref="\#(letter)\#(sheet.headerRows + 1):\#(letter)10000">"#
          out += "<formula1>\(escape(formula))</formula1></dataValidation>"
        }
        out += "</dataValidations>"
      }
      out += "</worksheet>"
      return out
    }

    static func workbookXML(_ sheets: [Sheet]) -> String {
      var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
      out += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
      out += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
      for (k, sheet) in sheets.enumerated() {
        out += #"<sheet name="\#(escape(sheet.name))" sheetId="\#(k + 1)" r:id="rId\#(k + 1)"/>"#
      }
      out += "</sheets></workbook>"
      return out
    }

    static func workbookRels(_ count: Int) -> String {
      var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
      out += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
      for k in 1...max(count, 1) where k <= count {
        out +=
          #"<Relationship Id="rId\#(k)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(k).xml"/>"#
      }
      out +=
        #"<Relationship Id="rId\#(count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
      out += "</Relationships>"
      return out
    }

    static let rootRels = #"""
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
      """#

    static func contentTypes(_ count: Int) -> String {
      var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
      out += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
      out += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
      out += #"<Default Extension="xml" ContentType="application/xml"/>"#
      out +=
        #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
      out += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
      for k in 0..<count {
        out +=
          #"<Override PartName="/xl/worksheets/sheet\#(k + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
      }
      out += "</Types>"
      return out
    }

    /// Style 0 plain, 1 bold with a fill (headers), 2 a date (`yyyy-mm-dd`).
    static let styles = #"""
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/></patternFill></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>
      """#
  }
#else
  /// Built without ZIPFoundation (the fuzz targets): no workbook can be written.
  extension XLSXWriter {
    public static func workbook(_ sheets: [Sheet]) throws(Failure) -> [UInt8] {
      throw Failure(message: "this build has no .xlsx support")
    }
  }
#endif
