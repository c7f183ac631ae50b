import ScoringKit
import Testing
@testable import ThiDuaEngine

/// A variant (`extends`) evaluates exactly like the config written out in
/// full with the same change, for every kind of list merge.
@Suite struct ConfigMergeTests {
    /// Writes the base, `variant` (extending it) and `full` (the base with
    /// the same change written out), and checks that the variant's outputs
    /// are byte for byte the full config's, and differ from the base's.
    func expectSameResults(variant: String, full: String) throws {
        let files = try VariantFixture([
            "base.yaml": VariantFixture.base, "variant.yaml": "extends: base.yaml\n" + variant,
            "full.yaml": full, "data.csv": VariantFixture.data,
        ])
        defer { files.remove() }
        let variantOutputs = try files.outputs("variant.yaml")
        let fullOutputs = try files.outputs("full.yaml"), baseOutputs = try files.outputs("base.yaml")
        #expect(variantOutputs == fullOutputs)
        #expect(variantOutputs != baseOutputs, "the change should matter")
    }

    /// The tree of `variant` merged onto the base, as block YAML.
    func merged(_ variant: String) throws -> ConfigNode {
        let files = try VariantFixture(["base.yaml": VariantFixture.base, "variant.yaml": "extends: base.yaml\n" + variant])
        defer { files.remove() }
        return try files.load("variant.yaml").root
    }

    @Test func variantChangingOneWeightEqualsTheConfigWrittenOut() throws {
        try expectSameResults(
            variant: "contents:\n  - id: c1\n    criteria:\n      - { id: k1, weight: 5 }\n",
            full: VariantFixture.edit(VariantFixture.base, [("weight: 2", "weight: 5")]))
    }

    @Test func knownIDOverridesOnlyTheKeysItGives() throws {
        try expectSameResults(
            variant: """
                contents: [ { id: c2, points: 30 } ]
                awards: [ { id: best, quota: { count: 1 } } ]
                bonuses: [ { id: b1, max: 1 } ]
                """,
            full: VariantFixture.edit(VariantFixture.base, [
                ("points: 40", "points: 30"), ("quota: { count: 2 }", "quota: { count: 1 }"), ("max: 3", "max: 1"),
            ]))
    }

    @Test func newIDIsAppended() throws {
        let k4 = "{ id: k4, plugin: linear, measure: { value: s1 }, zero_at: 0.5, full_at: 1 }"
        let award = "{ id: third, scope: district, quota: { percent: 50 } }"
        try expectSameResults(
            variant: "contents: [ { id: c2, criteria: [ \(k4) ] } ]\nawards: [ \(award) ]\n",
            full: VariantFixture.edit(VariantFixture.base, [
                ("      - { id: k2, plugin: linear, measure: { value: s2 }, zero_at: 0, full_at: 1 }\n",
                 "      - { id: k2, plugin: linear, measure: { value: s2 }, zero_at: 0, full_at: 1 }\n      - \(k4)\n"),
                ("  - { id: ward-best, scope: ward, quota: { count: 1 } }\n",
                 "  - { id: ward-best, scope: ward, quota: { count: 1 } }\n  - \(award)\n"),
            ]))
        let ids = try merged("awards: [ \(award) ]")["awards"]?.value.sequenceItems?.compactMap { $0["id"]?.value.scalarText }
        #expect(ids == ["best", "ward-best", "third"])
    }

    @Test func removeTrueDropsTheInheritedEntry() throws {
        try expectSameResults(
            variant: "contents: [ { id: c1, criteria: [ { id: k3, remove: true } ] } ]\ngates: [ { id: g1, remove: true } ]\n",
            full: VariantFixture.edit(VariantFixture.base, [
                ("      - { id: k3, plugin: linear, measure: { value: s2 }, zero_at: 0, full_at: 1 }\n", ""),
                ("gates:\n  - { id: g1, plugin: gate, measure: { value: s2 }, at_least: 0.35, reason: \"quá thấp\" }\n", ""),
            ]))
    }

