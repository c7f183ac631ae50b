extension ReportMarkdown {
    /// Section `section`: each award, in precedence order, with its
    /// winners and the groups that came close.
    ///
    /// A ward award has one table for all wards, with a ward column, rows
    /// by ward: in minutes a list of eleven one-row tables reads worse. The
    /// year's tables add the group's total in each quarter. Winners come
    /// from `grants`, so the report never disagrees with `awards.csv`; the
    /// quota and the groups that came close come from `decisions`.
    static func awards(_ result: PeriodResult, section: Int, into out: inout ReportText) {
        out += result.isYear ? "## \(section). Đề nghị khen thưởng _(Proposed awards)_\n\n"
                             : "## \(section). Khen thưởng _(Awards)_\n\n"
        if result.awardDefinitions.isEmpty {
            out += "Không có _(none)_.\n\n"
            return
        }
        var winners = [[AwardGrant]](repeating: [], count: result.awardDefinitions.count)
        for grant in result.grants where winners.indices.contains(grant.award) {
            winners[grant.award].append(grant)
        }
        var decisions = [[AwardDecision]](repeating: [], count: result.awardDefinitions.count)
        for decision in result.decisions where decisions.indices.contains(decision.award) {
            decisions[decision.award].append(decision)
        }
        for (index, award) in result.awardDefinitions.enumerated() {
            let scope = award.scope == .district ? "toàn quận _(district)_" : "từng phường _(each ward)_"
            out += "### \(section).\(index + 1). \(cell(award.title))\n\n"
            out += "Phạm vi _(scope)_: \(scope)\(quota(decisions[index], award))"
            out += "; số tổ được khen _(winners)_: \(winners[index].count).\n\n"
            if winners[index].isEmpty {
                out += "Không có _(none)_.\n\n"
            } else {
                out += tableHeader(result, award, last: [])
                for grant in winners[index] where grant.row < result.rowCount {
                    groupRow(result, grant.row, rank: awardRank(result, award, grant.row), ward: true,
                             tier: false, quarters: true, into: &out)
                }
                out += "\n"
            }
            cameClose(result, award, decisions[index], into: &out)
        }
    }

    /// `; chỉ tiêu (quota): …` for the scope line, or nothing when the
    /// result carries no decisions for the award.
    private static func quota(_ decisions: [AwardDecision], _ award: AwardDefinition) -> String {
        guard let first = decisions.first else { return "" }
        if award.scope == .district {
            let ranked = first.unitSize
            return "; chỉ tiêu _(quota)_: \(first.quota) trên \(ranked) tổ được xếp hạng _(of \(ranked) ranked)_"
        }
        if decisions.allSatisfy({ $0.quota == first.quota }) {
            return "; chỉ tiêu _(quota)_: \(first.quota) mỗi phường _(per ward)_"
        }
        return "; chỉ tiêu _(quota)_: " + decisions.map { "\(cell($0.unit)) \($0.quota)" }.joined(separator: ", ")
    }

    /// The header and alignment rows of an award's table: rank, group,
    /// ward, total, the year's quarters, then `last` (left-aligned).
    static func tableHeader(_ result: PeriodResult, _ award: AwardDefinition, last: [String]) -> String {
        let rank = award.scope == .district
            ? "Hạng toàn quận _(district rank)_" : "Hạng trong phường _(ward rank)_"
        let totalTitle = result.isYear ? "Điểm cả năm _(year total)_" : "Tổng điểm _(total)_"
        let quarters = result.yearPeriods.map(cell)
        let titles = [rank, "Tổ dân phố _(group)_", "Phường _(ward)_", totalTitle] + quarters + last
        let alignment = ["---:", "---", "---", "---:"] + quarters.map { _ in "---:" } + last.map { _ in "---" }
        return "| " + titles.joined(separator: " | ") + " |\n|" + alignment.joined(separator: "|") + "|\n"
    }

    /// The rank an award's tables show: district rank for a district award,
    /// ward rank for a ward award.
    static func awardRank(_ result: PeriodResult, _ award: AwardDefinition, _ row: Int) -> Int? {
        PeriodResult.rankValue(award.scope == .district ? result.districtRank : result.wardRank, row)
    }

    /// The group's total in each of the year's quarters (none for a quarter).
    static func quarterCells(_ result: PeriodResult, _ row: Int) -> [String] {
        result.yearPeriods.indices.map { period in
            let column = period < result.periodTotals.count ? result.periodTotals[period] : []
            return points(PeriodResult.rowValue(column, row) ?? .nan)
        }
    }

    /// Section 4: the groups with ward rank 1–3 in each ward, in ranking
    /// order (more than three when tied).
    static func topOfEachWard(_ result: PeriodResult, into out: inout ReportText) {
        out += "## 4. Ba tổ dẫn đầu mỗi phường _(Top 3 of each ward)_\n\n"
        var top = [[Int]](repeating: [], count: result.wardNames.count)
        for row in result.outputOrder {
            guard let rank = PeriodResult.rankValue(result.wardRank, row), rank <= 3 else { continue }
            let ward = Int(result.wardOfRow[row])
            if top.indices.contains(ward) { top[ward].append(row) }
        }
        if result.wardNames.isEmpty { out += "Không có _(none)_.\n\n" }
        for ward in result.wardNames.indices {
            out += "### \(cell(result.wardNames[ward]))\n\n"
            guard !top[ward].isEmpty else {
                out += "Không có _(none)_.\n\n"
                continue
            }
            out += "| Hạng _(rank)_ | Tổ dân phố _(group)_ | Tổng điểm _(total)_ | Xếp loại _(tier)_ |\n"
            out += "|---:|---|---:|---|\n"
            for row in top[ward] {
                let rank = PeriodResult.rankValue(result.wardRank, row)
                groupRow(result, row, rank: rank, ward: false, tier: true, into: &out)
            }
            out += "\n"
        }
    }

    /// Tier counts per ward and for the district, counted in one pass.
    ///
    /// The columns are the tier names, plus `Chưa xếp loại (no tier)` when some
    /// group has none (a group the year does not rank).
    struct TierCounts {
        /// Column titles: the tiers in config order, maybe "no tier".
        var columns: [String]
        /// Counts, `[ward][column]`.
        var perWard: [[Int]]
        /// Counts for the whole district, per column.
        var district: [Int]

        /// Counts the rows of `result`.
        init(_ result: PeriodResult) {
            let tierCount = result.tierNames.count
            let untiered = (0..<result.rowCount).contains { result.tierIndexOfRow($0) == nil }
            columns = result.tierNames + (untiered ? ["Chưa xếp loại _(no tier)_"] : [])
            perWard = [[Int]](repeating: [Int](repeating: 0, count: columns.count), count: result.wardNames.count)
            district = [Int](repeating: 0, count: columns.count)
            for row in 0..<result.rowCount {
                let column = result.tierIndexOfRow(row) ?? tierCount
                district[column] += 1
                let ward = row < result.wardOfRow.count ? Int(result.wardOfRow[row]) : -1
                if perWard.indices.contains(ward) { perWard[ward][column] += 1 }
            }
        }
    }
}
