import Testing
@testable import ThiDuaEngine

/// SCORING.md 3.5: quotas, eligibility, precedence, ties at the cutoff, scope.
@Suite struct AwardTests {
    /// Evaluates 2020-Q1 of groups `(ward, id, s1, s2)`; `gated` fail a gate.
    func evaluate(_ groups: [(String, String, Double, Double)], awards: String, gated: Set<String> = [])
        throws -> PeriodResult {
        let extra = "gates: [ { id: g, plugin: gate, measure: { value: serious_incidents }, at_most: 0 } ]"
        var rows: [(String, String, String, Double, Double)] = []
        var cells: [String] = []
        for period in ["2020-Q1", "2020-Q2"] {
            for group in groups {
                rows.append((period, group.0, group.1, group.2, group.3))
                cells.append(gated.contains(group.1) ? ",1" : ",0")
            }
        }
        let csv = Fixture.csv(rows, extraHeader: ",serious_incidents", extra: cells)
        return try Fixture.evaluate(Fixture.config(extra: extra, tieBreak: "", awards: awards), csv)
    }

    /// g0…g9 with totals 100, 95, …, 55.
    let ten: [(String, String, Double, Double)] = (0..<10).map { index in
        let achievement: Double = 1 - Double(index) / 20
        return ("W", "g\(index)", achievement, achievement)
    }

    @Test func countQuotaTakesTheBestEligibleCandidatesInRankingOrder() throws {
        let result = try evaluate(ten, awards: "awards: [ { id: x, scope: district, min_tier: B, quota: { count: 3 } } ]",
                                  gated: ["g1"])
        #expect(result.winners("x") == ["g0", "g2", "g3"])
    }

    @Test func percentQuotaRoundsDown() throws {
        // n = 10: 15 % → 1.5 → 1; 29 % → 2.9 → 2; 30 % → 3.
        for (percent, expected) in [(15.0, 1), (29.0, 2), (30.0, 3), (0.0, 0)] {
            let result = try evaluate(ten, awards: "awards: [ { id: x, scope: district, quota: { percent: \(percent) } } ]")
            #expect(result.winners("x").count == expected, "percent \(percent)")
        }
    }

    @Test func minTierExcludesLowerTiers() throws {
        // Totals 100, 95, …: tier A needs 90, so g0, g1, g2 (90) qualify.
        let result = try evaluate(ten, awards: "awards: [ { id: x, scope: district, min_tier: A, quota: { count: 5 } } ]")
        #expect(result.winners("x") == ["g0", "g1", "g2"])
    }

    @Test func aGroupHoldsAtMostOneAwardAndLaterAwardsSkipHolders() throws {
        let awards = """
            awards:
              - { id: first, scope: district, quota: { count: 2 } }
              - { id: second, scope: district, quota: { count: 2 } }
            """
        let result = try evaluate(ten, awards: awards)
        #expect(result.winners("first") == ["g0", "g1"])
        #expect(result.winners("second") == ["g2", "g3"])
    }

    @Test func tieAtCutoffExcludesEveryTiedCandidateByDefault() throws {
        let groups = [("W", "a", 1.0, 1.0), ("W", "b", 0.8, 0.8), ("W", "c", 0.8, 0.8), ("W", "d", 0.5, 0.5)]
        let result = try evaluate(groups, awards: "awards: [ { id: x, scope: district, quota: { count: 2 } } ]")
        #expect(result.winners("x") == ["a"])
        #expect(result.warnings.count == 1)
        #expect(result.warnings[0].contains("tie at the cutoff") && result.warnings[0].contains("b, c"))
    }

    @Test func tieAtCutoffIncludeTakesEveryTiedCandidate() throws {
        let groups = [("W", "a", 1.0, 1.0), ("W", "b", 0.8, 0.8), ("W", "c", 0.8, 0.8), ("W", "d", 0.5, 0.5)]
        let awards = "awards: [ { id: x, scope: district, quota: { count: 2 }, ties_at_cutoff: include } ]"
        let result = try evaluate(groups, awards: awards)
        #expect(result.winners("x") == ["a", "b", "c"])
        #expect(result.warnings.count == 1)
    }

