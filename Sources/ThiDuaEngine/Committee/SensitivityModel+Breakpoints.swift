import ScoringKit

/// A value of the varied content's points where an award list may change:
/// two rows' ranking keys cross a tolerance edge, a total reaches a tier
/// minimum, or a row's eligibility changes.
struct Breakpoint: Sendable {
    /// What happens at `p`.
    enum Kind: UInt8, Sendable {
        /// Two totals are `Tolerance.absolute` apart (a tie begins or ends).
        case totals
        /// Two rows' points of the varied content, a tie-break key, are
        /// `Tolerance.absolute` apart while their totals may be tied.
        case tieBreak
        /// `first`'s total reaches the minimum of tier `tier`.
        case tier
        /// `first`'s eligibility changes (a content floor, or a quarter's
        /// tier for the year's `min_tier_every_period`).
        case eligibility
    }

    /// The content's points.
    var p: Double
    /// What happens.
    var kind: Kind
    /// For `.tier`: the tier whose minimum is reached.
    var tier: Int16 = 0
    /// The row concerned.
    var first: Int32
    /// The other row of a pair; −1 for one row.
    var second: Int32 = -1
}

extension SensitivityModel {
    /// The widest gap a chain of ties can bridge: ranking classes chain
    /// values that are each within `Tolerance.absolute` of the next.
    var chainBound: Double { Double(rows.count + 1) * Tolerance.absolute }

    /// Every breakpoint in [0, `limit`], in no particular order.
    ///
    /// Pairs are taken among all ranked rows (a row that can never be a
    /// candidate still links two others into one ranking class when it lies
    /// within the tolerance of both) that some award's unit holds together:
    /// O(n²) crossings, each solved exactly on the pieces of the two lines.
    /// Tier and eligibility breakpoints are taken for the rows that may be a
    /// candidate of some award somewhere in the range.
    /// - Parameters:
    ///   - awards: The awards of the evaluation.
    ///   - wardOfRow: The ward of each row.
    func breakpoints(awards: [AwardConfig], wardOfRow: [Int32]) -> [Breakpoint] {
        guard limit > 0, let loosest = awards.map(\.minTier).max() else { return [] }
        let hasDistrictAward = awards.contains { $0.scope == .district }
        let possible = rows.filter { row in
            let r = Int(row)
            return fixedEligible[r] && eligibleFrom[r] <= min(limit, floorLimit[r]) && tier(r, at: limit) <= loosest
        }
        // Not reserved for every pair: most pairs do not cross in the range.
        var output: [Breakpoint] = []
        let tol = Tolerance.absolute
        // Most totals are one straight line over the range: those pairs are
        // solved inline; lines with knots go through `crossings`.
        let straight = total.map(\.isStraight)
        let intercept = total.map { $0.intercepts[0] }
        let slope = total.map { $0.slopes[0] }
        func add(_ p: Double, _ kind: Breakpoint.Kind, _ i: Int32, _ j: Int32) {
            if p >= 0, p <= limit { output.append(Breakpoint(p: p, kind: kind, first: i, second: j)) }
        }
        for (index, i) in rows.enumerated() {
            let a = Int(i)
            for j in rows[(index + 1)...] where hasDistrictAward || wardOfRow[a] == wardOfRow[Int(j)] {
                let b = Int(j)
                if straight[a], straight[b] {
                    let rate = slope[a] - slope[b], gap = intercept[a] - intercept[b]
                    if rate != 0 {
                        add((tol - gap) / rate, .totals, i, j)
                        add((-tol - gap) / rate, .totals, i, j)
                    }
                } else {
                    for difference in [tol, -tol] {
                        total[a].crossings(with: total[b], difference: difference, limit: limit) { add($0, .totals, i, j) }
                    }
                }
                guard breaksTies, share[a] != share[b] else { continue }
                for difference in [tol, -tol] {
                    let p = difference / (share[a] - share[b])
                    if p >= 0, p <= limit, abs(total[a].value(at: p) - total[b].value(at: p)) <= chainBound {
                        add(p, .tieBreak, i, j)
                    }
                }
            }
        }
        let tiers = Set(awards.map(\.minTier))
        for row in possible {
            let r = Int(row)
            for tierIndex in tiers {
                if let p = total[r].firstReach(tierMinimums[tierIndex] - tol, limit: limit), p > 0 {
                    output.append(Breakpoint(p: p, kind: .tier, tier: Int16(tierIndex), first: row))
                }
            }
            for p in [floorLimit[r], eligibleFrom[r]] where p > 0 && p <= limit {
                output.append(Breakpoint(p: p, kind: .eligibility, first: row))
            }
        }
        return output
    }
}
