/// "Did you mean" for unknown names: the closest candidate within a small edit distance.
public enum Suggestions {
  public static func closest(to word: String, in candidates: [String]) -> String? {
    closest(to: word, in: Prepared(candidates))
  }

  /// Candidates split into scalars once, for a list asked of many times (the header
  /// vocabulary, asked of every unknown header cell).
  public struct Prepared: Sendable {
    let candidates: [(text: String, scalars: [Unicode.Scalar])]
    public init(_ candidates: [String]) { self.candidates = candidates.map { ($0, Array($0.unicodeScalars)) } }
  }

  public static func closest(to word: String, in prepared: Prepared) -> String? {
    let lower = Array(word.lowercased().unicodeScalars)
    let limit = max(2, lower.count / 3)
    var best: (String, Int)?
    var rows: [Int] = []
    for (candidate, other) in prepared.candidates {
      // The distance is at least the difference in length: skip the quadratic work when
      // that alone is over the limit (a 1 MiB unknown key took seconds per candidate).
      guard abs(lower.count - other.count) <= limit else { continue }
      let d = distance(lower, other, limit: limit, rows: &rows)
      if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    return best?.0
  }

  /// Levenshtein distance over two rows kept in `rows` (reused across candidates); once
  /// every entry of a row is over `limit` the result is too (rows never decrease), so it
  /// stops there and returns `limit + 1`.
  static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int, rows: inout [Int]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    let width = b.count + 1
    if rows.count < 2 * width { rows = [Int](repeating: 0, count: 2 * width) }
    return rows.withUnsafeMutableBufferPointer { buffer in
      var previous = 0
      var current = width
      for j in 0..<width { buffer[j] = j }
      for i in 1...a.count {
        buffer[current] = i
        var rowMin = i
        for j in 1...b.count {
          let substitution = buffer[previous + j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
          let value = min(buffer[previous + j] + 1, buffer[current + j - 1] + 1, substitution)
          buffer[current + j] = value
          rowMin = min(rowMin, value)
        }
        swap(&previous, &current)
        if rowMin > limit { return limit + 1 }
      }
      return buffer[previous + b.count]
    }
  }
}
