import LinearPlugin
import PluginTestSupport
import ScoringKit
import Testing

/// `measure: { value: cultural_families, per: households }` with an optional `if_per_zero`.
private func familyRate(ifPerZero: Double? = nil) -> ConfigNode {
    if let ifPerZero {
        return .map(["value": .str("cultural_families"), "per": .str("households"), "if_per_zero": .num(ifPerZero)])
    }
    return .map(["value": .str("cultural_families"), "per": .str("households")])
}

/// ```
/// measure:                      line 1
///   value: cultural_families
///   per: households
///   (if_per_zero: X)
/// zero_at: 0.6                  line 4 (5 with if_per_zero), value at column 10
/// full_at: 0.9                  line 5 (6 with if_per_zero), value at column 10
/// ```
private func entry(zeroAt: ConfigNode = .num(0.6), fullAt: ConfigNode = .num(0.9),
                   measure: ConfigNode = familyRate()) -> ConfigNode {
    .map(["measure": measure, "zero_at": zeroAt, "full_at": fullAt])
}

private func families(_ cultural: [Double], households: [Double]? = nil) -> PeriodTable {
    table(["cultural_families": cultural,
           "households": households ?? [Double](repeating: 100, count: cultural.count)])
}

@Test func descriptorNamesALinearCriterion() {
    let descriptor = LinearPlugin.descriptor
    #expect(descriptor.name == "linear")
    #expect(descriptor.version == "1.0.0")
    #expect(descriptor.role == .criterion)
    #expect(descriptor.parameters.map(\.name) == ["measure", "zero_at", "full_at"])
    #expect(descriptor.parameters.allSatisfy { $0.defaultValue == nil })
}

@Test func readsEveryParameterItAccepts() throws {
    let parameters = parameters(entry())
    _ = try LinearPlugin(parameters: parameters)
    #expect(parameters.unreadEntries.isEmpty)
}

@Test func columnsAreTheMeasuresColumns() throws {
    let plugin = try build(LinearPlugin.self, entry())
    #expect(plugin.columns == ["cultural_families", "households"])
}

@Test func risesInAStraightLineFromZeroAtToFullAt() throws {
    let plugin = try build(LinearPlugin.self, entry())
    let a = try scores(plugin, on: families([60, 70, 75, 90]))
    #expect(close(a, [0, 1.0 / 3, 0.5, 1]))
}

@Test func clampsBelowZeroAtAndAboveFullAt() throws {
    let plugin = try build(LinearPlugin.self, entry())
    let a = try scores(plugin, on: families([0, 59, 91, 100]))
    #expect(a == [0, 0, 1, 1])
}

@Test func fullAtBelowZeroAtScoresACost() throws {
    let plugin = try build(LinearPlugin.self, .map([
        "measure": .map(["value": .str("order_violations")]),
        "zero_at": .num(10),
        "full_at": .num(0),
    ]))
    let a = try scores(plugin, on: table(["order_violations": [0, 5, 10, 25]]))
    #expect(a == [1, 0.5, 0, 0])
}

@Test func scaleAppliesBeforeTheThresholds() throws {
    let plugin = try build(LinearPlugin.self, entry(
        zeroAt: .num(60), fullAt: .num(90),
        measure: .map(["value": .str("cultural_families"), "per": .str("households"), "scale": .num(100)])))
    let a = try scores(plugin, on: families([60, 75, 90]))
    #expect(close(a, [0, 0.5, 1]))
}

@Test func zeroPerSumUsesIfPerZero() throws {
    let plugin = try build(LinearPlugin.self, entry(measure: familyRate(ifPerZero: 0.75)))
    let a = try scores(plugin, on: families([0, 90], households: [0, 100]))
    #expect(close(a, [0.5, 1]))
}

@Test func zeroPerSumWithoutIfPerZeroFailsNamingTheRow() throws {
    let plugin = try build(LinearPlugin.self, entry())
    let error = #expect(throws: EvaluationError.self) {
        try scores(plugin, on: families([60, 70, 0], households: [100, 100, 0]))
    }
    #expect(error?.row == 2)
    #expect(error?.period == "2020-Q2")
    #expect(error?.message == "per (households) is 0")
}

@Test func equalZeroAtAndFullAtIsRejectedAtFullAt() {
    let diagnostic = rejection(LinearPlugin.self, entry(fullAt: .num(0.6)))
    #expect(diagnostic?.message == "rate: 'full_at' must differ from 'zero_at' (both are 0.6)")
    #expect(diagnostic?.location == at(5, 10))
    #expect(diagnostic?.hint != nil)
}

@Test func missingFullAtIsRejectedAtTheEntry() {
    let diagnostic = rejection(LinearPlugin.self, .map(["measure": familyRate(), "zero_at": .num(0.6)]))
    #expect(diagnostic?.message == "rate: missing required key 'full_at'")
    #expect(diagnostic?.location == at(1, 1))
}

@Test func textZeroAtIsRejectedAtTheValue() {
    let diagnostic = rejection(LinearPlugin.self, entry(zeroAt: .str("sixty")))
    #expect(diagnostic?.message == "'zero_at' must be a number, not text 'sixty'")
    #expect(diagnostic?.location == at(4, 10))
}

@Test func missingMeasureIsRejectedAtTheEntry() {
    let diagnostic = rejection(LinearPlugin.self, .map(["zero_at": .num(0.6), "full_at": .num(0.9)]))
    #expect(diagnostic?.message == "rate: missing required key 'measure'")
    #expect(diagnostic?.location == at(1, 1))
}
