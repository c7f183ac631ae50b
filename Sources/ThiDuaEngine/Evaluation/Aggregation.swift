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
        // Column by column, each sum in the same order as a row-by-row
        // reading would add it, so every figure has the same bits; a row
        // loop through `config` retained and released its entries per row.
        var next = 0
        var contentPoints: [[Double]] = []
        for content in config.contents {
            let range = next..<(next + content.criteria.count)
            next = range.upperBound
            let totalWeight = content.criteria.reduce(0) { $0 + $1.weight }
            var weighted = [Double](repeating: 0, count: rowCount)
            for (offset, criterion) in zip(range, content.criteria) {
                let weight = criterion.weight
                results[offset].withUnsafeBufferPointer { achievement in
                    weighted.withUnsafeMutableBufferPointer { weighted in
                        for row in 0..<rowCount { weighted[row] += weight * achievement[row] }
                    }
                }
            }
            let points = content.points
            weighted.withUnsafeMutableBufferPointer { weighted in
                for row in 0..<rowCount { weighted[row] = points * weighted[row] / totalWeight }
            }
            contentPoints.append(weighted)
        }
        let bonusRange = next..<(next + config.bonuses.count)
        let deductionRange = bonusRange.upperBound..<(bonusRange.upperBound + config.deductions.count)
        let gateRange = deductionRange.upperBound..<(deductionRange.upperBound + config.gates.count)
        var bonus = sums(results[bonusRange], rowCount: rowCount)
        if let cap = config.bonusCap {
            for row in 0..<rowCount { bonus[row] = min(cap, bonus[row]) }
        }
        let deduction = sums(results[deductionRange], rowCount: rowCount)

        var total = sums(contentPoints[...], rowCount: rowCount)
        for row in 0..<rowCount {
            // `+ 0` turns a negative zero into zero so it never prints as "-0.00".
            total[row] = max(0, total[row] + bonus[row] - deduction[row]) + 0
        }
        var eligible = [Bool](repeating: true, count: rowCount)
        var reasons = [[String]](repeating: [], count: rowCount)
        for (offset, gate) in zip(gateRange, config.gates) {
            let reason = gate.plugin.failureReason ?? "gate '\(gate.id)' failed"
            let passes = results[offset]
            for row in 0..<rowCount where passes[row] < 0.5 {
                eligible[row] = false
                reasons[row].append(reason)
            }
        }
        if let floor = config.contentFloor {
            for (index, content) in config.contents.enumerated() {
                let needed = floor * content.points
                let points = contentPoints[index]
                let reason = FloorReason(content: content, needed: needed, period: "")
                for row in 0..<rowCount where !Tolerance.atLeast(points[row], needed) {
                    eligible[row] = false
                    reasons[row].append(reason.text(points: points[row]))
                }
            }
        }
        let tierOfRow = Self.tiers(of: total, minimums: config.tiers.map(\.min))
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

    /// The tier of each total: the first whose minimum it reaches. The last
    /// tier's minimum is 0 and totals are ≥ 0, so one always matches; a NaN
    /// total (a group the year does not rank) gets -1.
    static func tiers(of totals: [Double], minimums: [Double]) -> [Int32] {
        totals.map { total in
            if total.isNaN { return -1 }
            var tier = 0
            while tier < minimums.count - 1 && !Tolerance.atLeast(total, minimums[tier]) { tier += 1 }
            return Int32(tier)
        }
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

/// The reason a content under the floor gives (README "Rules the contract
/// leaves open"): `content 'ID' below the floor: P of N points, needs F`,
/// or `… below the floor for the year: …`. The fixed parts are made once
/// per content, so a row that fails pays for one string, not for the
/// pieces of an interpolation.
struct FloorReason {
    private let head: String
    private let tail: String

    /// - Parameters:
    ///   - content: The content.
    ///   - needed: floor × points.
    ///   - period: `""` for a quarter, `" for the year"` for the year.
    init(content: ContentConfig, needed: Double, period: String) {
        head = "content '\(content.id)' below the floor\(period): "
        tail = " of \(formatNumber(content.points)) points, needs \(TwoDecimals.string(needed))"
    }

    /// The reason for a group with `points` points of the content.
    func text(points: Double) -> String {
        let value = TwoDecimals.string(points)
        var text = head
        text.reserveCapacity(head.utf8.count + value.utf8.count + tail.utf8.count)
        text += value
        text += tail
        return text
    }
}
