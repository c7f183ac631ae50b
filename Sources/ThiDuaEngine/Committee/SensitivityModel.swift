import ScoringKit

/// One evaluation (a quarter or the year) as a function of one content's
/// points p, all else fixed, built from the results decided at the
/// config's own points.
///
/// It serves to find where the award lists may change (breakpoints) and
/// which of those cannot matter; the lists themselves are always decided
/// by the engine (`Evaluator.decide`).
struct SensitivityModel: Sendable {
    /// The content varied, an index into `RoundConfig.contents`.
    let content: Int
    /// The searched range is [0, `limit`], twice the content's points.
    let limit: Double
    /// Rows that are ranked (every row of a quarter; for the year, the
    /// groups with data in every period).
    let rows: [Int32]
    /// Whether each row is ranked.
    let ranked: [Bool]
    /// Each row's total as a function of p.
    let total: [PiecewiseLine]
    /// Each row's share of the content's points: P_c = p × share (the mean
    /// over the quarters for the year).
    let share: [Double]
    /// Eligibility in every respect that does not depend on p.
    let fixedEligible: [Bool]
    /// The row stays eligible only for p ≤ this (the content floor of the
    /// varied content, in each quarter and for the year); ∞ when it holds.
    let floorLimit: [Double]
    /// The row is eligible only for p ≥ this (the year's
    /// `min_tier_every_period` in each quarter); 0 when it does not apply.
    let eligibleFrom: [Double]
    /// Tier minimums, best first.
    let tierMinimums: [Double]
    /// Whether the varied content is a tie-break key.
    let breaksTies: Bool

    /// The tier of `row` at `p` (index into the tiers, best first).
    func tier(_ row: Int, at p: Double) -> Int {
        let value = total[row].value(at: p)
        return tierMinimums.firstIndex { Tolerance.atLeast(value, $0) } ?? tierMinimums.count - 1
    }

    /// Whether `row` is eligible at `p`; `slack` > 0 answers for the most
    /// favourable point within `slack` of p, < 0 for the least favourable.
    func isEligible(_ row: Int, at p: Double, slack: Double = 0) -> Bool {
        fixedEligible[row] && p - slack <= floorLimit[row] && p + slack >= eligibleFrom[row]
    }

    /// p·r ≥ floor·p − 1e-9 holds for every p ≥ 0 when r ≥ floor, else up to here.
    static func floorLimit(share: Double, floor: Double?) -> Double {
        guard let floor, share < floor else { return .infinity }
        return Tolerance.absolute / (floor - share)
    }

    /// A quarter: every row, with its own total line.
    static func quarter(_ scored: ScoredPeriod, _ result: PeriodResult, config: RoundConfig, content: Int) -> Self {
        let parts = QuarterParts(scored, result, config: config, content: content)
        let limit = 2 * config.contents[content].points
        return SensitivityModel(
            content: content, limit: limit, rows: (0..<Int32(result.rowCount)).map { $0 },
            ranked: [Bool](repeating: true, count: result.rowCount),
            total: parts.ramps.map { PiecewiseLine(meanOfRamps: [$0], limit: limit) },
            share: parts.ramps.map(\.b), fixedEligible: parts.fixedEligible,
            floorLimit: parts.ramps.map { floorLimit(share: $0.b, floor: config.contentFloor) },
            eligibleFrom: [Double](repeating: 0, count: result.rowCount),
            tierMinimums: config.tiers.map(\.min), breaksTies: config.tieBreak.contains(content))
    }

