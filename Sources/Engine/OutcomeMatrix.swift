import Policies
import Records

/// How every rule ended on every community, passes included: the community × rule table a
/// regulator reads (✓ ✗ ? – !). One byte per cell, rows in input order, and at most
/// `rowLimit` rows: past it the rest are only counted (`omitted`), so a province-wide run
/// keeps the matrix to a few megabytes. Kept only when a report asks for it.
public struct OutcomeMatrix: Sendable {
  /// One cell: how a rule ended on a record.
  public enum Cell: UInt8, Sendable, CaseIterable {
    /// Not decided on this record: outside the rule's policy, or an aggregate's rule.
    case none = 0
    case pass, fail, insufficient, notApplicable
    /// The record could not be read: no rule was decided on it.
    case inputError

    init(_ outcome: Outcome) {
      switch outcome {
      case .pass, .notice: self = .pass
      case .fail: self = .fail
      case .insufficient: self = .insufficient
      case .notApplicable: self = .notApplicable
      }
    }

    /// ✓ ✗ ? – !, as the matrix prints it (`none` and `notApplicable` are both –).
    public var symbol: String {
      switch self {
      case .pass: "✓"
      case .fail: "✗"
      case .insufficient: "?"
      case .none, .notApplicable: "–"
      case .inputError: "!"
      }
    }
  }

  /// A community: its id, where it is, and where its record starts.
  public struct Row: Sendable {
    public var id: String
    public var place: RecordPlace?
    public var file: String
    public var line: Int
    /// The record's number in input order (deferred rules are settled by it).
    var sequence: Int
  }

  /// A rule column: its policy and id, in policy order then rule order.
  public struct Column: Sendable {
    public var policy: String
    public var rule: String
    /// An aggregate's rule is decided per group, never per record: reports leave it out.
    public var isAggregate: Bool
  }

  public static let defaultRowLimit = 20_000

  public let columns: [Column]
  public let rowLimit: Int
  public private(set) var rows: [Row] = []
  /// Records past `rowLimit`, counted but not kept.
  public private(set) var omitted = 0
  /// `rows.count × columns.count` cells, row by row.
  private var cells: [UInt8] = []
  /// The first column of each policy (rule `r` of policy `p` is `offsets[p] + r`).
  private let offsets: [Int]

  public init(policies: [Policy], rowLimit: Int = OutcomeMatrix.defaultRowLimit) {
    var columns: [Column] = []
    var offsets: [Int] = []
    for policy in policies {
      offsets.append(columns.count)
      for rule in policy.rules { columns.append(Column(policy: policy.id, rule: rule.id, isAggregate: rule.groupBy != nil)) }
    }
    self.columns = columns
    self.offsets = offsets
    self.rowLimit = max(0, rowLimit)
  }

  public func cell(row: Int, column: Int) -> Cell {
    Cell(rawValue: cells[row * columns.count + column]) ?? .none
  }

  /// Adds a community's row; false when the limit is reached (the record is counted only).
  mutating func addRow(id: String, place: RecordPlace?, file: String, line: Int, sequence: Int, inputError: Bool) -> Bool {
    guard rows.count < rowLimit else {
      omitted += 1
      return false
    }
    rows.append(Row(id: id, place: place, file: file, line: line, sequence: sequence))
    cells.append(contentsOf: repeatElement(inputError ? Cell.inputError.rawValue : Cell.none.rawValue, count: columns.count))
    return true
  }

  /// Sets the last row's cell for rule `index` of policy `policy`.
  mutating func setLast(policy: Int, index: Int, _ outcome: Outcome) {
    guard !rows.isEmpty else { return }
    set(row: rows.count - 1, policy: policy, index: index, outcome)
  }

  /// Sets the cell of the record numbered `sequence` (a deferred rule, decided at the end).
  mutating func set(sequence: Int, policy: Int, index: Int, _ outcome: Outcome) {
    var low = 0
    var high = rows.count
    while low < high {
      let mid = (low + high) / 2
      if rows[mid].sequence < sequence { low = mid + 1 } else { high = mid }
    }
    guard low < rows.count, rows[low].sequence == sequence else { return }
    set(row: low, policy: policy, index: index, outcome)
  }

  private mutating func set(row: Int, policy: Int, index: Int, _ outcome: Outcome) {
    guard policy < offsets.count else { return }
    let column = offsets[policy] + index
    guard column < columns.count else { return }
    cells[row * columns.count + column] = Cell(outcome).rawValue
  }
}
