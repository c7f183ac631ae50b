import ScoringKit

/// Turns plugin results into content points, totals, eligibility and tiers
/// (SCORING.md 3.3). Linear in rows × entries; no lookups by name.
struct Aggregation {
    let config: RoundConfig

    /// - Parameters:
    ///   - results: `[entry][row]` in `RoundConfig.allEntries` order.
    ///   - table: The period's table.
    /// - Returns: A result with every per-row figure but identities, ranks
    ///   and awards, which the evaluator fills in.
    /// - Throws: `DiagnosticError` when a plugin returned a value outside
    ///   its role's range (a plugin bug, reported rather than trusted).
    func aggregate(_ results: [[Double]], table: PeriodTable) throws -> PeriodResult {
        let rowCount = table.rowCount
        let criteria = config.criteria
        try check(results, rowCount: rowCount, period: table.period)
        var next = 0
        var contentPoints: [[Double]] = []
        for content in config.contents {
            let range = next..<(next + content.criteria.count)
            next = range.upperBound
            let totalWeight = content.criteria.reduce(0) { $0 + $1.weight }
            var weighted = [Double](repeating: 0, count: rowCount)
            for (offset, criterion) in zip(range, content.criteria) {
                let achievement = results[offset]
                for row in 0..<rowCount { weighted[row] += criterion.weight * achievement[row] }
            }
            contentPoints.append(weighted.map { content.points * $0 / totalWeight })
        }
        let bonusRange = next..<(next + config.bonuses.count)
        let deductionRange = bonusRange.upperBound..<(bonusRange.upperBound + config.deductions.count)
        let gateRange = deductionRange.upperBound..<(deductionRange.upperBound + config.gates.count)
        let bonus = sums(results[bonusRange], rowCount: rowCount).map { sum in config.bonusCap.map { min($0, sum) } ?? sum }
        let deduction = sums(results[deductionRange], rowCount: rowCount)

        var total = [Double](repeating: 0, count: rowCount)
        var eligible = [Bool](repeating: true, count: rowCount)
        var reasons = [[String]](repeating: [], count: rowCount)
        var tierOfRow = [Int32](repeating: 0, count: rowCount)
        for row in 0..<rowCount {
            var base = 0.0
            for points in contentPoints { base += points[row] }
            // `+ 0` turns a negative zero into zero so it never prints as "-0.00".
            total[row] = max(0, base + bonus[row] - deduction[row]) + 0
            for (offset, gate) in zip(gateRange, config.gates) where results[offset][row] < 0.5 {
                eligible[row] = false
                reasons[row].append(gate.plugin.failureReason ?? "gate '\(gate.id)' failed")
            }
            if let floor = config.contentFloor {
                for (index, content) in config.contents.enumerated()
                where !Tolerance.atLeast(contentPoints[index][row], floor * content.points) {
                    eligible[row] = false
                    reasons[row].append(
                        "content '\(content.id)' below the floor: \(TwoDecimals.string(contentPoints[index][row])) of \(formatNumber(content.points)) points, needs \(TwoDecimals.string(floor * content.points))")
                }
            }
            // The last tier's minimum is 0 and totals are ≥ 0, so one always matches.
            tierOfRow[row] = Int32(config.tiers.firstIndex { Tolerance.atLeast(total[row], $0.min) } ?? config.tiers.count - 1)
        }
        return PeriodResult(
            period: table.period, groupIDs: [], groupNames: [], wardOfRow: table.wardOfRow, wardNames: table.wardNames,
            contentIDs: config.contents.map(\.id), contentPoints: contentPoints,
            criterionIDs: criteria.map(\.id), achievements: Array(results[0..<criteria.count]),
            bonus: bonus, deduction: deduction, total: total,
            tierNames: config.tiers.map(\.name), tierOfRow: tierOfRow, eligible: eligible, reasons: reasons,
            wardRank: [], districtRank: [], order: [],
            awardDefinitions: config.awards.map { AwardDefinition(id: $0.id, title: $0.title, scope: $0.scope, minTier: Int32($0.minTier)) },
            grants: [], warnings: [])
    }

    private func sums(_ columns: ArraySlice<[Double]>, rowCount: Int) -> [Double] {
        var sum = [Double](repeating: 0, count: rowCount)
        for column in columns {
            for row in 0..<rowCount { sum[row] += column[row] }
        }
        return sum
    }

    /// A criterion must give a in [0, 1]; bonuses and deductions finite
    /// points ≥ 0. Third-party plugins are checked, not trusted.
    private func check(_ results: [[Double]], rowCount: Int, period: String) throws {
        for (index, item) in config.allEntries.enumerated() {
            let isCriterion = index < config.criteria.count
            guard item.kind != "gate" else { continue }
            for row in 0..<rowCount {
                let value = results[index][row]
                let valid = isCriterion ? (value >= 0 && value <= 1) : (value >= 0 && value.isFinite)
                if !valid {
                    throw DiagnosticError(
                        at: item.entry.location,
                        "\(period): plugin '\(item.entry.pluginName)' returned \(value) for \(item.kind) '\(item.entry.id)'",
                        hint: isCriterion ? "a criterion plugin must return an achievement in [0, 1]"
                                          : "a bonus or deduction plugin must return finite points ≥ 0")
                }
            }
        }
    }
}