    /// The year: the mean of each ranked group's quarterly ramps.
    static func year(_ quarters: [(ScoredPeriod, PeriodResult)], _ year: PeriodResult, config: RoundConfig,
                     content: Int) -> Self {
        let parts = quarters.map { QuarterParts($0.0, $0.1, config: config, content: content) }
        let rowOfGroup = quarters.map { quarter in
            Dictionary(quarter.1.groupIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let limit = 2 * config.contents[content].points
        let count = year.rowCount
        var rows: [Int32] = []
        var total = [PiecewiseLine](repeating: PiecewiseLine(meanOfRamps: [], limit: limit), count: count)
        var share = [Double](repeating: 0, count: count)
        var fixed = [Bool](repeating: false, count: count)
        var floorLimit = [Double](repeating: .infinity, count: count)
        var eligibleFrom = [Double](repeating: 0, count: count)
        let minimum = config.year?.minTierEveryPeriod.map { config.tiers[$0].min - Tolerance.absolute }
        for row in 0..<count where year.districtRank[row] > 0 {
            let quarterRows = rowOfGroup.compactMap { $0[year.groupIDs[row]] }
            guard quarterRows.count == quarters.count else { continue }
            rows.append(Int32(row))
            let ramps = zip(parts, quarterRows).map { $0.ramps[$1] }
            total[row] = PiecewiseLine(meanOfRamps: ramps, limit: limit)
            share[row] = ramps.reduce(0) { $0 + $1.b } / Double(ramps.count)
            fixed[row] = zip(parts, quarterRows).allSatisfy { $0.fixedEligible[$1] }
                && otherFloorsHold(year, row: row, config: config, content: content)
            floorLimit[row] = (ramps.map(\.b) + [share[row]])
                .map { Self.floorLimit(share: $0, floor: config.contentFloor) }.min() ?? .infinity
            if let minimum {
                eligibleFrom[row] = ramps.map { PiecewiseLine(meanOfRamps: [$0], limit: limit).firstReach(minimum, limit: limit) ?? .infinity }
                    .max() ?? 0
            }
        }
        var ranked = [Bool](repeating: false, count: count)
        for row in rows { ranked[Int(row)] = true }
        return SensitivityModel(
            content: content, limit: limit, rows: rows, ranked: ranked, total: total, share: share, fixedEligible: fixed,
            floorLimit: floorLimit, eligibleFrom: eligibleFrom, tierMinimums: config.tiers.map(\.min),
            breaksTies: config.tieBreak.contains(content))
    }

    /// Whether every content but the varied one meets the floor in `result`.
    static func otherFloorsHold(_ result: PeriodResult, row: Int, config: RoundConfig, content: Int) -> Bool {
        guard let floor = config.contentFloor else { return true }
        return config.contents.indices.allSatisfy { index in
            index == content || Tolerance.atLeast(result.contentPoints[index][row], floor * config.contents[index].points)
        }
    }
}

/// One quarter's figures that do not depend on the varied content's points.
struct QuarterParts {
    /// Per row: the total is max(0, a + b·p), a the rest of the total, b the share.
    var ramps: [(a: Double, b: Double)]
    /// Per row: the gates pass and every other content meets its floor.
    var fixedEligible: [Bool]

    init(_ scored: ScoredPeriod, _ result: PeriodResult, config: RoundConfig, content: Int) {
        let first = config.contents[..<content].reduce(0) { $0 + $1.criteria.count }
        let criteria = config.contents[content].criteria
        let totalWeight = criteria.reduce(0) { $0 + $1.weight }
        let gateStart = config.criteria.count + config.bonuses.count + config.deductions.count
        ramps = []
        fixedEligible = []
        for row in 0..<result.rowCount {
            var weighted = 0.0
            for (offset, criterion) in criteria.enumerated() {
                weighted += criterion.weight * result.achievements[first + offset][row]
            }
            var rest = result.bonus[row] - result.deduction[row]
            for index in config.contents.indices where index != content { rest += result.contentPoints[index][row] }
            ramps.append((rest, weighted / totalWeight))
            let gatesPass = config.gates.indices.allSatisfy { scored.results[gateStart + $0][row] >= 0.5 }
            fixedEligible.append(gatesPass && SensitivityModel.otherFloorsHold(result, row: row, config: config, content: content))
        }
    }
}
