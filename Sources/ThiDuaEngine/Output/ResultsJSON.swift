/// Writes `results.json` (SCORING.md 4): every figure of an evaluation at
/// full precision, for other programs.
///
/// The top-level keys are on their own lines, and each group and each
/// award is one compact line, so a diff of two runs shows one line per group
/// that changed, and a national file is a good deal smaller than an
/// indented one:
///
/// ```json
/// {
///   "period": "2020-Q1",
///   "groups": [
///     {"group_id":"KG-07","ward":"Kim Giang","group_name":"…","total":95.25,"contents":{…},…},
///     …
///   ],
///   "awards": [
///     {"award_id":"…","award_title":"…","group_id":"…","scope_unit":"…"},
///     …
///   ],
///   "warnings": [
///     "…"
///   ]
/// }
/// ```
///
/// A group's keys, always in this order: `group_id`, `ward`, `group_name`,
/// `total`, `contents` (content id → points, config order), `criteria`
/// (criterion id → achievement a, config order), `bonus`, `deduction`,
/// `tier`, `eligible`, `reasons`, `ward_rank`, `district_rank` (`null` =
/// not ranked). Groups are in ranking order. Numbers are Swift's shortest
/// round-trip form (``JSONText``). A per-row column the evaluation left
/// empty (the year may omit `criteria`, `bonus`, `deduction`) is left out of
/// each group rather than written as zeros; a group without a tier has
/// `"tier":null`. An empty list is `[]` on its key's line.
public enum ResultsJSON {
    /// The file's bytes, ending with a newline.
    /// - Parameter result: The evaluation.
    /// - Returns: UTF-8 bytes.
    public static func bytes(for result: PeriodResult) -> [UInt8] {
        MemorySink.collect { write(result, to: &$0) }
    }

    /// Writes the file to `sink`, part by part.
    ///
    /// - Parameters:
    ///   - result: The evaluation.
    ///   - sink: Where the file goes.
    /// - Throws: What the sink throws.
    public static func write<Sink: OutputSink>(_ result: PeriodResult, to sink: inout Sink) throws(Sink.Failure) {
        var buffer = ByteBuffer(capacity: Sink.chunkSize + 64 * 1024)
        buffer.append("{\n  \"period\": ")
        JSONText.appendQuoted(result.period, to: &buffer)
        buffer.append(",\n  \"groups\": ")
        let lines = GroupLines(result)
        try list(count: lines.count, into: &buffer, sink: &sink) { position, buffer in
            lines.write(position, to: &buffer)
        }
        buffer.append(",\n  \"awards\": ")
        try list(count: result.grants.count, into: &buffer, sink: &sink) { index, buffer in
            award(result.grants[index], of: result, to: &buffer)
        }
        buffer.append(",\n  \"warnings\": ")
        try list(count: result.warnings.count, into: &buffer, sink: &sink) { index, buffer in
            JSONText.appendQuoted(result.warnings[index], to: &buffer)
        }
        buffer.append("\n}\n")
        try sink.drain(&buffer)
    }

    /// Writes a list of `count` items, one per line indented by four
    /// spaces, or `[]`, handing full chunks to `sink` as it goes.
    private static func list<Sink: OutputSink>(
        count: Int, into buffer: inout ByteBuffer, sink: inout Sink,
        _ item: (Int, inout ByteBuffer) -> Void
    ) throws(Sink.Failure) {
        guard count > 0 else {
            buffer.append("[]")
            return
        }
        buffer.append("[\n    ")
        for index in 0..<count {
            if index > 0 { buffer.append(",\n    ") }
            item(index, &buffer)
            try sink.drainIfFull(&buffer)
        }
        buffer.append("\n  ]")
    }

    /// One award's line: `{"award_id":…,"award_title":…,"group_id":…,"scope_unit":…}`.
    private static func award(_ grant: AwardGrant, of result: PeriodResult, to buffer: inout ByteBuffer) {
        let award = result.awardDefinitions.indices.contains(grant.award) ? result.awardDefinitions[grant.award] : nil
        buffer.append("{\"award_id\":")
        JSONText.appendQuoted(award?.id ?? "", to: &buffer)
        buffer.append(",\"award_title\":")
        JSONText.appendQuoted(award?.title ?? "", to: &buffer)
        buffer.append(",\"group_id\":")
        JSONText.appendQuoted(grant.row < result.groupIDs.count ? result.groupIDs[grant.row] : "", to: &buffer)
        buffer.append(",\"scope_unit\":")
        JSONText.appendQuoted(grant.scopeUnit, to: &buffer)
        buffer.append(UInt8(ascii: "}"))
    }
}
