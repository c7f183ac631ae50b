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
    init(data: DataSet, periods: [String]) {
        var rowsByDataPeriod = [[Int32]](repeating: [], count: data.periodNames.count)
        for row in 0..<data.rowCount {
            rowsByDataPeriod[Int(data.periodOfRow[row])].append(Int32(row))
        }
        var tables: [PeriodTable] = []
        var dataRows: [[Int32]] = []
        var previous: (table: PeriodTable, rowOfGroup: [String: Int32])?
        for period in periods {
            let rows = data.periodNames.firstIndex(of: period).map { rowsByDataPeriod[$0] } ?? []
            let columns = data.columns.map { column in rows.map { column[Int($0)] } }
            let previousRow: [Int32]? = previous.map { previous in
                rows.map { previous.rowOfGroup[data.groupIDs[Int($0)]] ?? -1 }
            }
            let table = PeriodTable(
                period: period, columnNames: data.columnNames, columns: columns,
                wardOfRow: rows.map { data.wardOfRow[Int($0)] }, wardNames: data.wardNames,
                previous: previous?.table, previousRow: previousRow)
            var rowOfGroup: [String: Int32] = [:]
            rowOfGroup.reserveCapacity(rows.count)
            for (index, row) in rows.enumerated() { rowOfGroup[data.groupIDs[Int(row)]] = Int32(index) }
            previous = (table, rowOfGroup)
            tables.append(table)
            dataRows.append(rows)
        }
        self.tables = tables
        self.dataRows = dataRows
    }
}
