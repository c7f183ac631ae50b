/// The year's `report.md`: the draft of the committee's award decision (dự
/// thảo quyết định khen thưởng, SCORING.md 5).
///
/// Sections, in order: the title with the year and the round's periods, and
/// how the year total is made; a summary (groups, wards, ranked, not ranked,
/// eligible, tier counts, awards proposed); each award in precedence order
/// with its winners — rank, group, ward, year total and the total of every
/// quarter beside it — and the groups that came close with why each was
/// passed over; the groups not ranked for the year (a quarter missing) with
/// their quarterly totals and the reason; the warnings.
extension ReportMarkdown {
    /// Writes the year's report.
    /// - Parameters:
    ///   - result: The year's evaluation (`isYear`).
    ///   - out: The report, empty.
    static func writeYear(_ result: PeriodResult, into out: inout ReportText) {
        let year = cell(result.period)
        let periods = result.yearPeriods.map(cell).joined(separator: ", ")
        out += "# Dự thảo quyết định khen thưởng năm \(year) (\(periods))\n\n"
        out += "_Draft of the committee's award decision for the year \(year), periods \(periods)._\n\n"
        out += "Điểm cả năm của mỗi tổ là trung bình cộng điểm các quý; tổ thiếu số liệu của một quý "
        out += "không được xếp hạng. _(A group's year total is the mean of its quarterly totals; "
        out += "a group missing a quarter is not ranked.)_\n\n"
        yearSummary(result, TierCounts(result), into: &out)
        awards(result, section: 2, into: &out)
        notRanked(result, into: &out)
        warnings(result, section: 4, into: &out)
    }

    /// Section 1: the headline numbers of the year.
    private static func yearSummary(_ result: PeriodResult, _ counts: TierCounts, into out: inout ReportText) {
        let rows = 0..<result.rowCount
        let ranked = rows.reduce(0) { $0 + (PeriodResult.rankValue(result.districtRank, $1) == nil ? 0 : 1) }
        let eligible = rows.reduce(0) { $0 + (result.isEligibleRow($1) ? 1 : 0) }
        out += "## 1. Tóm tắt _(Summary)_\n\n"
        out += "- Số tổ dân phố _(groups)_: \(result.rowCount)\n"
        out += "- Số phường _(wards)_: \(result.wardNames.count)\n"
        out += "- Được xếp hạng cả năm _(ranked for the year)_: \(ranked)\n"
        out += "- Không được xếp hạng _(not ranked: a quarter missing)_: \(result.rowCount - ranked)\n"
        out += "- Đủ điều kiện cả năm _(eligible for the year)_: \(eligible)\n"
        out += "- Không đủ điều kiện _(not eligible)_: \(result.rowCount - eligible)\n"
        let tiers = counts.columns.indices.map { "\(cell(counts.columns[$0])): \(counts.district[$0])" }
        out += "- Xếp loại cả năm _(year tiers)_: \(tiers.joined(separator: "; "))\n"
        out += "- Số tổ đề nghị khen thưởng _(awards proposed)_: \(result.grants.count)\n\n"
    }

    /// Section 3: the groups the year does not rank, with their quarterly
    /// totals (`—` for the quarter they miss) and the reason.
    private static func notRanked(_ result: PeriodResult, into out: inout ReportText) {
        out += "## 3. Tổ dân phố không được xếp hạng _(Groups not ranked for the year)_\n\n"
        let rows = result.outputOrder.filter { PeriodResult.rankValue(result.districtRank, $0) == nil }
        guard !rows.isEmpty else {
            out += "Không có _(none)_.\n\n"
            return
        }
        let quarters = result.yearPeriods.map(cell)
        let titles = ["Tổ dân phố _(group)_", "Phường _(ward)_"] + quarters + ["Lý do _(reason)_"]
        let alignment = ["---", "---"] + quarters.map { _ in "---:" } + ["---"]
        out += "| " + titles.joined(separator: " | ") + " |\n|" + alignment.joined(separator: "|") + "|\n"
        for row in rows {
            let cells = ["\(cell(result.groupNames[row])) (\(cell(result.groupIDs[row])))",
                         cell(result.wardNameOfRow(row))]
                + quarterCells(result, row) + [cell(result.reasonsTextOfRow(row))]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\n"
    }
}
