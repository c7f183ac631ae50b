import ScoringKit

/// The year as a whole (SCORING.md 5), built from the quarterly results of
/// every period of the round.
///
/// A group's year total and content points are the means of its quarterly
/// ones; a group missing any period is listed but not ranked. Tier, ranking
/// and awards then follow 3.3–3.5 on the year figures.
struct YearAggregation {
    let config: RoundConfig
    let wardNames: [String]

    /// The folder name of the year: `2020`, or `2020-2021` for a round that
    /// spans years.
    static func label(for periods: [String]) -> String {
        let years = periods.map { String($0.prefix(4)) }
        guard let first = years.min(), let last = years.max() else { return "year" }
        return first == last ? first : "\(first)-\(last)"
    }

    /// - Parameter quarters: The results of `config.periods`, in that order.
    func aggregate(_ quarters: [PeriodResult]) -> PeriodResult {
        let periods = quarters.map(\.period)
        // Join the quarters on group_id: one year row per group seen anywhere.
        var rowOfGroup: [String: Int] = [:]
        var ids: [String] = [], names: [String] = [], wards: [Int32] = []
        var rowIn: [[Int32]] = []
        for (index, quarter) in quarters.enumerated() {
            for row in 0..<quarter.rowCount {
                let id = quarter.groupIDs[row]
                let yearRow: Int
                if let known = rowOfGroup[id] {
                    yearRow = known
                    // The latest quarter's name and ward describe the group.
                    names[yearRow] = quarter.groupNames[row]
                    wards[yearRow] = quarter.wardOfRow[row]
                } else {
                    yearRow = ids.count
                    rowOfGroup[id] = yearRow
                    ids.append(id)
                    names.append(quarter.groupNames[row])
                    wards.append(quarter.wardOfRow[row])
                    for period in rowIn.indices { rowIn[period].append(-1) }
                }
                if rowIn.count <= index { rowIn.append([Int32](repeating: -1, count: ids.count)) }
                rowIn[index][yearRow] = Int32(row)
            }
            if rowIn.count <= index { rowIn.append([Int32](repeating: -1, count: ids.count)) }
        }
        let count = ids.count
        let contentCount = config.contents.count
        var total = [Double](repeating: .nan, count: count)
        var bonus = total, deduction = total
        var contents = [[Double]](repeating: total, count: contentCount)
        var periodTotals = [[Double]](repeating: total, count: quarters.count)
        var eligible = [Bool](repeating: false, count: count)
        var reasons = [[String]](repeating: [], count: count)
        var tierOfRow = [Int32](repeating: -1, count: count)
        var ranked: [Int32] = []
        let quarterCount = Double(quarters.count)

        for row in 0..<count {
            let missing = periods.indices.filter { rowIn[$0][row] < 0 }
            for (index, quarter) in quarters.enumerated() where rowIn[index][row] >= 0 {
                periodTotals[index][row] = quarter.total[Int(rowIn[index][row])]
            }
            guard missing.isEmpty, !quarters.isEmpty else {
                reasons[row] = ["not ranked for the year: no data for \(missing.map { periods[$0] }.joined(separator: ", "))"]
                continue
            }
            var sums = (total: 0.0, bonus: 0.0, deduction: 0.0)
            var contentSums = [Double](repeating: 0, count: contentCount)
            var why: [String] = []
            for (index, quarter) in quarters.enumerated() {
                let q = Int(rowIn[index][row])
                sums.total += quarter.total[q]
                sums.bonus += quarter.bonus[q]
                sums.deduction += quarter.deduction[q]
                for content in 0..<contentCount { contentSums[content] += quarter.contentPoints[content][q] }
                if !quarter.eligible[q] {
                    why.append("not eligible in \(quarter.period): \(quarter.reasons[q].joined(separator: "; "))")
                }
                if let minTier = config.year?.minTierEveryPeriod, Int(quarter.tierOfRow[q]) > minTier {
                    why.append("tier \(quarter.tierNames[Int(quarter.tierOfRow[q])]) in \(quarter.period), below \(config.tiers[minTier].name)")
                }
            }
            total[row] = sums.total / quarterCount
            bonus[row] = sums.bonus / quarterCount
            deduction[row] = sums.deduction / quarterCount
            for content in 0..<contentCount { contents[content][row] = contentSums[content] / quarterCount }
            if let floor = config.contentFloor {
                for (index, content) in config.contents.enumerated()
                where !Tolerance.atLeast(contents[index][row], floor * content.points) {
                    why.append(
                        "content '\(content.id)' below the floor for the year: \(TwoDecimals.string(contents[index][row])) of \(formatNumber(content.points)) points, needs \(TwoDecimals.string(floor * content.points))")
                }
            }
            eligible[row] = why.isEmpty
            reasons[row] = why
            // The last tier's minimum is 0 and means of totals are ≥ 0.
            tierOfRow[row] = Int32(config.tiers.firstIndex { Tolerance.atLeast(total[row], $0.min) } ?? config.tiers.count - 1)
            ranked.append(Int32(row))
        }

        let ranking = Ranking.rank(keys: [total] + config.tieBreak.map { contents[$0] }, ids: ids, units: wards,
                                   unitCount: wardNames.count, rows: ranked)
        let unranked = (0..<Int32(count)).filter { ranking.rank[Int($0)] == 0 }
            .sorted { ids[Int($0)].utf8.lexicographicallyPrecedes(ids[Int($1)].utf8) }
        let label = Self.label(for: periods)
        let awards = config.year?.awards ?? config.awards
        let population = AwardSelector.Population(
            ids: ids, wardOfRow: wards, wardNames: wardNames, eligible: eligible, tierOfRow: tierOfRow,
            total: total, rank: ranking.rank, wardRank: ranking.unitRank, order: ranking.order,
            wardOrder: ranking.unitOrder)
        let decided = AwardSelector.select(awards, in: population, period: label)
        var result = PeriodResult(
            period: label, groupIDs: ids, groupNames: names, wardOfRow: wards, wardNames: wardNames,
            contentIDs: config.contents.map(\.id), contentPoints: contents, criterionIDs: [], achievements: [],
            bonus: bonus, deduction: deduction, total: total,
            tierNames: config.tiers.map(\.name), tierOfRow: tierOfRow, eligible: eligible, reasons: reasons,
            wardRank: ranking.unitRank, districtRank: ranking.rank, order: ranking.order + unranked,
            awardDefinitions: awards.map { AwardDefinition(id: $0.id, title: $0.title, scope: $0.scope, minTier: Int32($0.minTier)) },
            grants: decided.grants, warnings: decided.warnings)
        result.decisions = decided.decisions
        result.yearPeriods = periods
        result.periodTotals = periodTotals
        return result
    }
}

extension Evaluator {
    /// Evaluates the year as a whole from the results of every period of
    /// the round (SCORING.md 5).
    /// - Parameter quarters: `evaluate()` of all the round's periods.
    /// - Precondition: `quarters` are the round's periods, in order.
    /// - Parameter config: The config to decide with (see `decide(_:config:)`);
    ///   by default the round's.
    public func evaluateYear(quarters: [PeriodResult], config: RoundConfig? = nil) -> PeriodResult {
        precondition(quarters.map(\.period) == round.config.periods, "the year needs every period of the round")
        return YearAggregation(config: config ?? round.config, wardNames: round.data.wardNames).aggregate(quarters)
    }
}
