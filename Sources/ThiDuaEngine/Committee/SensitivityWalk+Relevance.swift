import ScoringKit

/// Which breakpoints cannot change the award lists, so that the walk need
/// not decide there. Between two points the walk decided, no award list
/// changed (else the walk would have stopped or decided there), so every
/// row holds the award it held at the last point decided, and the test
/// reasons about that state:
///
/// - Two rows' order or tie matters to an award only if both are its
///   candidates in the same unit and one wins it and the other does not,
///   or one is in a tie at its cutoff. A pair breakpoint changes how the
///   rows the tolerance chains to one of the pair rank against those it
///   chains to the other, so every such couple is tested.
/// - A row becoming (or ceasing to be) a candidate matters only if it wins
///   the award, or it ranks at least level with the best candidate of its
///   unit that does not win (or with the last winner, when every candidate
///   wins): entering below that group leaves the first q + 1 candidates and
///   the tie at the cutoff as they were.
extension SensitivityWalk {
    /// Whether the award lists may change at `breakpoint`.
    func mayChange(_ breakpoint: Breakpoint, state: SensitivityState) -> Bool {
        let p = breakpoint.p
        let first = Int(breakpoint.first)
        switch breakpoint.kind {
        case .totals:
            let key = { (row: Int) in model.total[row].value(at: p) }
            let (upper, lower) = sides(of: [first, Int(breakpoint.second)], key: key)
            return conflicting(upper, lower, at: p, state: state)
        case .tieBreak:
            let (upper, lower) = sides(of: [first, Int(breakpoint.second)]) { p * model.share[$0] }
            let total = { (row: Int) in model.total[row].value(at: p) }
            for a in upper {
                for b in lower where abs(total(a) - total(b)) <= model.chainBound
                    && conflicting([a], [b], at: p, state: state) {
                    return true
                }
            }
            return false
        case .tier:
            guard model.isEligible(first, at: p, slack: slack(p)) else { return false }
            let affected = awards.indices.filter { awards[$0].minTier == Int(breakpoint.tier) }
            return affected.contains { entryMatters(first, award: $0, at: p, state: state) }
        case .eligibility:
            let tier = model.tier(first, at: p + slack(p))
            let affected = awards.indices.filter { tier <= awards[$0].minTier }
            return affected.contains { entryMatters(first, award: $0, at: p, state: state) }
        }
    }

    /// How far from a breakpoint a condition of another row may sit and
    /// still be taken as holding there (float noise of the two computations).
    private func slack(_ p: Double) -> Double { 1e-8 * max(1, p) }

    /// Whether `row` is a candidate of award `index` at `p`: `lenient`
    /// answers yes when it is one anywhere within the slack of p, strict
    /// only when it is one throughout.
    func isCandidate(_ row: Int, award index: Int, at p: Double, lenient: Bool, state: SensitivityState) -> Bool {
        let held = state.awardOf[row]
        guard model.ranked[row], held < 0 || Int(held) >= index else { return false }
        let slack = lenient ? slack(p) : -slack(p)
        return model.isEligible(row, at: p, slack: slack) && model.tier(row, at: p + slack) <= awards[index].minTier
    }

    /// The two rows of a pair breakpoint and every ranked row the tolerance
    /// chains to them on `key`, split at the middle of the pair: the
    /// breakpoint changes how rows on one side rank against rows on the
    /// other (order, or being tied), and nothing else.
    private func sides(of pair: [Int], key: (Int) -> Double) -> (upper: [Int], lower: [Int]) {
        let reach = 2 * Tolerance.absolute
        var members = pair
        var low = pair.map(key).min() ?? 0, high = pair.map(key).max() ?? 0
        let middle = (low + high) / 2
        var grew = true
        while grew {
            grew = false
            for row32 in model.rows {
                let row = Int(row32)
                let value = key(row)
                guard value >= low - reach, value <= high + reach, !members.contains(row) else { continue }
                members.append(row)
                low = min(low, value)
                high = max(high, value)
                grew = true
            }
        }
        let upper = members.filter { key($0) > middle }
        return (upper, members.filter { key($0) <= middle })
    }

    /// Whether some award has a candidate in `upper` and one in `lower`, of
    /// the same unit, of which one wins it and the other does not, or one
    /// is in a tie at its cutoff.
    private func conflicting(_ upper: [Int], _ lower: [Int], at p: Double, state: SensitivityState) -> Bool {
        for (index, award) in awards.enumerated() {
            let candidates = { (rows: [Int]) in
                rows.filter { isCandidate($0, award: index, at: p, lenient: true, state: state) }
            }
            let below = candidates(lower)
            guard !below.isEmpty else { continue }
            for a in candidates(upper) {
                let unit = SensitivityState.unit(of: a, award: award, wardOfRow: wardOfRow)
                for b in below where SensitivityState.unit(of: b, award: award, wardOfRow: wardOfRow) == unit {
                    if (state.awardOf[a] == Int32(index)) != (state.awardOf[b] == Int32(index))
                        || state.isTiedAtCutoff(a, award: index) || state.isTiedAtCutoff(b, award: index) {
                        return true
                    }
                }
            }
        }
        return false
    }

    /// Whether `row` entering or leaving the candidates of award `index`
    /// at `p` may change its winners.
    private func entryMatters(_ row: Int, award index: Int, at p: Double, state: SensitivityState) -> Bool {
        let held = state.awardOf[row]
        guard held < 0 || Int(held) >= index else { return false }
        if state.isTiedAtCutoff(row, award: index) || Int(held) == index { return true }
        let award = awards[index]
        let unit = SensitivityState.unit(of: row, award: award, wardOfRow: wardOfRow)
        let quota = state.quota[index][unit]
        guard quota > 0 else { return false }
        var bestOther = -Double.infinity, lowestWinner = Double.infinity, winners = 0
        for other32 in model.rows {
            let other = Int(other32)
            guard other != row, SensitivityState.unit(of: other, award: award, wardOfRow: wardOfRow) == unit else { continue }
            if Int(state.awardOf[other]) == index {
                winners += 1
                lowestWinner = min(lowestWinner, model.total[other].value(at: p - slack(p)))
            } else if isCandidate(other, award: index, at: p, lenient: false, state: state) {
                bestOther = max(bestOther, model.total[other].value(at: p - slack(p)))
            }
        }
        let bar = bestOther > -Double.infinity ? bestOther : (winners >= quota ? lowestWinner : -Double.infinity)
        return model.total[row].value(at: p + slack(p)) >= bar - model.chainBound
    }
}
