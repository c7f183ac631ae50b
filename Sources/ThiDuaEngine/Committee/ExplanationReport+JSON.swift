extension ExplanationReport {
    /// The sheet as JSON, keys always in this order (``JSONWriter``),
    /// numbers at full precision, `null` for none:
    ///
    /// ```json
    /// { "config": "…", "period": "2020-Q2", "year": false, "group_id": "KM-01", "group_name": "…", "ward": "…",
    ///   "total": 87.4, "tier": "Khá", "next_tier": { "name": "Tốt", "min": 90, "missing": 2.6 },
    ///   "eligible": true, "reasons": [], "district_rank": 120, "ward_rank": 5,
    ///   "district_groups": 300, "ward_groups": 27, "base": 86.2, "bonus": 2.25, "bonus_cap": 3, "deduction": 1,
    ///   "contents": [ { "id", "title", "max", "points", "floor": { "needed", "met" },
    ///                   "criteria": [ { "id", "title", "plugin", "parameters": { "zero_at": "0.8" },
    ///                                   "measure": { "value": { "employed": 412 }, "per": { … },
    ///                                                "scale": 1, "if_per_zero": null, "x": 0.93 },
    ///                                   "result": 0.85, "weight": 3, "weight_sum": 5, "points": 10.2 } ] } ],
    ///   "bonuses": [ … ], "deductions": [ … ], "gates": [ … ],   // like criteria, without weights
    ///   "quarters": [ { "period", "total", "tier", "district_rank", "eligible", "reasons" } ],   // the year
    ///   "awards": [ { "award_id", "title", "scope", "unit", "unit_groups", "quota", "rank_in_unit",
    ///                 "won", "outcome", "text", … } ] }
    /// ```
    ///
    /// An award's `outcome` is `won`, `holds_award`, `not_ranked`,
    /// `not_eligible`, `tier_too_low`, `tie_at_cutoff` or `outside_quota`,
    /// with its details (`award`, `tied_with`, `points_behind`, `last_winner`).
    /// - Parameter sheet: The group's sheet.
    /// - Returns: UTF-8 bytes, ending with a newline.
    public static func jsonBytes(for sheet: Explanation) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        for (key, text) in [("config", sheet.config), ("period", sheet.period)] { json.field(key, text) }
        json.field("year", sheet.isYear)
        for (key, text) in [("group_id", sheet.groupID), ("group_name", sheet.groupName), ("ward", sheet.ward)] {
            json.field(key, text)
        }
        json.field("total", sheet.total)
        json.field("tier", sheet.tier)
        json.key("next_tier")
        if let next = sheet.nextTier {
            json.beginObject()
            json.field("name", next.name)
            json.field("min", next.min)
            json.field("missing", next.missing)
            json.endObject()
        } else {
            json.null()
        }
        json.field("eligible", sheet.eligible)
        json.field("reasons", sheet.reasons)
        json.field("district_rank", sheet.districtRank)
        json.field("ward_rank", sheet.wardRank)
        json.field("district_groups", sheet.districtSize)
        json.field("ward_groups", sheet.wardSize)
        json.field("base", sheet.contents.reduce(0) { $0 + $1.points })
        json.field("bonus", sheet.bonus)
        json.field("bonus_cap", sheet.bonusCap)
        json.field("deduction", sheet.deduction)
        json.field("content_floor", sheet.contentFloor)
        json.key("contents")
        json.beginArray()
        for content in sheet.contents { write(content, to: &json) }
        json.endArray()
        for (key, lines) in [("bonuses", sheet.bonuses), ("deductions", sheet.deductions), ("gates", sheet.gates)] {
            json.key(key)
            json.beginArray()
            for line in lines { write(line, to: &json) }
            json.endArray()
        }
        json.key("quarters")
        json.beginArray()
        for quarter in sheet.quarters { write(quarter, to: &json) }
        json.endArray()
        json.key("awards")
        json.beginArray()
        for verdict in sheet.awards { write(verdict, to: &json) }
        json.endArray()
        json.endObject()
        return json.finish()
    }

    /// Writes ``jsonBytes(for:)`` to `path`, atomically.
    /// - Throws: A `DiagnosticError` naming the file when it cannot be written.
    public static func writeJSON(for sheet: Explanation, to path: String) throws {
        try AtomicReportFile.write(jsonBytes(for: sheet), to: path)
    }

    private static func write(_ content: ContentSheet, to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", content.id)
        json.field("title", content.title)
        json.field("max", content.maximum)
        json.field("points", content.points)
        json.key("floor")
        if let floor = content.floor {
            json.beginObject()
            json.field("needed", floor.needed)
            json.field("met", floor.met)
            json.endObject()
        } else {
            json.null()
        }
        json.key("criteria")
        json.beginArray()
        for line in content.criteria { write(line, to: &json) }
        json.endArray()
        json.endObject()
    }

    private static func write(_ line: EntrySheet, to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", line.id)
        json.field("title", line.title)
        json.field("plugin", line.plugin)
        json.key("parameters")
        json.beginObject()
        for parameter in line.parameters { json.field(parameter.key, parameter.value) }
        json.endObject()
        json.key("measure")
        if let inputs = line.measure { write(inputs, to: &json) } else { json.null() }
        json.field("result", line.result)
        if line.weight != nil {
            json.field("weight", line.weight)
            json.field("weight_sum", line.weightSum)
            json.field("points", line.points)
        }
        json.endObject()
    }

    private static func write(_ inputs: MeasureInputs, to json: inout JSONWriter) {
        json.beginObject()
        for (key, parts) in [("value", inputs.value), ("per", inputs.per)] {
            json.key(key)
            json.beginObject()
            for part in parts { json.field(part.column, part.number) }
            json.endObject()
        }
        json.field("scale", inputs.scale)
        json.field("if_per_zero", inputs.ifPerZero)
        switch inputs.x {
        case .success(let x): json.field("x", x)
        case .failure(let error):
            json.field("x", Double?.none)
            json.field("x_error", error.message)
        }
        json.field("x_previous", inputs.previousX)
        json.endObject()
    }
}

