/// The indicator data of one period, stored by column: one contiguous
/// `[Double]` per indicator, indexed by row. Row `r` of every column belongs
/// to the same residential group.
///
/// Plugins look columns up by name once, in `ScoringPlugin.prepare(_:)`, and
/// then index the arrays directly while scoring.
public final class PeriodTable: Sendable {
    /// The period, e.g. `2020-Q1`.
    public let period: String
    /// Number of residential groups (rows) in the period.
    public let rowCount: Int
    /// Indicator column names, in the data file's order.
    public let columnNames: [String]
    /// Indicator columns, parallel to `columnNames`; each has `rowCount` values.
    public let columns: [[Double]]
    /// Ward of each row, as an index into `wardNames`.
    public let wardOfRow: [Int32]
    /// The wards of the district, sorted; every period of a run shares them.
    public let wardNames: [String]
    /// The previous period of the round, when there is one in the data.
    public let previous: PeriodTable?
    /// For each row, the same group's row in `previous`, or -1 when the group
    /// has no row there (or there is no previous period).
    public let previousRow: [Int32]

    /// Creates a table. `columns`, `wardOfRow` and `previousRow` must all
    /// have `rowCount` entries.
    public init(
        period: String,
        columnNames: [String],
        columns: [[Double]],
        wardOfRow: [Int32],
        wardNames: [String],
        previous: PeriodTable? = nil,
        previousRow: [Int32]? = nil
    ) {
        let rowCount = wardOfRow.count
        precondition(columns.count == columnNames.count, "one column per name")
        precondition(columns.allSatisfy { $0.count == rowCount }, "columns of equal length")
        self.period = period
        self.rowCount = rowCount
        self.columnNames = columnNames
        self.columns = columns
        self.wardOfRow = wardOfRow
        self.wardNames = wardNames
        self.previous = previous
        self.previousRow = previousRow ?? [Int32](repeating: -1, count: rowCount)
        precondition(self.previousRow.count == rowCount, "one previous row per row")
    }

    /// The index of the column named `name`, if the data has it.
    public func columnIndex(_ name: String) -> Int? {
        columnNames.firstIndex(of: name)
    }

    /// The column named `name`, if the data has it.
    public func column(_ name: String) -> [Double]? {
        columnIndex(name).map { columns[$0] }
    }
}
