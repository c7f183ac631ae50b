import Foundation
import ScoringKit

extension DiffReport {
    /// The report as JSON, keys always in this order (``JSONWriter``), so
    /// the same comparison always gives the same bytes:
    ///
    /// ```json
    /// {
    ///   "old": "trusted", "new": "out", "tolerance": 0.005, "differs": true,
    ///   "periods": [
    ///     { "period": "2020-Q1", "presence": "both",     // or only_in_old, only_in_new
    ///       "groups": 300,                              // groups in either output
    ///       "changes": [
    ///         { "group_id": "KG-07", "ward": "Kim Giang",
    ///           "change": "changed",                    // or added, removed
    ///           "total": { "old": 91.2, "new": 89.75, "delta": -1.45 },
    ///           "district_rank": { "old": 12, "new": 19 },
    ///           "award": { "old": "giay-khen", "new": null, "move": "lost" } } ] } ],
    ///   "summary": { "periods_compared": 4, "periods_with_differences": 1, … }
    /// }
    /// ```
    ///
    /// A group lists only what differs: `total`, `district_rank`,
    /// `ward_rank`, `tier`, `eligible`, `award`, each `{ "old", "new" }` with
    /// `null` for none; `delta` is there when both totals are.
    /// - Parameter diff: The comparison.
    /// - Returns: UTF-8 bytes, ending with a newline.
    public static func jsonBytes(for diff: ResultsDiff) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.field("old", diff.oldFolder)
        json.field("new", diff.newFolder)
        json.field("tolerance", diff.tolerance)
        json.field("differs", diff.differs)
        json.key("periods")
        json.beginArray()
        for period in diff.periods {
            json.beginObject()
            json.field("period", period.period)
            json.field("presence", period.presence.rawValue)
            json.field("groups", period.groupCount)
            json.key("changes")
            json.beginArray()
            for change in period.changes { write(change, to: &json) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("summary")
        write(diff.summary, to: &json)
        json.endObject()
        return json.finish()
    }

    /// Writes the JSON report to `path` atomically: into a hidden temporary
    /// file beside it, then `rename(2)`, so a reader never sees half a file.
    /// - Parameters:
    ///   - diff: The comparison.
    ///   - path: The file to write (replaced when it exists).
    /// - Throws: A ``DiagnosticError`` naming the file when it cannot be written.
    public static func writeJSON(for diff: ResultsDiff, to path: String) throws {
        try AtomicReportFile.write(jsonBytes(for: diff), to: path)
    }

    /// One group's object.
    private static func write(_ change: GroupChange, to json: inout JSONWriter) {
        json.beginObject()
        json.field("group_id", change.groupID)
        json.field("ward", change.ward)
        json.field("change", change.kind.rawValue)
        if let total = change.total {
            pair("total", total, to: &json) { $0.number($1) }
            if let old = total.old, let new = total.new {
                json.field("delta", new - old)
            }
            json.endObject()
        }
        if let rank = change.districtRank { closedPair("district_rank", rank, to: &json) { $0.integer($1) } }
        if let rank = change.wardRank { closedPair("ward_rank", rank, to: &json) { $0.integer($1) } }
        if let tier = change.tier { closedPair("tier", tier, to: &json) { $0.string($1) } }
        if let eligible = change.eligible { closedPair("eligible", eligible, to: &json) { $0.bool($1) } }
        if let award = change.award {
            pair("award", award, to: &json) { $0.string($1) }
            if let move = change.awardMove {
                json.field("move", move.rawValue)
            }
            json.endObject()
        }
        json.endObject()
    }

    /// `"key": { "old": …, "new": … }`.
    private static func closedPair<T>(
        _ key: String, _ change: ValueChange<T>, to json: inout JSONWriter, _ value: (inout JSONWriter, T) -> Void
    ) {
        pair(key, change, to: &json, value)
        json.endObject()
    }

    /// `"key": { "old": …, "new": …` — the object left open for more members.
    private static func pair<T>(
        _ key: String, _ change: ValueChange<T>, to json: inout JSONWriter, _ value: (inout JSONWriter, T) -> Void
    ) {
        json.key(key)
        json.beginObject()
        for (name, side) in [("old", change.old), ("new", change.new)] {
            json.key(name)
            if let side { value(&json, side) } else { json.null() }
        }
    }

    /// The summary's object.
    private static func write(_ summary: ResultsDiff.Summary, to json: inout JSONWriter) {
        json.beginObject()
        let counts = [
            ("periods_compared", summary.periodsCompared), ("periods_with_differences", summary.periodsDiffering),
            ("groups", summary.groups), ("added", summary.added), ("removed", summary.removed),
            ("totals_moved", summary.totals), ("district_ranks", summary.districtRanks),
            ("ward_ranks", summary.wardRanks), ("tiers", summary.tiers), ("eligibility", summary.eligibility),
            ("awards_gained", summary.awardsGained), ("awards_lost", summary.awardsLost),
            ("awards_changed", summary.awardsChanged),
        ]
        for (key, count) in counts {
            json.field(key, count)
        }
        json.field("only_in_old", summary.onlyInOld)
        json.field("only_in_new", summary.onlyInNew)
        json.endObject()
    }
}
