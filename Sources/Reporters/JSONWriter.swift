/// A small JSON writer with stable key order, so reports are byte-identical between runs.
public struct JSONWriter {
  public indirect enum Value {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([Value])
    case object([(String, Value)])
  }

  public static func render(_ value: Value, indent: Int = 0) -> String {
    var out = ""
    write(value, indent: indent, into: &out)
    return out
  }

  private static func write(_ value: Value, indent: Int, into out: inout String) {
    let pad = String(repeating: "  ", count: indent)
    let inner = String(repeating: "  ", count: indent + 1)
    switch value {
    case .string(let s): out += quote(s)
    case .int(let i): out += String(i)
    case .double(let d): out += d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)) : "null"
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += inner
        write(item, indent: indent + 1, into: &out)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += pad + "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (i, (key, item)) in pairs.enumerated() {
        out += inner + quote(key) + ": "
        write(item, indent: indent + 1, into: &out)
        out += i + 1 < pairs.count ? ",\n" : "\n"
      }
      out += pad + "}"
    }
  }

  public static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
