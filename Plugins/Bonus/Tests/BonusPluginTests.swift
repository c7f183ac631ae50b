import BonusPlugin
import PluginTestSupport
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

@Test func descriptorNamesABonus() {
    let descriptor = BonusPlugin.descriptor
    #expect(descriptor.name == "bonus")
    #expect(descriptor.version == "1.0.0")
    #expect(descriptor.role == .bonus)
    #expect(descriptor.parameters.map(\.name) == ["measure", "points_per", "max"])
    #expect(descriptor.parameters.map(\.defaultValue) == [nil, nil, "no cap"])
}

@Test func readsEveryParameterItAccepts() throws {
    let parameters = parameters(entry(measure: .map(["value": .str("a"), "per": .str("b")]), max: .num(3)))
    let plugin = try BonusPlugin(parameters: parameters)
    #expect(parameters.unreadEntries.isEmpty)
    #expect(plugin.pointsPer == 2)
    #expect(plugin.cap == 3)
    #expect(plugin.columns == ["a", "b"])
}

@Test func givesPointsPerUnitOfXWithoutACap() throws {
    let plugin = try build(BonusPlugin.self, entry())
    #expect(plugin.cap == nil)
    #expect(try scores(plugin, on: table(["x": [0, 1, 2.5, 1000]])) == [0, 2, 5, 2000])
}

@Test func maxCapsThePoints() throws {
    let plugin = try build(BonusPlugin.self, entry(max: .num(5)))
    #expect(try scores(plugin, on: table(["x": [0, 1, 2.5, 3, 1000]])) == [0, 2, 5, 5, 5])
}

@Test func fractionalPointsPerScalesX() throws {
    let plugin = try build(BonusPlugin.self, entry(
        measure: .map(["value": .str("fund_vnd")]), pointsPer: .num(0.000001), max: .num(3)))
    let points = try scores(plugin, on: table(["fund_vnd": [500_000, 2_000_000, 10_000_000]]))
    #expect(close(points, [0.5, 2, 3]))
}

@Test func zeroPointsPerSwitchesTheBonusOff() throws {
    let plugin = try build(BonusPlugin.self, entry(pointsPer: .num(0)))
    #expect(try scores(plugin, on: table(["x": [0, 7]])) == [0, 0])
}

@Test func zeroMaxGivesNoPoints() throws {
    let plugin = try build(BonusPlugin.self, entry(max: .num(0)))
    #expect(try scores(plugin, on: table(["x": [0, 7]])) == [0, 0])
}

@Test func zeroPerSumUsesIfPerZero() throws {
    let plugin = try build(BonusPlugin.self, entry(
        measure: .map(["value": .str("a"), "per": .str("b"), "if_per_zero": .num(1)])))
    #expect(try scores(plugin, on: table(["a": [3, 5], "b": [0, 10]])) == [2, 1])
}

@Test func zeroPerSumWithoutIfPerZeroFailsNamingTheRow() throws {
    let plugin = try build(BonusPlugin.self, entry(measure: .map(["value": .str("a"), "per": .str("b")])))
    let error = #expect(throws: EvaluationError.self) {
        try scores(plugin, on: table(["a": [3, 5, 1], "b": [1, 0, 1]]))
    }
    #expect(error?.row == 1)
    #expect(error?.message == "per (b) is 0")
}

@Test func negativePointsPerIsRejectedAtItsValue() {
    let diagnostic = rejection(BonusPlugin.self, entry(pointsPer: .num(-1)))
    #expect(diagnostic?.message == "rate: 'points_per' must be 0 or more, not -1.0")
    #expect(diagnostic?.location == at(3, 13))
    #expect(diagnostic?.hint == "bonus points are never negative; use a deduction to take points away")
}

@Test func negativeMaxIsRejectedAtItsValue() {
    let diagnostic = rejection(BonusPlugin.self, entry(max: .num(-3)))
    #expect(diagnostic?.message == "rate: 'max' must be 0 or more, not -3.0")
    #expect(diagnostic?.location == at(4, 6))
}

@Test func negativeScaleIsRejectedInsideTheMeasure() {
    let diagnostic = rejection(BonusPlugin.self, entry(
        measure: .map(["value": .str("a"), "per": .str("b"), "scale": .num(-1)])))
    #expect(diagnostic?.message == "rate: 'scale' must be 0 or more in a bonus's measure, not -1.0")
    #expect(diagnostic?.location == at(4, 10))
}

@Test func negativeIfPerZeroIsRejectedInsideTheMeasure() {
    let diagnostic = rejection(BonusPlugin.self, entry(
        measure: .map(["value": .str("a"), "per": .str("b"), "if_per_zero": .num(-2)])))
    #expect(diagnostic?.message == "rate: 'if_per_zero' must be 0 or more in a bonus's measure, not -2.0")
    #expect(diagnostic?.location == at(4, 16))
}

@Test func missingPointsPerIsRejectedAtTheEntry() {
    let diagnostic = rejection(BonusPlugin.self, .map(["measure": plainX, "max": .num(3)]))
    #expect(diagnostic?.message == "rate: missing required key 'points_per'")
    #expect(diagnostic?.location == at(1, 1))
}

@Test func textMaxIsRejectedAtItsValue() {
    let diagnostic = rejection(BonusPlugin.self, entry(max: .str("three")))
    #expect(diagnostic?.message == "'max' must be a number, not text 'three'")
    #expect(diagnostic?.location == at(4, 6))
}
