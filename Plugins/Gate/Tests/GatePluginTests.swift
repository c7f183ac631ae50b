import GatePlugin
import PluginTestSupport
import ScoringKit
import Testing

private let plainX = ConfigNode.map(["value": .str("x")])

/// ```
/// measure:                  line 1
///   value: x
/// at_least: 1               value at column 11 (when given)
/// at_most: 3                value at column 10 (when given)
/// reason: "…"               value at column 9 (when given)
/// ```
private func entry(measure: ConfigNode = plainX, atLeast: Double? = nil, atMost: Double? = nil,
                   reason: ConfigNode? = nil) -> ConfigNode {
    var pairs: [(String, ConfigNode)] = [("measure", measure)]
    if let atLeast { pairs.append(("at_least", .num(atLeast))) }
    if let atMost { pairs.append(("at_most", .num(atMost))) }
    if let reason { pairs.append(("reason", reason)) }
    return .map(pairs)
}

@Test func descriptorNamesAGate() {
    let descriptor = GatePlugin.descriptor
    #expect(descriptor.name == "gate")
    #expect(descriptor.version == "1.0.0")
    #expect(descriptor.role == .gate)
    #expect(descriptor.parameters.map(\.name) == ["measure", "at_least", "at_most", "reason"])
}

@Test func readsEveryParameterItAccepts() throws {
    let parameters = parameters(entry(atLeast: 1, atMost: 3, reason: .quoted("có vụ việc nghiêm trọng")))
    let plugin = try GatePlugin(parameters: parameters)
    #expect(parameters.unreadEntries.isEmpty)
    #expect(plugin.atLeast == 1)
    #expect(plugin.atMost == 3)
    #expect(plugin.columns == ["x"])
}

@Test func atMostFailsGroupsAboveIt() throws {
    let plugin = try build(GatePlugin.self, entry(measure: .map(["value": .str("serious_incidents")]), atMost: 0))
    #expect(try scores(plugin, on: table(["serious_incidents": [0, 1, 3]])) == [1, 0, 0])
}

@Test func atLeastFailsGroupsBelowIt() throws {
    let plugin = try build(GatePlugin.self, entry(atLeast: 2))
    #expect(try scores(plugin, on: table(["x": [0, 1.5, 2, 9]])) == [0, 0, 1, 1])
}

@Test func bothLimitsPassOnlyXBetweenThem() throws {
    let plugin = try build(GatePlugin.self, entry(atLeast: 1, atMost: 3))
    #expect(try scores(plugin, on: table(["x": [0, 1, 2, 3, 4]])) == [0, 1, 1, 1, 0])
}

@Test func equalLimitsPassExactlyThatValue() throws {
    let plugin = try build(GatePlugin.self, entry(atLeast: 2, atMost: 2))
    #expect(try scores(plugin, on: table(["x": [1, 2, 3]])) == [0, 1, 0])
}

@Test func limitsAreMetWithinTolerance() throws {
    let plugin = try build(GatePlugin.self, entry(atLeast: 1, atMost: 3))
    let x = [1 - 5e-10, 3 + 5e-10, 1 - 5e-9, 3 + 5e-9]
    #expect(try scores(plugin, on: table(["x": x])) == [1, 1, 0, 0])
}

@Test func aComputedRatioJustAboveALimitPasses() throws {
    // 14 / 100 × 100 is 14.000000000000002 in floating point.
    let plugin = try build(GatePlugin.self, entry(
        measure: .map(["value": .str("a"), "per": .str("b"), "scale": .num(100)]), atMost: 14))
    #expect(try scores(plugin, on: table(["a": [14, 15], "b": [100, 100]])) == [1, 0])
}

@Test func failureReasonIsTheReasonGiven() throws {
    let plugin = try build(GatePlugin.self, entry(atMost: 0, reason: .quoted("có vụ việc nghiêm trọng")))
    #expect(plugin.failureReason == "có vụ việc nghiêm trọng")
}

@Test func withoutAReasonTheCoreWordsTheFailure() throws {
    let plugin = try build(GatePlugin.self, entry(atMost: 0))
    #expect(plugin.failureReason == nil)
}

@Test func zeroPerSumUsesIfPerZero() throws {
    let plugin = try build(GatePlugin.self, entry(
        measure: .map(["value": .str("disputes_mediated"), "per": .str("disputes"), "if_per_zero": .num(1)]),
        atLeast: 0.5))
    let data = table(["disputes_mediated": [0, 1, 2], "disputes": [0, 4, 2]])
    #expect(try scores(plugin, on: data) == [1, 0, 1])
}

@Test func zeroPerSumWithoutIfPerZeroFailsNamingTheRow() throws {
    let plugin = try build(GatePlugin.self, entry(
        measure: .map(["value": .str("disputes_mediated"), "per": .str("disputes")]), atLeast: 0.5))
    let error = #expect(throws: EvaluationError.self) {
        try scores(plugin, on: table(["disputes_mediated": [1, 0], "disputes": [1, 0]]))
    }
    #expect(error?.row == 1)
    #expect(error?.message == "per (disputes) is 0")
}

@Test func aGateWithoutLimitsIsRejectedAtTheEntry() {
    let diagnostic = rejection(GatePlugin.self, entry(reason: .quoted("…")))
    #expect(diagnostic?.message == "rate: a gate needs 'at_least', 'at_most' or both")
    #expect(diagnostic?.location == at(1, 1))
}

@Test func atMostBelowAtLeastIsRejectedAtAtMost() {
    let diagnostic = rejection(GatePlugin.self, entry(atLeast: 3, atMost: 1))
    #expect(diagnostic?.message == "rate: 'at_most' (1.0) is below 'at_least' (3.0), so no group could pass")
    #expect(diagnostic?.location == at(4, 10))
}

@Test func aTextLimitIsRejectedAtItsValue() {
    let diagnostic = rejection(GatePlugin.self, .map(["measure": plainX, "at_least": .str("one")]))
    #expect(diagnostic?.message == "'at_least' must be a number, not text 'one'")
    #expect(diagnostic?.location == at(3, 11))
}

@Test func aBlankReasonIsRejectedAtItsValue() {
    let diagnostic = rejection(GatePlugin.self, entry(atMost: 0, reason: .quoted("  ")))
    #expect(diagnostic?.message == "rate: 'reason' must not be blank")
    #expect(diagnostic?.location == at(4, 9))
}

@Test func aListReasonIsRejected() {
    let diagnostic = rejection(GatePlugin.self, entry(atMost: 0, reason: .list([.str("a")])))
    #expect(diagnostic?.message == "'reason' must be text, not a list")
    #expect(diagnostic?.location == at(5, 3))
}
