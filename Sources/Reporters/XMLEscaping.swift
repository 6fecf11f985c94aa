/// XML escaping for every XML the reporters write (JUnit), in one place.
public enum XMLEscaping {
  /// Escapes `& < > " '` and drops what XML 1.0 cannot hold at all (C0 controls other
  /// than tab, line feed and carriage return; U+FFFE, U+FFFF). Carriage returns are
  /// written as `&#13;` so a parser does not fold them into line feeds; in an attribute
  /// (`attribute: true`) tabs and line feeds are written as references too, so
  /// attribute-value normalisation does not turn them into spaces.
  public static func escape(_ text: String, attribute: Bool = false) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\r": out += "&#13;"
      case "\n": out += attribute ? "&#10;" : "\n"
      case "\t": out += attribute ? "&#9;" : "\t"
      default:
        if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }

  /// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
  /// (A Swift string holds no surrogates, so the gap at #xD800–#xDFFF needs no test.)
  public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD: true
    case 0x20...0xFFFD: true
    case 0x10000...0x10FFFF: true
    default: false
    }
  }
}
