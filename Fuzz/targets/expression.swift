// Fuzz target 4: the condition language: `ExpressionParser.parse`, then the type checker
// on what parses. The input is the condition's text (invalid UTF-8 is repaired, as a
// YAML scalar's would be); a few parameters are defined so `$name` can resolve.
import Policies
import Records
import YAMLSource

let parameters: [String: Fraction] = ["min_share": Fraction(3, 5), "rate": Fraction(95, 100), "n": Fraction(2)]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let origin = YAMLSource.SourceLocation(line: 3, column: 12)
  do {
    let expression = try ExpressionParser.parse(text, origin: origin, parameters: parameters)
    let range = SourceRange(at: origin)
    for error in ExpressionTypeChecker.checkCondition(expression, at: range) {
      precondition(error.range.start.line >= 1 && error.range.start.column >= 1)
    }
    _ = expression.paths
  } catch {
    precondition(error.range.start.line == 3 && error.range.start.column >= 12, "error at \(error.range)")
  }
  return 0
}
