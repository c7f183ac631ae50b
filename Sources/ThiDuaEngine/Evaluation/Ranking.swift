import ScoringKit

/// Competition ranking of SCORING.md 3.4 over columnar keys.
///
/// Groups are ordered by each key in turn, descending, values within
/// `Tolerance.absolute` being equal; groups equal on every key share a rank
/// (1, 2, 2, 4) and are listed by `group_id` ascending (by code point).
/// The district and each ward are ranked on their own: whether two groups
/// of a ward are equal never depends on groups of other wards.
///
/// The work is integer work after one sort per key: each key's values are
/// sorted once (a radix sort of their bits), and walking that order gives
/// the equality classes of the district and, with a class counter per ward,
/// of every ward at once. The order then comes from stable counting sorts
/// by class, least significant key first, over the rows sorted by
/// `group_id` (sorted once, by their first eight bytes and rarely more) —
/// no comparison of strings or of doubles inside a sort.
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
        // Equal within the tolerance must be transitive for sorting, so each
        // key is first turned into ordinal classes: sorted descending, a new
        // class starts where the gap to the previous value exceeds it —
        // over the district's rows, and over each ward's rows on its own.
        var districtClasses: [[Int32]] = [], unitClasses: [[Int32]] = []
        for key in keys {
            let (district, unit) = classify(key, rows: rows, units: units, unitCount: unitCount, rowCount: rowCount)
            districtClasses.append(district)
            unitClasses.append(unit)
        }
        let byID = RadixSort.rowsByID(rows, ids: ids)

        var order = byID
        for classes in districtClasses.reversed() { order = stableSort(order, by: classes) }
        var rank = [Int32](repeating: 0, count: rowCount)
        assignRanks(order[...], classes: districtClasses, into: &rank)

        var unitSorted = byID
        for classes in unitClasses.reversed() { unitSorted = stableSort(unitSorted, by: classes) }
        unitSorted = stableSort(unitSorted, by: units)
        var unitRank = [Int32](repeating: 0, count: rowCount)
        var unitOrder = [[Int32]](repeating: [], count: unitCount)
        var start = 0
        while start < unitSorted.count {
            let unit = units[Int(unitSorted[start])]
            var end = start + 1
            while end < unitSorted.count && units[Int(unitSorted[end])] == unit { end += 1 }
            assignRanks(unitSorted[start..<end], classes: unitClasses, into: &unitRank)
            unitOrder[Int(unit)] = Array(unitSorted[start..<end])
            start = end
        }
        return Outcome(order: order, rank: rank, unitRank: unitRank, unitOrder: unitOrder)
    }

    /// Competition ranks of `order` (rows in ranking order): a row equal to
    /// the one before it on every key shares its rank.
    private static func assignRanks(_ order: ArraySlice<Int32>, classes: [[Int32]], into rank: inout [Int32]) {
        var previous = -1
        for (position, row32) in order.enumerated() {
            let row = Int(row32)
            if previous >= 0, classes.allSatisfy({ $0[previous] == $0[row] }) {
                rank[row] = rank[previous]
            } else {
                rank[row] = Int32(position + 1)
            }
            previous = row
        }
    }

    /// Ordinal classes of one key over `rows`, 0 for the highest values:
    /// over all of them (the district), and within each unit.
    private static func classify(_ values: [Double], rows: [Int32], units: [Int32], unitCount: Int,
                                 rowCount: Int) -> (district: [Int32], unit: [Int32]) {
        var district = [Int32](repeating: 0, count: rowCount)
        var unit = [Int32](repeating: 0, count: rowCount)
        var previousInUnit = [Double](repeating: 0, count: unitCount)
        var classInUnit = [Int32](repeating: -1, count: unitCount)
        var previous = 0.0
        var current: Int32 = -1
        for row32 in RadixSort.rowsDescending(rows, by: values) {
            let row = Int(row32), value = values[row]
            if current < 0 || previous - value > Tolerance.absolute { current += 1 }
            district[row] = current
            previous = value
            let owner = Int(units[row])
            if classInUnit[owner] < 0 || previousInUnit[owner] - value > Tolerance.absolute {
                classInUnit[owner] += 1
            }
            unit[row] = classInUnit[owner]
            previousInUnit[owner] = value
        }
        return (district, unit)
    }

    /// `rows` stably sorted by `key[row]` ascending (a counting sort; keys
    /// are small non-negative integers: classes or units).
    private static func stableSort(_ rows: [Int32], by key: [Int32]) -> [Int32] {
        var largest: Int32 = 0
        for row in rows { largest = max(largest, key[Int(row)]) }
        guard largest > 0 else { return rows }
        var starts = [Int](repeating: 0, count: Int(largest) + 2)
        for row in rows { starts[Int(key[Int(row)]) + 1] += 1 }
        for index in 1..<starts.count { starts[index] += starts[index - 1] }
        var sorted = [Int32](repeating: 0, count: rows.count)
        for row in rows {
            let slot = Int(key[Int(row)])
            sorted[starts[slot]] = row
            starts[slot] += 1
        }
        return sorted
    }
}
