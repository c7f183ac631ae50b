import ScoringKit

/// A round's data, read and checked, stored by column: one file's rows, or
/// the rows of several files (one per quarter or per ward) one after the
/// other.
///
/// Row `r` of every per-row array (`periodOfRow`, `wardOfRow`, `groupIDs`,
/// `groupNames`, `fileOfRow`, `lineOfRow` and each of `columns`) is the same
/// residential group in the same period, in file order (files in the order
/// read). Periods and wards are interned: rows hold an index into the
/// sorted `periodNames` / `wardNames`, so that splitting the data by period
/// or grouping by ward is integer work.
///
/// `DataReader` builds it from one file and `merging(_:)` from several;
/// every invariant below holds for a value they return. Nothing here is a
/// per-row dictionary: a national run holds about 400,000 rows.
public struct DataSet: Sendable {
    /// The data files the rows come from, as the user named them, in the
    /// order read.
    public var files: [String]
    /// The file of each row, as an index into `files`.
    public var fileOfRow: [Int32]
    /// Number of data rows (the header and ignored trailing blank lines are
    /// not rows).
    public var rowCount: Int
    /// The distinct periods of the data, sorted (`2020-Q1` < `2020-Q2`).
    public var periodNames: [String]
    /// Period of each row, as an index into `periodNames`.
    public var periodOfRow: [Int32]
    /// The distinct wards of the data, sorted by `String` `<`. Spellings
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
    /// The 1-based physical line on which each row starts, in its own file,
    /// so that later stages (a zero divisor, a failed gate) can point at the
    /// row with `location(ofRow:)`.
    public var lineOfRow: [Int32]
    /// The indicator columns that were read, in header order: those of the
    /// requested numeric columns that the header has (for several files,
    /// that every file's header has).
    public var columnNames: [String]
    /// The indicator values, parallel to `columnNames`; each has `rowCount`
    /// finite, non-negative values, unless `dropIndicatorValues()` emptied
    /// them.
    public var columns: [[Double]]
    /// Every header name in file order, trimmed of surrounding spaces,
    /// including identity and ignored columns (for several files, every
    /// name of any file, in order of first appearance); used for "did you
    /// mean" when a config names a column the data lacks.
    public var headerColumns: [String]

    /// Empties every column of `columns` (`columnNames` stay, as the
    /// record of what was read), for a holder done with the values: once an
    /// evaluator has split them by period, each period's table holds its
    /// own copy (see `Evaluator.init(takingValuesOf:jobs:timer:progress:)`).
    public mutating func dropIndicatorValues() {
        columns = columnNames.map { _ in [] }
    }

    /// The data files for messages: the only file's name, or every name
    /// joined by `, `.
    public var file: String { files.joined(separator: ", ") }

    /// Where row `row` starts: its own file and line, column 1.
    ///
    /// - Parameter row: A row index below `rowCount`.
    /// - Returns: The row's place, for messages about the row.
    public func location(ofRow row: Int) -> SourceLocation {
        SourceLocation(file: files[Int(fileOfRow[row])], line: Int(lineOfRow[row]), column: 1)
    }

    /// Creates a data set of one file from its parts; every per-row array
    /// must have `rowCount` entries and `columns` one array per name in
    /// `columnNames`.
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
        self.init(
            files: [file], fileOfRow: [Int32](repeating: 0, count: rowCount), rowCount: rowCount,
            periodNames: periodNames, periodOfRow: periodOfRow, wardNames: wardNames, wardOfRow: wardOfRow,
            groupIDs: groupIDs, groupNames: groupNames, lineOfRow: lineOfRow, columnNames: columnNames,
            columns: columns, headerColumns: headerColumns)
    }

    /// Creates a data set of several files from its parts; as
    /// `init(file:rowCount:…)`, and `fileOfRow` must have `rowCount`
    /// entries, each an index into `files`.
    ///
    /// `merging(_:)` builds one from data sets read separately.
    public init(
        files: [String],
        fileOfRow: [Int32],
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
            [periodOfRow.count, wardOfRow.count, groupIDs.count, groupNames.count, fileOfRow.count, lineOfRow.count]
                .allSatisfy { $0 == rowCount } && columns.allSatisfy { $0.count == rowCount },
            "every per-row array has rowCount entries"
        )
        self.files = files
        self.fileOfRow = fileOfRow
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
