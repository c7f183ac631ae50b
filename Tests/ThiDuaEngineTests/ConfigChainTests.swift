import Testing
@testable import ThiDuaEngine

/// Following `extends`: errors located in the file that wrote the value,
/// cycles, data paths relative to their own file, the node budget across
/// the chain, and the effective config printed and read back.
@Suite struct ConfigChainTests {
    /// The errors of `variant.yaml` (`extends: base.yaml` then `variant`)
    /// over `base`.
    func errors(variant: String, base: String = VariantFixture.base) throws -> [String] {
        let files = try VariantFixture(["base.yaml": base, "variant.yaml": "extends: base.yaml\n" + variant])
        defer { files.remove() }
        return files.errors("variant.yaml")
    }

    // MARK: errors

    @Test func cycleIsAnErrorNamingTheChain() throws {
        let files = try VariantFixture(["a.yaml": "extends: b.yaml\n", "b.yaml": "extends: ./a.yaml\n"])
        defer { files.remove() }
        #expect(files.errors("a.yaml") == [
            "b.yaml:1:10: error: 'extends' makes a cycle: a.yaml → b.yaml → a.yaml\n"
                + "  hint: a config cannot extend itself, directly or through other configs",
        ])
    }

    @Test func missingBaseIsAnErrorAtTheExtendsValue() throws {
        let files = try VariantFixture(["variant.yaml": "# a variant\nextends: bsae.yaml\n",
                                        "list.yaml": "extends: [a.yaml, b.yaml]\n"])
        defer { files.remove() }
        #expect(files.errors("variant.yaml") == [
            "variant.yaml:2:10: error: 'extends' names 'bsae.yaml': no such file\n"
                + "  hint: the path is relative to the folder of the config that names it",
        ])
        #expect(files.errors("list.yaml").first?.hasPrefix(
            "list.yaml:1:10: error: 'extends' must name one config file, not a list") == true)
    }

    @Test func removingAnIDThatIsNotInheritedIsAnError() throws {
        #expect(try errors(variant: "gates: [ { id: g2, remove: true } ]\n") == [
            "variant.yaml:2:16: error: cannot remove gate 'g2': no inherited gate has this id\n  hint: did you mean 'g1'?",
        ])
        let both = try errors(variant: "gates: [ { id: g2, remove: true } ]\nbonuses: [ { id: b1, mx: 1 } ]\n")
        #expect(both.count == 2 && both[1].hasPrefix("variant.yaml:3:22: error: b1: unknown key 'mx'"),
                "merge and config errors are reported together: \(both)")
        let nothingInherited = try errors(variant: "", base: VariantFixture.base + "deductions: [ { id: d, remove: true } ]\n")
        #expect(nothingInherited.count == 1 && nothingInherited[0].hasPrefix("base.yaml:27:21: error: cannot remove deduction 'd'"))
    }

    @Test func removeTakesABooleanAndNoOtherKeys() throws {
        let found = try errors(variant: "gates: [ { id: g1, remove: true, at_most: 3 } ]\nbonuses: [ { id: b1, remove: yes } ]\n")
        #expect(found == [
            "variant.yaml:2:34: error: gate 'g1': 'remove: true' drops the whole entry, so 'at_most' has no effect\n"
                + "  hint: leave out the other keys, or drop 'remove: true' to change the entry",
            "variant.yaml:3:30: error: 'remove' must be true or false, not text 'yes'\n"
                + "  hint: remove: true drops the inherited entry with this id",
        ])
    }

    @Test func anIDListedTwiceInAVariantIsAnError() throws {
        let found = try errors(variant: "bonuses: [ { id: b1, max: 1 }, { id: b1, max: 2 } ]\n")
        #expect(found.count == 1 && found[0].hasPrefix("variant.yaml:2:38: error: bonus 'b1' is listed twice in this variant"), "\(found)")
        // A new id twice, in a variant or in a config that extends nothing, is the parser's duplicate.
        let added = try errors(variant: "bonuses: [ { id: b2, plugin: bonus, measure: { value: s1 }, points_per: 1 }, { id: b2 } ]\n")
        #expect(added.first?.hasPrefix("variant.yaml:2:84: error: duplicate entry id 'b2'") == true, "\(added)")
        let files = try VariantFixture(["plain.yaml": VariantFixture.edit(VariantFixture.base, [("id: k3", "id: k1")])])
        defer { files.remove() }
        #expect(files.errors("plain.yaml").first?.hasPrefix("plain.yaml:7:15: error: duplicate entry id 'k1'") == true)
    }

    @Test func errorInTheBaseIsReportedAtTheBasesLine() throws {
        let base = VariantFixture.edit(VariantFixture.base, [("{ value: s2 }, zero_at: 0, full_at: 1 }\n  - id: c2",
                                                              "{ value: s2 }, zero_at: 0, ful_at: 1 }\n  - id: c2")])
        let found = try errors(variant: "contents: [ { id: c1, criteria: [ { id: k1, weight: 3 } ] } ]\n", base: base)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.hasPrefix("base.yaml:7:") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("base.yaml:7:71: error: k3: unknown key 'ful_at' for plugin 'linear'") }, "\(found)")
        let syntax = try errors(variant: "", base: "round: { id: x\ncontents: []\n")
        #expect(syntax.count == 1 && syntax[0].hasPrefix("base.yaml:2:") && syntax[0].contains("YAML syntax"))
    }

    @Test func errorInTheVariantIsReportedAtTheVariantsLine() throws {
        let misspelt = try errors(variant: "contents: [ { id: c1, criteria: [ { id: k1, wieght: 3 } ] } ]\n")
        #expect(misspelt.count == 1 && misspelt[0].hasPrefix("variant.yaml:2:45: error: k1: unknown key 'wieght'"), "\(misspelt)")
        let tier = try errors(variant: "tiers: [ { name: B, min: 95 } ]\n")
        #expect(tier == [
            "variant.yaml:2:26: error: tier 'B': 'min' 95 must be below the tier above it (90)\n"
                + "  hint: list tiers best first, with strictly descending minimums",
        ])
    }

    // MARK: data paths

    @Test func dataPathsAreRelativeToTheFileThatWroteThem() throws {
        let files = try VariantFixture([
            "rounds/base.yaml": VariantFixture.base, "rounds/data.csv": VariantFixture.data,
            "rounds/glob.yaml": VariantFixture.edit(VariantFixture.base, [("data: data.csv", "data: \"q/2020-Q*.csv\"")]),
            "rounds/q/2020-Q2.csv": Fixture.csv(MultiFileDataTests.q2Rows),
            "rounds/q/2020-Q1.csv": Fixture.csv(MultiFileDataTests.q1Rows),
            "variants/inherits.yaml": "extends: ../rounds/base.yaml\n",
            "variants/own.yaml": "extends: ../rounds/base.yaml\nround: { data: mine.csv }\n",
            "variants/mine.csv": VariantFixture.data,
            "variants/glob.yaml": "extends: ../rounds/glob.yaml\n",
        ])
        defer { files.remove() }
        #expect(try files.round("variants/inherits.yaml").data.files == [files.path("rounds/data.csv")])
        #expect(try files.round("variants/own.yaml").data.files == [files.path("variants/mine.csv")])
        #expect(try files.round("variants/glob.yaml").data.files
            == [files.path("rounds/q/2020-Q1.csv"), files.path("rounds/q/2020-Q2.csv")])
        let effective = try files.load("variants/glob.yaml").effectiveYAML()
        #expect(effective.contains(" data: \"../rounds/q/2020-Q*.csv\", "))
    }

    // MARK: node budget

    @Test func nodeBudgetHoldsForEachFileAndBoundsTheMergedTree() throws {
        func aliases(_ prefix: String, last: Int) -> String {
            """
            \(prefix)1: &\(prefix)1 [x, x, x, x, x, x, x, x, x, x]
            \(prefix)2: &\(prefix)2 [\(Array(repeating: "*\(prefix)1", count: 10).joined(separator: ", "))]
            \(prefix)3: &\(prefix)3 [\(Array(repeating: "*\(prefix)2", count: 10).joined(separator: ", "))]
            \(prefix)4: &\(prefix)4 [\(Array(repeating: "*\(prefix)3", count: 10).joined(separator: ", "))]
            \(prefix)5: [\(Array(repeating: "*\(prefix)4", count: last).joined(separator: ", "))]

            """
        }
        let files = try VariantFixture([
            "base.yaml": aliases("b", last: 7), "variant.yaml": "extends: base.yaml\n" + aliases("v", last: 7),
            "bomb.yaml": aliases("b", last: 10), "on-bomb.yaml": "extends: bomb.yaml\n",
        ])
        defer { files.remove() }
        let base = try YAMLDocument.load(path: files.path("base.yaml"), displayPath: "base.yaml")
        let merged = try files.load("variant.yaml").root
        #expect(base.nodeCount < YAMLDocument.nodeBudget)
        #expect(merged.nodeCount > YAMLDocument.nodeBudget && merged.nodeCount <= 2 * base.nodeCount)
        #expect(files.errors("on-bomb.yaml").first?.hasPrefix("bomb.yaml:") == true)
        #expect(files.errors("on-bomb.yaml").first?.contains("expands to more than 100000 values") == true)
    }

    // MARK: effective config

    @Test func effectiveConfigReadBackEvaluatesIdentically() throws {
        let variant = """
            extends: ../base.yaml
            round: { title: "Vòng thử — phương án: #2" }
            contents:
              - { id: c1, points: 55, criteria: [ { id: k3, remove: true }, { id: k1, measure: { per: s2 } } ] }
              - { id: c2, points: 45 }
            awards:
              - { id: best, title: "null" }
              - { id: ward-best, title: "12", quota: { percent: 50 } }
            tiers: [ { name: "Khá: 1", min: 70 } ]
            """
        let files = try VariantFixture([
            "base.yaml": VariantFixture.base, "data.csv": VariantFixture.data, "variants/v.yaml": variant,
        ])
        defer { files.remove() }
        let printed = try files.load("variants/v.yaml").effectiveYAML()
        #expect(printed == (try files.load("variants/v.yaml").effectiveYAML()), "the same tree gives the same text")
        #expect(printed.hasPrefix("# Effective config of variants/v.yaml → base.yaml\n"))
        try files.write(printed, to: "variants/effective.yaml")
        let reprinted = try files.load("variants/effective.yaml").effectiveYAML()
        let body = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("#") } }
        #expect(body(reprinted) == body(printed))
        let expected = try files.outputs("variants/v.yaml")
        #expect(try files.outputs("variants/effective.yaml") == expected)
        #expect(expected["2020-Q1/awards.csv"].map { String(decoding: $0, as: UTF8.self).contains(",null,") } == true)
    }
}
