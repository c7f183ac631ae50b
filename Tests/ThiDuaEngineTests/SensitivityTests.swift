import Testing
@testable import ThiDuaEngine

/// `thidua sensitivity` on small rounds whose interval ends are known
/// analytically. In the fixture, total = p₁·s1 + p₂·s2 (c1 and c2 read s1
/// and s2 as achievements), so varying c1's points p moves each group's
/// total along a line of slope s1.
@Suite struct SensitivityTests {
    /// Rows of 2020-Q1 (and 2020-Q2 with `bothPeriods`) for `(ward, id, s1, s2)`.
    func csv(_ groups: [(String, String, Double, Double)], bothPeriods: Bool = false) -> String {
        let periods = bothPeriods ? ["2020-Q1", "2020-Q2"] : ["2020-Q1"]
        return Fixture.csv(periods.flatMap { period in groups.map { (period, $0.0, $0.1, $0.2, $0.3) } })
    }

    func analyse(_ yaml: String, _ csv: String, _ selection: EvaluationSelection = .period("2020-Q1"),
                 award: String? = nil) throws -> (SensitivityResult, Evaluator) {
        let evaluator = Evaluator(round: try Fixture.round(yaml, csv), jobs: 1)
        return (try Sensitivity(evaluator: evaluator).analyse(selection, awardID: award), evaluator)
    }

    /// `award:group` of every winner (of `award` only, when given) with
    /// content `content` at `points`, decided by the engine.
    func winners(_ evaluator: Evaluator, _ selection: EvaluationSelection, content: Int = 0, at points: Double,
                 award: String? = nil) throws -> [String] {
        var config = evaluator.round.config
        config.contents[content].points = points
        let result: PeriodResult
        if case .period(let period) = selection {
            result = try evaluator.decide(try evaluator.score(periods: [period])[0], config: config)
        } else {
            let quarters = try evaluator.score().map { try evaluator.decide($0, config: config) }
            result = evaluator.evaluateYear(quarters: quarters, config: config)
        }
        return result.grants.map { "\(result.awardDefinitions[$0.award].id):\(result.groupIDs[$0.row])" }
            .filter { entry in award.map { entry.hasPrefix($0 + ":") } ?? true }.sorted()
    }

