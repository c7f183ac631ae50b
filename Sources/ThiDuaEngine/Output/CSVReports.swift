/// Writes the two CSV files of a period (SCORING.md 4), `ranking.csv` and
/// `awards.csv`, with ``CSVWriter``: UTF-8 with a BOM, RFC 4180 quoting,
/// CRLF, text cells guarded against formula injection.
///
/// Points have two decimals (``TwoDecimals``); a rank of 0 (not ranked) is
/// an empty cell; a column the evaluation left empty (e.g. `bonus` for the
/// year) is an empty cell. A file with no rows still has its header, so a
/// spreadsheet opens it the same way.
public enum CSVReports {
    /// `ranking.csv` columns before the content ids.
    public static let rankingLeadingColumns = ["period", "ward", "group_id", "group_name", "total"]
    /// `ranking.csv` columns after the content ids.
    public static let rankingTrailingColumns = [
        "bonus", "deduction", "tier", "ward_rank", "district_rank", "eligible", "reasons",
    ]
    /// `awards.csv` columns.
    public static let awardsHeader = [
        "period", "award_id", "award_title", "scope_unit", "group_id", "group_name", "ward", "total",
        "district_rank",
    ]

    /// The `ranking.csv` header for `result`: the leading columns, the
    /// content ids in config order, the trailing columns.
    /// - Parameter result: The evaluation, for its content ids.
    /// - Returns: The column names in order.
    public static func rankingHeader(for result: PeriodResult) -> [String] {
        rankingLeadingColumns + result.contentIDs + rankingTrailingColumns
    }

    /// `ranking.csv`: one line per group, in ranking order (`result.order`);
    /// `eligible` is `true`/`false`, `reasons` are joined by `; `.
    /// - Parameter result: The evaluation.
    /// - Returns: UTF-8 bytes: BOM, header, CRLF-terminated lines.
    public static func ranking(for result: PeriodResult) -> [UInt8] {
        let lineEstimate = 96 + 10 * result.contentIDs.count
        var csv = CSVWriter(capacity: 256 + result.rowCount * lineEstimate)
        for column in rankingHeader(for: result) { csv.text(column) }
        csv.endRow()
        for row in result.outputOrder {
            csv.text(result.period)
            csv.text(result.wardNameOfRow(row))
            csv.text(result.groupIDs[row])
            csv.text(row < result.groupNames.count ? result.groupNames[row] : "")
            points(PeriodResult.rowValue(result.total, row), into: &csv)
            for content in result.contentIDs.indices {
                let column = content < result.contentPoints.count ? result.contentPoints[content] : []
                points(PeriodResult.rowValue(column, row), into: &csv)
            }
            points(PeriodResult.rowValue(result.bonus, row), into: &csv)
            points(PeriodResult.rowValue(result.deduction, row), into: &csv)
            csv.text(result.tierNameOfRow(row))
            rank(PeriodResult.rankValue(result.wardRank, row), into: &csv)
            rank(PeriodResult.rankValue(result.districtRank, row), into: &csv)
            csv.bool(result.isEligibleRow(row))
            csv.text(result.reasonsTextOfRow(row))
            csv.endRow()
        }
        return csv.bytes
    }

    /// `awards.csv`: one line per award granted, in the order of
    /// `result.grants` (by award precedence, then unit, then rank).
    /// - Parameter result: The evaluation.
    /// - Returns: UTF-8 bytes: BOM, header, CRLF-terminated lines.
    public static func awards(for result: PeriodResult) -> [UInt8] {
        var csv = CSVWriter(capacity: 256 + result.grants.count * 160)
        for column in awardsHeader { csv.text(column) }
        csv.endRow()
        for grant in result.grants {
            let row = grant.row
            let award = result.awardDefinitions.indices.contains(grant.award)
                ? result.awardDefinitions[grant.award] : nil
            csv.text(result.period)
            csv.text(award?.id ?? "")
            csv.text(award?.title ?? "")
            csv.text(grant.scopeUnit)
            csv.text(row < result.groupIDs.count ? result.groupIDs[row] : "")
            csv.text(row < result.groupNames.count ? result.groupNames[row] : "")
            csv.text(result.wardNameOfRow(row))
            points(PeriodResult.rowValue(result.total, row), into: &csv)
            rank(PeriodResult.rankValue(result.districtRank, row), into: &csv)
            csv.endRow()
        }
        return csv.bytes
    }

    /// Points, or an empty cell for a missing value.
    private static func points(_ value: Double?, into csv: inout CSVWriter) {
        if let value { csv.points(value) } else { csv.empty() }
    }

    /// A rank, or an empty cell when not ranked.
    private static func rank(_ rank: Int?, into csv: inout CSVWriter) {
        if let rank { csv.integer(rank) } else { csv.empty() }
    }
}
