/// Writes `ranking.csv` (SCORING.md 4): one line per group, in ranking
/// order.
///
/// Columns: `period,ward,group_id,group_name,total`, the content ids in
/// config order, then `bonus,deduction,tier,ward_rank,district_rank,
/// eligible,reasons`. Points have two decimals (``TwoDecimals``); a rank of
/// 0 (not ranked) is an empty cell; `reasons` are joined by `; `. A column
/// the evaluation left empty (e.g. `bonus` for the year) is an empty cell.
public enum RankingCSV {
    /// The columns before the content ids.
    public static let leadingColumns = ["period", "ward", "group_id", "group_name", "total"]
    /// The columns after the content ids.
    public static let trailingColumns = [
        "bonus", "deduction", "tier", "ward_rank", "district_rank", "eligible", "reasons",
    ]

    /// The header cells for `result`.
    /// - Parameter result: The evaluation, for its content ids.
    /// - Returns: The column names in order.
    public static func header(for result: PeriodResult) -> [String] {
        leadingColumns + result.contentIDs + trailingColumns
    }

    /// The file's bytes: BOM, header, one CRLF-terminated line per group.
    /// - Parameter result: The evaluation.
    /// - Returns: UTF-8 bytes.
    public static func bytes(for result: PeriodResult) -> [UInt8] {
        let lineEstimate = 96 + 10 * result.contentIDs.count
        var csv = CSVWriter(capacity: 256 + result.rowCount * lineEstimate)
        for column in header(for: result) { csv.text(column) }
        csv.endRow()
        for row in result.outputOrder {
            csv.text(result.period)
            csv.text(result.wardNameOfRow(row))
            csv.text(result.groupIDs[row])
            csv.text(row < result.groupNames.count ? result.groupNames[row] : "")
            optionalPoints(PeriodResult.rowValue(result.total, row), into: &csv)
            for content in result.contentIDs.indices {
                let column = content < result.contentPoints.count ? result.contentPoints[content] : []
                optionalPoints(PeriodResult.rowValue(column, row), into: &csv)
            }
            optionalPoints(PeriodResult.rowValue(result.bonus, row), into: &csv)
            optionalPoints(PeriodResult.rowValue(result.deduction, row), into: &csv)
            csv.text(result.tierNameOfRow(row))
            optionalRank(PeriodResult.rankValue(result.wardRank, row), into: &csv)
            optionalRank(PeriodResult.rankValue(result.districtRank, row), into: &csv)
            csv.bool(result.isEligibleRow(row))
            csv.text(result.reasonsTextOfRow(row))
            csv.endRow()
        }
        return csv.bytes
    }

    /// Points, or an empty cell for a missing value.
    static func optionalPoints(_ value: Double?, into csv: inout CSVWriter) {
        if let value { csv.points(value) } else { csv.empty() }
    }

    /// A rank, or an empty cell when not ranked.
    static func optionalRank(_ rank: Int?, into csv: inout CSVWriter) {
        if let rank { csv.integer(rank) } else { csv.empty() }
    }
}
