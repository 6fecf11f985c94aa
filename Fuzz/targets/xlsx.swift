// Fuzz target: `.xlsx` workbooks (`XLSXReader.records`). A mutated ZIP rarely survives its
// CRCs, so most modes put the fuzzed bytes in one part of an otherwise valid workbook that
// the target zips (stored, not deflated) around them. First byte, bits 0-2: 0 the input is
// the whole .xlsx; 1 xl/worksheets/sheet1.xml; 2 xl/sharedStrings.xml; 3 xl/styles.xml;
// 4 xl/workbook.xml; 5 xl/_rels/workbook.xml.rels; 6 and 7 a sheet and the shared strings,
// split at the first NUL byte. Bit 3: small limits.
//
// Needs ZIPFoundation (Fuzz/run.sh builds it from the package's checkout).
import Foundation
import Records
import YAMLSource
import ZIPFoundation

let parts: [(path: String, text: String)] = [
  (
    "xl/workbook.xml",
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="false"/>\
    <sheets><sheet name="台账" sheetId="1" r:id="rId1"/><sheet name="活动记录" sheetId="2" r:id="rId2"/></sheets></workbook>
    """
  ),
  (
    "xl/_rels/workbook.xml.rels",
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>\
    <Relationship Id="rId2" Type="worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>
    """
  ),
  (
    "xl/worksheets/sheet1.xml",
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
    <row r="1"><c r="A1" t="inlineStr"><is><t>舒城县小区台账（截至2024年6月30日）</t></is></c></row>\
    <row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c>\
    <c r="D2" t="s"><v>3</v></c><c r="E2" t="s"><v>4</v></c><c r="F2" t="s"><v>5</v></c><c r="G2" t="s"><v>6</v></c>\
    <c r="H2" t="s"><v>7</v></c></row>\
    <row r="3"><c r="A3" t="s"><v>8</v></c><c r="B3" t="inlineStr"><is><t>翠竹苑</t></is></c>\
    <c r="C3" t="s"><v>9</v></c><c r="D3" t="s"><v>10</v></c><c r="E3" t="s"><v>11</v></c>\
    <c r="F3" s="1"><v>45473</v></c><c r="G3"><v>420</v></c><c r="H3" t="b"><v>1</v></c></row>\
    <row r="4"><c r="A4" t="str"><f>"AH-"&amp;"2"</f><v>AH-2</v></c><c r="C4" t="s"><v>9</v></c>\
    <c r="D4" t="s"><v>10</v></c><c r="E4" t="s"><v>11</v></c><c r="F4" t="inlineStr"><is><t>2024/6/30</t></is></c>\
    <c r="G4" t="e"><v>#N/A</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:H1"/></mergeCells></worksheet>
    """
  ),
  (
    "xl/worksheets/sheet2.xml",
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
    <row r="1"><c r="A1" t="inlineStr"><is><t>小区编码</t></is></c><c r="B1" t="inlineStr"><is><t>活动类型</t></is></c>\
    <c r="C1" t="inlineStr"><is><t>日期</t></is></c></row>\
    <row r="2"><c r="A2" t="s"><v>8</v></c><c r="B2" t="inlineStr"><is><t>消防演练</t></is></c><c r="C2"><v>45400</v></c></row>\
    </sheetData></worksheet>
    """
  ),
  (
    "xl/sharedStrings.xml",
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="12" uniqueCount="12">\
    <si><t>小区编码</t></si><si><t>小区名称</t></si><si><t>省</t></si><si><t>市</t></si><si><t>县（区）</t></si>\
    <si><t>数据截至日期</t></si><si><t>户数（户）</t></si><si><r><t>是否成立</t></r><r><t>业主大会</t></r></si>\
    <si><t xml:space="preserve"> AH-1 </t></si><si><t>安徽省</t></si><si><t>六安市</t></si><si><t>舒城县</t></si></sst>
    """
  ),
  (
    "xl/styles.xml",
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
    <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts>\
    <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>
    """
  ),
]

func zipped(_ replaced: [String: [UInt8]]) -> [UInt8]? {
  guard let archive = try? Archive(data: Data(), accessMode: .create) else { return nil }
  for (path, text) in parts {
    let bytes = replaced[path] ?? Array(text.utf8)
    let data = Data(bytes)
    do {
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none,
        provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    } catch {
      return nil
    }
  }
  return archive.data.map { Array($0) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let mode = data[0] & 7
  let small = data[0] & 8 == 8
  let rest = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let workbook: [UInt8]?
  switch mode {
  case 0: workbook = rest
  case 1: workbook = zipped(["xl/worksheets/sheet1.xml": rest])
  case 2: workbook = zipped(["xl/sharedStrings.xml": rest])
  case 3: workbook = zipped(["xl/styles.xml": rest])
  case 4: workbook = zipped(["xl/workbook.xml": rest])
  case 5: workbook = zipped(["xl/_rels/workbook.xml.rels": rest])
  default:
    let cut = rest.firstIndex(of: 0) ?? rest.count
    workbook = zipped([
      "xl/worksheets/sheet1.xml": Array(rest[..<cut]), "xl/sharedStrings.xml": Array(rest[min(cut + 1, rest.count)...]),
    ])
  }
  guard let workbook else { return 0 }
  let limits = small ? YAMLLimits(maxDepth: 8, maxAliasExpansion: 100, maxFileBytes: 1 << 16, maxScalarBytes: 64) : .default
  var given = 0
  XLSXReader.records(workbook, file: "fuzz.xlsx", limits: limits) { decoded in
    given += 1
    if decoded.isInputError { precondition(decoded.findings.contains { $0.severity == .error }, "silent input error") }
    if decoded.record != nil { precondition(decoded.id != nil, "a record without an id") }
    for f in decoded.findings {
      precondition(f.range.start.line >= 1 && f.range.start.column >= 1, "finding at \(f.range)")
    }
  }
  // A workbook always gives something: records, or an error or a notice saying why not.
  precondition(given > 0, "a workbook that gave nothing")
  return 0
}
