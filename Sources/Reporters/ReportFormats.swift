/// Every output format, by the name `--format` takes. Adding a format is a file and a
/// line here: the `--format` help, the README's table (tested) and the tests that loop
/// over formats all come from this list.
public enum ReportFormats {
  public static let all: [any Reporter.Type] = [
    TextReporter.self,
    JSONReporter.self,
    SARIFReporter.self,
    JUnitReporter.self,
    GitHubReporter.self,
    GitLabReporter.self,
    CSVReporter.self,
    MarkdownReporter.self,
    HTMLReporter.self,
    MatrixCSVReporter.self,
    XLSXReporter.self,
  ]

  public static func named(_ name: String) -> (any Reporter.Type)? { all.first { $0.identifier == name } }

  /// The README's table of formats (a test keeps the README equal to it).
  public static var table: String {
    var out = "| `--format` | output | file |\n|---|---|---|\n"
    for format in all { out += "| `\(format.identifier)` | \(format.description) | `.\(format.fileExtension)` |\n" }
    return out
  }

  /// `text, json, sarif, …`.
  public static var names: String { all.map { $0.identifier }.joined(separator: ", ") }
}
