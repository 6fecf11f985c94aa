import Records
import YAMLSource

/// The document a policy encodes; every rule's citation refers to it.
public struct PolicyDocument: Sendable, Hashable {
  public var number: String?
  public var title: String
  public var issuer: String?
  public var issued: CalendarDate?

  /// How a citation names the document: its number (文号) when it has one.
  public var reference: String { number ?? title }
}

/// A named number a user may change (`--param shucheng-2023.audit_days=90`).
public struct Parameter: Sendable {
  public var name: String
  public var value: Fraction
  public var title: LocalizedText?
  public var defaultReason: LocalizedText?
  public var range: SourceRange
}

/// One government programme as data.
public struct Policy: Sendable {
  public var id: String
  public var version: String
  public var title: LocalizedText
  public var document: PolicyDocument
  public var jurisdiction: Jurisdiction
  public var effectiveFrom: CalendarDate
  public var effectiveTo: CalendarDate?
  public var extends: String?
  /// Where `extends` is written, for problems with the parent.
  public var extendsRange: SourceRange?
  public var notes: LocalizedText?
  public var parameters: [Parameter]
  public var rules: [Rule]
  /// Where it was read from (`policies/shucheng-2023.yaml`).
  public var source: String
  public var contentHash: String
  /// The bytes it was read from: a child policy that sets one of its parameters
  /// (`extends`) has the parent read again with that value, since rules take their
  /// parameters' values when they are read.
  public var sourceBytes: [UInt8] = []
}

/// One requirement of a programme, traced to its clause.
public struct Rule: Sendable {
  public var id: String
  public var policy: String
  public var severity: Severity
  public var title: LocalizedText
  public var message: LocalizedText
  public var fix: LocalizedText?
  public var citation: Citation
  public var applies: Condition?
  /// Not applicable before this as-of date (a task due later than the policy starts).
  public var from: CalendarDate?
  public var check: any CheckKind
  public var range: SourceRange
  public var file: String

  /// The jurisdiction level an aggregate rule groups by; nil for a record rule.
  public var groupBy: String? {
    if case .group(let group) = check.scope { return group.groupBy }
    return nil
  }

  /// Every field path the rule reads.
  public var reads: [String] {
    var seen = Set<String>()
    return ((applies?.expression.paths ?? []) + check.reads).filter { seen.insert($0).inserted }
  }
}
