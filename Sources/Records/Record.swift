import YAMLSource

/// A scalar value a record field holds.
public enum FieldValue: Sendable, Hashable {
  case string(String)
  case integer(Int)
  case number(Double)
  case boolean(Bool)
  case date(CalendarDate)
  /// A mapping such as `owners_committee`: present, whatever it holds.
  case object

  public var number: Double? {
    switch self {
    case .integer(let i): Double(i)
    case .number(let d): d
    default: nil
    }
  }

  public var display: String {
    switch self {
    case .string(let s): s
    case .integer(let i): String(i)
    case .number(let d): NumberFormat.plain(d)
    case .boolean(let b): b ? "true" : "false"
    case .date(let d): d.description
    case .object: "{…}"
    }
  }
}

/// A decoded field with the range of its value, for findings that point at it.
public struct RecordField: Sendable, Hashable {
  public var value: FieldValue
  public var range: SourceRange

  public init(value: FieldValue, range: SourceRange) {
    self.value = value
    self.range = range
  }
}

public struct Event: Sendable, Hashable {
  public var date: CalendarDate
  public var type: String
  public var title: String?
  public var attendees: [String]
  /// The period the event reports on, when it says so; it then counts for that period
  /// instead of the one its date falls in.
  public var period: ReportingPeriod?
  public var range: SourceRange

  public init(
    date: CalendarDate, type: String, title: String? = nil, attendees: [String] = [], period: ReportingPeriod? = nil,
    range: SourceRange
  ) {
    self.date = date
    self.type = type
    self.title = title
    self.attendees = attendees
    self.period = period
    self.range = range
  }

  /// Whether the event counts for a period: by its `period` when it gives one, else by its date.
  public func counts(for period: ReportingPeriod) -> Bool {
    if let own = self.period { return own == period }
    return period.contains(date)
  }
}

public struct Award: Sendable, Hashable {
  public var year: Int?
  public var level: String?
  public var title: String?
  public var range: SourceRange
}

/// The administrative path of a community: 省 / 市 / 区县 / 街道 / 社区.
public struct Jurisdiction: Sendable, Hashable, Codable {
  public var province: String
  public var city: String?
  public var county: String?
  public var street: String?
  public var neighborhood: String?

  public init(province: String, city: String? = nil, county: String? = nil, street: String? = nil, neighborhood: String? = nil) {
    self.province = province
    self.city = city
    self.county = county
    self.street = street
    self.neighborhood = neighborhood
  }

  public static let levels = ["province", "city", "county", "street", "neighborhood"]

  public func name(at level: String) -> String? {
    switch level {
    case "province": province
    case "city": city
    case "county": county
    case "street": street
    case "neighborhood": neighborhood
    default: nil
    }
  }

  /// Whether `other` lies inside this jurisdiction: every level this one names matches.
  public func contains(_ other: Jurisdiction) -> Bool {
    for level in Jurisdiction.levels {
      guard let mine = name(at: level) else { continue }
      guard other.name(at: level) == mine else { return false }
    }
    return true
  }

  /// The group key at a level: the whole path down to it, so that two counties of the
  /// same name in different cities never merge.
  public func groupKey(at level: String) -> String? {
    var parts: [String] = []
    for l in Jurisdiction.levels {
      guard let n = name(at: l) else { return nil }
      parts.append(n)
      if l == level { return parts.joined(separator: "/") }
    }
    return nil
  }
}

/// Where a record came from.
public struct RecordOrigin: Sendable, Hashable {
  public var file: String
  /// Zero-based document (YAML) or data row (CSV) index in the file.
  public var index: Int
  /// The record's own position: its mapping, or its CSV row.
  public var range: SourceRange

  public init(file: String, index: Int, range: SourceRange) {
    self.file = file
    self.index = index
    self.range = range
  }
}

/// One community as of one date (records.md). Scalar fields are kept by dotted path so
/// that policy conditions read them by the same names users write.
public struct Record: Sendable {
  public var id: String
  public var name: String
  public var jurisdiction: Jurisdiction
  public var asOf: CalendarDate
  /// nil when not reported (or refused): rules that need it are insufficient.
  public var households: Int?
  public var fields: [String: RecordField]
  public var events: [Event]
  public var awards: [Award]
  public var campaigns: [String]
  public var origin: RecordOrigin
  /// The event types the record can speak for; nil for every type (YAML and JSON, where
  /// an absent list is an empty one). A spreadsheet row speaks only for the types its
  /// ledger gives a way to report (a date column per type, or an events sheet): of any
  /// other type what it holds is unknown, not "none held" (rules.md, absent data), so a
  /// rule reading it is insufficient.
  public var reportedEventTypes: Set<String>?

  public init(
    id: String, name: String, jurisdiction: Jurisdiction, asOf: CalendarDate, households: Int?,
    fields: [String: RecordField], events: [Event], awards: [Award], campaigns: [String], origin: RecordOrigin
  ) {
    self.id = id
    self.name = name
    self.jurisdiction = jurisdiction
    self.asOf = asOf
    self.households = households
    self.fields = fields
    self.events = events
    self.awards = awards
    self.campaigns = campaigns
    self.origin = origin
  }

  public subscript(path: String) -> RecordField? { fields[path] }

  /// Of `types`, those the record cannot speak for (in the order given): empty when it
  /// reports all of them.
  public func unreportedEventTypes(_ types: some Sequence<String>) -> [String] {
    guard let reported = reportedEventTypes else { return [] }
    return types.filter { !reported.contains($0) }
  }

  /// Name, street and neighbourhood, for reports to show beside the id.
  public var place: RecordPlace {
    RecordPlace(name: name.isEmpty ? nil : name, street: jurisdiction.street, neighborhood: jurisdiction.neighborhood)
  }

  /// The location to report for `path`: the value when present, else the nearest present
  /// parent, else the record itself.
  public func range(of path: String) -> SourceRange {
    var p = Substring(path)
    while true {
      if let f = fields[String(p)] { return f.range }
      guard let dot = p.lastIndex(of: ".") else { return origin.range }
      p = p[..<dot]
    }
  }

  /// Years with a `fees.<year>` entry, most recent first.
  public var feeYears: [Int] {
    var years = Set<Int>()
    for key in fields.keys where key.hasPrefix("fees.") {
      let parts = key.split(separator: ".")
      if parts.count >= 2, let y = Int(parts[1]) { years.insert(y) }
    }
    return years.sorted(by: >)
  }
}

public enum NumberFormat {
  /// `57.1`, `100`, `0.3` — no trailing zeros, at most `digits` decimals.
  public static func plain(_ value: Double, digits: Int = 4) -> String {
    guard value.isFinite else { return String(value) }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded)
    if text.contains("e") { return text }
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  /// A share as a percentage with one decimal: `93.6%`.
  public static func percent(_ share: Double) -> String {
    let tenths = (share * 1000).rounded() / 10
    return plain(tenths, digits: 1) + "%"
  }
}
