extension SensitivityReport {
    /// The report as JSON, keys always in this order, numbers at full
    /// precision (``JSONWriter``):
    ///
    /// ```json
    /// {
    ///   "config": "Configs/thanh-xuan-2020.yaml", "award": null,
    ///   "evaluations": [
    ///     { "period": "2020-Q1",
    ///       "awards": [ { "award": "co-thi-dua", "winners": 3 } ],
    ///       "contents": [
    ///         { "content": "economy", "points": 20.0, "searched": { "from": 0.0, "to": 40.0 },
    ///           "lower": { "value": 19.87, "closed": true, "limit": false,
    ///                      "changes": [ { "award": "giay-khen", "unit": "district",
    ///                                     "entering": ["KG-01"], "leaving": ["TXB-07"] } ] },
    ///           "upper": { … }, "decisions": 6 } ],
    ///       "margins": [ { "award": "co-thi-dua", "unit": "district", "group_id": "KT-25",
    ///                      "ward": "Khương Trung", "total": 103.0, "runner_up": "KG-18",
    ///                      "runner_up_total": 102.9, "margin": 0.1 } ] } ],
    ///   "skipped": []
    /// }
    /// ```
    ///
    /// `closed` tells whether `value` itself keeps the winners; `limit`
    /// that the end is the end of the searched range (no change up to it);
    /// `changes` are the winners just outside the interval. A margin
    /// without a runner-up has `null` for it and for the margin.
    /// - Parameter result: What ``Sensitivity/analyse(_:awardID:)`` found.
    /// - Returns: UTF-8 bytes, ending with a newline.
    public static func jsonBytes(for result: SensitivityResult) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.field("config", result.config)
        json.field("award", result.awardID)
        json.key("evaluations")
        json.beginArray()
        for evaluation in result.evaluations { write(evaluation, to: &json) }
        json.endArray()
        json.field("skipped", result.skipped)
        json.endObject()
        return json.finish()
    }

    /// Writes the JSON report to `path` whole or not at all.
    /// - Throws: A `DiagnosticError` naming the file when it cannot be written.
    public static func writeJSON(for result: SensitivityResult, to path: String) throws {
        try AtomicReportFile.write(jsonBytes(for: result), to: path)
    }

    private static func write(_ evaluation: EvaluationSensitivity, to json: inout JSONWriter) {
        json.beginObject()
        json.field("period", evaluation.period)
        json.key("awards")
        json.beginArray()
        for award in evaluation.awards {
            json.beginObject()
            json.field("award", award.id)
            json.field("winners", award.winners)
            json.endObject()
        }
        json.endArray()
        json.key("contents")
        json.beginArray()
        for content in evaluation.contents {
            json.beginObject()
            json.field("content", content.contentID)
            json.field("points", content.points)
            json.key("searched")
            json.beginObject()
            json.field("from", content.searched.lowerBound)
            json.field("to", content.searched.upperBound)
            json.endObject()
            for (name, end) in [("lower", content.lower), ("upper", content.upper)] {
                json.key(name)
                write(end, to: &json)
            }
            json.field("decisions", content.decisions)
            json.endObject()
        }
        json.endArray()
        json.key("margins")
        json.beginArray()
        for margin in evaluation.margins { write(margin, to: &json) }
        json.endArray()
        json.endObject()
    }

    private static func write(_ end: IntervalEnd, to json: inout JSONWriter) {
        json.beginObject()
        json.field("value", end.value)
        json.field("closed", end.isClosed)
        json.field("limit", end.isLimit)
        json.key("changes")
        json.beginArray()
        for change in end.changes {
            json.beginObject()
            json.field("award", change.awardID)
            json.field("unit", change.unit)
            json.field("entering", change.entering)
            json.field("leaving", change.leaving)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    private static func write(_ margin: WinnerMargin, to json: inout JSONWriter) {
        json.beginObject()
        for (key, value) in [("award", margin.awardID), ("unit", margin.unit), ("group_id", margin.groupID),
                             ("ward", margin.ward)] {
            json.field(key, value)
        }
        json.field("total", margin.total)
        json.field("runner_up", margin.runnerUp)
        json.field("runner_up_total", margin.runnerUpTotal)
        json.field("margin", margin.margin)
        json.endObject()
    }
}
