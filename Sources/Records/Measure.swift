import YAMLSource

/// A value a finding reports, kept as a value so each report formats it its own way: a
/// share with its numerator and denominator, a count, a threshold, a date. `description`
/// is how text reports write it (`71.4% (5/7)`).
public indirect enum Quantity: Sendable, Hashable, CustomStringConvertible {
  /// `part` of `whole` records, members or households: `71.4% (5/7)`.
  case share(part: Double, whole: Double)
  case count(Int)
  case number(Double)
  /// A threshold as the policy wrote it: `60%`, `0.3`, `25`.
  case fraction(Fraction)
  case date(CalendarDate)
  /// A value that is words (a rank among a city's communities, the values a condition
  /// read), in both languages.
  case words(LocalizedText)
  case list([Quantity])

  public var description: String { text(.zh) }

  public func text(_ language: Language) -> String {
    switch self {
    case .share(let part, let whole):
      let share = whole == 0 ? "—" : NumberFormat.percent(part / whole)
      return "\(share) (\(NumberFormat.plain(part))/\(NumberFormat.plain(whole)))"
    case .count(let n): return String(n)
    case .number(let d): return NumberFormat.plain(d)
    case .fraction(let f): return f.description
    case .date(let d): return d.description
    case .words(let w): return w.text(language)
    case .list(let items): return items.map { $0.text(language) }.joined(separator: "; ")
    }
  }

  /// The number it stands for, where it is one (a share as 0–1).
  public var value: Double? {
    switch self {
    case .share(let part, let whole): whole == 0 ? nil : part / whole
    case .count(let n): Double(n)
    case .number(let d): d
    case .fraction(let f): f.double
    default: nil
    }
  }
}

/// What a rule asks for: a bound on a quantity (`>= 60%`), or a requirement in words.
public struct Expected: Sendable, Hashable, CustomStringConvertible {
  public enum Relation: String, Sendable, Hashable {
    case atLeast = ">="
    case atMost = "<="
    case equal = "="
    /// The requirement is the value itself (a list of roles, a condition).
    case stated = ""
  }

  public var relation: Relation
  public var value: Quantity

  public init(_ relation: Relation, _ value: Quantity) {
    self.relation = relation
    self.value = value
  }

  public static func atLeast(_ value: Quantity) -> Expected { Expected(.atLeast, value) }
  public static func atMost(_ value: Quantity) -> Expected { Expected(.atMost, value) }
  public static func stated(_ value: Quantity) -> Expected { Expected(.stated, value) }

  /// `>= 60%`.
  public var description: String { text(.zh) }

  public func text(_ language: Language) -> String {
    relation == .stated ? value.text(language) : "\(relation.rawValue) \(value.text(language))"
  }
}

/// What a finding is about: a community's record, a group of them, or an input that
/// holds no readable record.
public enum Subject: Sendable, Hashable, CustomStringConvertible {
  case record(id: String)
  /// An aggregate's group: `county` 舒城县.
  case group(level: String, name: String)
  /// An input (record file, policy) whose problem is not a record's.
  case input(String)

  /// The subject's identity in baselines, sort order and JSON: the id, `county:舒城县`,
  /// or the file.
  public var key: String {
    switch self {
    case .record(let id): id
    case .group(let level, let name): "\(level):\(name)"
    case .input(let file): file
    }
  }

  public var description: String { key }

  /// Reads a subject back from its key, given whether it was a group (the spill form).
  public init(key: String, kind: UInt8) {
    switch kind {
    case 1:
      if let colon = key.firstIndex(of: ":") {
        self = .group(level: String(key[..<colon]), name: String(key[key.index(after: colon)...]))
      } else {
        self = .input(key)
      }
    case 2: self = .input(key)
    default: self = .record(id: key)
    }
  }

  public var kindCode: UInt8 {
    switch self {
    case .record: 0
    case .group: 1
    case .input: 2
    }
  }

  public var recordID: String? {
    if case .record(let id) = self { return id }
    return nil
  }

  public var group: (level: String, name: String)? {
    if case .group(let level, let name) = self { return (level, name) }
    return nil
  }
}

/// Where a community is, as reports show it beside its id.
public struct RecordPlace: Sendable, Hashable {
  public var name: String?
  public var street: String?
  public var neighborhood: String?

  public init(name: String?, street: String?, neighborhood: String?) {
    self.name = name
    self.street = street
    self.neighborhood = neighborhood
  }
}

/// A detail beyond a finding's message, with its own place when it has one (the first
/// occurrence of a duplicate id or key, a meeting's line).
public struct Note: Sendable, Hashable {
  public var message: LocalizedText
  public var file: String?
  public var range: SourceRange?

  public init(_ message: LocalizedText, file: String? = nil, range: SourceRange? = nil) {
    self.message = message
    self.file = file
    self.range = range
  }
}
