import YAMLSource

/// The one error a command stops on (exit 2): a run that cannot be done — bad flags, a
/// policy that does not load, an unreadable baseline, an output that is an input. Problems
/// with data are findings; this is for the tool itself. Localized (Chinese first, English
/// with `--lang en`) and, where it comes from a file, located.
public struct ToolError: Error, Sendable, CustomStringConvertible {
  public var message: LocalizedText
  public var file: String?
  public var range: SourceRange?

  public init(_ message: LocalizedText, file: String? = nil, range: SourceRange? = nil) {
    self.message = message
    self.file = file
    self.range = range
  }

  public init(zh: String, en: String, file: String? = nil, range: SourceRange? = nil) {
    self.init(LocalizedText(zh: zh, en: en), file: file, range: range)
  }

  /// `file:line:col: message`, as compiler-style tools print an error.
  public func text(_ language: Language) -> String {
    var place = ""
    if let file {
      place = file
      if let range, range.start.line >= 1 { place += ":\(range.start.line):\(range.start.column)" }
      place += ": "
    }
    return place + message.text(language)
  }

  public var description: String { text(.en) }
}
