/// Text from records, keys and file names as a terminal, a CI log or a Markdown page may
/// show it: control characters (C0, DEL, C1, ESC), line breaks and bidirectional overrides
/// are written visibly as `\u202E`, so data can neither forge a line (a GitHub Actions
/// `::error` command, a fake finding), colour or clear a terminal, nor reorder what is read.
public enum VisibleText {
  public static func escape(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      if needsEscape(scalar) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  public static func needsEscape(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    // Embeddings and overrides, isolates, line and paragraph separators.
    case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
    default: false
    }
  }
}
