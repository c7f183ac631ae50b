import ScoringKit
import Testing

// Helpers shared by this target's tests. Every plugin test target carries a
// copy, since a test target cannot import another one.

/// A place in `test.yaml`, where `laidOut()` puts a test entry from line 1.
func at(_ line: Int, _ column: Int) -> ScoringKit.SourceLocation {
    ScoringKit.SourceLocation(file: "test.yaml", line: line, column: column)
}

/// The parameters of `entry` once laid out in `test.yaml`, as the core would
/// hand them over for the entry with id `id`.
func parameters(_ entry: ConfigNode, id: String = "rate") -> PluginParameters {
    let node = entry.laidOut()
    return PluginParameters(entryID: id, location: node.location, entries: node.mappingEntries ?? [])
}

/// Builds a plugin from `entry`.
func build<Plugin: ScoringPlugin>(_ type: Plugin.Type, _ entry: ConfigNode) throws -> Plugin {
    try Plugin(parameters: parameters(entry))
}

/// The diagnostic a bad `entry` is rejected with; records an issue when
/// the plugin accepts it or reports more than one problem.
func rejection<Plugin: ScoringPlugin>(
    _ type: Plugin.Type, _ entry: ConfigNode, sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> Diagnostic? {
    let error = #expect(throws: DiagnosticError.self, sourceLocation: sourceLocation) {
        _ = try build(type, entry)
    }
    #expect(error.map { $0.diagnostics.count == 1 } ?? true, sourceLocation: sourceLocation)
    return error?.diagnostics.first
}

/// A period table with the given columns; every row in ward 0 unless `wards` says otherwise.
func table(
    _ columns: KeyValuePairs<String, [Double]>,
    period: String = "2020-Q2",
    wards: [Int32]? = nil,
    wardNames: [String] = ["Khương Mai", "Khương Trung"],
    previous: PeriodTable? = nil,
    previousRow: [Int32]? = nil
) -> PeriodTable {
    let rowCount = columns.first?.value.count ?? 0
    return PeriodTable(
        period: period, columnNames: columns.map(\.key), columns: columns.map(\.value),
        wardOfRow: wards ?? [Int32](repeating: 0, count: rowCount), wardNames: wardNames,
        previous: previous, previousRow: previousRow)
}

/// Prepares `plugin` on `table` and scores every row at once; also checks
/// that scoring each row on its own gives the same result, as the core's
/// parallel chunks rely on.
func scores(
    _ plugin: some ScoringPlugin, on table: PeriodTable, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> [Double] {
    let scorer = try plugin.prepare(table)
    var all = [Double](repeating: .nan, count: table.rowCount)
    try all.withUnsafeMutableBufferPointer { try scorer.score(rows: 0..<table.rowCount, into: $0) }
    for row in 0..<table.rowCount {
        var one = [Double.nan]
        try one.withUnsafeMutableBufferPointer { try scorer.score(rows: row..<(row + 1), into: $0) }
        #expect(one[0] == all[row], "row \(row) scored alone", sourceLocation: sourceLocation)
    }
    return all
}

/// Element-wise equality within 1e-12, for results of floating-point formulas.
func close(_ actual: [Double], _ expected: [Double]) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { abs($0 - $1) <= 1e-12 }
}
