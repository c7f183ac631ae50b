/// Writes `awards.csv` (SCORING.md 4): one line per award granted, in the
/// order of `PeriodResult.grants` (by award precedence, then unit, then
/// rank).
///
/// Columns: `period,award_id,award_title,scope_unit,group_id,group_name,
/// ward,total,district_rank`. The total has two decimals; a district rank
/// of 0 (not ranked) is an empty cell. A file with no grants still has its
/// header, so a spreadsheet opens it the same way.
public enum AwardsCSV {
    /// The header cells, in order.
    public static let header = [
        "period", "award_id", "award_title", "scope_unit", "group_id", "group_name", "ward", "total",
        "district_rank",
    ]

    /// The file's bytes: BOM, header, one CRLF-terminated line per grant.
    /// - Parameter result: The evaluation.
    /// - Returns: UTF-8 bytes.
    public static func bytes(for result: PeriodResult) -> [UInt8] {
        var csv = CSVWriter(capacity: 256 + result.grants.count * 160)
        for column in header { csv.text(column) }
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
            RankingCSV.optionalPoints(PeriodResult.rowValue(result.total, row), into: &csv)
            RankingCSV.optionalRank(PeriodResult.rankValue(result.districtRank, row), into: &csv)
            csv.endRow()
        }
        return csv.bytes
    }
}
