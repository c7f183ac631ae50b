import ScoringKit

/// Competition ranking of SCORING.md 3.4 over columnar keys.
///
/// Groups are ordered by each key in turn, descending, values within
/// `Tolerance.absolute` being equal; groups equal on every key share a rank
/// (1, 2, 2, 4) and are listed by `group_id` ascending (by code point).
/// The district and each ward are ranked on their own: whether two groups
/// of a ward are equal never depends on groups of other wards.
enum Ranking {
    /// The ranking of one population.
    struct Outcome: Equatable {
        /// Ranked rows in district ranking order.
        var order: [Int32]
        /// District rank of each row (1-based); 0 for rows not ranked.
        var rank: [Int32]
        /// Rank of each row among the rows of its unit (ward); 0 if not ranked.
        var unitRank: [Int32]
        /// Each unit's ranked rows in the unit's ranking order.
        var unitOrder: [[Int32]]
    }

    /// Ranks `rows` (a subset of the population, or all of it).
    /// - Parameters:
    ///   - keys: `[key][row]`, compared in order, higher first.
    ///   - ids: `group_id` of each row, the final order for equal rows.
    ///   - units: unit (ward) of each row, in `0..<unitCount`.
    ///   - rows: The rows to rank; others get rank 0.
    static func rank(keys: [[Double]], ids: [String], units: [Int32], unitCount: Int, rows: [Int32]) -> Outcome {
        let rowCount = ids.count
        var classes = keys.map { _ in [Int32](repeating: 0, count: rowCount) }
        var rank = [Int32](repeating: 0, count: rowCount)
        let order = rankWithin(rows, keys: keys, ids: ids, classes: &classes, rank: &rank)

        var rowsByUnit = [[Int32]](repeating: [], count: unitCount)
        for row in rows { rowsByUnit[Int(units[Int(row)])].append(row) }
        var unitRank = [Int32](repeating: 0, count: rowCount)
        let unitOrder = rowsByUnit.map { unitRows in
            rankWithin(unitRows, keys: keys, ids: ids, classes: &classes, rank: &unitRank)
        }
        return Outcome(order: order, rank: rank, unitRank: unitRank, unitOrder: unitOrder)
    }

    /// Orders `rows` and writes their competition ranks into `rank`, using
    /// equality classes computed over `rows` alone (written into `classes`,
    /// scratch storage indexed by row).
    private static func rankWithin(_ rows: [Int32], keys: [[Double]], ids: [String],
                                   classes: inout [[Int32]], rank: inout [Int32]) -> [Int32] {
        // Equal within the tolerance must be transitive for sorting, so each
        // key is first turned into ordinal classes: sorted descending, a new
        // class starts where the gap to the previous value exceeds it.
        for key in keys.indices { classify(keys[key], rows: rows, into: &classes[key]) }
        let classes = classes
        func compareKeys(_ a: Int, _ b: Int) -> Int {
            for key in classes where key[a] != key[b] { return key[a] < key[b] ? -1 : 1 }
            return 0
        }
        let order = rows.sorted { a, b in
            let byKeys = compareKeys(Int(a), Int(b))
            if byKeys != 0 { return byKeys < 0 }
            return ids[Int(a)].utf8.lexicographicallyPrecedes(ids[Int(b)].utf8)
        }
        for (position, row32) in order.enumerated() {
            let row = Int(row32)
            if position > 0, compareKeys(Int(order[position - 1]), row) == 0 {
                rank[row] = rank[Int(order[position - 1])]
            } else {
                rank[row] = Int32(position + 1)
            }
        }
        return order
    }

    /// Ordinal classes of one key over `rows`: 0 for the highest values.
    private static func classify(_ values: [Double], rows: [Int32], into classes: inout [Int32]) {
        let sorted = rows.sorted { values[Int($0)] > values[Int($1)] }
        var current: Int32 = 0
        for (position, row) in sorted.enumerated() {
            if position > 0, values[Int(sorted[position - 1])] - values[Int(row)] > Tolerance.absolute {
                current += 1
            }
            classes[Int(row)] = current
        }
    }
}