extension ExplanationReport {
    /// One award's verdict: where, whether won, and why not with the details.
    static func write(_ verdict: AwardVerdict, to json: inout JSONWriter) {
        json.beginObject()
        json.field("award_id", verdict.awardID)
        json.field("title", verdict.title)
        json.field("scope", verdict.scope.rawValue)
        json.field("unit", verdict.unit)
        json.field("unit_groups", verdict.unitSize)
        json.field("quota", verdict.quota)
        json.field("rank_in_unit", verdict.rankInUnit)
        json.field("won", verdict.won)
        json.field("outcome", outcomeName(verdict.outcome))
        switch verdict.outcome {
        case .won, .notRanked, .notEligible:
            break
        case .holdsAward(let earlier):
            json.field("award", earlier)
        case .tierTooLow(let tier, let minTier):
            json.field("tier", tier)
            json.field("min_tier", minTier)
        case .tieAtCutoff(let rank, let others):
            json.field("tied_at_rank", rank)
            json.field("tied_with", others)
        case .outsideQuota(let behind, let last):
            json.field("points_behind", behind)
            json.field("last_winner", last)
        }
        json.field("reasons", verdict.reasons)
        json.field("text", verdict.text)
        json.endObject()
    }

    /// The outcome's name in the JSON report.
    static func outcomeName(_ outcome: AwardVerdict.Outcome) -> String {
        switch outcome {
        case .won: "won"
        case .holdsAward: "holds_award"
        case .notRanked: "not_ranked"
        case .notEligible: "not_eligible"
        case .tierTooLow: "tier_too_low"
        case .tieAtCutoff: "tie_at_cutoff"
        case .outsideQuota: "outside_quota"
        }
    }

    /// One quarter of the year.
    static func write(_ quarter: QuarterLine, to json: inout JSONWriter) {
        json.beginObject()
        json.field("period", quarter.period)
        json.field("total", quarter.total)
        json.field("tier", quarter.tier)
        json.field("district_rank", quarter.districtRank)
        json.field("eligible", quarter.eligible)
        json.field("reasons", quarter.reasons)
        json.endObject()
    }
}
