import ScoringKit

/// The data of a round split by period: one columnar `PeriodTable` per
/// period of the round, in the round's order, each linked to the previous
/// period's table for plugins that compare with history.
struct PeriodSlices: Sendable {
    /// The tables, parallel to `RoundConfig.periods`.
    let tables: [PeriodTable]
    /// For each table, the data row of each of its rows.
    let dataRows: [[Int32]]

    /// Splits `data` into the round's `periods`. Work is linear in the rows.
    ///
    /// - Parameters:
    ///   - data: The round's data.
    ///   - periods: The round's periods, in order.
    ///   - columns: The indicator columns the tables carry; `nil` for every
    ///     column of the data. Plugins read only the columns they declare,
    ///     so the round's referenced columns are enough, and a national run
    ///     does not copy columns nobody reads.
    ///   - jobs: Threads to copy the periods' columns on.
    init(data: DataSet, periods: [String], columns: [String]? = nil, jobs: Int = 1) {
        var rowsByDataPeriod = [[Int32]](repeating: [], count: data.periodNames.count)
        for row in 0..<data.rowCount {
            rowsByDataPeriod[Int(data.periodOfRow[row])].append(Int32(row))
        }
        let rowsOfPeriod = periods.map { period in
            data.periodNames.firstIndex(of: period).map { rowsByDataPeriod[$0] } ?? []
        }
        let kept = data.columnNames.indices.filter { columns?.contains(data.columnNames[$0]) ?? true }
        let columnNames = kept.map { data.columnNames[$0] }

        // Each period's columns and links to the previous period, in
        // parallel; the tables are then chained in order, since each holds
        // its predecessor.
        let slices = Parallel.map(periods.count, jobs: jobs) { period in
            let rows = rowsOfPeriod[period]
            return Slice(
                columns: kept.map { Self.gather(data.columns[$0], rows: rows) },
                wardOfRow: rows.map { data.wardOfRow[Int($0)] },
                previousRow: period == 0 ? nil
                    : Self.previousRows(of: rows, in: rowsOfPeriod[period - 1], groupIDs: data.groupIDs))
        }
        var tables: [PeriodTable] = []
        for (index, slice) in slices.enumerated() {
            tables.append(PeriodTable(
                period: periods[index], columnNames: columnNames, columns: slice.columns,
                wardOfRow: slice.wardOfRow, wardNames: data.wardNames,
                previous: tables.last, previousRow: slice.previousRow))
        }
        self.tables = tables
        self.dataRows = rowsOfPeriod
    }

    /// One period's share of the data, before it becomes a table.
    private struct Slice: Sendable {
        var columns: [[Double]]
        var wardOfRow: [Int32]
        var previousRow: [Int32]?
    }

    /// `values` at `rows`: one block copy when the rows are consecutive, as
    /// they are in a file sorted by period.
    private static func gather(_ values: [Double], rows: [Int32]) -> [Double] {
        guard let first = rows.first, let last = rows.last else { return [] }
        if Int(last) - Int(first) + 1 == rows.count {
            return Array(values[Int(first)...Int(last)])
        }
        return rows.map { values[Int($0)] }
    }

    /// For each of `rows`, the position in `previousRows` of the row of the
    /// same group, or -1.
    ///
    /// Groups usually come in the same order every period, so each row is
    /// first compared with the row at the same position; a `group_id`
    /// dictionary of the previous period is built only when that fails.
    /// Both agree, `String` equality being what the dictionary uses.
    private static func previousRows(of rows: [Int32], in previousRows: [Int32], groupIDs: [String]) -> [Int32] {
        var positionOfGroup: [String: Int32]?
        return rows.indices.map { position in
            let id = groupIDs[Int(rows[position])]
            if position < previousRows.count, groupIDs[Int(previousRows[position])] == id {
                return Int32(position)
            }
            if positionOfGroup == nil {
                var dictionary: [String: Int32] = [:]
                dictionary.reserveCapacity(previousRows.count)
                for (index, row) in previousRows.enumerated() { dictionary[groupIDs[Int(row)]] = Int32(index) }
                positionOfGroup = dictionary
            }
            return positionOfGroup?[id] ?? -1
        }
    }
}