    @Test func tiersMergeByNameAndANewTierGoesInByItsMinimum() throws {
        try expectSameResults(
            variant: "tiers: [ { name: B, min: 60 }, { name: B+, min: 75 } ]\n",
            full: VariantFixture.edit(VariantFixture.base, [
                ("  - { name: B, min: 50 }\n", "  - { name: B+, min: 75 }\n  - { name: B, min: 60 }\n"),
            ]))
    }

    @Test func measureMergesKeyByKeyInsideACriterion() throws {
        try expectSameResults(
            variant: "contents: [ { id: c2, criteria: [ { id: k2, measure: { per: s1 } } ] } ]\n",
            full: VariantFixture.edit(VariantFixture.base, [
                ("{ id: k2, plugin: linear, measure: { value: s2 }", "{ id: k2, plugin: linear, measure: { value: s2, per: s1 }"),
            ]))
        let measure = try merged("contents: [ { id: c2, criteria: [ { id: k2, measure: { per: s1 } } ] } ]")
        #expect(measure.yamlText.contains("measure:\n          value: s2\n          per: s1"))
    }

    @Test func plainListIsReplacedWhole() throws {
        try expectSameResults(
            variant: "ranking: { tie_break: [c1] }\nround: { periods: [2020-Q2] }\n",
            full: VariantFixture.edit(VariantFixture.base, [
                ("tie_break: [c2]", "tie_break: [c1]"), ("periods: [2020-Q1, 2020-Q2]", "periods: [2020-Q2]"),
            ]))
        let round = try merged("round: { periods: [2020-Q2] }")["round"]?.value
        #expect(round?["periods"]?.value.sequenceItems?.compactMap(\.scalarText) == ["2020-Q2"])
        #expect(round?["id"]?.value.scalarText == "test", "the rest of 'round' is inherited")
    }

    @Test func quotaIsReplacedWholeSoPercentCanStandInForCount() throws {
        try expectSameResults(
            variant: "awards: [ { id: best, quota: { percent: 25 } } ]\n",
            full: VariantFixture.edit(VariantFixture.base, [("quota: { count: 2 }", "quota: { percent: 25 }")]))
    }

    @Test func yearAwardsMergeByID() throws {
        try expectSameResults(
            variant: "year: { awards: [ { id: year-best, quota: { count: 2 } } ] }\n",
            full: VariantFixture.edit(VariantFixture.base, [
                ("year-best, scope: district, min_tier: B, quota: { count: 1 }", "year-best, scope: district, min_tier: B, quota: { count: 2 }"),
            ]))
    }

    @Test func nullUnsetsAnInheritedKey() throws {
        try expectSameResults(
            variant: "bonuses: [ { id: b1, max: ~ } ]\nyear: null\n",
            full: VariantFixture.edit(VariantFixture.base, [
                ("points_per: 5, max: 3 }", "points_per: 5 }"),
                ("year:\n  awards:\n    - { id: year-best, scope: district, min_tier: B, quota: { count: 1 } }\n", ""),
            ]))
    }

    @Test func chainOfThreeMergesInOrder() throws {
        let files = try VariantFixture([
            "base.yaml": VariantFixture.base, "data.csv": VariantFixture.data,
            "mid.yaml": "extends: base.yaml\ncontents: [ { id: c1, points: 70, criteria: [ { id: k1, weight: 5 } ] } ]\n",
            "top/top.yaml": "extends: ../mid.yaml\ncontents: [ { id: c1, points: 65 }, { id: c2, points: 35 } ]\n",
            "full.yaml": VariantFixture.edit(VariantFixture.base, [
                ("weight: 2", "weight: 5"), ("points: 60", "points: 65"), ("points: 40", "points: 35"),
            ]),
        ])
        defer { files.remove() }
        #expect(try files.load("top/top.yaml").files.map(\.displayPath) == ["top/top.yaml", "mid.yaml", "base.yaml"])
        #expect(try files.outputs("top/top.yaml") == files.outputs("full.yaml"))
        #expect(try files.round("top/top.yaml").config.configFiles.count == 3)
    }
}
