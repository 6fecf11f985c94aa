/// A condition's value under SQL-style three-valued logic: unknown carries the first
/// absent field it read, so an `insufficient` finding can name it.
public enum Truth: Sendable, Equatable {
  case yes, no
  case unknown(missing: String)

  static func and(_ a: Truth, _ b: () -> Truth) -> Truth {
    if a == .no { return .no }
    let right = b()
    switch (a, right) {
    case (_, .no): return .no
    case (.yes, .yes): return .yes
    case (.unknown, _): return a
    default: return right
    }
  }

  static func or(_ a: Truth, _ b: () -> Truth) -> Truth {
    if a == .yes { return .yes }
    let right = b()
    switch (a, right) {
    case (_, .yes): return .yes
    case (.no, .no): return .no
    case (.unknown, _): return a
    default: return right
    }
  }

  var negated: Truth {
    switch self {
    case .yes: .no
    case .no: .yes
    case .unknown: self
    }
  }

  var missing: String? {
    if case .unknown(let m) = self { return m }
    return nil
  }
}
