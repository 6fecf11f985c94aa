/// Where a mapping's key was first written, if it was: both readers (YAML and JSON)
/// report a repeated key at its second place with the first. Records' mappings are
/// small: a scan beats hashing every key; a dictionary takes over for large mappings so a
/// huge one stays linear overall.
enum DuplicateKeys {
  static func firstPlace(of text: String, in pairs: [YAMLPair], seen: inout [String: SourceRange]) -> SourceRange? {
    if seen.isEmpty, pairs.count < 16 { return pairs.first { $0.key.keyText == text }?.key.range }
    if seen.isEmpty {
      for pair in pairs { if let t = pair.key.keyText { seen[t] = pair.key.range } }
    }
    return seen[text]
  }
}
