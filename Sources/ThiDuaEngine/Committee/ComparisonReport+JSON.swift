extension ComparisonReport {
    /// The comparison as JSON, keys always in this order (``JSONWriter``):
    ///
    /// ```json
    /// {
    ///   "base": "round.yaml", "variant": "variant.yaml", "data": ["data.csv"],
    ///   "evaluations": [
    ///     { "period": "2020-Q2", "groups": 300, "changed": 289,
    ///       "agreement": { "groups": 300, "spearman_rho": 0.998, "kendall_tau_b": 0.97 },
    ///       "award_changes": ["KG-07"], "tier_changes": ["NC-23"], "largest_rank_moves": ["PL-06"],
    ///       "differences": [
    ///         { "group_id": "KG-07", "ward": "Kim Giang", "change": "changed",
    ///           "total": { "base": 91.2, "variant": 89.75, "delta": -1.45 },
    ///           "district_rank": { "base": 12, "variant": 19, "delta": 7 },
    ///           "award": { "base": "giay-khen", "variant": null, "move": "lost" },
    ///           "other_figures": ["contents", "criteria"] } ],
    ///       "counts": { … } } ],
    ///   "counts": { … }
    /// }
    /// ```
    ///
    /// `differences` lists every group whose results differ, by group id,
    /// each with only what differs (`total` and the ranks also carry
    /// `delta`); the three lists before it name the groups of the report's
    /// tables. Numbers are at full precision.
    /// - Parameter comparison: The comparison.
    /// - Returns: UTF-8 bytes, ending with a newline.
    public static func jsonBytes(for comparison: Comparison) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.field("base", comparison.base)
        json.field("variant", comparison.variant)
        json.field("data", comparison.dataFiles)
        json.key("evaluations")
        json.beginArray()
        for evaluation in comparison.evaluations { write(evaluation, to: &json) }
        json.endArray()
        json.key("counts")
        write(comparison.counts, to: &json)
        json.endObject()
        return json.finish()
    }

    /// Writes ``jsonBytes(for:)`` to `path`, atomically.
    /// - Throws: A `DiagnosticError` naming the file when it cannot be written.
    public static func writeJSON(for comparison: Comparison, to path: String) throws {
        try AtomicReportFile.write(jsonBytes(for: comparison), to: path)
    }

    private static func write(_ evaluation: ComparedEvaluation, to json: inout JSONWriter) {
        json.beginObject()
        json.field("period", evaluation.period)
        json.field("groups", evaluation.groupCount)
        json.field("changed", evaluation.differences.count)
        json.key("agreement")
        json.beginObject()
        json.field("groups", evaluation.agreement.count)
        json.field("spearman_rho", evaluation.agreement.spearman)
        json.field("kendall_tau_b", evaluation.agreement.kendallTauB)
        json.endObject()
        json.field("award_changes", evaluation.awardChanges.map(\.groupID))
        json.field("tier_changes", evaluation.tierChanges.map(\.groupID))
        json.field("largest_rank_moves", evaluation.largestRankMoves.map(\.groupID))
        json.key("differences")
        json.beginArray()
        for difference in evaluation.differences { write(difference, to: &json) }
        json.endArray()
        json.key("counts")
        write(evaluation.counts, to: &json)
        json.endObject()
    }

    private static func write(_ difference: GroupDifference, to json: inout JSONWriter) {
        json.beginObject()
        json.field("group_id", difference.groupID)
        json.field("ward", difference.ward)
        json.field("change", difference.kind.rawValue)
        if let total = difference.total {
            pair("total", total, delta: { $0.number($2 - $1) }, to: &json) { $0.number($1) }
        }
        if let rank = difference.districtRank {
            pair("district_rank", rank, delta: { $0.integer($2 - $1) }, to: &json) { $0.integer($1) }
        }
        if let rank = difference.wardRank {
            pair("ward_rank", rank, delta: { $0.integer($2 - $1) }, to: &json) { $0.integer($1) }
        }
        if let tier = difference.tier { pair("tier", tier, to: &json) { $0.string($1) } }
        if let eligible = difference.eligible { pair("eligible", eligible, to: &json) { $0.bool($1) } }
        if let award = difference.award {
            pair("award", award, extra: ("move", difference.awardMove?.rawValue), to: &json) { $0.string($1) }
        }
        json.field("other_figures", difference.otherFigures)
        json.endObject()
    }

    /// `"key": { "base": …, "variant": …[, "delta": …][, extra] }`.
    private static func pair<T>(
        _ key: String, _ change: ValueChange<T>, delta: ((inout JSONWriter, T, T) -> Void)? = nil,
        extra: (String, String?)? = nil, to json: inout JSONWriter, _ value: (inout JSONWriter, T) -> Void
    ) {
        json.key(key)
        json.beginObject()
        for (name, side) in [("base", change.old), ("variant", change.new)] {
            json.key(name)
            if let side { value(&json, side) } else { json.null() }
        }
        if let delta, let old = change.old, let new = change.new {
            json.key("delta")
            delta(&json, old, new)
        }
        if let (name, text) = extra, let text {
            json.field(name, text)
        }
        json.endObject()
    }

    private static func write(_ counts: ComparisonCounts, to json: inout JSONWriter) {
        json.beginObject()
        let values = [
            ("evaluations", counts.evaluations), ("groups", counts.groups), ("changed", counts.changed),
            ("in_one_only", counts.onlyInOne), ("totals", counts.totals), ("district_ranks", counts.districtRanks),
            ("ward_ranks", counts.wardRanks), ("tiers", counts.tiers), ("eligibility", counts.eligibility),
            ("awards_gained", counts.awardsGained), ("awards_lost", counts.awardsLost),
            ("awards_changed", counts.awardsChanged), ("other_figures_only", counts.otherFiguresOnly),
        ]
        for (key, value) in values {
            json.field(key, value)
        }
        json.endObject()
    }
}
