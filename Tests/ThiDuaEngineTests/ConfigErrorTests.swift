import Testing
@testable import ThiDuaEngine

/// Every config error names the file, line and column, with a hint where one helps.
@Suite struct ConfigErrorTests {
    /// The fixture config with `old` replaced by `new` (which must occur).
    func errors(replacing old: String, with new: String, in yaml: String = Fixture.config()) -> [String] {
        precondition(yaml.contains(old), "fixture lacks \(old)")
        return Fixture.configErrors(yaml.replacingOccurrences(of: old, with: new))
    }

    @Test func validFixtureHasNoErrors() {
        #expect(Fixture.configErrors(Fixture.config()) == [])
    }

    @Test func unknownTopLevelKeySuggestsTheCloseOne() {
        let found = errors(replacing: "contents:", with: "contnets:")
        #expect(found.contains { $0.hasPrefix("round.yaml:2:1: error: unknown key 'contnets' in the config\n  hint: did you mean 'contents'?") })
    }

    @Test func unknownPluginParameterSuggestsTheCloseOne() {
        let found = errors(replacing: "zero_at: 0, full_at: 1 }\n  - id: c2", with: "zero_at: 0, ful_at: 1 }\n  - id: c2")
        #expect(found.contains { $0.hasPrefix("round.yaml:6:") && $0.contains("k1: unknown key 'ful_at' for plugin 'linear'") && $0.contains("did you mean 'full_at'?") })
    }

    @Test func unknownPluginListsKnownPlugins() {
        let found = errors(replacing: "{ id: k1, plugin: linear", with: "{ id: k1, plugin: lienar")
        #expect(found.count == 1)
        #expect(found[0].hasPrefix("round.yaml:6:27: error: unknown plugin 'lienar'"))
        #expect(found[0].contains("did you mean 'linear'?") && found[0].contains("known plugins: linear, bands"))
    }

    @Test func pluginInTheWrongSectionIsAnError() {
        let found = errors(replacing: "{ id: k1, plugin: linear, measure: { value: s1 }, zero_at: 0, full_at: 1 }",
                           with: "{ id: k1, plugin: bonus, measure: { value: s1 }, points_per: 1 }")
        #expect(found == ["round.yaml:6:27: error: plugin 'bonus' is a bonus plugin and belongs under 'bonuses', not 'criteria'\n  hint: plugins for 'criteria': linear, bands, minmax, improvement"])
    }

    @Test func tiersMustDescendStrictlyAndEndAtZero() {
        let tiers = "tiers:\n  - { name: A, min: 90 }\n  - { name: B, min: 90 }\n  - { name: C, min: 5 }"
        let found = Fixture.configErrors(Fixture.config(tiers: tiers))
        #expect(found.count == 2)
        #expect(found[0].contains("error: tier 'B': 'min' 90 must be below the tier above it (90)"))
        #expect(found[1].contains("error: the last tier 'C' must have 'min: 0', not 5"))
    }

    @Test func tieBreakAndMinTierMustNameDefinedThings() {
        let awards = "awards: [ { id: x, scope: district, min_tier: Z, quota: { count: 1 } } ]"
        let found = Fixture.configErrors(Fixture.config(tieBreak: "ranking: { tie_break: [c3] }", awards: awards))
        #expect(found.contains { $0.contains("error: 'tie_break' names 'c3', which is not a content") && $0.contains("did you mean 'c1' or 'c2'?") })
        #expect(found.contains { $0.contains("error: 'min_tier' names 'Z', which is not a tier") })
    }

    @Test func duplicateIDsPointAtTheSecondAndNameTheFirst() {
        let found = errors(replacing: "{ id: k2,", with: "{ id: k1,")
        #expect(found == ["round.yaml:10:15: error: duplicate entry id 'k1'\n  hint: 'k1' is already used at round.yaml:6:15"])
    }

    @Test func weightMustBePositive() {
        let found = errors(replacing: "{ id: k1, plugin: linear,", with: "{ id: k1, plugin: linear, weight: 0,")
        #expect(found.count == 1 && found[0].contains("6:43: error: k1: 'weight' must be greater than 0, not 0"))
    }

