/// Per-row lookups the writers share, tolerant of columns an evaluation
/// leaves empty.
///
/// A year evaluation may leave out `criteria`, `bonus` and `deduction`
/// (SCORING.md 5), and a group it does not rank may have no tier. Rather
/// than trap on a short column, the writers print an empty cell (CSV), leave
/// the key out (JSON) or skip the row in a count (Markdown).
extension PeriodResult {
    /// The ward's name of `row`, or `""` when its index is out of range.
    func wardNameOfRow(_ row: Int) -> String {
        guard row < wardOfRow.count else { return "" }
        let ward = Int(wardOfRow[row])
        return wardNames.indices.contains(ward) ? wardNames[ward] : ""
    }

    /// The tier index of `row`, or `nil` when it has none.
    func tierIndexOfRow(_ row: Int) -> Int? {
        guard row < tierOfRow.count else { return nil }
        let tier = Int(tierOfRow[row])
        return tierNames.indices.contains(tier) ? tier : nil
    }

    /// The tier's name of `row`, or `""` when it has none.
    func tierNameOfRow(_ row: Int) -> String {
        tierIndexOfRow(row).map { tierNames[$0] } ?? ""
    }

    /// The reasons of `row` joined by `; ` (SCORING.md 4).
    func reasonsTextOfRow(_ row: Int) -> String {
        row < reasons.count ? reasons[row].joined(separator: "; ") : ""
    }

    /// Whether `row` is eligible; `false` when the column is short.
    func isEligibleRow(_ row: Int) -> Bool {
        row < eligible.count && eligible[row]
    }

    /// A rank as an optional: `nil` for 0 (not ranked) or a short column.
    static func rankValue(_ ranks: [Int32], _ row: Int) -> Int? {
        guard row < ranks.count, ranks[row] > 0 else { return nil }
        return Int(ranks[row])
    }

    /// A per-row value, or `nil` when the column does not cover `row`.
    static func rowValue(_ column: [Double], _ row: Int) -> Double? {
        row < column.count ? column[row] : nil
    }

    /// The rows in output order: `order` when it covers every row,
    /// otherwise (a result still being built) the rows as stored.
    var outputOrder: [Int] {
        order.count == rowCount ? order.map(Int.init) : Array(0..<rowCount)
    }
}
