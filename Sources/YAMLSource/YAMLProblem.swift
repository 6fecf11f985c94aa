/// Something wrong with the YAML or JSON text itself, located in the file.
public struct YAMLProblem: Error, Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    /// libyaml refused the text (scanner, parser, reader).
    case syntax
    /// `JSONReader` refused the text: not RFC 8259 JSON.
    case jsonSyntax
    /// Bytes that are not UTF-8.
    case encoding
    case duplicateKey
    case undefinedAlias
    case aliasCycle
    case aliasBudget
    case tooDeep
    case tooLarge
    /// A value that the project chooses not to accept (e.g. a YAML 1.1 merge key).
    case unsupported
  }

  public var kind: Kind
  public var message: String
  public var range: SourceRange
  /// A second place the message refers to (the first occurrence of a duplicate key).
  public var related: SourceRange?

  public init(_ kind: Kind, _ message: String, at range: SourceRange, related: SourceRange? = nil) {
    self.kind = kind
    self.message = message
    self.range = range
    self.related = related
  }

  /// Whether the document holding it can still be used (only key duplication can: the
  /// first occurrence is kept and the problem reported).
  public var isFatal: Bool { kind != .duplicateKey }
}
