import ScoringKit

/// Competition ranking of SCORING.md 3.4 over columnar keys.
///
/// Groups are ordered by each key in turn, descending, values within
/// `Tolerance.absolute` being equal; groups equal on every key share a rank
/// (1, 2, 2, 4) and are listed by `group_id` ascending (by code point).
enum Ranking {
    /// The ranking of one population.
    struct Outcome: Equatable {
        /// Rows in ranking order.
        var order: [Int32]
        /// Rank of each row (1-based).
        var rank: [Int32]
        /// Rank of each row among the rows of the same unit (ward).
        var unitRank: [Int32]
    }

    /// Ranks `rows` (a subset of the population, or all of it).
    /// - Parameters:
    ///   - keys: `[key][row]`, compared in order, higher first.
    ///   - ids: `group_id` of each row, the final order for equal rows.
    ///   - units: unit (ward) of each row, for `unitRank`, in `0..<unitCount`.
    ///   - rows: The rows to rank; others get rank 0.
    static func rank(keys: [[Double]], ids: [String], units: [Int32], unitCount: Int, rows: [Int32]) -> Outcome {
        let rowCount = ids.count
        // Equal within the tolerance must be transitive for sorting, so each
        // key is first turned into ordinal classes: sorted descending, a new
        // class starts where the gap to the previous value exceeds it.
        let classes = keys.map { classify($0, rows: rows) }
        func compareKeys(_ a: Int, _ b: Int) -> Int {
            for key in classes where key[a] != key[b] { return key[a] < key[b] ? -1 : 1 }
            return 0
        }
        let order = rows.sorted { a, b in
            let byKeys = compareKeys(Int(a), Int(b))
            if byKeys != 0 { return byKeys < 0 }
            return ids[Int(a)].utf8.lexicographicallyPrecedes(ids[Int(b)].utf8)
        }
        var rank = [Int32](repeating: 0, count: rowCount)
        var unitRank = [Int32](repeating: 0, count: rowCount)
        var unitCounts = [Int32](repeating: 0, count: unitCount)
        var unitLastRow = [Int](repeating: -1, count: unitCount)
        for (position, row32) in order.enumerated() {
            let row = Int(row32)
            if position > 0, compareKeys(Int(order[position - 1]), row) == 0 {
                rank[row] = rank[Int(order[position - 1])]
            } else {
                rank[row] = Int32(position + 1)
            }
            let unit = Int(units[row])
            let lastRow = unitLastRow[unit]
            unitCounts[unit] += 1
            if lastRow >= 0, compareKeys(lastRow, row) == 0 {
                unitRank[row] = unitRank[lastRow]
            } else {
                unitRank[row] = unitCounts[unit]
            }
            unitLastRow[unit] = row
        }
        return Outcome(order: order, rank: rank, unitRank: unitRank)
    }

    /// Ordinal classes of one key: 0 for the highest values.
    private static func classify(_ values: [Double], rows: [Int32]) -> [Int32] {
        var classes = [Int32](repeating: 0, count: values.count)
        let sorted = rows.sorted { values[Int($0)] > values[Int($1)] }
        var current: Int32 = 0
        for (position, row) in sorted.enumerated() {
            if position > 0, values[Int(sorted[position - 1])] - values[Int(row)] > Tolerance.absolute {
                current += 1
            }
            classes[Int(row)] = current
        }
        return classes
    }
}
