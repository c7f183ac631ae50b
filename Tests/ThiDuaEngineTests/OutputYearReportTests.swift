import Testing
@testable import ThiDuaEngine

/// The year's `report.md`: the draft of the committee's award decision.
struct OutputYearReportTests {
    let report = ReportMarkdown.text(for: OutputFixtures.year())

    @Test func yearReportIsTheDraftDecisionWithItsSectionsInOrder() {
        let headings = report.split(separator: "\n").filter { $0.hasPrefix("#") }.map(String.init)
        #expect(headings == [
            "# Dự thảo quyết định khen thưởng năm 2020 (2020-Q1, 2020-Q2)",
            "## 1. Tóm tắt _(Summary)_",
            "## 2. Đề nghị khen thưởng _(Proposed awards)_",
            "### 2.1. Cờ thi đua (cả năm)",
            "### 2.2. Giấy khen (cả năm)",
            "### 2.3. Dẫn đầu phường",
            "## 3. Tổ dân phố không được xếp hạng _(Groups not ranked for the year)_",
            "## 4. Cảnh báo _(Warnings)_",
        ])
    }

    @Test func summaryCountsRankedNotRankedEligibleAndTiers() {
        #expect(report.contains("- Số tổ dân phố _(groups)_: 8\n"))
        #expect(report.contains("- Được xếp hạng cả năm _(ranked for the year)_: 7\n"))
        #expect(report.contains("- Không được xếp hạng _(not ranked: a quarter missing)_: 1\n"))
        #expect(report.contains("- Đủ điều kiện cả năm _(eligible for the year)_: 6\n"))
        #expect(report.contains("- Xếp loại cả năm _(year tiers)_: Xuất sắc: 2; Tốt: 4; Khá: 1; Chưa đạt: 0; "
            + "Chưa xếp loại _(no tier)_: 1\n"))
        #expect(report.contains("- Số tổ đề nghị khen thưởng _(awards proposed)_: 3\n"))
    }

    @Test func winnersTableHasTheYearTotalAndAColumnPerQuarter() {
        #expect(report.contains("Phạm vi _(scope)_: toàn quận _(district)_; chỉ tiêu _(quota)_: 1 trên 7 tổ được xếp hạng "
            + "_(of 7 ranked)_; số tổ được khen _(winners)_: 1.\n\n"
            + "| Hạng toàn quận _(district rank)_ | Tổ dân phố _(group)_ | Phường _(ward)_ | Điểm cả năm _(year total)_ "
            + "| 2020-Q1 | 2020-Q2 |\n|---:|---|---|---:|---:|---:|\n"
            + "| 1 | Tổ 1 (g01) | Hạ Đình | 98.00 | 97.00 | 99.00 |\n"))
        #expect(report.contains("| 3 | Tổ 3 \\| A (g03) | Khương Đình | 93.00 | 92.00 | 94.00 |\n"))
        #expect(report.contains("| Hạng trong phường _(ward rank)_ | Tổ dân phố _(group)_ | Phường _(ward)_ |"))
        #expect(report.contains("| 2 | Tổ 4 (g04) | Hạ Đình | 92.58 | 93.00 | 92.16 |\n"))
    }

    @Test func wardQuotasThatDifferAreListedPerWard() {
        #expect(report.contains("chỉ tiêu _(quota)_: Hạ Đình 1, Khương Đình 0; số tổ được khen _(winners)_: 1."))
    }

    @Test(arguments: [
        "| 2 | Tổ 2 (g02) | Khương Đình | 96.50 | 96.00 | 97.00 | không đủ điều kiện _(not eligible)_: "
            + "not eligible in 2020-Q2: incident; tier Khá in 2020-Q1, below Tốt |",
        "| 3 | Tổ 3 \\| A (g03) | Khương Đình | 93.00 | 92.00 | 94.00 | xếp loại Tốt, dưới mức tối thiểu Xuất sắc "
            + "_(tier below the award's minimum)_ |",
        "| 1 | Tổ 1 (g01) | Hạ Đình | 98.00 | 97.00 | 99.00 | đã nhận Cờ thi đua (cả năm) "
            + "_(already holds an earlier award; one award per group)_ |",
        "| 4 | Tổ 5 (g05) | Hạ Đình | 92.58 | 92.16 | 93.00 | đồng hạng tại ngưỡng, bị loại (ties_at_cutoff: exclude) "
            + "_(tied at the cutoff, all tied groups dropped)_ |",
        "| 6 | Tổ 6 (g06) | Khương Đình | 92.00 | 91.00 | 93.00 | ngoài chỉ tiêu, kém người đạt cuối 1.00 điểm "
            + "_(outside the quota, 1.00 points behind the last winner)_ |",
        "| 2 | Tổ 5 (g05) | Hạ Đình | 92.58 | 92.16 | 93.00 | ngoài chỉ tiêu, bằng điểm người đạt cuối, xếp sau theo "
            + "tiêu chí phụ _(outside the quota: level on points with the last winner, behind on the tie-break)_ |",
        "| 3 | Tổ 6 (g06) | Khương Đình | 92.00 | 91.00 | 93.00 | ngoài chỉ tiêu, quota 0 "
            + "_(outside the quota: the quota is 0)_ |",
    ])
    func everyPassedOverReasonIsWordedForTheCommittee(line: String) {
        #expect(report.contains(line + "\n"))
    }

    @Test func cameCloseFollowsEachAwardsWinners() {
        let heading = "**Các tổ dân phố sát nút** _(groups that came close)_:\n\n"
        #expect(report.components(separatedBy: heading).count == 4, "one list per award")
        #expect(report.contains("| 2020-Q1 | 2020-Q2 | Lý do không được khen _(why not awarded)_ |\n"
            + "|---:|---|---|---:|---:|---:|---|\n"))
    }

    @Test func aMissingQuarterPrintsADashAndTheGroupIsListedAsNotRanked() {
        #expect(report.contains("## 3. Tổ dân phố không được xếp hạng _(Groups not ranked for the year)_\n\n"
            + "| Tổ dân phố _(group)_ | Phường _(ward)_ | 2020-Q1 | 2020-Q2 | Lý do _(reason)_ |\n"
            + "|---|---|---:|---:|---|\n"
            + "| Tổ 8 (g08) | Khương Đình | 88.00 | — | not ranked for the year: no data for 2020-Q2 |\n\n"))
        #expect(!report.contains("(g08) | Khương Đình | —"), "an unranked group is in no award table")
    }

    @Test func aYearWithEveryGroupRankedSaysNone() {
        var result = OutputFixtures.year()
        result.districtRank[7] = 8
        let text = ReportMarkdown.text(for: result)
        #expect(text.contains("## 3. Tổ dân phố không được xếp hạng _(Groups not ranked for the year)_\n\n"
            + "Không có _(none)_.\n\n## 4."))
    }

    @Test func warningsCloseTheReport() {
        #expect(report.hasSuffix("## 4. Cảnh báo _(Warnings)_\n\n- 2020: award 'giay-khen-nam' (district): tie at "
            + "the cutoff of 2 at district rank 4 between g04, g05; all excluded (ties_at_cutoff: exclude)\n"))
    }

    @Test func quarterReportListsTheGroupsThatCameCloseWithoutQuarterColumns() {
        var quarter = OutputFixtures.quarter()
        quarter.decisions = [
            AwardDecision(award: 0, unit: "district", unitSize: 4, quota: 1, winners: [0],
                          passedOver: [PassedOver(row: 1, reason: .notEligible),
                                       PassedOver(row: 2, reason: .outsideQuota(pointsBehind: 12.75))]),
            AwardDecision(award: 2, unit: "district", unitSize: 4, quota: 0, winners: [], passedOver: []),
        ]
        let text = ReportMarkdown.text(for: quarter)
        let table = """
            **Các tổ dân phố sát nút** _(groups that came close)_:

            | Hạng toàn quận _(district rank)_ | Tổ dân phố _(group)_ | Phường _(ward)_ | Tổng điểm _(total)_ \
            | Lý do không được khen _(why not awarded)_ |
            |---:|---|---|---:|---|
            | 2 | =HYPERLINK("x") (g02) | Khương Đình | 85.25 | không đủ điều kiện _(not eligible)_: \
            gate order_violations failed; culture below floor |
            | 2 | Tổ 3, "Phố Mới" (g03) | Khương Đình | 85.25 | ngoài chỉ tiêu, kém người đạt cuối 12.75 điểm \
            _(outside the quota, 12.75 points behind the last winner)_ |

            ### 3.2.
            """
        #expect(text.contains(table))
        #expect(text.contains("chỉ tiêu _(quota)_: 0 trên 4 tổ được xếp hạng _(of 4 ranked)_; số tổ được khen "
            + "_(winners)_: 0.\n\nKhông có _(none)_.\n\n**Các tổ dân phố sát nút** _(groups that came close)_: "
            + "không có _(none)_.\n\n## 4."))
        #expect(!text.contains("2020-Q1 |"), "a quarter has no quarterly columns")
    }

    @Test func yearReportFromAnEvaluatedRoundIsDeterministic() throws {
        let rows: [(String, String, String, Double, Double)] = [
            ("2020-Q1", "W", "a", 1, 1), ("2020-Q2", "W", "a", 1, 0.9),
            ("2020-Q1", "W", "b", 0.8, 0.8), ("2020-Q2", "W", "b", 0.9, 0.9),
            ("2020-Q1", "V", "c", 0.8, 0.8),
        ]
        let awards = "awards: [ { id: x, title: Cờ, scope: district, min_tier: A, quota: { count: 1 } } ]"
        let yaml = Fixture.config(awards: awards)
        func yearReport(jobs: Int) throws -> [UInt8] {
            let evaluator = Evaluator(round: try Fixture.round(yaml, Fixture.csv(rows)), jobs: jobs)
            return ReportMarkdown.bytes(for: evaluator.evaluateYear(quarters: try evaluator.evaluate()))
        }
        let bytes = try yearReport(jobs: 1)
        #expect(bytes == (try yearReport(jobs: 2)))
        let text = OutputFixtures.text(bytes)
        #expect(text.contains("| 1 | Tổ a (a) | W | 98.00 | 100.00 | 96.00 |\n"))
        #expect(text.contains("| 2 | Tổ b (b) | W | 85.00 | 80.00 | 90.00 | xếp loại B, dưới mức tối thiểu A"))
        #expect(text.contains("| Tổ c (c) | V | 80.00 | — | not ranked for the year: no data for 2020-Q2 |\n"))
    }
}

