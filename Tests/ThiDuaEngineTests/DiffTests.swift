import Foundation
import Testing
@testable import ThiDuaEngine

/// `ResultsDiff` and its text report on small hand-made outputs.
struct DiffTests {
    /// A group with sensible defaults; tests change what they compare.
    static func group(
        _ id: String, total: Double? = 90, rank: Int? = 1, wardRank: Int? = 1, tier: String? = "Tốt",
        eligible: Bool = true, award: String? = nil, ward: String = "Kim Giang"
    ) -> GroupSnapshot {
        GroupSnapshot(groupID: id, ward: ward, total: total, districtRank: rank, wardRank: wardRank,
                      tier: tier, eligible: eligible, award: award)
    }

    static func output(_ folder: String, _ periods: [String: [GroupSnapshot]]) -> OutputSnapshot {
        OutputSnapshot(folder: folder, periods: periods.map { PeriodSnapshot(period: $0.key, groups: $0.value) })
    }

    static func compare(
        _ old: [GroupSnapshot], _ new: [GroupSnapshot], tolerance: Double = 0.005
    ) -> ResultsDiff {
        ResultsDiff.compare(output("old", ["2020-Q1": old]), output("new", ["2020-Q1": new]), tolerance: tolerance)
    }

    @Test func identicalOutputsHaveNoDifferences() {
        let groups = [Self.group("KG-01"), Self.group("KG-02", total: 80, rank: 2, wardRank: 2, tier: "Khá")]
        let diff = Self.compare(groups, groups)
        #expect(!diff.differs)
        #expect(diff.periods.map(\.changes.count) == [0])
        #expect(DiffReport.text(for: diff)
            == "no differences: 'old' and 'new' agree on 1 period, 2 group results (totals within 0.005 points)\n")
    }

    @Test func totalMovesAreReportedOnlyAboveTheTolerance() {
        let old = [Self.group("A", total: 90), Self.group("B", total: 90), Self.group("C", total: 90)]
        let new = [Self.group("A", total: 90.004), Self.group("B", total: 90.006), Self.group("C", total: 90.005)]
        let diff = Self.compare(old, new)
        #expect(diff.periods[0].changes.map(\.groupID) == ["B"], "0.004 and exactly 0.005 stay within the tolerance")
        #expect(diff.periods[0].changes[0].total == ValueChange(old: 90, new: 90.006))
        #expect(Self.compare(old, new, tolerance: 0).periods[0].changes.map(\.groupID) == ["A", "B", "C"])
        #expect(!Self.compare(old, new, tolerance: 0.01).differs)
    }

    @Test func ranksTiersEligibilityAndAwardsAreReportedEvenWhenTotalsHold() {
        let old = [
            Self.group("A", rank: 1, award: "co-thi-dua"),
            Self.group("B", rank: 2, wardRank: 2, award: "giay-khen"),
            Self.group("C", rank: 3, wardRank: 3),
            Self.group("D", total: 91.2, rank: 4, wardRank: 4, tier: "Tốt", award: "giay-khen"),
        ]
        let new = [
            Self.group("A", rank: 1, award: "giay-khen"),
            Self.group("B", rank: 2, wardRank: 2, eligible: false),
            Self.group("C", rank: 3, wardRank: 3, award: "dan-dau-phuong"),
            Self.group("D", total: 89.75, rank: 12, wardRank: 5, tier: "Khá"),
        ]
        let changes = Self.compare(old, new).periods[0].changes
        #expect(changes.map(\.groupID) == ["A", "B", "C", "D"])
        #expect(changes.map(\.awardMove) == [.changed, .lost, .gained, .lost])
        #expect(changes[1].eligible == ValueChange(old: true, new: false))
        #expect(changes[3].districtRank == ValueChange(old: 4, new: 12) && changes[3].wardRank == ValueChange(old: 4, new: 5))
        #expect(changes[3].tier == ValueChange(old: "Tốt", new: "Khá"))
        #expect(changes[0].total == nil && changes[0].districtRank == nil && changes[0].tier == nil)
        let summary = Self.compare(old, new).summary
        #expect(summary.groups == 4 && summary.totals == 1 && summary.districtRanks == 1 && summary.wardRanks == 1)
        #expect(summary.tiers == 1 && summary.eligibility == 1)
        #expect(summary.awardsGained == 1 && summary.awardsLost == 2 && summary.awardsChanged == 1)
    }

    @Test func textNamesOnlyWhatDiffersInAlignedColumns() {
        let old = [Self.group("KG-07", total: 91.2, rank: 12, tier: "Tốt", award: "giay-khen"), Self.group("X-1", rank: 3)]
        let new = [Self.group("KG-07", total: 89.75, rank: 19, tier: "Khá"), Self.group("X-1", rank: 4)]
        let text = DiffReport.text(for: Self.compare(old, new))
        #expect(text == """
            old: old
            new: new
            totals are reported when they moved by more than 0.005 points

            2020-Q1: 2 groups changed
              KG-07  total 91.20 → 89.75 (−1.45)  rank 12 → 19  tier Tốt → Khá  award giay-khen → —
              X-1                                 rank 3 → 4

            summary: periods with differences 1 of 1 compared; 2 groups: 1 totals moved, 2 district ranks, \
            1 tiers, 1 awards lost

            """)
    }

    @Test func smallMovesGetEnoughDecimalsToShow() {
        let text = DiffReport.text(for: Self.compare([Self.group("A", total: 90)], [Self.group("A", total: 90.0004)],
                                                     tolerance: 0))
        #expect(text.contains("A  total 90.0000 → 90.0004 (+0.0004)"))
    }

    @Test func addedAndRemovedGroupsAreListedWithTheirResults() {
        let old = [Self.group("A"), Self.group("R", total: 70, rank: 2, wardRank: 2, tier: "Trung bình", eligible: false)]
        let new = [Self.group("A"), Self.group("N", total: 88.1, rank: 2, wardRank: 2, tier: "Khá", award: "dan-dau-phuong")]
        let diff = Self.compare(old, new)
        #expect(diff.periods[0].changes.map(\.groupID) == ["N", "R"])
        #expect(diff.periods[0].changes.map(\.kind) == [.added, .removed])
        #expect(diff.summary.added == 1 && diff.summary.removed == 1 && diff.summary.awardsGained == 0)
        let text = DiffReport.text(for: diff)
        #expect(text.contains("2020-Q1: 2 groups changed (1 added, 1 removed)"))
        #expect(text.contains("  N  added: total 88.10, rank 2, ward rank 2, tier Khá, eligible, award dan-dau-phuong\n"))
        #expect(text.contains("  R  removed, was: total 70.00, rank 2, ward rank 2, tier Trung bình, not eligible, award —\n"))
    }

    @Test func periodsInOneFolderOnlyAreReportedInOrder() {
        let old = Self.output("old", ["2020-Q1": [Self.group("A")], "2020-Q2": [Self.group("A")]])
        let new = Self.output("new", ["2020-Q1": [Self.group("A")], "2020": [Self.group("A")],
                                      "2020-Q3": [Self.group("A"), Self.group("B")]])
        let diff = ResultsDiff.compare(old, new, tolerance: 0.005)
        #expect(diff.periods.map(\.period) == ["2020-Q1", "2020-Q2", "2020-Q3", "2020"], "the year after its quarters")
        #expect(diff.periods.map(\.presence) == [.both, .onlyInOld, .onlyInNew, .onlyInNew])
        #expect(diff.differs)
        let text = DiffReport.text(for: diff)
        #expect(text.contains("2020-Q1: no differences\n\n2020-Q2: only in old (1 group)\n\n2020-Q3: only in new (2 groups)"))
        #expect(text.hasSuffix("summary: periods with differences 0 of 1 compared; only in old: 2020-Q2; only in new: 2020-Q3, 2020\n"))
    }

    @Test func yearNullRanksCompareAsNotRanked() {
        let old = [Self.group("A", rank: nil, wardRank: nil, tier: nil, eligible: false), Self.group("B", rank: nil, wardRank: nil)]
        let new = [Self.group("A", rank: 5, wardRank: 2, tier: "Khá", eligible: false), Self.group("B", rank: nil, wardRank: nil)]
        let diff = ResultsDiff.compare(Self.output("old", ["2020": old]), Self.output("new", ["2020": new]), tolerance: 0.005)
        #expect(diff.periods[0].changes.map(\.groupID) == ["A"])
        #expect(diff.periods[0].changes[0].districtRank == ValueChange(old: nil, new: 5))
        #expect(DiffReport.text(for: diff).contains("  A  rank — → 5  ward rank — → 2  tier — → Khá\n"))
    }

    @Test func periodOrderPutsTheYearAfterItsQuarters() {
        let names = ["2021-Q1", "2020", "2020-Q4", "2020-Q1", "2021", "misc"]
        #expect(names.sorted(by: OutputSnapshot.periodPrecedes) == ["2020-Q1", "2020-Q4", "2020", "2021-Q1", "2021", "misc"])
    }
}
