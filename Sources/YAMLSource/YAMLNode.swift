/// How a scalar was written. The style decides how it resolves: only plain scalars are
/// typed by the YAML 1.2 core schema; quoted and block scalars are always strings; a CSV
/// cell is text that a decoder converts by the type its field expects.
public enum ScalarStyle: Sendable, Hashable {
  case plain, singleQuoted, doubleQuoted, literal, folded, csvCell

  public var isPlain: Bool { self == .plain }
}

public struct YAMLScalar: Sendable, Hashable {
  public var text: String
  public var style: ScalarStyle
  public var tag: String?

  public init(text: String, style: ScalarStyle, tag: String? = nil) {
    self.text = text
    self.style = style
    self.tag = tag
  }

  /// The scalar as the YAML 1.2 core schema reads it; an explicit tag wins.
  public var resolved: ResolvedScalar { ScalarResolver.resolve(self) }
}

/// One key/value pair of a mapping, the key kept with its own range for messages.
public struct YAMLPair: Sendable {
  public var key: YAMLNode
  public var value: YAMLNode

  public init(key: YAMLNode, value: YAMLNode) {
    self.key = key
    self.value = value
  }
}

/// A YAML node with its source range. Plain values: aliases are already expanded (within
/// the budget of `YAMLLimits`), so consumers never meet a graph.
public struct YAMLNode: Sendable {
  public indirect enum Content: Sendable {
    case scalar(YAMLScalar)
    case mapping([YAMLPair])
    case sequence([YAMLNode])
  }

  public var content: Content
  public var range: SourceRange
  /// Nodes in this subtree, itself included: what expanding an alias to it costs.
  public var size: Int

  public init(_ content: Content, range: SourceRange, size: Int = 1) {
    self.content = content
    self.range = range
    self.size = size
  }

  public var scalar: YAMLScalar? {
    if case .scalar(let s) = content { return s }
    return nil
  }

  public var pairs: [YAMLPair]? {
    if case .mapping(let p) = content { return p }
    return nil
  }

  public var items: [YAMLNode]? {
    if case .sequence(let i) = content { return i }
    return nil
  }

  /// The key's text when it is a scalar (how duplicate keys and field names compare).
  public var keyText: String? { scalar?.text }

  /// What kind of node this is, in words for messages.
  public var kindName: String {
    switch content {
    case .scalar: "scalar"
    case .mapping: "mapping"
    case .sequence: "sequence"
    }
  }
}
