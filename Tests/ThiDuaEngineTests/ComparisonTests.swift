import ScoringKit
import Testing
@testable import ThiDuaEngine

/// `thidua compare`: the groups it reports are exactly those whose results differ.
@Suite struct ComparisonTests {
    /// c1 has two criteria, k1 (weight `weight`, reads s1) and k3 (reads s2);
    /// a group with s1 = s2 scores the same whatever the weight.
    func config(weight: Double, awards: String = "awards: [ { id: top, scope: district, quota: { count: 1 } } ]") -> String {
        """
        round: { id: test, data: data.csv, periods: [2020-Q1, 2020-Q2] }
        contents:
          - id: c1
            points: 60
            criteria:
              - { id: k1, plugin: linear, weight: \(weight), measure: { value: s1 }, zero_at: 0, full_at: 1 }
              - { id: k3, plugin: linear, measure: { value: s2 }, zero_at: 0, full_at: 1 }
          - id: c2
            points: 40
            criteria:
              - { id: k2, plugin: linear, measure: { value: s2 }, zero_at: 0, full_at: 1 }
        tiers:
          - { name: A, min: 90 }
          - { name: B, min: 50 }
          - { name: C, min: 0 }
        \(awards)
        """
    }

    let groups: [(String, String, Double, Double)] = [
        ("W1", "a", 1.0, 0.9), ("W1", "b", 0.9, 0.95), ("W1", "c", 0.5, 0.5), ("W2", "d", 0.2, 0.9),
        ("W2", "e", 0.7, 0.7), ("W2", "f", 0.95, 0.4), ("W2", "g", 0.3, 0.3),
    ]

    var csv: String {
        Fixture.csv(["2020-Q1", "2020-Q2"].flatMap { period in groups.map { (period, $0.0, $0.1, $0.2, $0.3) } })
    }

    func results(weight: Double) throws -> [PeriodResult] {
        try Evaluator(round: Fixture.round(config(weight: weight), csv), jobs: 1).evaluate()
    }

    @Test func changedWeightReportsExactlyTheGroupsWhoseResultsDiffer() throws {
        let base = try results(weight: 1)[0], variant = try results(weight: 3)[0]
        let compared = ComparedEvaluation(base: base, variant: variant)
        let expected = (0..<base.rowCount).filter { differs(base, variant, row: $0) }.map { base.groupIDs[$0] }
        #expect(compared.differences.map(\.groupID) == expected.sorted())
        // Groups with s1 = s2 (c, e, g) keep their results, unless a rank moved.
        #expect(!expected.isEmpty && expected.count < groups.count)
        #expect(compared.groupCount == groups.count)
    }

    /// Whether any figure of `row` differs, field by field (same data, so same rows).
    func differs(_ base: PeriodResult, _ variant: PeriodResult, row: Int) -> Bool {
        let figures: [(PeriodResult) -> [Double]] = [
            { [$0.total[row], $0.bonus[row], $0.deduction[row]] },
            { $0.contentPoints.map { $0[row] } },
            { $0.achievements.map { $0[row] } },
        ]
        if figures.contains(where: { $0(base) != $0(variant) }) { return true }
        let ranks: [(PeriodResult) -> [Int32]] = [
            { [$0.districtRank[row], $0.wardRank[row], $0.tierOfRow[row]] },
            { $0.grants.filter { $0.row == row }.map { Int32($0.award) } },
        ]
        if ranks.contains(where: { $0(base) != $0(variant) }) { return true }
        return base.eligible[row] != variant.eligible[row] || base.reasons[row] != variant.reasons[row]
    }

    @Test func sameConfigGivesNoDifferencesAndFullAgreement() throws {
        let comparison = ComparedEvaluation(base: try results(weight: 2)[1], variant: try results(weight: 2)[1])
        #expect(comparison.differences.isEmpty)
        #expect(comparison.agreement.spearman == 1 && comparison.agreement.kendallTauB == 1)
        #expect(comparison.counts.changed == 0)
    }

