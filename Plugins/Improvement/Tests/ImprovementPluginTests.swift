import ImprovementPlugin
import PluginTestSupport
import ScoringKit
import Testing

private let plainX = ConfigNode.map(["value": .str("x")])
private let ratio = ConfigNode.map(["value": .str("a"), "per": .str("b")])

/// ```
/// measure:              line 1
///   value: x
/// zero_at: 0            line 3, value at column 10
/// full_at: 10           line 4, value at column 10
/// if_no_history: 0.5    line 5, value at column 16
/// ```
private func entry(measure: ConfigNode = plainX, zeroAt: Double = 0, fullAt: Double = 10,
                   ifNoHistory: ConfigNode? = .num(0.5)) -> ConfigNode {
    .map([("measure", measure), ("zero_at", .num(zeroAt)), ("full_at", .num(fullAt))]
        + (ifNoHistory.map { [("if_no_history", $0)] } ?? []))
}

/// The round's first period, 2020-Q1, with x of three groups.
private let firstQuarter = table(["x": [10, 20, 30]], period: "2020-Q1")

/// 2020-Q2 after `firstQuarter`, its rows mapped to the previous period's by `previousRow`.
private func secondQuarter(_ x: [Double], previousRow: [Int32]) -> PeriodTable {
    table(["x": x], period: "2020-Q2", previous: firstQuarter, previousRow: previousRow)
}

@Test func descriptorNamesAnImprovementCriterion() {
    let descriptor = ImprovementPlugin.descriptor
    #expect(descriptor.name == "improvement")
    #expect(descriptor.version == "1.0.0")
    #expect(descriptor.role == .criterion)
    #expect(descriptor.parameters.map(\.name) == ["measure", "zero_at", "full_at", "if_no_history"])
    #expect(descriptor.parameters.allSatisfy { $0.defaultValue == nil })
}

@Test func readsEveryParameterItAccepts() throws {
    let parameters = parameters(entry(measure: ratio))
    let plugin = try ImprovementPlugin(parameters: parameters)
    #expect(parameters.unreadEntries.isEmpty)
    #expect(plugin.columns == ["a", "b"])
    #expect(plugin.ifNoHistory == 0.5)
}

@Test func scoresTheChangeSinceThePreviousPeriod() throws {
    let plugin = try build(ImprovementPlugin.self, entry())
    let a = try scores(plugin, on: secondQuarter([15, 20, 32.5], previousRow: [0, 1, 2]))
    #expect(a == [0.5, 0, 0.25])
}

@Test func clampsAChangeBelowZeroAtAndAboveFullAt() throws {
    let plugin = try build(ImprovementPlugin.self, entry(zeroAt: 2, fullAt: 6))
    let a = try scores(plugin, on: secondQuarter([5, 40, 34], previousRow: [0, 1, 2]))
    #expect(a == [0, 1, 0.5])
}

@Test func fullAtBelowZeroAtRewardsAFall() throws {
    let plugin = try build(ImprovementPlugin.self, entry(zeroAt: 0, fullAt: -10))
    let a = try scores(plugin, on: secondQuarter([5, 20, 33], previousRow: [0, 1, 2]))
    #expect(a == [0.5, 0, 0])
}

@Test func comparesWithTheSameGroupsRowWhereverItIs() throws {
    let plugin = try build(ImprovementPlugin.self, entry())
    // The groups of rows 0, 1, 2 were rows 2, 0, 1 in the previous period.
    let a = try scores(plugin, on: secondQuarter([35, 12, 20], previousRow: [2, 0, 1]))
    #expect(a == [0.5, 0.2, 0])
}

@Test func theRoundsFirstPeriodScoresIfNoHistory() throws {
    let plugin = try build(ImprovementPlugin.self, entry(ifNoHistory: .num(0.25)))
    #expect(try scores(plugin, on: firstQuarter) == [0.25, 0.25, 0.25])
}

@Test func aGroupWithNoRowInThePreviousPeriodScoresIfNoHistory() throws {
    let plugin = try build(ImprovementPlugin.self, entry(ifNoHistory: .num(1)))
    let a = try scores(plugin, on: secondQuarter([15, 0, 20], previousRow: [0, -1, 1]))
    #expect(a == [0.5, 1, 0])
}

