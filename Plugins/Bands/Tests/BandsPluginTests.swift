import BandsPlugin
import PluginTestSupport
import ScoringKit
import Testing

private func atLeast(_ limit: Double, _ score: Double) -> ConfigNode {
    .map(["at_least": .num(limit), "score": .num(score)])
}

private func atMost(_ limit: Double, _ score: Double) -> ConfigNode {
    .map(["at_most": .num(limit), "score": .num(score)])
}

private let familyRate = ConfigNode.map(["value": .str("cultural_families"), "per": .str("households")])
private let plainX = ConfigNode.map(["value": .str("x")])

/// With `familyRate` and bands of two keys each:
/// ```
/// measure:                    line 1
///   value: cultural_families
///   per: households
/// bands:                      line 4
///   - at_least: 0.9           line 5: band at column 5, its limit at column 15 (14 for at_most)
///     score: 1                line 6: score at column 12
///   - at_least: 0.7           line 7
///     score: 0.5              line 8
/// otherwise: 0.2              after the bands, value at column 12
/// ```
private func entry(_ bands: ConfigNode, measure: ConfigNode = familyRate, otherwise: ConfigNode? = nil) -> ConfigNode {
    .map([("measure", measure), ("bands", bands)] + (otherwise.map { [("otherwise", $0)] } ?? []))
}

private let threeBands = ConfigNode.list([atLeast(0.9, 1), atLeast(0.7, 0.5), atLeast(0.5, 0.25)])

private func rates(_ cultural: [Double], households: [Double]? = nil) -> PeriodTable {
    table(["cultural_families": cultural,
           "households": households ?? [Double](repeating: 100, count: cultural.count)])
}

