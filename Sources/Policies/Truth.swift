/// A condition's value under SQL-style three-valued logic: unknown carries the first
/// absent field it read, so an `insufficient` finding can name it.
public enum Truth: Sendable, Equatable {
  case yes, no
  case unknown(missing: String)

  public static func and(_ a: Truth, _ b: () -> Truth) -> Truth {
    if a == .no { return .no }
    let right = b()
    switch (a, right) {
    case (_, .no): return .no
    case (.yes, .yes): return .yes
    case (.unknown, _): return a
    default: return right
    }
  }

  public static func or(_ a: Truth, _ b: () -> Truth) -> Truth {
    if a == .yes { return .yes }
    let right = b()
    switch (a, right) {
    case (_, .yes): return .yes
    case (.no, .no): return .no
    case (.unknown, _): return a
    default: return right
    }
  }

  public var negated: Truth {
    switch self {
    case .yes: .no
    case .no: .yes
    case .unknown: self
    }
  }

  public var missing: String? {
    if case .unknown(let m) = self { return m }
    return nil
  }
}

extension Truth {
  public func encode(to out: inout SpillWriter) {
    switch self {
    case .yes: out.byte(0)
    case .no: out.byte(1)
    case .unknown(let missing):
      out.byte(2)
      out.string(missing)
    }
  }

  public static func decode(from input: inout SpillReader) -> Truth? {
    switch input.byte() {
    case 0: return .yes
    case 1: return .no
    case 2: return input.string().map { .unknown(missing: $0) }
    default: return nil
    }
  }
}
