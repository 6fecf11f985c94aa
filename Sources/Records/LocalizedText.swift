/// The language messages are shown in. Chinese first: the users are Chinese officials
/// and companies; English with `--lang en`.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
  case zh, en
}

/// A message in both languages.
public struct LocalizedText: Sendable, Hashable, Codable {
  public var zh: String
  public var en: String

  public init(zh: String, en: String) {
    self.zh = zh
    self.en = en
  }

  public func text(_ language: Language) -> String { language == .zh ? zh : en }

  /// Fills `{name}` placeholders in both languages.
  public func filling(_ values: [String: String]) -> LocalizedText {
    LocalizedText(zh: Self.fill(zh, values), en: Self.fill(en, values))
  }

  static func fill(_ template: String, _ values: [String: String]) -> String {
    guard template.contains("{") else { return template }
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      guard let close = rest[open...].firstIndex(of: "}") else { break }
      let name = String(rest[rest.index(after: open)..<close])
      if let value = values[name] { out += value } else { out += rest[open...close] }
      rest = rest[rest.index(after: close)...]
    }
    out += rest
    return out
  }
}