@Test func testEntriesLayOutAsTheBlockYAMLTheLocationsReferTo() {
    let node = entry(.list([atLeast(0.9, 1), atLeast(0.7, 0.5)]), otherwise: .quoted("0.2"))
    #expect(node.yamlText == """
        measure:
          value: cultural_families
          per: households
        bands:
          - at_least: 0.9
            score: 1.0
          - at_least: 0.7
            score: 0.5
        otherwise: "0.2"
        """)
    let laidOut = node.laidOut()
    #expect(laidOut["bands"]?.value.location == at(5, 3))
    #expect(laidOut["bands"]?.value.sequenceItems?[1]["score"]?.keyLocation == at(8, 5))
    #expect(laidOut["otherwise"]?.value.location == at(9, 12))
}

@Test func descriptorNamesABandsCriterion() {
    let descriptor = BandsPlugin.descriptor
    #expect(descriptor.name == "bands")
    #expect(descriptor.version == "1.0.0")
    #expect(descriptor.role == .criterion)
    #expect(descriptor.parameters.map(\.name) == ["measure", "bands", "otherwise"])
    #expect(descriptor.parameters.map(\.defaultValue) == [nil, nil, "0"])
}

@Test func readsEveryParameterItAccepts() throws {
    let parameters = parameters(entry(threeBands, otherwise: .num(0.1)))
    let plugin = try BandsPlugin(parameters: parameters)
    #expect(parameters.unreadEntries.isEmpty)
    #expect(plugin.comparison == .atLeast)
    #expect(plugin.bands.map(\.limit) == [0.9, 0.7, 0.5])
    #expect(plugin.otherwise == 0.1)
    #expect(plugin.columns == ["cultural_families", "households"])
}

@Test func atLeastBandsScoreTheHighestBandReached() throws {
    let plugin = try build(BandsPlugin.self, entry(threeBands))
    let a = try scores(plugin, on: rates([95, 90, 80, 70, 60, 40]))
    #expect(a == [1, 1, 0.5, 0.5, 0.25, 0])
}

@Test func atMostBandsScoreACost() throws {
    let plugin = try build(BandsPlugin.self, entry(.list([atMost(0, 1), atMost(2, 0.5)]), measure: plainX))
    let a = try scores(plugin, on: table(["x": [0, 1, 2, 3]]))
    #expect(a == [1, 0.5, 0.5, 0])
}

@Test func xInNoBandScoresOtherwise() throws {
    let plugin = try build(BandsPlugin.self, entry(threeBands, otherwise: .num(0.1)))
    let a = try scores(plugin, on: rates([49, 0, 50]))
    #expect(a == [0.1, 0.1, 0.25])
}

@Test func bandsAreTriedInTheOrderGiven() throws {
    // A single band with a low limit catches everything above it too.
    let plugin = try build(BandsPlugin.self, entry(.list([atLeast(0.5, 0.25)])))
    let a = try scores(plugin, on: rates([100, 50, 49]))
    #expect(a == [0.25, 0.25, 0])
}

@Test func limitsAreMetWithinTolerance() throws {
    let atLeastPlugin = try build(BandsPlugin.self, entry(.list([atLeast(0.7, 1)]), measure: plainX))
    let below = try scores(atLeastPlugin, on: table(["x": [0.7 - 5e-10, 0.7 - 5e-9]]))
    #expect(below == [1, 0])

    let atMostPlugin = try build(BandsPlugin.self, entry(.list([atMost(2, 1)]), measure: plainX))
    let above = try scores(atMostPlugin, on: table(["x": [2 + 5e-10, 2 + 5e-9]]))
    #expect(above == [1, 0])
}

@Test func computedRatioJustOffALimitMeetsIt() throws {
    // 29 / 100 × 100 is 28.999999999999996 and 14 / 100 × 100 is 14.000000000000002.
    let atLeastPlugin = try build(BandsPlugin.self, entry(.list([atLeast(29, 1)]), measure: .map([
        "value": .str("a"), "per": .str("b"), "scale": .num(100),
    ])))
    #expect(try scores(atLeastPlugin, on: table(["a": [29], "b": [100]])) == [1])

    let atMostPlugin = try build(BandsPlugin.self, entry(.list([atMost(14, 1)]), measure: .map([
        "value": .str("a"), "per": .str("b"), "scale": .num(100),
    ])))
    #expect(try scores(atMostPlugin, on: table(["a": [14], "b": [100]])) == [1])
}

@Test func zeroPerSumUsesIfPerZero() throws {
    let plugin = try build(BandsPlugin.self, entry(threeBands, measure: .map([
        "value": .str("cultural_families"), "per": .str("households"), "if_per_zero": .num(0.75),
    ])))
    #expect(try scores(plugin, on: rates([0, 95], households: [0, 100])) == [0.5, 1])
}

@Test func zeroPerSumWithoutIfPerZeroFailsNamingTheRow() throws {
    let plugin = try build(BandsPlugin.self, entry(threeBands))
    let error = #expect(throws: EvaluationError.self) {
        try scores(plugin, on: rates([90, 0], households: [100, 0]))
    }
    #expect(error?.row == 1)
    #expect(error?.message == "per (households) is 0")
}

@Test func mixingAtLeastAndAtMostIsRejectedAtTheSecondKind() {
    let diagnostic = rejection(BandsPlugin.self, entry(.list([atLeast(0.9, 1), atMost(0.1, 0.5)])))
    #expect(diagnostic?.message
        == "rate: band 2 uses 'at_most' but band 1 uses 'at_least'; all bands must use the same one")
    #expect(diagnostic?.location == at(7, 5))
}

@Test func atLeastLimitsOutOfOrderAreRejectedAtTheLimit() {
    let diagnostic = rejection(BandsPlugin.self, entry(.list([atLeast(0.7, 0.5), atLeast(0.9, 1)])))
    #expect(diagnostic?.message == "rate: 'at_least' limits must be strictly descending, but band 2 (0.9) follows 0.7")
    #expect(diagnostic?.location == at(7, 15))
}

@Test func equalLimitsAreRejected() {
    let diagnostic = rejection(BandsPlugin.self, entry(.list([atLeast(0.7, 1), atLeast(0.7, 0.5)])))
    #expect(diagnostic?.message == "rate: 'at_least' limits must be strictly descending, but band 2 (0.7) follows 0.7")
}

@Test func atMostLimitsOutOfOrderAreRejectedAtTheLimit() {
    let diagnostic = rejection(BandsPlugin.self, entry(.list([atMost(2, 0.5), atMost(0, 1)]), measure: plainX))
    #expect(diagnostic?.message == "rate: 'at_most' limits must be strictly ascending, but band 2 (0.0) follows 2.0")
    // measure: / value: x / bands: put the second band on line 6.
    #expect(diagnostic?.location == at(6, 14))
}

@Test func emptyBandsAreRejected() {
    let diagnostic = rejection(BandsPlugin.self, entry(.list([])))
    #expect(diagnostic?.message == "rate: 'bands' must hold at least one band")
    #expect(diagnostic?.location == at(4, 8))
}

@Test func bandsThatAreNotAListAreRejected() {
    let diagnostic = rejection(BandsPlugin.self, entry(.num(0.9)))
    #expect(diagnostic?.message == "rate: 'bands' must be a list, not a number")
    #expect(diagnostic?.location == at(4, 8))
}

@Test func missingBandsAreRejectedAtTheEntry() {
    let diagnostic = rejection(BandsPlugin.self, .map(["measure": familyRate]))
    #expect(diagnostic?.message == "rate: missing required key 'bands'")
    #expect(diagnostic?.location == at(1, 1))
}

@Test func aBandThatIsNotAMappingIsRejected() {
    let diagnostic = rejection(BandsPlugin.self, entry(.list([atLeast(0.9, 1), .num(0.7)])))
    #expect(diagnostic?.message == "rate: band 2 must be a mapping, not a number")
    #expect(diagnostic?.location == at(7, 5))
}

@Test func unknownKeyInABandSuggestsTheClosestKey() {
    let diagnostic = rejection(BandsPlugin.self, entry(.list([.map(["at_least": .num(0.9), "scores": .num(1)])])))
    #expect(diagnostic?.message == "rate: unknown key 'scores' in band 1")
    #expect(diagnostic?.hint == "did you mean 'score'?")
    #expect(diagnostic?.location == at(6, 5))
}

@Test func anUnknownKeyInABandWithNothingCloseListsTheBandKeys() {
    let diagnostic = rejection(BandsPlugin.self, entry(.list([.map(["above": .num(0.9), "score": .num(1)])])))
    #expect(diagnostic?.message == "rate: unknown key 'above' in band 1")
    #expect(diagnostic?.hint == "a band has 'at_least' or 'at_most', and 'score'")
}

@Test func aBandWithBothLimitsIsRejectedAtTheSecond() {
    let band = ConfigNode.map(["at_least": .num(0.5), "at_most": .num(0.9), "score": .num(1)])
    let diagnostic = rejection(BandsPlugin.self, entry(.list([band])))
    #expect(diagnostic?.message == "rate: band 1 has both 'at_least' and 'at_most'")
    #expect(diagnostic?.location == at(6, 5))
}

@Test func aBandWithoutALimitIsRejectedAtTheBand() {
    let diagnostic = rejection(BandsPlugin.self, entry(.list([atLeast(0.9, 1), .map(["score": .num(0.5)])])))
    #expect(diagnostic?.message == "rate: band 2 needs 'at_least' or 'at_most'")
    #expect(diagnostic?.location == at(7, 5))
}

@Test func aBandWithoutAScoreIsRejectedAtTheBand() {
    let diagnostic = rejection(BandsPlugin.self, entry(.list([.map(["at_least": .num(0.9)])])))
    #expect(diagnostic?.message == "rate: band 1 needs 'score'")
    #expect(diagnostic?.location == at(5, 5))
}

@Test func aScoreAboveOneIsRejectedAtTheScore() {
    let diagnostic = rejection(BandsPlugin.self, entry(.list([atLeast(0.9, 1.5)])))
    #expect(diagnostic?.message == "rate: band 1 'score' must be between 0 and 1, not 1.5")
    #expect(diagnostic?.location == at(6, 12))
}

@Test func aTextLimitIsRejectedAtTheLimit() {
    let diagnostic = rejection(BandsPlugin.self, entry(.list([.map(["at_least": .str("high"), "score": .num(1)])])))
    #expect(diagnostic?.message == "'at_least' must be a number, not text 'high'")
    #expect(diagnostic?.location == at(5, 15))
}

@Test func otherwiseOutsideZeroToOneIsRejectedAtItsValue() {
    let diagnostic = rejection(BandsPlugin.self, entry(.list([atLeast(0.9, 1)]), otherwise: .num(-0.5)))
    #expect(diagnostic?.message == "rate: 'otherwise' must be between 0 and 1, not -0.5")
    #expect(diagnostic?.location == at(7, 12))
}
