import Testing
@testable import ThiDuaEngine

/// SCORING.md 3.4: competition ranking with a tie-break chain.
@Suite struct RankingTests {
    func evaluate(_ rows: [(String, String, Double, Double)], tieBreak: String = "ranking: { tie_break: [c2] }")
        throws -> PeriodResult {
        let all = rows.map { ("2020-Q1", $0.0, $0.1, $0.2, $0.3) } + rows.map { ("2020-Q2", $0.0, $0.1, $0.2, $0.3) }
        return try Fixture.evaluate(Fixture.config(tieBreak: tieBreak), Fixture.csv(all))
    }

    @Test func equalGroupsShareRankAndNextRankSkips() throws {
        let result = try evaluate([("W", "a", 1, 1), ("W", "b", 0.5, 0.5), ("W", "c", 0.5, 0.5), ("W", "d", 0, 0)])
        #expect(result.rankedIDs == ["a", "b", "c", "d"])
        #expect(["a", "b", "c", "d"].map { result.districtRank[result.row($0)] } == [1, 2, 2, 4])
    }

    @Test func tiesAmongEqualGroupsAreListedByGroupIDAscending() throws {
        let result = try evaluate([("W", "z9", 0.5, 0.5), ("W", "a1", 0.5, 0.5), ("W", "m5", 0.5, 0.5)])
        #expect(result.rankedIDs == ["a1", "m5", "z9"])
        #expect(result.districtRank.allSatisfy { $0 == 1 })
    }

    @Test func tieBreakContentDecidesEqualTotals() throws {
        // Both total 50: x has c1 = 30, c2 = 20; y has c1 = 10, c2 = 40.
        let result = try evaluate([("W", "x", 0.5, 0.5), ("W", "y", 1.0 / 6.0, 1.0)])
        #expect(result.rankedIDs == ["y", "x"])
        #expect(result.districtRank[result.row("y")] == 1 && result.districtRank[result.row("x")] == 2)
    }

    @Test func tieBreakChainFallsThroughToTheNextContent() throws {
        let yaml = Fixture.config(tieBreak: "ranking: { tie_break: [c2, c1] }")
        // Same total and same c2: c1 is equal too, so they share the rank.
        let rows = [("2020-Q1", "W", "p", 0.5, 0.5), ("2020-Q1", "W", "q", 0.5, 0.5), ("2020-Q2", "W", "p", 0, 0)]
        let result = try Fixture.evaluate(yaml, Fixture.csv(rows))
        #expect(result.districtRank[result.row("p")] == 1 && result.districtRank[result.row("q")] == 1)
    }

    @Test func withoutTieBreakEqualTotalsShareRank() throws {
        let result = try evaluate([("W", "x", 0.5, 0.5), ("W", "y", 1.0 / 6.0, 1.0)], tieBreak: "")
        #expect(result.districtRank[result.row("x")] == 1 && result.districtRank[result.row("y")] == 1)
        #expect(result.rankedIDs == ["x", "y"])
    }

    @Test func totalsWithinToleranceAreEqual() throws {
        // 60 × 0.7 + 40 × 0.7 and 60 × 0.3 + 40 × 0.3 + 40 differ only by float noise.
        let result = try evaluate([("W", "a", 0.7, 0.7), ("W", "b", 0.7 + 1e-13, 0.7)], tieBreak: "")
        #expect(result.districtRank[result.row("a")] == 1 && result.districtRank[result.row("b")] == 1)
    }

    @Test func wardRankRanksWithinTheWardAndIneligibleGroupsAreRanked() throws {
        let result = try evaluate([("W1", "a", 1, 1), ("W2", "b", 0.9, 0.9), ("W1", "c", 0.8, 0.8),
                                   ("W2", "d", 0.8, 0.8), ("W1", "e", 0.1, 0.1)])
        #expect(["a", "b", "c", "d", "e"].map { result.districtRank[result.row($0)] } == [1, 2, 3, 3, 5])
        #expect(["a", "b", "c", "d", "e"].map { result.wardRank[result.row($0)] } == [1, 1, 2, 2, 3])
    }

    @Test func wardEqualityDoesNotChainThroughOtherWards() throws {
        // A and C (ward W1) differ by 1.6e-9; B (ward W2) lies between them.
        // District-wide, the three chain into one class; within W1, A and C differ.
        let extra = "bonuses: [ { id: b, plugin: bonus, measure: { value: fund_vnd }, points_per: 1 } ]"
        let awards = "awards: [ { id: lead, scope: ward, quota: { count: 1 } } ]"
        let rows = [("2020-Q1", "W1", "A", 0.0, 0.0), ("2020-Q1", "W2", "B", 0, 0), ("2020-Q1", "W1", "C", 0, 0),
                    ("2020-Q2", "W1", "A", 0, 0)]
        let csv = Fixture.csv(rows, extraHeader: ",fund_vnd",
                              extra: [",10", ",10.0000000008", ",10.0000000016", ",0"])
        let result = try Fixture.evaluate(Fixture.config(extra: extra, tieBreak: "", awards: awards), csv)
        #expect(result.wardRank[result.row("C")] == 1 && result.wardRank[result.row("A")] == 2)
        #expect(result.winners("lead") == ["C", "B"])
        #expect(result.warnings.isEmpty)
    }
}
