import Testing
@testable import ThiDuaEngine

/// SCORING.md 3.3: content points, bonus, deduction, total, eligibility, tier.
@Suite struct TotalsTests {
    static let twoPeriods = ["2020-Q1", "2020-Q2"]

    func rows(_ values: [(String, Double, Double)]) -> [(String, String, String, Double, Double)] {
        Self.twoPeriods.flatMap { period in values.map { (period, "W1", $0.0, $0.1, $0.2) } }
    }

    @Test func contentPointsAreWeightedMeanOfAchievementsTimesPoints() throws {
        let yaml = """
            round: { id: t, data: d.csv, periods: [2020-Q1] }
            contents:
              - id: c1
                points: 30
                criteria:
                  - { id: k1, plugin: linear, weight: 3, measure: { value: s1 }, zero_at: 0, full_at: 1 }
                  - { id: k2, plugin: linear, weight: 1, measure: { value: s2 }, zero_at: 0, full_at: 1 }
            tiers: [ { name: A, min: 0 } ]
            """
        let result = try Fixture.evaluate(yaml, Fixture.csv([("2020-Q1", "W", "g1", 0.5, 1.0)]))
        // 30 × (3 × 0.5 + 1 × 1.0) / 4 = 18.75
        #expect(result.contentPoints[0][0] == 30 * (3 * 0.5 + 1 * 1.0) / 4)
        #expect(result.total[0] == 18.75)
        #expect(result.achievements[0][0] == 0.5 && result.achievements[1][0] == 1.0)
    }

    @Test func bonusIsCappedAndDeductionSubtractedAndTotalNeverNegative() throws {
        let extra = """
            bonuses:
              - { id: b1, plugin: bonus, measure: { value: fund_vnd }, points_per: 1 }
              - { id: b2, plugin: bonus, measure: { value: cultural_models }, points_per: 2 }
            bonus_cap: 5
            deductions:
              - { id: d1, plugin: deduction, measure: { value: order_violations }, points_per: 10 }
            """
        let csv = Fixture.csv(
            rows([("g1", 1, 1), ("g2", 0, 0), ("g3", 0.5, 0.5)]),
            extraHeader: ",fund_vnd,cultural_models,order_violations",
            extra: [",4,3,0", ",1,0,1", ",1,1,2", ",4,3,0", ",1,0,1", ",1,1,2"])
        let result = try Fixture.evaluate(Fixture.config(extra: extra), csv)
        let g1 = result.row("g1"), g2 = result.row("g2"), g3 = result.row("g3")
        #expect(result.bonus[g1] == 5)          // 4 + 6 = 10, capped at 5
        #expect(result.total[g1] == 105)         // may exceed 100 through bonus
        #expect(result.bonus[g2] == 1 && result.deduction[g2] == 10)
        #expect(result.total[g2] == 0)           // max(0, 0 + 1 − 10)
        #expect(result.total[g3] == 50 + 3 - 20 + 0)
    }

    @Test func failedGatesAndContentFloorMakeIneligibleWithReasons() throws {
        let extra = """
            gates:
              - { id: safe, plugin: gate, measure: { value: serious_incidents }, at_most: 0, reason: "Có vụ việc nghiêm trọng" }
            content_floor: 0.5
            """
        let csv = Fixture.csv(
            rows([("ok", 1, 1), ("gate", 1, 1), ("floor", 1, 0.4999999999999), ("both", 0.2, 1)]),
            extraHeader: ",serious_incidents", extra: [",0", ",1", ",0", ",2", ",0", ",1", ",0", ",2"])
        let result = try Fixture.evaluate(Fixture.config(extra: extra), csv)
        #expect(result.eligible[result.row("ok")])
        #expect(!result.eligible[result.row("gate")])
        #expect(result.reasons[result.row("gate")] == ["Có vụ việc nghiêm trọng"])
        // 40 × 0.4999999999999 falls 4e-12 short of the floor of 20: within the tolerance, so it passes.
        #expect(result.eligible[result.row("floor")])
        let both = result.reasons[result.row("both")]
        #expect(both.count == 2)
        #expect(both[0] == "Có vụ việc nghiêm trọng")
        #expect(both[1].hasPrefix("content 'c1' below the floor"))
    }

    @Test func tierIsFirstWhoseMinimumIsMetWithinTolerance() throws {
        // 60 × 0.9 + 40 × 0.9 = 90 up to rounding, which must count as tier A.
        let csv = Fixture.csv(rows([("g1", 0.9, 0.9), ("g2", 0.89, 0.9), ("g3", 0.1, 0.1)]))
        let result = try Fixture.evaluate(Fixture.config(), csv)
        #expect(result.tierNames[Int(result.tierOfRow[result.row("g1")])] == "A")
        #expect(result.tierNames[Int(result.tierOfRow[result.row("g2")])] == "B")
        #expect(result.tierNames[Int(result.tierOfRow[result.row("g3")])] == "C")
    }

    @Test func zeroPerWithoutIfPerZeroNamesGroupPeriodAndCriterion() throws {
        let yaml = """
            round: { id: t, data: d.csv, periods: [2020-Q1] }
            contents:
              - id: c1
                points: 100
                criteria:
                  - { id: rate, plugin: linear, measure: { value: s1, per: s2 }, zero_at: 0, full_at: 1 }
            tiers: [ { name: A, min: 0 } ]
            """
        #expect {
            try Fixture.evaluate(yaml, Fixture.csv([("2020-Q1", "W", "g1", 1, 1), ("2020-Q1", "W", "g2", 1, 0)]))
        } throws: { error in
            let text = "\(error)"
            return text.contains("data.csv:3:1: error: 2020-Q1: group 'g2' (W): criterion 'rate': per (s2) is 0")
        }
    }
}
