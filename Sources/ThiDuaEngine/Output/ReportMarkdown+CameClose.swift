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
                          into out: inout ReportText) {
        guard !decisions.isEmpty else { return }
        out += "**Các tổ dân phố sát nút** _(groups that came close)_:"
        guard decisions.contains(where: { $0.passedOver.contains { $0.row < result.rowCount } }) else {
            out += " không có _(none)_.\n\n"
            return
        }
        out += "\n\n" + tableHeader(result, award, last: ["Lý do không được khen _(why not awarded)_"])
        for decision in decisions {
            for group in decision.passedOver where group.row < result.rowCount {
                groupRow(result, group.row, rank: awardRank(result, award, group.row), ward: true, tier: false,
                         quarters: true, closed: false, into: &out)
                out.append(" | ")
                writeReason(for: group, in: decision, of: result, into: &out)
                out.append(" |\n")
            }
        }
        out += "\n"
    }

    /// Writes why `passed` did not receive the award of `decision`, in the
    /// committee's words (Vietnamese, then an English gloss), escaped for a
    /// table cell: e.g. `ngoài chỉ tiêu, kém người đạt cuối 0.42 điểm _(…)_`.
    ///
    /// Written piece by piece into the report: a national report has tens of
    /// thousands of these.
    /// - Parameters:
    ///   - passed: The group passed over.
    ///   - decision: The decision that passed it over.
    ///   - result: The evaluation.
    ///   - out: The report so far.
    static func writeReason(
        for passed: PassedOver, in decision: AwardDecision, of result: PeriodResult, into out: inout ReportText
    ) {
        switch passed.reason {
        case .notEligible:
            out += "không đủ điều kiện _(not eligible)_"
            let why = result.reasonsTextOfRow(passed.row)
            if !why.isEmpty {
                out.append(": ")
                out.append(cell: why)
            }
        case .tierTooLow:
            let award = result.awardDefinitions.indices.contains(decision.award)
                ? result.awardDefinitions[decision.award] : nil
            let minimum = award.flatMap { award in
                result.tierNames.indices.contains(Int(award.minTier)) ? result.tierNames[Int(award.minTier)] : nil
            }
            out += "xếp loại "
            out += cell(result.tierNameOfRow(passed.row))
            if let minimum {
                out += ", dưới mức tối thiểu "
                out += cell(minimum)
                out += " _(tier below the award's minimum)_"
            } else {
                out += " chưa đủ _(tier too low)_"
            }
        case .holdsAward(let earlier):
            out += "đã nhận "
            out += result.awardDefinitions.indices.contains(earlier)
                ? cell(result.awardDefinitions[earlier].title) : "một khen thưởng khác"
            out += " _(already holds an earlier award; one award per group)_"
        case .tieAtCutoff:
            out += "đồng hạng tại ngưỡng, bị loại (ties_at_cutoff: exclude) "
            out += "_(tied at the cutoff, all tied groups dropped)_"
        case .outsideQuota(let pointsBehind):
            writeOutsideQuota(pointsBehind, quota: decision.quota, into: &out)
        }
    }

    /// The wording for a candidate the quota left out.
    private static func writeOutsideQuota(_ pointsBehind: Double?, quota: Int, into out: inout ReportText) {
        guard let pointsBehind else {
            out += quota == 0
                ? "ngoài chỉ tiêu, quota 0 _(outside the quota: the quota is 0)_"
                : "ngoài chỉ tiêu, không tổ nào được chọn _(outside the quota: no group was selected)_"
            return
        }
        if Tolerance.atMost(pointsBehind, 0) {
            out += "ngoài chỉ tiêu, bằng điểm người đạt cuối, xếp sau theo tiêu chí phụ "
            out += "_(outside the quota: level on points with the last winner, behind on the tie-break)_"
            return
        }
        let behind = points(pointsBehind)
        out += "ngoài chỉ tiêu, kém người đạt cuối "
        out += behind
        out += " điểm _(outside the quota, "
        out += behind
        out += " points behind the last winner)_"
    }
}