@Test func noHistoryDoesNotComputeX() throws {
    // x of row 1 would divide by zero, but nothing needs it.
    let plugin = try build(ImprovementPlugin.self, entry(measure: ratio, ifNoHistory: .num(0)))
    #expect(try scores(plugin, on: table(["a": [1, 1], "b": [1, 0]])) == [0, 0])
}

@Test func zeroPerSumInThePreviousPeriodUsesIfPerZero() throws {
    let plugin = try build(ImprovementPlugin.self, entry(
        measure: .map(["value": .str("a"), "per": .str("b"), "if_per_zero": .num(0)]), fullAt: 1))
    let previous = table(["a": [3, 1], "b": [0, 2]], period: "2020-Q1")
    let current = table(["a": [1, 1], "b": [2, 1]], period: "2020-Q2", previous: previous, previousRow: [0, 1])
    #expect(try scores(plugin, on: current) == [0.5, 0.5])
}

@Test func zeroPerSumInThisPeriodFailsNamingTheRow() throws {
    let plugin = try build(ImprovementPlugin.self, entry(measure: ratio))
    let previous = table(["a": [1, 1], "b": [1, 1]], period: "2020-Q1")
    let current = table(["a": [1, 1], "b": [1, 0]], period: "2020-Q2", previous: previous, previousRow: [0, 1])
    let error = #expect(throws: EvaluationError.self) { try scores(plugin, on: current) }
    #expect(error?.row == 1)
    #expect(error?.period == "2020-Q2")
    #expect(error?.message == "per (b) is 0")
}

@Test func zeroPerSumInThePreviousPeriodFailsNamingThatPeriodAndTheCurrentRow() throws {
    let plugin = try build(ImprovementPlugin.self, entry(measure: ratio))
    // The failing previous row is 0; the group is row 2 now.
    let previous = table(["a": [1, 1, 1], "b": [0, 1, 1]], period: "2020-Q1")
    let current = table(["a": [1, 1, 1], "b": [1, 1, 1]], period: "2020-Q2", previous: previous,
                        previousRow: [1, 2, 0])
    let error = #expect(throws: EvaluationError.self) { try scores(plugin, on: current) }
    #expect(error?.row == 2)
    #expect(error?.period == "2020-Q1")
    #expect(error?.message == "per (b) is 0")
}

@Test func aColumnMissingFromThePreviousPeriodFailsNamingThatPeriod() throws {
    let plugin = try build(ImprovementPlugin.self, entry())
    let previous = table(["y": [1]], period: "2020-Q1")
    let current = table(["x": [1]], period: "2020-Q2", previous: previous, previousRow: [0])
    let error = #expect(throws: EvaluationError.self) { _ = try plugin.prepare(current) }
    #expect(error?.period == "2020-Q1")
    #expect(error?.message == "the data has no column 'x'")
}

@Test func equalZeroAtAndFullAtIsRejectedAtFullAt() {
    let diagnostic = rejection(ImprovementPlugin.self, entry(zeroAt: 5, fullAt: 5))
    #expect(diagnostic?.message == "rate: 'full_at' must differ from 'zero_at' (both are 5.0)")
    #expect(diagnostic?.location == at(4, 10))
}

@Test func missingIfNoHistoryIsRejectedAtTheEntry() {
    let diagnostic = rejection(ImprovementPlugin.self, entry(ifNoHistory: nil))
    #expect(diagnostic?.message == "rate: missing required key 'if_no_history'")
    #expect(diagnostic?.location == at(1, 1))
    #expect(diagnostic?.hint != nil)
}

@Test func ifNoHistoryOutsideZeroToOneIsRejectedAtItsValue() {
    let diagnostic = rejection(ImprovementPlugin.self, entry(ifNoHistory: .num(1.5)))
    #expect(diagnostic?.message == "rate: 'if_no_history' must be between 0 and 1, not 1.5")
    #expect(diagnostic?.location == at(5, 16))
}

@Test func textIfNoHistoryIsRejectedAtItsValue() {
    let diagnostic = rejection(ImprovementPlugin.self, entry(ifNoHistory: .str("half")))
    #expect(diagnostic?.message == "'if_no_history' must be a number, not text 'half'")
    #expect(diagnostic?.location == at(5, 16))
}

@Test func missingZeroAtIsRejectedAtTheEntry() {
    let diagnostic = rejection(ImprovementPlugin.self, .map(["measure": plainX, "full_at": .num(1)]))
    #expect(diagnostic?.message == "rate: missing required key 'zero_at'")
    #expect(diagnostic?.location == at(1, 1))
}