    @Test func awardMovesAreGainedLostOrChanged() throws {
        // Weight 1: b 93.5 leads a 93 and takes `top`, a leads W1 after it.
        // Weight 9: a 95.4 leads b 92.3, so the two swap their awards.
        let awards = """
            awards:
              - { id: top, scope: district, quota: { count: 1 } }
              - { id: ward, scope: ward, quota: { count: 1 } }
            """
        let round1 = try Fixture.round(config(weight: 1, awards: awards), csv)
        let round9 = try Fixture.round(config(weight: 9, awards: awards), csv)
        let comparison = try Comparison.evaluate(base: round1, variant: round9, selection: .period("2020-Q1"), jobs: 1)
        let evaluation = try #require(comparison.evaluations.first)
        let base = try Evaluator(round: round1, jobs: 1).evaluate(periods: ["2020-Q1"])[0]
        let variant = try Evaluator(round: round9, jobs: 1).evaluate(periods: ["2020-Q1"])[0]
        func award(_ result: PeriodResult, _ id: String) -> String? {
            result.grants.first { result.groupIDs[$0.row] == id }.map { result.awardDefinitions[$0.award].id }
        }
        for change in evaluation.awardChanges {
            #expect(change.award?.old == award(base, change.groupID))
            #expect(change.award?.new == award(variant, change.groupID))
            let move: GroupChange.AwardMove = change.award?.old == nil ? .gained : (change.award?.new == nil ? .lost : .changed)
            #expect(change.awardMove == move)
        }
        let moved = Set(base.groupIDs.filter { award(base, $0) != award(variant, $0) })
        #expect(Set(evaluation.awardChanges.map(\.groupID)) == moved)
        #expect(moved == ["a", "b"])
        #expect(evaluation.awardChanges.map(\.awardMove) == [.changed, .changed])
    }

    @Test func everyPeriodComparesTheRoundsPeriodsInOrder() throws {
        let comparison = try Comparison.evaluate(base: Fixture.round(config(weight: 1), csv),
                                                 variant: Fixture.round(config(weight: 2), csv),
                                                 selection: .everyPeriod, jobs: 1)
        #expect(comparison.evaluations.map(\.period) == ["2020-Q1", "2020-Q2"])
        let year = try Comparison.evaluate(base: Fixture.round(config(weight: 1), csv),
                                           variant: Fixture.round(config(weight: 2), csv), selection: .year, jobs: 1)
        #expect(year.evaluations.map(\.period) == ["2020"])
    }

    @Test func periodNotInBothRoundsIsAnError() throws {
        #expect(throws: DiagnosticError.self) {
            try Comparison.evaluate(base: Fixture.round(config(weight: 1), csv),
                                    variant: Fixture.round(config(weight: 2), csv), selection: .period("2020-Q3"), jobs: 1)
        }
    }

    @Test func largestRankMovesAreOrderedByMoveThenGroupID() {
        func move(_ id: String, _ old: Int, _ new: Int) -> GroupDifference {
            var difference = GroupDifference(groupID: id, ward: "W", kind: .changed, totals: ValueChange(old: 1, new: 2))
            difference.districtRank = ValueChange(old: old, new: new)
            return difference
        }
        let moves = [move("b", 1, 4), move("a", 5, 2), move("c", 2, 3)] + (0..<12).map { move("z\($0)", 10, 11) }
        let evaluation = ComparedEvaluation(period: "2020-Q1", groupCount: 15, differences: moves,
                                            agreement: RankAgreement([], []))
        let listed = evaluation.largestRankMoves
        #expect(listed.count == ComparedEvaluation.rankMoveLimit)
        #expect(listed.prefix(3).map(\.groupID) == ["a", "b", "c"])
        #expect(listed[0].rankDelta == -3 && listed[1].rankDelta == 3)
    }
}
