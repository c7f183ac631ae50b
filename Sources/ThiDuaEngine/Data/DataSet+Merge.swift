import ScoringKit

extension DataSet {
    /// The rows of `parts`, one data set after the other, as one data set.
    ///
    /// Wards' reports usually arrive one file per quarter or per ward: each
    /// file is read and checked on its own by `DataReader`, then the columns
    /// are concatenated here. The work is linear in the rows; periods and
    /// wards are interned again so that `periodNames` and `wardNames` stay
    /// sorted and shared by every row, and each row keeps its own file and
    /// line for messages.
    ///
    /// - Only the indicator columns that every part has are kept, in the
    ///   first part's order: a column some files lack cannot be used for a
    ///   whole period. The caller checks beforehand that every column the
    ///   config reads is in every part, to report it at the config.
    /// - `headerColumns` lists every header name of any part, in order of
    ///   first appearance, for "did you mean" hints.
    /// - A ward written in canonically equivalent spellings in two files is
    ///   one ward, named as the earlier file writes it.
    ///
    /// - Parameter parts: The data sets, in the order their rows should
    ///   follow; at least one.
    /// - Returns: The merged data; `parts[0]` itself when it is the only one.
    /// - Throws: `DiagnosticError` with one error per row whose
    ///   `(period, group_id)` an earlier row already holds (up to 20), at
    ///   the later row, with the earlier row's place in the hint.
    public static func merging(_ parts: [DataSet]) throws -> DataSet {
        precondition(!parts.isEmpty, "merging needs at least one data set")
        if parts.count == 1 { return parts[0] }
        let rowCount = parts.reduce(0) { $0 + $1.rowCount }

        var periods = TextInterner(), wards = TextInterner()
        let periodIndices = parts.map { $0.periodNames.map { periods.index(of: $0) } }
        let wardIndices = parts.map { $0.wardNames.map { wards.index(of: $0) } }
        let (periodNames, newPeriod) = periods.sorted()
        let (wardNames, newWard) = wards.sorted()

        var merged = MergedRows(capacity: rowCount)
        var fileOffset: Int32 = 0
        for (index, part) in parts.enumerated() {
            let periodOf = periodIndices[index].map { newPeriod[Int($0)] }
            let wardOf = wardIndices[index].map { newWard[Int($0)] }
            merged.periodOfRow += part.periodOfRow.lazy.map { periodOf[Int($0)] }
            merged.wardOfRow += part.wardOfRow.lazy.map { wardOf[Int($0)] }
            merged.fileOfRow += part.fileOfRow.lazy.map { $0 + fileOffset }
            merged.groupIDs += part.groupIDs
            merged.groupNames += part.groupNames
            merged.lineOfRow += part.lineOfRow
            fileOffset += Int32(part.files.count)
        }

        let columnNames = parts[0].columnNames.filter { name in parts.allSatisfy { $0.columnIndex(name) != nil } }
        let columns = columnNames.map { name in
            var values: [Double] = []
            values.reserveCapacity(rowCount)
            for part in parts {
                if let index = part.columnIndex(name) { values += part.columns[index] }
            }
            return values
        }
        var headerColumns: [String] = [], seenHeader: Set<String> = []
        for name in parts.flatMap(\.headerColumns) where seenHeader.insert(name).inserted {
            headerColumns.append(name)
        }

        let data = DataSet(
            files: parts.flatMap(\.files), fileOfRow: merged.fileOfRow, rowCount: rowCount,
            periodNames: periodNames, periodOfRow: merged.periodOfRow, wardNames: wardNames,
            wardOfRow: merged.wardOfRow, groupIDs: merged.groupIDs, groupNames: merged.groupNames,
            lineOfRow: merged.lineOfRow, columnNames: columnNames, columns: columns, headerColumns: headerColumns)
        try data.checkGroupsUnique()
        return data
    }

    /// Throws when a `(period, group_id)` pair occurs on more than one row.
    ///
    /// Within one file `DataReader` has already checked this and points at
    /// the cell; across files only rows are known, so the error points at
    /// the later row (column 1) and names the first one in its hint.
    private func checkGroupsUnique() throws {
        var keys = DuplicateGroups()
        keys.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            keys.add(period: periodOfRow[row], id: groupIDs[row], row: row)
        }
        let repeats = keys.repeats(periodOfRow: periodOfRow, groupIDs: groupIDs)
        guard !repeats.isEmpty else { return }
        var diagnostics = repeats.prefix(DataDiagnostics.limit).map { repeated in
            let first = location(ofRow: repeated.first)
            return Diagnostic.error(
                at: location(ofRow: repeated.row),
                "duplicate group '\(groupIDs[repeated.row])' in period \(periodNames[Int(periodOfRow[repeated.row])])",
                hint: "first at \(first.file):\(first.line); each group has one row per period, across all data files")
        }
        if repeats.count > diagnostics.count {
            diagnostics.append(.error(at: nil, "\(repeats.count - diagnostics.count) more duplicate groups not shown"))
        }
        throw DiagnosticError(diagnostics)
    }
}

/// The per-row arrays of a merge, filled part by part.
private struct MergedRows {
    var periodOfRow: [Int32] = []
    var wardOfRow: [Int32] = []
    var fileOfRow: [Int32] = []
    var groupIDs: [String] = []
    var groupNames: [String] = []
    var lineOfRow: [Int32] = []

    init(capacity: Int) {
        periodOfRow.reserveCapacity(capacity)
        wardOfRow.reserveCapacity(capacity)
        fileOfRow.reserveCapacity(capacity)
        groupIDs.reserveCapacity(capacity)
        groupNames.reserveCapacity(capacity)
        lineOfRow.reserveCapacity(capacity)
    }
}
