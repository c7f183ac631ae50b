/// How closely two rankings of the same groups agree: Spearman's rho and
/// Kendall's tau-b, both in [−1, 1] (1 the same order, −1 the reverse).
///
/// Both handle ties as `scipy.stats` does. Spearman's rho is Pearson's
/// correlation of the average ranks (tied values share the mean of the
/// places they occupy), so competition ranks 1, 2, 2, 4 count as
/// 1, 2.5, 2.5, 4. Kendall's tau-b is
/// (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂)), with n₀ = n(n − 1)/2 pairs, n₁ and
/// n₂ the pairs tied in the first and in the second ranking.
///
/// Tau-b is computed with Knight's algorithm in O(n log n): sort by the
/// first ranking (then the second), count the pairs tied in the first and
/// in both, then count the discordant pairs as the swaps a merge sort by
/// the second ranking makes. A district of 5,000 groups takes a few
/// milliseconds; the O(n²) definition is kept in the tests as a check.
public struct RankAgreement: Sendable, Hashable {
    /// Groups ranked in both rankings: the pairs compared.
    public var count: Int
    /// Spearman's rho; `nil` when it is undefined (fewer than two groups,
    /// or every group tied in one ranking).
    public var spearman: Double?
    /// Kendall's tau-b; `nil` when undefined, as for `spearman`.
    public var kendallTauB: Double?

    /// Creates the agreement of two rankings.
    /// - Parameters:
    ///   - x: The first ranking's values (ranks, or any ordinal values).
    ///   - y: The second's, for the same items in the same order.
    /// - Precondition: `x.count == y.count`.
    public init(_ x: [Double], _ y: [Double]) {
        precondition(x.count == y.count, "two rankings of the same items")
        count = x.count
        spearman = Self.spearman(x, y)
        kendallTauB = Self.kendallTauB(x, y)
    }

    /// Spearman's rho with ties given average ranks; `nil` when undefined.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 2 else { return nil }
        let rx = averageRanks(x), ry = averageRanks(y)
        let n = Double(x.count)
        let meanX = rx.reduce(0, +) / n, meanY = ry.reduce(0, +) / n
        var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
        for index in rx.indices {
            let dx = rx[index] - meanX, dy = ry[index] - meanY
            covariance += dx * dy
            varianceX += dx * dx
            varianceY += dy * dy
        }
        guard varianceX > 0, varianceY > 0 else { return nil }
        return covariance / (varianceX * varianceY).squareRoot()
    }

    /// The average rank (1-based) of each value, ascending; ties share the
    /// mean of their places.
    static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, values[order[end]] == values[order[start]] { end += 1 }
            // Places start+1 … end share their mean.
            let mean = Double(start + 1 + end) / 2
            for position in start..<end { ranks[order[position]] = mean }
            start = end
        }
        return ranks
    }

    /// Kendall's tau-b by Knight's algorithm; `nil` when undefined.
    public static func kendallTauB(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 2 else { return nil }
        let n = x.count
        let order = (0..<n).sorted { (x[$0], y[$0]) < (x[$1], y[$1]) }
        let totalPairs = n * (n - 1) / 2
        var tiedX = 0, tiedBoth = 0
        var runX = 1, runBoth = 1
        for position in 1..<n {
            let previous = order[position - 1], current = order[position]
            let sameX = x[current] == x[previous]
            if sameX, y[current] == y[previous] {
                runBoth += 1
            } else {
                tiedBoth += runBoth * (runBoth - 1) / 2
                runBoth = 1
            }
            if sameX {
                runX += 1
            } else {
                tiedX += runX * (runX - 1) / 2
                runX = 1
            }
        }
        tiedX += runX * (runX - 1) / 2
        tiedBoth += runBoth * (runBoth - 1) / 2
        var values = order.map { y[$0] }
        let swaps = mergeSortCountingSwaps(&values)
        var tiedY = 0, runY = 1
        for position in 1..<n {
            if values[position] == values[position - 1] {
                runY += 1
            } else {
                tiedY += runY * (runY - 1) / 2
                runY = 1
            }
        }
        tiedY += runY * (runY - 1) / 2
        let untiedX = Double(totalPairs - tiedX), untiedY = Double(totalPairs - tiedY)
        guard untiedX > 0, untiedY > 0 else { return nil }
        // n_c − n_d = n₀ − n₁ − n₂ + n₃ − 2 n_d.
        let score = Double(totalPairs - tiedX - tiedY + tiedBoth - 2 * swaps)
        return score / (untiedX * untiedY).squareRoot()
    }

    /// Sorts `values` ascending (stable) and returns the number of pairs
    /// i < j with values[i] > values[j] before sorting.
    static func mergeSortCountingSwaps(_ values: inout [Double]) -> Int {
        var buffer = values
        var swaps = 0
        var width = 1
        while width < values.count {
            var low = 0
            while low < values.count - width {
                let middle = low + width, high = min(low + 2 * width, values.count)
                var left = low, right = middle, out = low
                while left < middle, right < high {
                    if values[right] < values[left] {
                        // Every value still on the left is greater than this one.
                        swaps += middle - left
                        buffer[out] = values[right]
                        right += 1
                    } else {
                        buffer[out] = values[left]
                        left += 1
                    }
                    out += 1
                }
                while left < middle { buffer[out] = values[left]; left += 1; out += 1 }
                while right < high { buffer[out] = values[right]; right += 1; out += 1 }
                for index in low..<high { values[index] = buffer[index] }
                low += 2 * width
            }
            width *= 2
        }
        return swaps
    }
}
