import ScoringKit
import Testing

private let plainX = ConfigNode.map(["value": .str("x")])

/// ```
/// measure:            line 1
///   value: x
/// points_per: 2       line 3, value at column 13
/// max: 5              line 4, value at column 6 (when given)
/// ```
private func entry(measure: ConfigNode = plainX, pointsPer: ConfigNode = .num(2), max: ConfigNode? = nil) -> ConfigNode {
    .map([("measure", measure), ("points_per", pointsPer)] + (max.map { [("max", $0)] } ?? []))
}

/// The parameters of `entry` laid out in `test.yaml`, for the entry `fund`.
private func parameters(_ entry: ConfigNode) -> PluginParameters {
    let node = entry.laidOut()
    return PluginParameters(entryID: "fund", location: node.location, entries: node.mappingEntries ?? [])
}

private func points(_ entry: ConfigNode, kind: String = "bonus", hint: String? = nil) throws -> PointsPerUnit {
    try PointsPerUnit(parameters: parameters(entry), kind: kind, hint: hint)
}

/// The single diagnostic `entry` is rejected with.
private func rejection(_ entry: ConfigNode, kind: String = "bonus", hint: String? = nil) -> Diagnostic? {
    let error = #expect(throws: DiagnosticError.self) { _ = try points(entry, kind: kind, hint: hint) }
    #expect(error?.diagnostics.count == 1)
    return error?.diagnostics.first
}

private func at(_ line: Int, _ column: Int) -> ScoringKit.SourceLocation {
    ScoringKit.SourceLocation(file: "test.yaml", line: line, column: column)
}

private func table(_ columns: KeyValuePairs<String, [Double]>) -> PeriodTable {
    let rowCount = columns.first?.value.count ?? 0
    return PeriodTable(period: "2020-Q2", columnNames: columns.map(\.key), columns: columns.map(\.value),
                       wardOfRow: [Int32](repeating: 0, count: rowCount), wardNames: ["Khương Mai"])
}

/// Scores `rows` of `table` (all rows by default) in one call.
private func scores(_ block: PointsPerUnit, on table: PeriodTable, rows: Range<Int>? = nil) throws -> [Double] {
    let rows = rows ?? 0..<table.rowCount
    let scorer = try block.prepare(table)
    var output = [Double](repeating: .nan, count: rows.count)
    try output.withUnsafeMutableBufferPointer { try scorer.score(rows: rows, into: $0) }
    return output
}

@Test func readsMeasurePointsPerAndMax() throws {
    let parameters = parameters(entry(measure: .map(["value": .str("a"), "per": .str("b")]), max: .num(3)))
    let block = try PointsPerUnit(parameters: parameters, kind: "bonus")
    #expect(parameters.unreadEntries.isEmpty)
    #expect(block.measure.value == ["a"])
    #expect(block.pointsPer == 2)
    #expect(block.cap == 3)
    #expect(block.columns == ["a", "b"])
}

@Test func withoutMaxThereIsNoCap() throws {
    let block = try points(entry())
    #expect(block.cap == nil)
    #expect(try scores(block, on: table(["x": [0, 1, 2.5, 1000]])) == [0, 2, 5, 2000])
}

@Test func maxCapsPointsPerTimesX() throws {
    let block = try points(entry(max: .num(5)))
    #expect(try scores(block, on: table(["x": [0, 1, 2.5, 3, 1000]])) == [0, 2, 5, 5, 5])
}

@Test func zeroPointsPerAndZeroMaxAreAllowed() throws {
    #expect(try scores(points(entry(pointsPer: .num(0))), on: table(["x": [0, 7]])) == [0, 0])
    #expect(try scores(points(entry(max: .num(0))), on: table(["x": [0, 7]])) == [0, 0])
}

@Test func scoringPartOfThePeriodWritesFromTheStartOfTheOutput() throws {
    let block = try points(entry(max: .num(5)))
    #expect(try scores(block, on: table(["x": [1, 2, 3, 4]]), rows: 2..<4) == [5, 5])
    #expect(try scores(block, on: table(["x": [1, 2, 3, 4]]), rows: 1..<2) == [4])
}

@Test func ratioMeasureUsesIfPerZero() throws {
    let block = try points(entry(measure: .map(["value": .str("a"), "per": .str("b"), "if_per_zero": .num(1)])))
    #expect(try scores(block, on: table(["a": [3, 5], "b": [0, 10]])) == [2, 1])
}

@Test func zeroPerSumWithoutIfPerZeroFailsNamingTheRow() throws {
    let block = try points(entry(measure: .map(["value": .str("a"), "per": .str("b")])))
    let error = #expect(throws: EvaluationError.self) {
        try scores(block, on: table(["a": [3, 5, 1], "b": [1, 0, 1]]))
    }
    #expect(error?.row == 1)
    #expect(error?.message == "per (b) is 0")
}

@Test func missingColumnFailsWhenPrepared() throws {
    let block = try points(entry())
    let error = #expect(throws: EvaluationError.self) { try block.prepare(table(["y": [1]])) }
    #expect(error?.message == "the data has no column 'x'")
}

@Test func negativePointsPerIsRejectedAtItsValueWithTheHintGiven() {
    let diagnostic = rejection(entry(pointsPer: .num(-1)), hint: "use a deduction instead")
    #expect(diagnostic?.message == "fund: 'points_per' must be 0 or more, not -1.0")
    #expect(diagnostic?.location == at(3, 13))
    #expect(diagnostic?.hint == "use a deduction instead")
}

@Test func withoutAHintTheKindSaysPointsAreNeverNegative() {
    let diagnostic = rejection(entry(max: .num(-3)), kind: "penalty")
    #expect(diagnostic?.message == "fund: 'max' must be 0 or more, not -3.0")
    #expect(diagnostic?.location == at(4, 6))
    #expect(diagnostic?.hint == "penalty points are never negative")
}

@Test func negativeScaleIsRejectedInsideTheMeasureNamingTheKind() {
    let diagnostic = rejection(
        entry(measure: .map(["value": .str("a"), "per": .str("b"), "scale": .num(-1)])), kind: "deduction")
    #expect(diagnostic?.message == "fund: 'scale' must be 0 or more in a deduction's measure, not -1.0")
    #expect(diagnostic?.location == at(4, 10))
}

@Test func negativeIfPerZeroIsRejectedInsideTheMeasureNamingTheKind() {
    let diagnostic = rejection(entry(measure: .map(["value": .str("a"), "per": .str("b"), "if_per_zero": .num(-2)])))
    #expect(diagnostic?.message == "fund: 'if_per_zero' must be 0 or more in a bonus's measure, not -2.0")
    #expect(diagnostic?.location == at(4, 16))
}

@Test func missingPointsPerIsRejectedAtTheEntry() {
    let diagnostic = rejection(.map(["measure": plainX, "max": .num(3)]))
    #expect(diagnostic?.message == "fund: missing required key 'points_per'")
    #expect(diagnostic?.location == at(1, 1))
}

@Test func textMaxIsRejectedAtItsValue() {
    let diagnostic = rejection(entry(max: .str("three")))
    #expect(diagnostic?.message == "'max' must be a number, not text 'three'")
    #expect(diagnostic?.location == at(4, 6))
}
