import ScoringKit
import Testing

// The kit to unit-test a scoring plugin with Swift Testing.
//
// A plugin's test target depends on this library (see `Package.swift`) and
// imports it next to `Testing`:
//
// ```swift
// import LinearPlugin
// import PluginTestSupport
// import ScoringKit
// import Testing
//
// @Test func fullAtGivesFullAchievement() throws {
//     let plugin = try build(LinearPlugin.self, .map([
//         "measure": .map(["value": .str("x")]), "zero_at": .num(0), "full_at": .num(1),
//     ]))
//     #expect(try scores(plugin, on: table(["x": [0, 0.5, 1]])) == [0, 0.5, 1])
// }
// ```
//
// - `build(_:_:)` builds a plugin from a `ConfigNode` entry laid out in
//   `test.yaml`, and `parameters(_:id:)` gives the `PluginParameters` the core
//   would hand over, to check e.g. `unreadEntries`;
// - `rejection(_:_:)` asserts that an entry is rejected with exactly one
//   diagnostic, whose message, hint and location (`at(_:_:)`) a test checks;
// - `table(_:period:wards:wardNames:previous:previousRow:)` builds a
//   `PeriodTable` from named columns;
// - `scores(_:on:)` prepares a plugin on a table, scores all rows, and checks
//   that scoring each row alone gives the same result, as the core's parallel
//   chunks rely on;
// - `close(_:_:)` compares results of floating-point formulas.
//
// It is a library target rather than a file in each test target because a
// test target cannot import another one.

/// A place in `test.yaml`, where `parameters(_:id:)` lays out a test entry
/// from line 1.
///
/// - Parameters:
///   - line: The 1-based line.
///   - column: The 1-based column, counted in Unicode scalars.
/// - Returns: The location, to compare with a diagnostic's `location`.
public func at(_ line: Int, _ column: Int) -> ScoringKit.SourceLocation {
    ScoringKit.SourceLocation(file: "test.yaml", line: line, column: column)
}

/// The parameters of a config entry once laid out in `test.yaml`, as the
/// core would hand them over.
///
/// The entry is written as block YAML from line 1 (see
/// `ConfigNode.laidOut(file:firstLine:)`), so every value has the line and
/// column a test can assert with `at(_:_:)`.
///
/// - Parameters:
///   - entry: The plugin's keys of the entry, as a mapping.
///   - id: The entry's `id`, which messages start with.
/// - Returns: Fresh parameters; reading them marks keys as read.
public func parameters(_ entry: ConfigNode, id: String = "rate") -> PluginParameters {
    let node = entry.laidOut()
    return PluginParameters(entryID: id, location: node.location, entries: node.mappingEntries ?? [])
}

/// Builds a plugin from a config entry laid out in `test.yaml`.
///
/// - Parameters:
///   - type: The plugin type.
///   - entry: The plugin's keys of the entry, as a mapping.
/// - Returns: The plugin, built from entry id `rate`.
/// - Throws: What the plugin's `init(parameters:)` throws.
public func build<Plugin: ScoringPlugin>(_ type: Plugin.Type, _ entry: ConfigNode) throws -> Plugin {
    try Plugin(parameters: parameters(entry))
}

/// The diagnostic a bad config entry is rejected with.
///
/// Records an issue when the plugin accepts the entry, throws something
/// other than a `DiagnosticError`, or reports more than one problem.
///
/// - Parameters:
///   - type: The plugin type.
///   - entry: The plugin's keys of the entry, as a mapping.
///   - sourceLocation: Where issues are reported; the caller by default.
/// - Returns: The only diagnostic, or `nil` when the entry was not rejected.
public func rejection<Plugin: ScoringPlugin>(
    _ type: Plugin.Type, _ entry: ConfigNode, sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> Diagnostic? {
    let error = #expect(throws: DiagnosticError.self, sourceLocation: sourceLocation) {
        _ = try build(type, entry)
    }
    #expect(error.map { $0.diagnostics.count == 1 } ?? true, sourceLocation: sourceLocation)
    return error?.diagnostics.first
}

/// A period table with the given columns.
///
/// - Parameters:
///   - columns: The indicator columns by name, all of the same length.
///   - period: The period's name.
///   - wards: The ward of each row; every row is in ward 0 when `nil`.
///   - wardNames: The district's wards.
///   - previous: The previous period, for plugins that read history.
///   - previousRow: Each row's row in `previous`, -1 for none.
/// - Returns: The table.
public func table(
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

/// Prepares a plugin on a table and scores every row at once.
///
/// Also records an issue for each row whose score, computed alone, differs
/// from its score in the whole run: the core scores rows in parallel chunks
/// and relies on that equality.
///
/// - Parameters:
///   - plugin: The plugin to score with.
///   - table: The period to score.
///   - sourceLocation: Where issues are reported; the caller by default.
/// - Returns: One result per row of `table`.
/// - Throws: What the plugin's `prepare(_:)` or its scorer throws.
public func scores(
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
///
/// - Parameters:
///   - actual: The computed values.
///   - expected: The values they should be.
/// - Returns: `true` when both have the same count and every pair is within 1e-12.
public func close(_ actual: [Double], _ expected: [Double]) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { abs($0 - $1) <= 1e-12 }
}
