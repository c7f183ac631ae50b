extension ReportMarkdown {
    /// Section 3: each award, in precedence order, with its winners.
    static func awards(_ result: PeriodResult, into out: inout String) {
        out += "## 3. Khen thưởng _(Awards)_\n\n"
        if result.awardDefinitions.isEmpty {
            out += "Không có _(none)_.\n\n"
            return
        }
        var winners = [[AwardGrant]](repeating: [], count: result.awardDefinitions.count)
        for grant in result.grants where winners.indices.contains(grant.award) {
            winners[grant.award].append(grant)
        }
        for (index, award) in result.awardDefinitions.enumerated() {
            let scope = award.scope == .district ? "toàn quận _(district)_" : "từng phường _(each ward)_"
            out += "### 3.\(index + 1). \(cell(award.title))\n\n"
            out += "Phạm vi _(scope)_: \(scope); số tổ được khen _(winners)_: \(winners[index].count).\n\n"
            guard !winners[index].isEmpty else {
                out += "Không có _(none)_.\n\n"
                continue
            }
            let rankHeader = award.scope == .district
                ? "Hạng toàn quận _(district rank)_" : "Hạng trong phường _(ward rank)_"
            out += "| \(rankHeader) | Tổ dân phố _(group)_ | Phường _(ward)_ | Tổng điểm _(total)_ |\n"
            out += "|---:|---|---|---:|\n"
            for grant in winners[index] where grant.row < result.rowCount {
                let ranks = award.scope == .district ? result.districtRank : result.wardRank
                let rank = PeriodResult.rankValue(ranks, grant.row)
                out += groupRow(result, grant.row, rank: rank, ward: true, tier: false)
            }
            out += "\n"
        }
    }

    /// Section 4: the groups with ward rank 1–3 in each ward, in ranking
    /// order (more than three when tied).
    static func topOfEachWard(_ result: PeriodResult, into out: inout String) {
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
                out += groupRow(result, row, rank: rank, ward: false, tier: true)
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
