/// Writes `results.json` (SCORING.md 4): every figure of an evaluation at
/// full precision, for other programs.
///
/// Layout, keys always in this order:
///
/// ```json
/// {
///   "period": "2020-Q1",
///   "groups": [
///     {
///       "group_id": "…", "ward": "…", "group_name": "…",
///       "total": 95.25,
///       "contents": { "<content id>": points, … },     // config order
///       "criteria": { "<criterion id>": a, … },        // config order
///       "bonus": 1.0, "deduction": 0.0,
///       "tier": "Xuất sắc", "eligible": true, "reasons": [],
///       "ward_rank": 1, "district_rank": null          // null = not ranked
///     }, …                                            // ranking order
///   ],
///   "awards": [ { "award_id", "award_title", "group_id", "scope_unit" }, … ],
///   "warnings": [ "…" ]
/// }
/// ```
///
/// A per-row column the evaluation left empty (the year may omit
/// `criteria`, `bonus`, `deduction`) is left out of each group rather than
/// written as zeros; a group without a tier has `"tier": null`.
public enum ResultsJSON {
    /// The file's bytes, ending with a newline.
    /// - Parameter result: The evaluation.
    /// - Returns: UTF-8 bytes.
    public static func bytes(for result: PeriodResult) -> [UInt8] {
        let perGroup = 640 + 48 * (result.contentIDs.count + result.criterionIDs.count)
        var json = JSONWriter(capacity: 1024 + result.rowCount * perGroup)
        json.beginObject()
        json.key("period")
        json.string(result.period)
        json.key("groups")
        json.beginArray()
        for row in result.outputOrder {
            writeGroup(row, of: result, to: &json)
        }
        json.endArray()
        json.key("awards")
        json.beginArray()
        for grant in result.grants {
            let award = result.awardDefinitions.indices.contains(grant.award)
                ? result.awardDefinitions[grant.award] : nil
            json.beginObject()
            json.key("award_id")
            json.string(award?.id ?? "")
            json.key("award_title")
            json.string(award?.title ?? "")
            json.key("group_id")
            json.string(grant.row < result.groupIDs.count ? result.groupIDs[grant.row] : "")
            json.key("scope_unit")
            json.string(grant.scopeUnit)
            json.endObject()
        }
        json.endArray()
        json.key("warnings")
        json.strings(result.warnings)
        json.endObject()
        return json.finish()
    }

    /// Writes one group's object.
    private static func writeGroup(_ row: Int, of result: PeriodResult, to json: inout JSONWriter) {
        json.beginObject()
        json.key("group_id")
        json.string(result.groupIDs[row])
        json.key("ward")
        json.string(result.wardNameOfRow(row))
        json.key("group_name")
        json.string(row < result.groupNames.count ? result.groupNames[row] : "")
        writeNumber("total", PeriodResult.rowValue(result.total, row), to: &json)
        writeMap("contents", ids: result.contentIDs, columns: result.contentPoints, row: row, to: &json)
        writeMap("criteria", ids: result.criterionIDs, columns: result.achievements, row: row, to: &json)
        writeNumber("bonus", PeriodResult.rowValue(result.bonus, row), to: &json)
        writeNumber("deduction", PeriodResult.rowValue(result.deduction, row), to: &json)
        json.key("tier")
        if let tier = result.tierIndexOfRow(row) {
            json.string(result.tierNames[tier])
        } else {
            json.null()
        }
        json.key("eligible")
        json.bool(result.isEligibleRow(row))
        json.key("reasons")
        json.strings(row < result.reasons.count ? result.reasons[row] : [])
        writeRank("ward_rank", PeriodResult.rankValue(result.wardRank, row), to: &json)
        writeRank("district_rank", PeriodResult.rankValue(result.districtRank, row), to: &json)
        json.endObject()
    }

    /// `"key": number`, or nothing when the value is missing.
    private static func writeNumber(_ key: String, _ value: Double?, to json: inout JSONWriter) {
        guard let value else { return }
        json.key(key)
        json.number(value)
    }

    /// `"key": { id: value, … }` in id order; left out when no column
    /// covers the row (e.g. the year's criteria).
    private static func writeMap(
        _ key: String, ids: [String], columns: [[Double]], row: Int, to json: inout JSONWriter
    ) {
        func covers(_ index: Int) -> Bool { index < columns.count && row < columns[index].count }
        guard ids.isEmpty || ids.indices.contains(where: covers) else { return }
        json.key(key)
        json.beginObject()
        for index in ids.indices where covers(index) {
            json.key(ids[index])
            json.number(columns[index][row])
        }
        json.endObject()
    }

    /// `"key": rank`, or `null` when not ranked.
    private static func writeRank(_ key: String, _ rank: Int?, to json: inout JSONWriter) {
        json.key(key)
        if let rank { json.integer(rank) } else { json.null() }
    }
}
