import YAMLSource

/// Events as a county's ledger keeps them (records.md, "Files" → spreadsheets; the layout
/// is in docs/records.md):
///
/// - **a date column per event type** in the ledger sheet, headed by the type's Chinese
///   name (`消防演练日期`, `HeaderVocabulary.eventTerms`): each cell holds that community's
///   dates of the type, several separated by 、，；; or line breaks, in every date form of
///   `CellForms`. The sheet then reports that type: an empty cell (or 无) is none held, a
///   real zero; `-` or `/` is not reported for that row. A type without a column stays
///   unreported, and rules reading it are insufficient.
/// - **an events table** (活动记录): a sheet of a workbook, or a CSV file in the folder of
///   the ledger's CSV files (`Run.Plan.join` in the engine); one row per event, 小区编码 +
///   活动类型 + 日期, and optionally 所属期间, 标题, 参加人员, 备注. It is read before the
///   ledger (`EventTable`), whatever the order of sheets or files, and joined to the
///   community rows by id (`EventIndex`); the ledger then reports every type, and a
///   community without rows in it held none. Rows matching no community are one input
///   error, after the ledger.
///
/// A report given after the period it is about (a chair's 2023 述职 in January 2024)
/// says so in the events sheet's 所属期间; a date column gives dates only.
public enum SheetEvents {
  /// What separates the dates of one cell: 、，；, ; and line breaks.
  static let separators: Set<Character> = ["、", "，", "；", ",", ";", "\n", "\r", "\r\n"]

  /// The dates of one cell, each with its text; nil for a piece that is no date.
  public static func dates(_ text: String) -> [(text: String, date: CalendarDate?)] {
    text.split { separators.contains($0) }.compactMap { piece in
      let clean = CellForms.clean(String(piece))
      guard !clean.isEmpty else { return nil }
      return (clean, CellForms.date(clean))
    }
  }

  /// The date forms accepted, for messages.
  static let dateForms = LocalizedText(
    zh: "日期，如 2024-06-30、2024/6/30、2024年6月30日、2024.6.30，多个日期用、或；分隔",
    en: "dates such as 2024-06-30, 2024/6/30, 2024年6月30日 or 2024.6.30, several separated by 、 or ；")
}

/// An events sheet or CSV file, read row by row into `EventRows`: its header (the
/// first of the top rows naming 小区编码, 活动类型 and 日期), then one event per row. A bad
/// type, date or period is a located REC-SCHEMA finding at its cell, kept with the row's
/// community so that it is reported with it.
struct EventTable {
  let file: String
  /// The sheet's name in places (`活动记录!C7`); nil for a CSV file (`C7`).
  let sheet: String?
  private var columns: [Int: String]?
  private var scanned = 0
  let index: EventIndex

  init(file: String, sheet: String?, index: EventIndex) {
    self.file = file
    self.sheet = sheet
    self.index = index
  }

  /// Whether a row is an events sheet's header: it names an id, a type and a date column.
  static func header(_ row: SheetRow) -> [Int: String]? {
    var out: [Int: String] = [:]
    for cell in row.cells where cell.text.utf8.count <= 256 {
      if let key = HeaderVocabulary.eventTableColumn(cell.text), !out.values.contains(key) { out[cell.column] = key }
    }
    let keys = Set(out.values)
    return keys.isSuperset(of: ["id", "type", "date"]) ? out : nil
  }

