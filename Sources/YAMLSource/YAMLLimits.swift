/// The loader's defences. libyaml has no depth limit (deep flow nesting is quadratic in
/// it), no alias limit, and builds cyclic graphs; these numbers bound time and memory.
public struct YAMLLimits: Sendable, Hashable {
  /// Deepest nesting of collections accepted; records need about 5.
  public var maxDepth: Int
  /// Nodes that alias expansion may add to one document (billion-laughs defence).
  public var maxAliasExpansion: Int
  /// Largest file read, in bytes.
  public var maxFileBytes: Int
  /// Longest scalar accepted, in bytes.
  public var maxScalarBytes: Int

  public init(
    maxDepth: Int = 64, maxAliasExpansion: Int = 10_000, maxFileBytes: Int = 256 << 20,
    maxScalarBytes: Int = 1 << 20
  ) {
    self.maxDepth = maxDepth
    self.maxAliasExpansion = maxAliasExpansion
    self.maxFileBytes = maxFileBytes
    self.maxScalarBytes = maxScalarBytes
  }

  public static let `default` = YAMLLimits()
}