    @Test func zeroAtEqualToFullAtIsAnError() {
        let found = errors(replacing: "zero_at: 0, full_at: 1 }\n  - id: c2", with: "zero_at: 1, full_at: 1 }\n  - id: c2")
        #expect(found.count == 1 && found[0].hasPrefix("round.yaml:6:") && found[0].contains("full_at"))
    }

    @Test func quotasMustBeWholeNonNegativeAndPercentAtMost100() {
        let awards = """
            awards:
              - { id: a, scope: district, quota: { count: -1 } }
              - { id: b, scope: district, quota: { count: 2.5 } }
              - { id: c, scope: district, quota: { count: many } }
              - { id: d, scope: ward, quota: { percent: 120 } }
              - { id: e, scope: ward, quota: { count: 1, percent: 5 } }
              - { id: f, scope: town, quota: { count: 1 } }
            """
        let found = Fixture.configErrors(Fixture.config(awards: awards))
        #expect(found.count == 6)
        #expect(found[0].contains("'count' must be a whole number ≥ 0, not -1"))
        #expect(found[1].contains("'count' must be a whole number ≥ 0, not 2.5"))
        #expect(found[2].contains("'count' must be a number, not text 'many'"))
        #expect(found[3].contains("'percent' must be between 0 and 100, not 120"))
        #expect(found[4].contains("a quota takes 'count' or 'percent', not both"))
        #expect(found[5].contains("'scope' must be one of district, ward, not 'town'"))
    }

    @Test func pointsNotSummingTo100IsOnlyAWarning() throws {
        let root = try YAMLDocument.parse(Fixture.config(points: (50, 40)), displayPath: "round.yaml")
        let config = try RoundConfigParser(registry: Fixture.registry).parse(root: root, displayPath: "round.yaml", baseDirectory: "")
        #expect(config.warnings.map(\.description) == ["round.yaml:3:3: warning: the points of all contents sum to 90, not 100\n  hint: the scoring table is meant to be out of 100 points"])
    }

    @Test func yamlSyntaxErrorHasALocation() {
        let found = Fixture.configErrors("round: { id: x\ncontents: [")
        #expect(found.count == 1 && found[0].hasPrefix("round.yaml:2:") && found[0].contains("YAML syntax"))
    }

    /// A key written twice in a mapping is an error at the mapping, naming
    /// the key; keys are text, so a quoted and a plain `1` are the same key.
    @Test(arguments: ["weight: 1\nweight: 2\n", "1: a\n\"1\": b\n", "k: { x: 1, 'x': 2 }\n"])
    func aKeyWrittenTwiceInAMappingIsAnError(yaml: String) {
        #expect {
            try YAMLDocument.parse(yaml, displayPath: "round.yaml")
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("round.yaml:") && text.contains("error: duplicate key '") && text.contains("in a mapping")
                && text.contains("hint: each key may appear once in a mapping")
        }
    }

    @Test func aliasBombIsRejectedBeforeExpansion() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let found = Fixture.configErrors(yaml)
        #expect(found.count == 1 && found[0].contains("expands to more than 100000 values"))
    }

    @Test func yearBlockIsCheckedLikeTheRest() {
        let year = "year: { min_tier_every_period: Z, award: [] }"
        let found = Fixture.configErrors(Fixture.config(extra: year))
        #expect(found.count == 2)
        #expect(found.contains { $0.contains("unknown key 'award' in year") && $0.contains("did you mean 'awards'?") })
        #expect(found.contains { $0.contains("'min_tier_every_period' names 'Z', which is not a tier") })
        let awards = "year: { awards: [ { id: y, scope: district, quota: { percent: 101 } } ] }"
        #expect(Fixture.configErrors(Fixture.config(extra: awards)).first?.contains("'percent' must be between 0 and 100") == true)
    }

    @Test func wrongShapeIsReportedWithTheShapeFound() {
        let found = errors(replacing: "points: 60.0", with: "points: [60]")
        #expect(found == ["round.yaml:4:13: error: 'points' must be a number, not a list"])
    }
}
