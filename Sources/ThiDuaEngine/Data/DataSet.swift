/// One quarterly data file, read and checked, stored by column.
///
/// Row `r` of every per-row array (`periodOfRow`, `wardOfRow`, `groupIDs`,
/// `groupNames`, `lineOfRow` and each of `columns`) is the same residential
/// group in the same period, in file order. Periods and wards are interned:
/// rows hold an index into the sorted `periodNames` / `wardNames`, so that
/// splitting the data by period or grouping by ward is integer work.
///
/// `DataReader` builds it; every invariant below holds for a value it
/// returns. Nothing here is a per-row dictionary: a national run holds
/// about 400,000 rows.
public struct DataSet: Sendable {
    /// The data file as the user named it, for messages.
    public var file: String
    /// Number of data rows (the header and ignored trailing blank lines are
    /// not rows).
    public var rowCount: Int
    /// The distinct periods of the file, sorted (`2020-Q1` < `2020-Q2`).
    public var periodNames: [String]
    /// Period of each row, as an index into `periodNames`.
    public var periodOfRow: [Int32]
    /// The distinct wards of the file, sorted by `String` `<`. Spellings
    /// that are canonically equivalent (precomposed or decomposed
    /// Vietnamese letters) are one ward, named as first written.
    public var wardNames: [String]
    /// Ward of each row, as an index into `wardNames`.
    public var wardOfRow: [Int32]
    /// The `group_id` of each row, unique within a period (by `String`
    /// equality, so canonically equivalent spellings count as the same).
    public var groupIDs: [String]
    /// The `group_name` of each row, exactly as written (no Unicode
    /// normalization, so Vietnamese names come back byte for byte).
    public var groupNames: [String]
    /// The 1-based physical line on which each row starts, so that later
    /// stages (a zero divisor, a failed gate) can point at the row.
    public var lineOfRow: [Int32]
    /// The indicator columns that were read, in header order: those of the
    /// requested numeric columns that the header has.
    public var columnNames: [String]
    /// The indicator values, parallel to `columnNames`; each has `rowCount`
    /// finite, non-negative values.
    public var columns: [[Double]]
    /// Every header name in file order, trimmed of surrounding spaces,
    /// including identity and ignored columns; used for "did you mean" when
    /// a config names a column the file lacks.
    public var headerColumns: [String]

    /// Creates a data set from its parts; every per-row array must have
    /// `rowCount` entries and `columns` one array per name in `columnNames`.
    ///
    /// Tests and tools that build data without a file use this; files go
    /// through `DataReader`, which checks the input.
    public init(
        file: String,
        rowCount: Int,
        periodNames: [String],
        periodOfRow: [Int32],
        wardNames: [String],
        wardOfRow: [Int32],
        groupIDs: [String],
        groupNames: [String],
        lineOfRow: [Int32],
        columnNames: [String],
        columns: [[Double]],
        headerColumns: [String]
    ) {
        precondition(columns.count == columnNames.count, "one column per name")
        precondition(
            [periodOfRow.count, wardOfRow.count, groupIDs.count, groupNames.count, lineOfRow.count]
                .allSatisfy { $0 == rowCount } && columns.allSatisfy { $0.count == rowCount },
            "every per-row array has rowCount entries"
        )
        self.file = file
        self.rowCount = rowCount
        self.periodNames = periodNames
        self.periodOfRow = periodOfRow
        self.wardNames = wardNames
        self.wardOfRow = wardOfRow
        self.groupIDs = groupIDs
        self.groupNames = groupNames
        self.lineOfRow = lineOfRow
        self.columnNames = columnNames
        self.columns = columns
        self.headerColumns = headerColumns
    }

    /// The index in `columnNames` (and `columns`) of the indicator column
    /// named `name`, or `nil` when it was not read.
    ///
    /// - Parameter name: A column name as written in the header.
    /// - Returns: The column's index, or `nil`.
    public func columnIndex(_ name: String) -> Int? {
        columnNames.firstIndex(of: name)
    }
}
