/// "Did you mean" for unknown names: the closest candidate within a small edit distance.
public enum Suggestions {
  public static func closest(to word: String, in candidates: [String]) -> String? {
    let limit = max(2, word.count / 3)
    let lower = word.lowercased()
    let length = lower.unicodeScalars.count
    var best: (String, Int)?
    for candidate in candidates {
      // The distance is at least the difference in length: skip the quadratic work when
      // that alone is over the limit (a 1 MiB unknown key took seconds per candidate).
      guard abs(length - candidate.unicodeScalars.count) <= limit else { continue }
      let d = distance(lower, candidate, limit: limit)
      if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    return best?.0
  }

  /// Levenshtein distance; once every entry of a row is over `limit` the result is
  /// too (rows never decrease), so it stops there and returns `limit + 1`.
  static func distance(_ a: String, _ b: String, limit: Int = .max - 1) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
      if (previous.min() ?? 0) > limit { return limit + 1 }
    }
    return previous[b.count]
  }
}