    @Test func tieInsideTheQuotaIsNoCutoffTie() throws {
        let groups = [("W", "a", 0.8, 0.8), ("W", "b", 0.8, 0.8), ("W", "c", 0.5, 0.5)]
        let result = try evaluate(groups, awards: "awards: [ { id: x, scope: district, quota: { count: 2 } } ]")
        #expect(result.winners("x") == ["a", "b"])
        #expect(result.warnings.isEmpty)
    }

    @Test func tieWithAnIneligibleGroupIsNoCutoffTie() throws {
        // b ties with a but fails the gate: it is not a candidate.
        let groups = [("W", "a", 0.8, 0.8), ("W", "b", 0.8, 0.8), ("W", "c", 0.5, 0.5)]
        let result = try evaluate(groups, awards: "awards: [ { id: x, scope: district, quota: { count: 1 } } ]",
                                  gated: ["b"])
        #expect(result.winners("x") == ["a"])
        #expect(result.warnings.isEmpty)
    }

    @Test func wardScopeAppliesTheQuotaInEachWard() throws {
        let groups = [("W1", "a", 1.0, 1.0), ("W1", "b", 0.9, 0.9), ("W2", "c", 0.7, 0.7), ("W2", "d", 0.6, 0.6),
                      ("W3", "e", 0.55, 0.55)]
        let awards = """
            awards:
              - { id: top, scope: district, quota: { count: 1 } }
              - { id: ward, scope: ward, min_tier: B, quota: { count: 1 } }
            """
        let result = try evaluate(groups, awards: awards)
        #expect(result.winners("top") == ["a"])
        #expect(result.winners("ward") == ["b", "c", "e"])
        let units = result.grants.filter { result.awardDefinitions[$0.award].id == "ward" }.map(\.scopeUnit)
        #expect(units == ["W1", "W2", "W3"])
    }

    @Test func decisionsExplainWhoCameCloseAndWhy() throws {
        // Totals 100, 95, 90, 85, …; g1 fails the gate; g0 holds the flag.
        let awards = """
            awards:
              - { id: flag, scope: district, quota: { count: 1 } }
              - { id: merit, scope: district, min_tier: B, quota: { count: 2 } }
              - { id: elite, scope: district, min_tier: A, quota: { count: 1 } }
            """
        let result = try evaluate(ten, awards: awards, gated: ["g1"])
        let merit = try #require(result.decisions.first { result.awardDefinitions[$0.award].id == "merit" })
        #expect(merit.unit == "district" && merit.unitSize == 10 && merit.quota == 2)
        #expect(merit.winners.map { result.groupIDs[$0] } == ["g2", "g3"])
        let reasons = merit.passedOver.map { (result.groupIDs[$0.row], $0.reason) }
        #expect(reasons.map(\.0) == ["g1", "g4", "g5", "g6", "g7", "g8"], "above the cutoff but the flag holder, then 5 below")
        #expect(reasons[0].1 == .notEligible)
        #expect(reasons[1].1 == .outsideQuota(pointsBehind: result.total[result.row("g3")] - result.total[result.row("g4")]))
        #expect(reasons[2...].allSatisfy { if case .outsideQuota = $0.1 { true } else { false } })
        // Nobody qualifies for elite: the first five of the district, each with its reason.
        let elite = try #require(result.decisions.first { result.awardDefinitions[$0.award].id == "elite" })
        #expect(elite.winners.isEmpty)
        #expect(elite.passedOver.map(\.reason) == [.holdsAward(0), .notEligible, .holdsAward(1), .holdsAward(1), .tierTooLow])
    }

    @Test func wardPercentQuotaCountsTheWardsGroups() throws {
        // W1 has 4 groups: 50 % → 2; W2 has 1 group: 50 % → 0.
        let groups = [("W1", "a", 1.0, 1.0), ("W1", "b", 0.9, 0.9), ("W1", "c", 0.8, 0.8), ("W1", "d", 0.7, 0.7),
                      ("W2", "e", 1.0, 1.0)]
        let result = try evaluate(groups, awards: "awards: [ { id: x, scope: ward, quota: { percent: 50 } } ]")
        #expect(result.winners("x") == ["a", "b"])
    }
}
