import ScoringKit
import Testing
@testable import ThiDuaEngine

/// `thidua explain`: the sheet's numbers are the evaluation's, and every
/// award says why it was or was not won.
@Suite struct ExplanationTests {
    static let extra = """
        bonuses: [ { id: bb, plugin: bonus, measure: { value: b, per: h, scale: 10 }, points_per: 1, max: 4 } ]
        bonus_cap: 3
        deductions: [ { id: dd, plugin: deduction, measure: { value: d }, points_per: 2 } ]
        gates: [ { id: g, plugin: gate, measure: { value: serious_incidents }, at_most: 0, reason: "serious incident" } ]
        content_floor: 0.5
        """

    /// Groups `(ward, id, s1, s2, b, d, serious)`, in both quarters; households h = 10.
    func round(_ groups: [(String, String, Double, Double, Double, Double, Double)], awards: String) throws -> Round {
        var rows: [(String, String, String, Double, Double)] = []
        var cells: [String] = []
        for period in ["2020-Q1", "2020-Q2"] {
            for group in groups {
                rows.append((period, group.0, group.1, group.2, group.3))
                cells.append(",\(group.4),10,\(group.5),\(group.6)")
            }
        }
        let csv = Fixture.csv(rows, extraHeader: ",b,h,d,serious_incidents", extra: cells)
        return try Fixture.round(Fixture.config(extra: Self.extra, tieBreak: "", awards: awards), csv)
    }

    let awards = """
        awards:
          - { id: flag, scope: district, quota: { count: 1 } }
          - { id: merit, scope: district, min_tier: B, quota: { count: 2 } }
        """

    /// a 100; b, c tie at 80; d 70 fails the gate; e 40 (tier C, under c2's floor).
    var groups: [(String, String, Double, Double, Double, Double, Double)] {
        [("W", "a", 1, 1, 0, 0, 0), ("W", "b", 0.8, 0.8, 0, 0, 0), ("W", "c", 0.8, 0.8, 0, 0, 0),
         ("W", "d", 0.9, 0.4, 0, 0, 1), ("W", "e", 0.5, 0.25, 0, 0, 0)]
    }

    func sheet(_ id: String, _ groups: [(String, String, Double, Double, Double, Double, Double)]? = nil,
               awards: String? = nil) throws -> (Explanation, PeriodResult) {
        let round = try round(groups ?? self.groups, awards: awards ?? self.awards)
        let result = try Evaluator(round: round, jobs: 1).evaluate(periods: ["2020-Q1"])[0]
        return (try Explanation.explain(group: id, in: round, selection: .period("2020-Q1"), jobs: 1), result)
    }

    @Test func numbersAreThoseOfTheEvaluation() throws {
        let groups = [("W", "a", 0.7, 0.6, 0.25, 1.0, 0.0), ("W", "b", 0.5, 0.9, 0.0, 0.0, 0.0)]
        let (sheet, result) = try sheet("a", groups)
        let row = result.row("a")
        #expect(sheet.total == result.total[row])
        #expect(sheet.contents.map(\.points) == result.contentPoints.map { $0[row] })
        #expect(sheet.contents.flatMap(\.criteria).map(\.result) == result.achievements.map { $0[row] })
        #expect(sheet.bonus == result.bonus[row] && sheet.deduction == result.deduction[row])
        #expect(sheet.districtRank == Int(result.districtRank[row]) && sheet.wardRank == Int(result.wardRank[row]))
        #expect(sheet.tier == "B" && sheet.nextTier?.name == "A")
        #expect(sheet.nextTier.map { $0.missing == 90 - result.total[row] } == true)
        // The criterion's x and inputs: k1 reads s1 directly.
        let k1 = try #require(sheet.contents.first?.criteria.first)
        #expect(k1.measure?.value.map(\.number) == [0.7])
        #expect((try? k1.measure?.x.get()) == 0.7)
        #expect(k1.points == 60 * 0.7 && k1.weight == 1 && k1.weightSum == 1)
        // Bonus x = 0.25 / 10 × 10 = 0.25 → 0.25 points; deduction 1 × 2.
        #expect(sheet.bonuses.map(\.result) == [0.25] && sheet.deductions.map(\.result) == [2])
        #expect(sheet.bonuses.first?.measure?.formula == "b 0.25 / h 10 × 10")
        #expect(sheet.gates.map(\.result) == [1] && sheet.eligible)
        #expect(sheet.contents.allSatisfy { $0.floor?.met == true })
        #expect(sheet.bonuses.first?.parameters.map(\.key) == ["points_per", "max"])
    }

    @Test func aWinnerIsToldItWonAndLaterAwardsAreHeld() throws {
        let (sheet, _) = try sheet("a")
        #expect(sheet.awards.map(\.outcome) == [.won, .holdsAward("flag")])
        #expect(sheet.awards[0].text.hasPrefix("won (district rank 1 of 5; quota 1)"))
    }