extension OutputFixtures {
    /// A year of two quarters, eight groups in two wards, three awards, with
    /// every way of being passed over: not eligible, tier too low, an
    /// earlier award, a tie dropped at the cutoff, outside the quota (behind
    /// on points, level on points, quota 0); and a group missing Q2.
    static func year() -> PeriodResult {
        var result = PeriodResult(
            period: "2020",
            groupIDs: ["g01", "g02", "g03", "g04", "g05", "g06", "g07", "g08"],
            groupNames: ["Tổ 1", "Tổ 2", "Tổ 3 | A", "Tổ 4", "Tổ 5", "Tổ 6", "Tổ 7", "Tổ 8"],
            wardOfRow: [0, 1, 1, 0, 0, 1, 0, 1],
            wardNames: ["Hạ Đình", "Khương Đình"],
            contentIDs: ["culture"],
            contentPoints: [[20, 19, 18, 17, 17, 16, 15, .nan]],
            criterionIDs: [], achievements: [],
            bonus: [0, 0, 0, 0, 0, 0, 0, .nan], deduction: [0, 0, 0, 0, 0, 0, 0, .nan],
            total: [98, 96.5, 93, 92.58, 92.58, 92, 85, .nan],
            tierNames: ["Xuất sắc", "Tốt", "Khá", "Chưa đạt"],
            tierOfRow: [0, 0, 1, 1, 1, 1, 2, -1],
            eligible: [true, false, true, true, true, true, true, false],
            reasons: [[], ["not eligible in 2020-Q2: incident", "tier Khá in 2020-Q1, below Tốt"], [], [], [], [], [],
                      ["not ranked for the year: no data for 2020-Q2"]],
            wardRank: [1, 1, 2, 2, 2, 3, 4, 0],
            districtRank: [1, 2, 3, 4, 4, 6, 7, 0],
            order: [0, 1, 2, 3, 4, 5, 6, 7],
            awardDefinitions: [
                AwardDefinition(id: "co-thi-dua-nam", title: "Cờ thi đua (cả năm)", scope: .district, minTier: 0),
                AwardDefinition(id: "giay-khen-nam", title: "Giấy khen (cả năm)", scope: .district, minTier: 1),
                AwardDefinition(id: "dan-dau-phuong-nam", title: "Dẫn đầu phường", scope: .ward, minTier: 2),
            ],
            grants: [
                AwardGrant(award: 0, scopeUnit: "district", row: 0),
                AwardGrant(award: 1, scopeUnit: "district", row: 2),
                AwardGrant(award: 2, scopeUnit: "Hạ Đình", row: 3),
            ],
            warnings: ["2020: award 'giay-khen-nam' (district): tie at the cutoff of 2 at district rank 4 "
                + "between g04, g05; all excluded (ties_at_cutoff: exclude)"])
        result.decisions = [
            AwardDecision(award: 0, unit: "district", unitSize: 7, quota: 1, winners: [0], passedOver: [
                PassedOver(row: 1, reason: .notEligible), PassedOver(row: 2, reason: .tierTooLow),
            ]),
            AwardDecision(award: 1, unit: "district", unitSize: 7, quota: 2, winners: [2], passedOver: [
                PassedOver(row: 0, reason: .holdsAward(0)), PassedOver(row: 1, reason: .notEligible),
                PassedOver(row: 3, reason: .tieAtCutoff), PassedOver(row: 4, reason: .tieAtCutoff),
                PassedOver(row: 5, reason: .outsideQuota(pointsBehind: 1)), PassedOver(row: 6, reason: .tierTooLow),
            ]),
            AwardDecision(award: 2, unit: "Hạ Đình", unitSize: 4, quota: 1, winners: [3], passedOver: [
                PassedOver(row: 0, reason: .holdsAward(0)), PassedOver(row: 4, reason: .outsideQuota(pointsBehind: 0)),
                PassedOver(row: 6, reason: .outsideQuota(pointsBehind: 7.58)),
            ]),
            AwardDecision(award: 2, unit: "Khương Đình", unitSize: 3, quota: 0, winners: [], passedOver: [
                PassedOver(row: 1, reason: .notEligible), PassedOver(row: 2, reason: .holdsAward(1)),
                PassedOver(row: 5, reason: .outsideQuota(pointsBehind: nil)),
            ]),
        ]
        result.yearPeriods = ["2020-Q1", "2020-Q2"]
        result.periodTotals = [[97, 96, 92, 93, 92.16, 91, 84, 88], [99, 97, 94, 92.16, 93, 93, 86, .nan]]
        return result
    }
}