  mutating func add(_ row: SheetRow) {
    guard let columns else {
      scanned += 1
      if scanned <= SheetTable.headerScan, let found = Self.header(row) {
        self.columns = found
        noteOtherHeaders(row, found)
      }
      return
    }
    var cells: [String: SheetCell] = [:]
    for cell in row.cells where !cell.text.trimmingSpaces.isEmpty {
      if let key = columns[cell.column] { cells[key] = cell }
    }
    guard !cells.isEmpty else { return }  // a blank row
    if let first = row.cells.first(where: { !$0.text.trimmingSpaces.isEmpty }),
      SheetTable.totalWords.contains(HeaderVocabulary.normalize(first.text))
    {
      return
    }
    let id = cells["id"].map { CellForms.clean($0.text.trimmingSpaces) }
    let subject: Subject = id.map { .record(id: $0) } ?? .input(file)
    var findings: [Finding] = []
    func problem(_ cell: SheetCell?, _ header: String, zh: String, en: String) {
      let at = cell?.location ?? row.start
      let place = self.place(cell?.column ?? 0, row.number)
      findings.append(
        Finding(
          rule: "REC-SCHEMA", severity: .error, subject: subject, file: file, range: SourceRange(at: at),
          message: LocalizedText(zh: zh + "（\(place)，表头“\(header)”）", en: en + " (\(place), header \(header))")))
    }
    var type: String?
    if let cell = cells["type"] {
      type = HeaderVocabulary.eventType(named: cell.text)
      if type == nil {
        let text = cell.text.trimmingSpaces
        let hint = Suggestions.closest(
          to: HeaderVocabulary.normalize(text), in: RecordSchema.eventTypes + HeaderVocabulary.eventTerms.map(\.terms[0]))
        problem(
          cell, "活动类型", zh: "未知活动类型“\(SheetTable.shortened(text))”" + (hint.map { "，是否应为 \($0)？" } ?? "") + "（活动类型见 records.md 的事件表）",
          en: "unknown event type \(SheetTable.shortened(text))" + (hint.map { "; did you mean \($0)?" } ?? ""))
      }
    } else {
      problem(nil, "活动类型", zh: "第\(row.number)行没有活动类型", en: "row \(row.number) has no event type")
    }
    var date: CalendarDate?
    if let cell = cells["date"] {
      let text = CellForms.clean(cell.text)
      date = CellForms.date(text)
      if date == nil {
        problem(
          cell, "日期", zh: "活动日期“\(SheetTable.shortened(text))”不是日期，应为\(SheetEvents.dateForms.zh)",
          en: "event date \(SheetTable.shortened(text)) is not a date; write \(SheetEvents.dateForms.en)")
      }
    } else {
      problem(nil, "日期", zh: "第\(row.number)行没有活动日期", en: "row \(row.number) has no event date")
    }
    var period: ReportingPeriod?
    if let cell = cells["period"] {
      let text = CellForms.clean(cell.text)
      period = ReportingPeriod(text)
      if period == nil {
        problem(
          cell, "所属期间", zh: "所属期间“\(SheetTable.shortened(text))”应为年度或季度（如 2023、2023Q4、2023年第四季度）",
          en: "period \(SheetTable.shortened(text)) must be a year or a quarter (e.g. 2023, 2023Q4, 2023年第四季度)")
      } else if let p = period, let held = date, p.end > held {
        problem(
          cell, "所属期间",
          zh: "所属期间 \(p) 于 \(p.end) 结束，晚于活动日期 \(held)：报告所属期间应在活动日期之前结束",
          en: "period \(p) ends on \(p.end), after the event's date \(held): a report is about a period that has ended")
        period = nil
        date = nil  // counts for neither, as in YAML
      }
    }
    var attendees: [String] = []
    if let cell = cells["attendees"] {
      for piece in cell.text.split(whereSeparator: { SheetEvents.separators.contains($0) || $0 == "/" }) {
        let name = CellForms.clean(String(piece))
        guard !name.isEmpty else { continue }
        if let role = HeaderVocabulary.attendeeRole(named: name) {
          attendees.append(role)
        } else {
          problem(
            cell, "参加人员", zh: "未知参加人员“\(SheetTable.shortened(name))”，可写 \(RecordSchema.attendeeRoles.joined(separator: "、")) 或其中文名称",
            en: "unknown attendee \(SheetTable.shortened(name)); write one of \(RecordSchema.attendeeRoles.joined(separator: ", "))")
        }
      }
    }
    if id == nil {
      problem(nil, "小区编码", zh: "第\(row.number)行没有小区编码，无法对应到小区", en: "row \(row.number) has no community id")
    }
    var event: Event?
    if let type, let date {
      event = Event(
        date: date, type: type, title: cells["title"].map { $0.text.trimmingSpaces }, attendees: attendees, period: period,
        range: SourceRange(at: row.start))
    }
    let at = cells["id"]?.location ?? row.start
    index.rows.add(
      id: id, event: event, findings: findings, file: file, at: at, place: place(cells["id"]?.column ?? 0, row.number))
  }

  /// A cell as a spreadsheet names it: `活动记录!C7`, or `C7` in a CSV file.
  private func place(_ column: Int, _ row: Int) -> String {
    (sheet.map { "\($0)!" } ?? "") + "\(CSVReader.columnName(column))\(row)"
  }

