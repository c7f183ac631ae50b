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
        MemorySink.collect { writeRanking(for: result, to: &$0) }
    }

    /// Writes `ranking.csv` to `sink`, part by part.
    ///
    /// Cells that repeat on many lines (the period, wards, tiers) are
    /// escaped once.
    /// - Parameters:
    ///   - result: The evaluation.
    ///   - sink: Where the file goes.
    /// - Throws: What the sink throws.
    public static func writeRanking<Sink: OutputSink>(
        for result: PeriodResult, to sink: inout Sink
    ) throws(Sink.Failure) {
        var csv = CSVWriter(capacity: Sink.chunkSize + 4096)
        for column in rankingHeader(for: result) { csv.text(column) }
        csv.endRow()
        let period = CSVWriter.escapedBytes(result.period)
        let wardCells = ByteTable(result.wardNames.map(CSVWriter.escapedBytes))
        let tierCells = ByteTable(result.tierNames.map(CSVWriter.escapedBytes))
        // Read in ranking order from columns gathered in that order (see OrderedColumns).
        let ranked = RankedRows(result)
        let contentCount = result.contentIDs.count
        // total, the contents, bonus, deduction: the order of the columns in the file.
        let numbers = OrderedColumns(
            [result.total] + RankedRows.contentColumns(of: result) + [result.bonus, result.deduction],
            order: ranked.order, filler: 0)
        // Each row's reasons cell, escaped once, in output order.
        let reasons = ByteTable(rowCount: result.reasons.count, order: ranked.order) { row, buffer in
            if !result.reasons[row].isEmpty { CSVWriter.appendJoined(result.reasons[row], to: &buffer) }
        }
        for (position, row) in ranked.order.rows.enumerated() {
            csv.escapedCell(period)
            cell(ranked.integers.value(RankedRows.ward, at: position, row: row), of: wardCells, into: &csv)
            csv.text(utf8: ranked.ids.bytes(position))
            csv.text(utf8: ranked.names.bytes(position))
            for column in 0..<(contentCount + 3) { points(numbers.value(column, at: position, row: row), into: &csv) }
            cell(ranked.integers.value(RankedRows.tier, at: position, row: row), of: tierCells, into: &csv)
            rank(ranked.integers.rank(RankedRows.wardRank, at: position, row: row), into: &csv)
            rank(ranked.integers.rank(RankedRows.districtRank, at: position, row: row), into: &csv)
            csv.bool(ranked.integers.value(RankedRows.eligible, at: position, row: row) == 1)
            csv.escapedCell(position, of: reasons)
            csv.endRow()
            try csv.drainIfFull(into: &sink)
        }
        try csv.drain(into: &sink)
    }

    /// `awards.csv`: one line per award granted, in the order of
    /// `result.grants` (by award precedence, then unit, then rank).
    /// - Parameter result: The evaluation.
    /// - Returns: UTF-8 bytes: BOM, header, CRLF-terminated lines.
    public static func awards(for result: PeriodResult) -> [UInt8] {
        MemorySink.collect { writeAwards(for: result, to: &$0) }
    }

    /// Writes `awards.csv` to `sink`, part by part.
    /// - Parameters:
    ///   - result: The evaluation.
    ///   - sink: Where the file goes.
    /// - Throws: What the sink throws.
    public static func writeAwards<Sink: OutputSink>(
        for result: PeriodResult, to sink: inout Sink
    ) throws(Sink.Failure) {
        var csv = CSVWriter(capacity: Sink.chunkSize + 4096)
        for column in awardsHeader { csv.text(column) }
        csv.endRow()
        let period = CSVWriter.escapedBytes(result.period)
        let wards = ByteTable(result.wardNames.map(CSVWriter.escapedBytes))
        let ids = ByteTable(result.awardDefinitions.map { CSVWriter.escapedBytes($0.id) })
        let titles = ByteTable(result.awardDefinitions.map { CSVWriter.escapedBytes($0.title) })
        for grant in result.grants {
            let row = grant.row
            csv.escapedCell(period)
            cell(Int32(clamping: grant.award), of: ids, into: &csv)
            cell(Int32(clamping: grant.award), of: titles, into: &csv)
            csv.text(grant.scopeUnit)
            csv.text(row < result.groupIDs.count ? result.groupIDs[row] : "")
            csv.text(row < result.groupNames.count ? result.groupNames[row] : "")
            cell(row < result.wardOfRow.count ? result.wardOfRow[row] : nil, of: wards, into: &csv)
            points(PeriodResult.rowValue(result.total, row), into: &csv)
            rank(PeriodResult.rankValue(result.districtRank, row), into: &csv)
            csv.endRow()
            try csv.drainIfFull(into: &sink)
        }
        try csv.drain(into: &sink)
    }

    /// The pre-escaped cell `index` of `cells`, or an empty cell when
    /// `index` is missing or out of range (no ward, no tier).
    private static func cell(_ index: Int32?, of cells: borrowing ByteTable, into csv: inout CSVWriter) {
        if let index, cells.contains(Int(index)) { csv.escapedCell(Int(index), of: cells) } else { csv.empty() }
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
