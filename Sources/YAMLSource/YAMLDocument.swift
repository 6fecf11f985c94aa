/// One document of a YAML stream, or what stopped it from loading.
public struct YAMLDocument: Sendable {
  /// The document's content; nil when a fatal problem (syntax, alias, depth, size) hit it.
  public var root: YAMLNode?
  /// Zero-based position of the document in its file.
  public var index: Int
  /// Where the document starts (its `---` or first token).
  public var start: SourceLocation
  /// Problems found in it, in source order. Duplicate keys leave `root` usable.
  public var problems: [YAMLProblem]

  public init(root: YAMLNode?, index: Int, start: SourceLocation, problems: [YAMLProblem]) {
    self.root = root
    self.index = index
    self.start = start
    self.problems = problems
  }
}