  /// Columns of the events sheet's header that name nothing it reads: one notice each.
  private func noteOtherHeaders(_ row: SheetRow, _ found: [Int: String]) {
    for cell in row.cells where found[cell.column] == nil && !cell.text.trimmingSpaces.isEmpty {
      let name = HeaderVocabulary.normalize(cell.text)
      let place = self.place(cell.column, row.number)
      let known = HeaderVocabulary.eventTableIgnored.contains(name.lowercased())
      index.rows.notes.append(
        Finding(
          rule: "REC-SCHEMA", severity: known ? .info : .error, subject: .input(file), file: file, range: SourceRange(at: cell.location),
          message: known
            ? LocalizedText(zh: "活动记录表的“\(name)”列（\(place)）未读取", en: "column \(name) of the events sheet (\(place)) is not read")
            : LocalizedText(
              zh: "活动记录表的未知表头“\(SheetTable.shortened(name))”（\(place)），该列未读取；可用的列：小区编码、活动类型、日期、所属期间、标题、参加人员、备注",
              en:
                "unknown header \(SheetTable.shortened(name)) in the events sheet (\(place)); the column was not read; the columns are 小区编码, 活动类型, 日期, 所属期间, 标题, 参加人员, 备注"
            )))
    }
  }
}

/// The rows of an events sheet or file by community id, as read: shared read-only by the
/// ledger tables that take from them (the CSV files of one folder are read in parallel).
public struct EventRows: Sendable {
  struct Entry: Sendable {
    var events: [Event] = []
    var findings: [Finding] = []
    var file: String
    var at: SourceLocation
    var place: String
  }

  var entries: [String: Entry] = [:]
  var order: [String] = []
  /// Findings of rows without an id, and of the sheet's header.
  var notes: [Finding] = []

  public init() {}

  public var isEmpty: Bool { entries.isEmpty && notes.isEmpty }

  /// The rows of another table after these (a folder's second events file).
  public mutating func append(_ other: EventRows) {
    for id in other.order {
      guard let entry = other.entries[id] else { continue }
      if var mine = entries[id] {
        mine.events += entry.events
        mine.findings += entry.findings
        entries[id] = mine
      } else {
        entries[id] = entry
        order.append(id)
      }
    }
    notes += other.notes
  }

  mutating func add(id: String?, event: Event?, findings: [Finding], file: String, at: SourceLocation, place: String) {
    guard let id else {
      notes += findings
      return
    }
    if entries[id] == nil {
      entries[id] = Entry(file: file, at: at, place: place)
      order.append(id)
    }
    if let event { entries[id]?.events.append(event) }
    entries[id]?.findings += findings
  }

  /// What no community took: one finding per id that matches no community, at its first
  /// row, with that id's row findings, and the findings of rows without an id.
  public func leftOver(excluding taken: Set<String>) -> [Finding] {
    var out = notes
    for id in order where !taken.contains(id) {
      guard let entry = entries[id] else { continue }
      out.append(
        Finding(
          rule: "REC-SCHEMA", severity: .error, subject: .input(entry.file), file: entry.file, range: SourceRange(at: entry.at),
          message: LocalizedText(
            zh: "活动记录中的小区编码 \(id) 在台账中没有对应的小区，其 \(entry.events.count) 条活动未读取（\(entry.place)）",
            en:
              "community id \(id) of the events sheet matches no community of the ledger; its \(entry.events.count) events were not read (\(entry.place))"
          )))
      out += entry.findings
    }
    return out
  }
}

extension EventRows {
  /// `leftOver` as one input error at its first finding, nil when nothing is wrong.
  public func inputError(excluding taken: Set<String>) -> DecodedRecord? {
    let left = leftOver(excluding: taken)
    guard let first = left.first(where: { $0.severity == .error }) else { return nil }
    return DecodedRecord(record: nil, id: nil, findings: left, origin: RecordOrigin(file: first.file, index: 0, range: first.range))
  }
}

/// The events rows a read takes from, and which ids it took. Held whole: a county's
/// events are a few rows per community a year, and the community rows, far wider, still
/// stream. A class because the tables of one read take from it in turn.
public final class EventIndex {
  var rows: EventRows
  public private(set) var taken: Set<String> = []

  public init(_ rows: EventRows = EventRows()) { self.rows = rows }

  /// The events and findings of a community, once; its rows then count as matched.
  func take(_ id: String) -> (events: [Event], findings: [Finding]) {
    guard !taken.contains(id), let entry = rows.entries[id] else { return ([], []) }
    taken.insert(id)
    return (entry.events, entry.findings)
  }

}
