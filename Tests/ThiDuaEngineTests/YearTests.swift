import Foundation
import Testing
@testable import ThiDuaEngine

/// SCORING.md 5: the year as a whole.
@Suite struct YearTests {
    /// Evaluates both quarters of the fixture round and then the year.
    func year(_ rows: [(String, String, String, Double, Double)], extra: String = "", awards: String = "awards: []",
              gated: [String: String] = [:]) throws -> PeriodResult {
        let gate = "gates: [ { id: g, plugin: gate, measure: { value: serious_incidents }, at_most: 0, reason: \"incident\" } ]"
        let cells = rows.map { "," + (gated["\($0.0)/\($0.2)"] ?? "0") }
        let csv = Fixture.csv(rows, extraHeader: ",serious_incidents", extra: cells)
        let round = try Fixture.round(Fixture.config(extra: gate + "\n" + extra, awards: awards), csv)
        let evaluator = Evaluator(round: round, jobs: 1)
        return evaluator.evaluateYear(quarters: try evaluator.evaluate())
    }

    func both(_ id: String, _ q1: (Double, Double), _ q2: (Double, Double), ward: String = "W")
        -> [(String, String, String, Double, Double)] {
        [("2020-Q1", ward, id, q1.0, q1.1), ("2020-Q2", ward, id, q2.0, q2.1)]
    }

    @Test func yearTotalAndContentsAreTheMeansOfTheQuarters() throws {
        let result = try year(both("a", (1, 1), (0.5, 0.25)))
        let a = result.row("a")
        #expect(result.period == "2020")
        #expect(result.total[a] == (100 + (30 + 10)) / 2)
        #expect(result.contentPoints[0][a] == (60 + 30) / 2)
        #expect(result.contentPoints[1][a] == (40 + 10) / 2)
        #expect(result.periodTotals.map { $0[a] } == [100, 40])
        #expect(result.yearPeriods == ["2020-Q1", "2020-Q2"])
    }

    @Test func aGroupMissingAPeriodIsListedButNotRanked() throws {
        let rows = both("a", (1, 1), (1, 1)) + [("2020-Q1", "W", "late", 1, 1)]
        let result = try year(rows, awards: "awards: [ { id: x, scope: district, quota: { count: 5 } } ]")
        let late = result.row("late")
        #expect(result.districtRank[late] == 0 && result.wardRank[late] == 0)
        #expect(result.total[late].isNaN && result.tierOfRow[late] == -1 && !result.eligible[late])
        #expect(result.reasons[late] == ["not ranked for the year: no data for 2020-Q2"])
        #expect(result.winners("x") == ["a"])
        #expect(result.rankedIDs == ["a", "late"], "unranked groups are listed last")
        let json = String(decoding: ResultsJSON.bytes(for: result), as: UTF8.self)
        #expect(json.contains("\"district_rank\":null"))
    }

    @Test func eligibleForTheYearNeedsEligibilityInEveryPeriod() throws {
        let rows = both("a", (1, 1), (1, 1)) + both("b", (1, 1), (1, 1))
        let result = try year(rows, gated: ["2020-Q2/b": "1"])
        #expect(result.eligible[result.row("a")])
        #expect(!result.eligible[result.row("b")])
        #expect(result.reasons[result.row("b")] == ["not eligible in 2020-Q2: incident"])
    }

    @Test func minTierEveryPeriodNamesTheQuarterThatFellShort() throws {
        // b is tier A in Q1 and B in Q2 (total 80): its year mean 90 is tier A.
        let rows = both("a", (1, 1), (1, 1)) + both("b", (1, 1), (0.8, 0.8))
        let result = try year(rows, extra: "year: { min_tier_every_period: A }")
        let b = result.row("b")
        #expect(result.tierNames[Int(result.tierOfRow[b])] == "A")
        #expect(!result.eligible[b])
        #expect(result.reasons[b] == ["tier B in 2020-Q2, below A"])
        #expect(result.eligible[result.row("a")])
    }

    @Test func yearContentFloorUsesTheMeans() throws {
        // c2 is 0 in Q1 and 40 in Q2: mean 20 = 50 % of 40, which holds; d has mean 10, which does not.
        let rows = both("c", (1, 0), (1, 1)) + both("d", (1, 0), (1, 0.5))
        let result = try year(rows, extra: "content_floor: 0.5")
        #expect(result.reasons[result.row("c")].allSatisfy { !$0.contains("for the year") })
        #expect(result.reasons[result.row("d")].contains { $0.hasPrefix("content 'c2' below the floor for the year") })
    }

    @Test func yearAwardsReplaceTheRoundsAwardsWhenGiven() throws {
        let rows = both("a", (1, 1), (1, 1)) + both("b", (0.9, 0.9), (0.9, 0.9), ward: "V")
        let awards = "awards: [ { id: quarter, scope: district, quota: { count: 1 } } ]"
        let extra = "year: { awards: [ { id: annual, scope: ward, quota: { count: 1 } } ] }"
        let withYearAwards = try year(rows, extra: extra, awards: awards)
        #expect(withYearAwards.awardDefinitions.map(\.id) == ["annual"])
        #expect(Set(withYearAwards.winners("annual")) == ["a", "b"])
        let inherited = try year(rows, awards: awards)
        #expect(inherited.winners("quarter") == ["a"])
    }

    @Test func yearRankingUsesTieBreakOnMeanContents() throws {
        // Equal year totals (50): x has c2 mean 20, y has c2 mean 40 → y first (tie_break: [c2]).
        let rows = both("x", (0.5, 0.5), (0.5, 0.5)) + both("y", (1.0 / 6.0, 1), (1.0 / 6.0, 1))
        let result = try year(rows)
        #expect(result.rankedIDs == ["y", "x"])
        #expect(result.districtRank[result.row("y")] == 1 && result.districtRank[result.row("x")] == 2)
    }
}