    @Test func anIneligibleGroupIsToldItsReasons() throws {
        let (sheet, result) = try sheet("d")
        #expect(!sheet.eligible && sheet.gates.map(\.result) == [0])
        #expect(sheet.awards.map(\.outcome) == [.notEligible, .notEligible])
        #expect(sheet.awards[1].reasons == result.reasons[result.row("d")])
        #expect(sheet.awards[1].text.contains("serious incident"))
    }

    @Test func aTieAtTheCutoffNamesTheOtherTiedGroups() throws {
        // a holds the flag, so merit's candidates are b and c, tied at rank 2
        // for a quota of 1: `exclude` drops both.
        let awards = """
            awards:
              - { id: flag, scope: district, quota: { count: 1 } }
              - { id: merit, scope: district, min_tier: B, quota: { count: 1 } }
            """
        let (sheet, _) = try sheet("b", awards: awards)
        #expect(sheet.awards[1].outcome == .tieAtCutoff(rank: 2, others: ["c"]))
        #expect(sheet.awards[1].text.contains("tied at district rank 2 at the cutoff of 1 with c"))
    }

    @Test func aGroupOutsideTheQuotaIsToldHowFarBehindItIs() throws {
        // d: 78 points, eligible; merit's quota of 2 goes to b and c (80).
        let groups = groups.map { $0.1 == "d" ? ($0.0, $0.1, 0.9, 0.6, 0, 0, 0) : $0 }
        let (sheet, result) = try sheet("d", groups)
        let behind = result.total[result.row("c")] - result.total[result.row("d")]
        #expect(sheet.awards[1].outcome == .outsideQuota(pointsBehind: behind, lastWinner: "c"))
        #expect(sheet.awards[1].text.contains("points behind the last winner c"))
    }

    @Test func aLowTierAndAFloorAreExplained() throws {
        let underFloor = try sheet("e").0
        #expect(underFloor.contents[1].floor?.met == false)
        #expect(underFloor.awards[1].outcome == .notEligible)
        // 36 + 20 − 2 × 5 = 46: eligible (the floor is on contents), tier C.
        let lowTier = try sheet("e", groups.map { $0.1 == "e" ? ($0.0, $0.1, 0.6, 0.5, 0, 5, 0) : $0 }).0
        #expect(lowTier.eligible && lowTier.tier == "C")
        #expect(lowTier.awards[1].outcome == .tierTooLow(tier: "C", minTier: "B"))
    }

    @Test func unknownGroupIsAnErrorWithADidYouMean() throws {
        let round = try round(groups, awards: awards)
        do {
            _ = try Explanation.explain(group: "aa", in: round, selection: .everyPeriod, jobs: 1)
            Issue.record("expected an error")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.first?.message.contains("unknown group 'aa'") == true)
            #expect(error.diagnostics.first?.hint == "did you mean 'a'?")
        }
    }

    @Test func aGroupMissingAQuarterIsExplainedAsSuch() throws {
        let rows: [(String, String, String, Double, Double)] = [
            ("2020-Q1", "W", "a", 1, 1), ("2020-Q2", "W", "a", 1, 1), ("2020-Q1", "W", "late", 0.9, 0.9)]
        let round = try Fixture.round(Fixture.config(awards: "awards: [ { id: x, scope: district, quota: { count: 1 } } ]"),
                                      Fixture.csv(rows))
        #expect(throws: DiagnosticError.self) {
            try Explanation.explain(group: "late", in: round, selection: .period("2020-Q2"), jobs: 1)
        }
        let year = try Explanation.explain(group: "late", in: round, selection: .year, jobs: 1)
        #expect(year.total == nil && year.districtRank == nil)
        #expect(year.quarters.map(\.total) == [90, nil])
        #expect(year.awards.map(\.outcome) == [.notRanked])
        #expect(year.awards[0].reasons == ["not ranked for the year: no data for 2020-Q2"])
        #expect(ExplanationReport.markdown(for: year).contains("**Not ranked** for the year"))
    }

    @Test func theYearShowsEachQuarter() throws {
        let round = try round(groups, awards: awards)
        let evaluator = Evaluator(round: round, jobs: 1)
        let quarters = try evaluator.evaluate()
        let year = evaluator.evaluateYear(quarters: quarters)
        let sheet = try Explanation.explain(group: "b", in: round, selection: .year, jobs: 1)
        #expect(sheet.isYear && sheet.period == "2020")
        #expect(sheet.total == year.total[year.row("b")])
        #expect(sheet.quarters.map(\.period) == ["2020-Q1", "2020-Q2"])
        #expect(sheet.quarters.map(\.total) == quarters.map { $0.total[$0.row("b")] })
        #expect(sheet.awards.count == year.awardDefinitions.count)
    }
}
