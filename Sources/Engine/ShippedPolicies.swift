import Policies
import Records

/// The policies built into the executable from `policies/*.yaml`.
public enum ShippedPolicies {
  public struct Source: Sendable {
    public var name: String
    public var bytes: [UInt8]
  }

  public static let sources: [Source] = ShippedPolicySources.files.map { Source(name: $0.name, bytes: $0.bytes) }

  /// Loaded once; a shipped policy that does not load is a build defect that the tests
  /// catch, and here it is simply absent rather than a crash.
  public static let loaded: [LoadedPolicy] = sources.map { PolicyLoader.load($0.bytes, file: $0.name) }

  public static var all: [Policy] { loaded.compactMap(\.policy) }

  public static func named(_ id: String) -> Policy? { all.first { $0.id == id } }
}
