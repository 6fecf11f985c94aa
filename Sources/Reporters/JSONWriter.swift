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
    var out: [UInt8] = []
    out.reserveCapacity(4096)
    write(value, indent: indent, into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  // Bytes, not String appends: large reports spent most of their time in String growth.
  private static func write(_ value: Value, indent: Int, into out: inout [UInt8]) {
    func pad(_ n: Int) { for _ in 0..<(2 * n) { out.append(0x20) } }
    switch value {
    case .string(let s): appendQuoted(s, to: &out)
    case .int(let i): out += String(i).utf8
    case .double(let d): out += (d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)) : "null").utf8
    case .bool(let b): out += (b ? "true" : "false").utf8
    case .null: out += "null".utf8
    case .array(let items):
      if items.isEmpty {
        out += "[]".utf8
        return
      }
      out += "[\n".utf8
      for (i, item) in items.enumerated() {
        pad(indent + 1)
        write(item, indent: indent + 1, into: &out)
        out += (i + 1 < items.count ? ",\n" : "\n").utf8
      }
      pad(indent)
      out.append(UInt8(ascii: "]"))
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}".utf8
        return
      }
      out += "{\n".utf8
      for (i, (key, item)) in pairs.enumerated() {
        pad(indent + 1)
        appendQuoted(key, to: &out)
        out += ": ".utf8
        write(item, indent: indent + 1, into: &out)
        out += (i + 1 < pairs.count ? ",\n" : "\n").utf8
      }
      pad(indent)
      out.append(UInt8(ascii: "}"))
    }
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  static func appendQuoted(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out += "\\\"".utf8
      case UInt8(ascii: "\\"): out += "\\\\".utf8
      case 0x0A: out += "\\n".utf8
      case 0x0D: out += "\\r".utf8
      case 0x09: out += "\\t".utf8
      case 0..<0x20:
        out += "\\u00".utf8
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0xF)])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// Renders `root` with one array left open for streaming: `hole` marks it. Gives the
  /// text before the array, the text after it, and the array's indent, so that
  /// `head + streamed array + tail` is exactly what `render` gives with the array inline.
  static func renderAround(_ root: Value, hole: String) -> (head: [UInt8], tail: [UInt8], indent: Int)? {
    var out: [UInt8] = []
    write(root, indent: 0, into: &out)
    var marker: [UInt8] = []
    appendQuoted(hole, to: &marker)
    guard let at = out.firstRange(of: marker) else { return nil }
    let head = Array(out[..<at.lowerBound])
    let lineStart = head.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
    let spaces = head[lineStart...].prefix { $0 == 0x20 }.count
    return (head, Array(out[at.upperBound...]), spaces / 2)
  }

  /// Writes an array at `indent` one item at a time, formatted as `render` formats it.
  static func streamArray<Items: Sequence, Sink: ReportSink>(
    _ items: Items, indent: Int, to sink: inout Sink, item render: (Items.Element) -> Value
  ) {
    var first = true
    var out: [UInt8] = []
    for element in items {
      out.removeAll(keepingCapacity: true)
      out += (first ? "[\n" : ",\n").utf8
      first = false
      for _ in 0..<(2 * (indent + 1)) { out.append(0x20) }
      write(render(element), indent: indent + 1, into: &out)
      sink.write(bytes: out)
    }
    if first {
      sink.write("[]")
      return
    }
    out.removeAll(keepingCapacity: true)
    out.append(0x0A)
    for _ in 0..<(2 * indent) { out.append(0x20) }
    out.append(UInt8(ascii: "]"))
    sink.write(bytes: out)
  }

  public static func quote(_ s: String) -> String {
    var out: [UInt8] = []
    appendQuoted(s, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

}