    /// Deciding just inside each end keeps the winners; just outside (when
    /// the end is not the end of the range) changes them.
    func expectEnds(_ interval: ContentInterval, _ evaluator: Evaluator, _ selection: EvaluationSelection,
                    content: Int = 0, award: String? = nil, step: Double = 1e-7,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let kept = try winners(evaluator, selection, content: content, at: interval.points, award: award)
        for (end, outward) in [(interval.lower, -step), (interval.upper, step)] {
            let inside = try winners(evaluator, selection, content: content, at: end.value - outward, award: award)
            #expect(inside == kept, "just inside \(end.value)", sourceLocation: sourceLocation)
            #expect(try winners(evaluator, selection, content: content, at: end.value, award: award) == kept
                    || !end.isClosed, "at a closed end \(end.value)", sourceLocation: sourceLocation)
            guard !end.isLimit else { continue }
            let outside = try winners(evaluator, selection, content: content, at: end.value + outward, award: award)
            #expect(outside != kept, "just outside \(end.value)", sourceLocation: sourceLocation)
        }
    }

    @Test func twoGroupsSwappingGiveTheCrossingAsTheEnd() throws {
        // a = p + 20, b = 0.5 p + 40: a leads above p = 40; below, b. Tied
        // within 1e-9 for p in 40 ± 2e-9, where `exclude` gives nobody the flag.
        let yaml = Fixture.config(tieBreak: "", awards: "awards: [ { id: flag, scope: district, quota: { count: 1 } } ]")
        let (result, evaluator) = try analyse(yaml, csv([("W", "a", 1, 0.5), ("W", "b", 0.5, 1), ("W", "c", 0.1, 0.1)]))
        let c1 = try #require(result.evaluations.first?.contents.first)
        #expect(c1.contentID == "c1" && c1.points == 60 && c1.searched == 0...120)
        #expect(abs(c1.lower.value - (40 + 2e-9)) < 1e-10)
        #expect(!c1.lower.isLimit && c1.lower.changes == [WinnerChange(awardID: "flag", unit: "district", entering: [], leaving: ["a"])])
        #expect(c1.upper.value == 120 && c1.upper.isLimit && c1.upper.isClosed && c1.upper.changes.isEmpty)
        try expectEnds(c1, evaluator, .period("2020-Q1"))
        // Beyond the tie b takes the flag.
        #expect(try winners(evaluator, .period("2020-Q1"), at: 39.9) == ["flag:b"])
    }

    /// The pairs compared are those an award ranks together: every pair
    /// under a district award, a ward's pairs under ward awards only; an
    /// evaluation with more than the limit is refused with an error, not
    /// run out of memory.
    @Test func anEvaluationWithTooManyPairsIsRefused() throws {
        let groups = csv([("W1", "a", 1, 0.5), ("W1", "b", 0.5, 1), ("W1", "c", 0.1, 0.1),
                          ("W2", "d", 0.3, 0.2), ("W2", "e", 0.9, 0.4)])
        let district = Fixture.config(tieBreak: "", awards: "awards: [ { id: flag, scope: district, quota: { count: 1 } } ]")
        let ward = Fixture.config(tieBreak: "", awards: "awards: [ { id: lead, scope: ward, quota: { count: 1 } } ]")
        for (yaml, pairs) in [(district, 10), (ward, 3 + 1)] {
            let sensitivity = Sensitivity(evaluator: Evaluator(round: try Fixture.round(yaml, groups), jobs: 1))
            #expect(try sensitivity.analyse(.period("2020-Q1"), awardID: nil, pairLimit: pairs).evaluations.count == 1)
            let error = try #require(throws: (any Error).self) {
                try sensitivity.analyse(.period("2020-Q1"), awardID: nil, pairLimit: pairs - 1)
            }
            #expect(String(describing: error).contains(
                "sensitivity of 2020-Q1: its 5 groups make \(pairs) pairs to compare, more than the analysis takes (\(pairs - 1))"))
        }
    }

    @Test func aPeriodOrAnAwardTheRoundDoesNotHaveIsAnError() throws {
        let yaml = Fixture.config(tieBreak: "", awards: "awards: [ { id: flag, scope: district, quota: { count: 1 } } ]")
        let sensitivity = Sensitivity(evaluator: Evaluator(round: try Fixture.round(yaml, csv([("W", "a", 1, 0.5)])), jobs: 1))
        let period = try #require(throws: (any Error).self) { try sensitivity.analyse(.period("2030-Q1")) }
        #expect(String(describing: period).contains("the round has no period '2030-Q1'"))
        let award = try #require(throws: (any Error).self) { try sensitivity.analyse(.everyPeriod, awardID: "nope") }
        #expect(String(describing: award).contains("the round has no award 'nope'"))
    }

    @Test func aTierMinimumIsAClosedEnd() throws {
        // a = p + 40 needs 90 for tier A: it qualifies from p = 50 − 1e-9 on, that value included.
        let yaml = Fixture.config(tieBreak: "", awards: "awards: [ { id: top, scope: district, min_tier: A, quota: { count: 1 } } ]")
        let (result, evaluator) = try analyse(yaml, csv([("W", "a", 1, 1), ("W", "b", 0.2, 0.2)]))
        let c1 = try #require(result.evaluations.first?.contents.first)
        #expect(abs(c1.lower.value - (50 - 1e-9)) < 1e-10)
        #expect(c1.lower.changes == [WinnerChange(awardID: "top", unit: "district", entering: [], leaving: ["a"])])
        #expect(c1.upper.isLimit)
        try expectEnds(c1, evaluator, .period("2020-Q1"))
    }

    @Test func aTieAtTheCutoffThatIncludesEveryTiedGroup() throws {
        // t1 and t2 are identical (0.8 p + 32) and share the award with
        // `include`; g = 0.5 p + 40 catches up with them at p = 80/3.
        let awards = "awards: [ { id: lead, scope: ward, quota: { count: 1 }, ties_at_cutoff: include } ]"
        let (result, evaluator) = try analyse(Fixture.config(tieBreak: "", awards: awards),
                                              csv([("W", "t1", 0.8, 0.8), ("W", "t2", 0.8, 0.8), ("W", "g", 0.5, 1)]))
        let c1 = try #require(result.evaluations.first?.contents.first)
        #expect(try winners(evaluator, .period("2020-Q1"), at: 60) == ["lead:t1", "lead:t2"])
        #expect(abs(c1.lower.value - (80.0 / 3 + 1e-9 / 0.3)) < 1e-9)
        #expect(c1.lower.changes == [WinnerChange(awardID: "lead", unit: "W", entering: ["g"], leaving: [])])
        #expect(c1.upper.isLimit)
        try expectEnds(c1, evaluator, .period("2020-Q1"))
        // The margins: both tied winners lead g by 80 − 70 = 10 at p = 60.
        let margins = try #require(result.evaluations.first?.margins)
        #expect(margins.map(\.groupID) == ["t1", "t2"] && margins.allSatisfy { $0.runnerUp == "g" })
        #expect(margins.allSatisfy { abs(($0.margin ?? 0) - 10) < 1e-9 })
    }

    @Test func aContentAtZeroPointsHasNothingToVary() throws {
        let yaml = Fixture.config(points: (0, 40), tieBreak: "", awards: "awards: [ { id: x, scope: district, quota: { count: 1 } } ]")
        let (result, _) = try analyse(yaml, csv([("W", "a", 1, 0.5), ("W", "b", 0.5, 1)]))
        let c1 = try #require(result.evaluations.first?.contents.first)
        #expect(c1.searched == 0...0 && c1.decisions == 0)
        #expect(c1.lower.value == 0 && c1.lower.isLimit && c1.upper.value == 0 && c1.upper.isLimit)
    }

    @Test func theContentFloorChangesRightAboveZero() throws {
        // a (s1 = 0.4) fails c1's floor of 50 % for every p > 1e-9 / 0.1 = 1e-8;
        // at p ≤ 1e-8 it passes and its 40 points from c2 beat b.
        let yaml = Fixture.config(extra: "content_floor: 0.5", tieBreak: "",
                                  awards: "awards: [ { id: x, scope: district, quota: { count: 1 } } ]")
        let (result, evaluator) = try analyse(yaml, csv([("W", "a", 0.4, 1), ("W", "b", 1, 0.6)]))
        let c1 = try #require(result.evaluations.first?.contents.first)
        #expect(abs(c1.lower.value - 1e-8) < 1e-15)
        #expect(c1.lower.changes == [WinnerChange(awardID: "x", unit: "district", entering: ["a"], leaving: ["b"])])
        #expect(try winners(evaluator, .period("2020-Q1"), at: 0) == ["x:a"])
        try expectEnds(c1, evaluator, .period("2020-Q1"), step: 1e-9)
    }

    @Test func theYearFollowsTheMeanOfTheQuartersAcrossAKink() throws {
        // a: Q1 max(0, p − 30) (30 points deducted), Q2 p: its year total is
        // p / 2 below p = 30 and p − 15 above. b: 10 in both quarters. a
        // leads at p = 60 (45 to 10) and meets b at p = 20, on the bent piece
        // (the straight line through p = 60 would say 25).
        let extra = "deductions: [ { id: d, plugin: deduction, measure: { value: order_violations }, points_per: 1 } ]"
        let yaml = Fixture.config(extra: extra, tieBreak: "", awards: "awards: [ { id: x, scope: district, quota: { count: 1 } } ]")
        let rows: [(String, String, String, Double, Double)] = [
            ("2020-Q1", "W", "a", 1, 0), ("2020-Q1", "W", "b", 0, 0.25),
            ("2020-Q2", "W", "a", 1, 0), ("2020-Q2", "W", "b", 0, 0.25),
        ]
        let data = Fixture.csv(rows, extraHeader: ",order_violations", extra: [",30", ",0", ",0", ",0"])
        let (result, evaluator) = try analyse(yaml, data, .year)
        let year = try #require(result.evaluations.first)
        #expect(year.period == "2020" && result.evaluations.count == 1)
        let c1 = try #require(year.contents.first)
        #expect(abs(c1.lower.value - (20 + 2e-9)) < 1e-10)
        #expect(c1.lower.changes == [WinnerChange(awardID: "x", unit: "district", entering: [], leaving: ["a"])])
        #expect(c1.upper.isLimit)
        try expectEnds(c1, evaluator, .year)
        #expect(try winners(evaluator, .year, at: 19.9) == ["x:b"])
    }

    @Test func followingOneAwardIgnoresChangesOfTheOthers() throws {
        // a = p + 40 holds `first`; b = 0.5 p + 40 holds `second` until
        // c = 0.8 p + 20 overtakes it at p = 200/3, which `first` never sees.
        let awards = """
            awards:
              - { id: first, scope: district, quota: { count: 1 } }
              - { id: second, scope: district, quota: { count: 1 } }
            """
        let yaml = Fixture.config(tieBreak: "", awards: awards)
        let groups = csv([("W", "a", 1, 1), ("W", "b", 0.5, 1), ("W", "c", 0.8, 0.5)])
        let (all, evaluator) = try analyse(yaml, groups)
        let c1 = try #require(all.evaluations.first?.contents.first)
        #expect(abs(c1.upper.value - (200.0 / 3 - 1e-9 / 0.3)) < 1e-9)
        #expect(c1.upper.changes == [WinnerChange(awardID: "second", unit: "district", entering: [], leaving: ["b"])])
        try expectEnds(c1, evaluator, .period("2020-Q1"))
        let (first, _) = try analyse(yaml, groups, award: "first")
        let followed = try #require(first.evaluations.first)
        #expect(followed.awards.map(\.id) == ["first"] && followed.margins.map(\.groupID) == ["a"])
        let c1First = try #require(followed.contents.first)
        #expect(c1First.upper.isLimit && c1First.upper.value == 120)
        #expect(c1First.lower.value == c1.lower.value)
        try expectEnds(c1First, evaluator, .period("2020-Q1"), award: "first")
    }

    @Test func anAwardMissingFromAnEvaluationSkipsIt() throws {
        let yaml = Fixture.config(extra: "year: { awards: [ { id: annual, scope: district, quota: { count: 1 } } ] }",
                                  tieBreak: "", awards: "awards: [ { id: x, scope: district, quota: { count: 1 } } ]")
        let (result, _) = try analyse(yaml, csv([("W", "a", 1, 0.5), ("W", "b", 0.5, 1)], bothPeriods: true),
                                      .everyPeriod, award: "annual")
        #expect(result.evaluations.map(\.period) == ["2020"] && result.skipped == ["2020-Q1", "2020-Q2"])
    }
}
