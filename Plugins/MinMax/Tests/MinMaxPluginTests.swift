import MinMaxPlugin
import PluginTestSupport
import ScoringKit
import Testing

private let plainX = ConfigNode.map(["value": .str("x")])

/// ```
/// measure:              line 1
///   value: x
/// direction: cost       line 3, value at column 12 (when given)
/// within: ward          next line, value at column 9 (when given)
/// ```
private func entry(direction: String? = nil, within: String? = nil, measure: ConfigNode = plainX) -> ConfigNode {
    var pairs: [(String, ConfigNode)] = [("measure", measure)]
    if let direction { pairs.append(("direction", .str(direction))) }
    if let within { pairs.append(("within", .str(within))) }
    return .map(pairs)
}

@Test func descriptorNamesAMinMaxCriterion() {
    let descriptor = MinMaxPlugin.descriptor
    #expect(descriptor.name == "minmax")
    #expect(descriptor.version == "1.0.0")
    #expect(descriptor.role == .criterion)
    #expect(descriptor.parameters.map(\.name) == ["measure", "direction", "within"])
    #expect(descriptor.parameters.map(\.defaultValue) == [nil, "benefit", "district"])
}

@Test func readsEveryParameterItAccepts() throws {
    let parameters = parameters(entry(direction: "cost", within: "ward"))
    let plugin = try MinMaxPlugin(parameters: parameters)
    #expect(parameters.unreadEntries.isEmpty)
    #expect(plugin.direction == .cost)
    #expect(plugin.scope == .ward)
    #expect(plugin.columns == ["x"])
}

@Test func defaultsToABenefitOverTheDistrict() throws {
    let plugin = try build(MinMaxPlugin.self, entry())
    #expect(plugin.direction == .benefit)
    #expect(plugin.scope == .district)
}

@Test func benefitPlacesXBetweenTheDistrictsMinAndMax() throws {
    let plugin = try build(MinMaxPlugin.self, entry())
    let a = try scores(plugin, on: table(["x": [2, 4, 6, 10]]))
    #expect(a == [0, 0.25, 0.5, 1])
}

@Test func costGivesTheLowestXFullMarks() throws {
    let plugin = try build(MinMaxPlugin.self, entry(direction: "cost"))
    let a = try scores(plugin, on: table(["x": [2, 4, 6, 10]]))
    #expect(a == [1, 0.75, 0.5, 0])
}

@Test func wardScopeComparesGroupsWithinTheirWard() throws {
    let data = table(["x": [1, 3, 10, 20, 30]], wards: [0, 0, 1, 1, 1])
    let byWard = try scores(try build(MinMaxPlugin.self, entry(within: "ward")), on: data)
    #expect(byWard == [0, 1, 0, 0.5, 1])
    let byDistrict = try scores(try build(MinMaxPlugin.self, entry(within: "district")), on: data)
    #expect(close(byDistrict, [0, 2.0 / 29, 9.0 / 29, 19.0 / 29, 1]))
}

@Test func wardScopeWorksWithRowsInterleavedAcrossWards() throws {
    let data = table(["x": [30, 1, 20, 3, 10]], wards: [1, 0, 1, 0, 1])
    let a = try scores(try build(MinMaxPlugin.self, entry(direction: "cost", within: "ward")), on: data)
    #expect(a == [0, 1, 0.5, 0, 1])
}

@Test func equalMinAndMaxGiveEveryoneFullMarks() throws {
    let benefit = try scores(try build(MinMaxPlugin.self, entry()), on: table(["x": [5, 5, 5]]))
    #expect(benefit == [1, 1, 1])
    let cost = try scores(try build(MinMaxPlugin.self, entry(direction: "cost")), on: table(["x": [5, 5, 5]]))
    #expect(cost == [1, 1, 1])
}

@Test func minAndMaxWithinToleranceCountAsEqual() throws {
    let a = try scores(try build(MinMaxPlugin.self, entry()), on: table(["x": [5, 5 + 5e-10]]))
    #expect(a == [1, 1])
}

@Test func aWardWithOneGroupGivesItFullMarks() throws {
    let data = table(["x": [4, 8, 7]], wards: [0, 0, 1])
    let a = try scores(try build(MinMaxPlugin.self, entry(within: "ward")), on: data)
    #expect(a == [0, 1, 1])
}

@Test func aWardWithNoGroupsInThePeriodIsHarmless() throws {
    let data = table(["x": [4, 8]], wards: [2, 2], wardNames: ["Hạ Đình", "Khương Đình", "Thanh Xuân Bắc"])
    let a = try scores(try build(MinMaxPlugin.self, entry(within: "ward")), on: data)
    #expect(a == [0, 1])
}

@Test func anEmptyPeriodPreparesAndScoresNothing() throws {
    let a = try scores(try build(MinMaxPlugin.self, entry()), on: table(["x": []]))
    #expect(a.isEmpty)
}

@Test func zeroPerSumUsesIfPerZeroAndCountsTowardMinAndMax() throws {
    let plugin = try build(MinMaxPlugin.self, entry(measure: .map([
        "value": .str("a"), "per": .str("b"), "if_per_zero": .num(0),
    ])))
    let a = try scores(plugin, on: table(["a": [1, 2, 5], "b": [2, 0, 10]]))
    #expect(a == [1, 0, 1])
}

@Test func zeroPerSumWithoutIfPerZeroFailsThePeriodNamingTheRow() throws {
    let plugin = try build(MinMaxPlugin.self, entry(measure: .map(["value": .str("a"), "per": .str("b")])))
    let error = #expect(throws: EvaluationError.self) {
        _ = try plugin.prepare(table(["a": [1, 2, 5], "b": [2, 4, 0]]))
    }
    #expect(error?.row == 2)
    #expect(error?.period == "2020-Q2")
    #expect(error?.message == "per (b) is 0")
}

@Test func anUnknownDirectionIsRejectedWithASuggestion() {
    let diagnostic = rejection(MinMaxPlugin.self, entry(direction: "costs"))
    #expect(diagnostic?.message == "rate: 'direction' must be 'benefit' or 'cost', not 'costs'")
    #expect(diagnostic?.hint == "did you mean 'cost'?")
    #expect(diagnostic?.location == at(3, 12))
}

@Test func anUnknownScopeIsRejectedAtItsValue() {
    let diagnostic = rejection(MinMaxPlugin.self, entry(direction: "benefit", within: "city"))
    #expect(diagnostic?.message == "rate: 'within' must be 'district' or 'ward', not 'city'")
    #expect(diagnostic?.hint == nil)
    #expect(diagnostic?.location == at(4, 9))
}

@Test func aListAsDirectionIsRejected() {
    let diagnostic = rejection(MinMaxPlugin.self, .map(["measure": plainX, "direction": .list([.str("cost")])]))
    #expect(diagnostic?.message == "'direction' must be text, not a list")
    #expect(diagnostic?.location == at(4, 3))
}

@Test func missingMeasureIsRejectedAtTheEntry() {
    let diagnostic = rejection(MinMaxPlugin.self, .map(["direction": .str("cost")]))
    #expect(diagnostic?.message == "rate: missing required key 'measure'")
    #expect(diagnostic?.location == at(1, 1))
}
