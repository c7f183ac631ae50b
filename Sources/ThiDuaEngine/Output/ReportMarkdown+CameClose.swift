import ScoringKit

/// "Các tổ dân phố sát nút": the groups an award passed over, and why.
///
/// A committee asked "why not this group?" wants the answer on the page, in
/// its own words: not eligible (and which gate, floor or quarter), a tier
/// below the award's minimum, an earlier award already held, a tie dropped
/// at the cutoff, or simply outside the quota and by how many points.
extension ReportMarkdown {
    /// Writes the list of groups that came close to `award`, under its
    /// winners: one table for all its units, rows unit by unit (the
    /// district, or each ward in order), then in ranking order.
    ///
    /// Writes nothing when the result carries no decision for the award
    /// (a result built by hand), and "none" when no group was passed over.
    /// - Parameters:
    ///   - result: The evaluation.
    ///   - award: The award.
    ///   - decisions: The award's decisions, one per unit.
    ///   - out: The report so far.
    static func cameClose(_ result: PeriodResult, _ award: AwardDefinition, _ decisions: [AwardDecision],
                          into out: inout String) {
        guard !decisions.isEmpty else { return }
        let passed = decisions.flatMap { decision in
            decision.passedOver.filter { $0.row < result.rowCount }.map { (decision, $0) }
        }
        out += "**Các tổ dân phố sát nút** _(groups that came close)_:"
        guard !passed.isEmpty else {
            out += " không có _(none)_.\n\n"
            return
        }
        out += "\n\n" + tableHeader(result, award, last: ["Lý do không được khen _(why not awarded)_"])
        for (decision, group) in passed {
            let why = reason(for: group, in: decision, of: result)
            out += groupRow(result, group.row, rank: awardRank(result, award, group.row), ward: true, tier: false,
                            extra: quarterCells(result, group.row) + [why])
        }
        out += "\n"
    }

    /// Why `passed` did not receive the award of `decision`, in the
    /// committee's words (Vietnamese, then an English gloss), escaped for a
    /// table cell.
    /// - Parameters:
    ///   - passed: The group passed over.
    ///   - decision: The decision that passed it over.
    ///   - result: The evaluation.
    /// - Returns: E.g. `ngoài chỉ tiêu, kém người đạt cuối 0.42 điểm _(…)_`.
    static func reason(for passed: PassedOver, in decision: AwardDecision, of result: PeriodResult) -> String {
        switch passed.reason {
        case .notEligible:
            let why = result.reasonsTextOfRow(passed.row)
            return "không đủ điều kiện _(not eligible)_" + (why.isEmpty ? "" : ": " + cell(why))
        case .tierTooLow:
            let award = result.awardDefinitions.indices.contains(decision.award)
                ? result.awardDefinitions[decision.award] : nil
            let minimum = award.flatMap { award in
                result.tierNames.indices.contains(Int(award.minTier)) ? result.tierNames[Int(award.minTier)] : nil
            }
            let tier = cell(result.tierNameOfRow(passed.row))
            guard let minimum else { return "xếp loại \(tier) chưa đủ _(tier too low)_" }
            return "xếp loại \(tier), dưới mức tối thiểu \(cell(minimum)) _(tier below the award's minimum)_"
        case .holdsAward(let earlier):
            let title = result.awardDefinitions.indices.contains(earlier)
                ? cell(result.awardDefinitions[earlier].title) : "một khen thưởng khác"
            return "đã nhận \(title) _(already holds an earlier award; one award per group)_"
        case .tieAtCutoff:
            return "đồng hạng tại ngưỡng, bị loại (ties_at_cutoff: exclude) "
                + "_(tied at the cutoff, all tied groups dropped)_"
        case .outsideQuota(let pointsBehind):
            return outsideQuota(pointsBehind, quota: decision.quota)
        }
    }

    /// The wording for a candidate the quota left out.
    private static func outsideQuota(_ pointsBehind: Double?, quota: Int) -> String {
        guard let pointsBehind else {
            return quota == 0
                ? "ngoài chỉ tiêu, quota 0 _(outside the quota: the quota is 0)_"
                : "ngoài chỉ tiêu, không tổ nào được chọn _(outside the quota: no group was selected)_"
        }
        if Tolerance.atMost(pointsBehind, 0) {
            return "ngoài chỉ tiêu, bằng điểm người đạt cuối, xếp sau theo tiêu chí phụ "
                + "_(outside the quota: level on points with the last winner, behind on the tie-break)_"
        }
        let behind = points(pointsBehind)
        return "ngoài chỉ tiêu, kém người đạt cuối \(behind) điểm "
            + "_(outside the quota, \(behind) points behind the last winner)_"
    }
}
