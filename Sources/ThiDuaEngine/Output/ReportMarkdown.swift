/// Writes `report.md`: the results in a form a committee secretary pastes
/// into the minutes of a meeting.
///
/// Headings are Vietnamese with a short English gloss in italics. Sections
/// of a quarter, in order: the title with the period; a summary (groups,
/// wards, eligible, tier counts, awards granted); a table of tier counts per
/// ward with a district total row; each award with its winners (rank, group,
/// ward, total), or "none", and the groups that came close with why each was
/// passed over; the groups ranked 1–3 in each ward (more when tied); the
/// warnings (ties at award cutoffs), or "none".
///
/// The year's report is the draft of the committee's award decision (dự
/// thảo quyết định khen thưởng): see `ReportMarkdown+Year.swift`.
///
/// Points have two decimals; a missing figure prints as `—`. Text from the
/// data is escaped for tables (see ``cell(_:)``).
public enum ReportMarkdown {
    /// The file's bytes (UTF-8, no BOM, LF line ends).
    /// - Parameter result: The evaluation.
    /// - Returns: UTF-8 bytes.
    public static func bytes(for result: PeriodResult) -> [UInt8] {
        var out = ReportText()
        write(result, into: &out)
        return out.buffer.array
    }

    /// Writes the file to `sink`.
    ///
    /// The report lists the winners, the groups that came close and the
    /// top three of each ward, not every group, so it is built whole (a few
    /// MB for a national run) and handed over once.
    /// - Parameters:
    ///   - result: The evaluation.
    ///   - sink: Where the file goes.
    /// - Throws: What the sink throws.
    public static func write<Sink: OutputSink>(_ result: PeriodResult, to sink: inout Sink) throws(Sink.Failure) {
        var out = ReportText()
        write(result, into: &out)
        try sink.drain(&out.buffer)
    }

    /// The report as text.
    /// - Parameter result: The evaluation.
    /// - Returns: Markdown, ending with a newline.
    public static func text(for result: PeriodResult) -> String {
        var out = ReportText()
        write(result, into: &out)
        return out.string
    }

    /// Writes the report of a quarter, or of the year (see
    /// `ReportMarkdown+Year.swift`).
    private static func write(_ result: PeriodResult, into out: inout ReportText) {
        if result.isYear {
            writeYear(result, into: &out)
            return
        }
        let counts = TierCounts(result)
        out += "# Báo cáo kết quả thi đua — \(cell(result.period))\n\n"
        out += "_Emulation results report, period \(cell(result.period))._\n\n"
        summary(result, counts, into: &out)
        tiersByWard(result, counts, into: &out)
        awards(result, section: 3, into: &out)
        topOfEachWard(result, into: &out)
        warnings(result, section: 5, into: &out)
    }

    /// The last section: the warnings (ties at award cutoffs), or "none".
    static func warnings(_ result: PeriodResult, section: Int, into out: inout ReportText) {
        out += "## \(section). Cảnh báo _(Warnings)_\n\n"
        if result.warnings.isEmpty {
            out += "Không có _(none)_.\n"
        } else {
            for warning in result.warnings { out += "- \(inline(warning))\n" }
        }
    }

    /// Text made safe for a table cell or a heading: `\` and `|` are
    /// backslash-escaped (a bare `|` would split the cell) and line breaks
    /// become spaces (a table row is one line).
    /// - Parameter text: Text from the data or the config.
    /// - Returns: The escaped text.
    public static func cell(_ text: String) -> String {
        // Nearly every name is clean: check the bytes (all four specials are
        // ASCII) before walking the text character by character.
        let clean = text.withUTF8Bytes { utf8 in
            !utf8.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "|") || $0 == 0x0A || $0 == 0x0D }
        }
        if clean { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// Text for a list item: line breaks become spaces.
    private static func inline(_ text: String) -> String {
        // A warning lists the groups tied at a cutoff, thousands of
        // characters in a national run: look at the bytes first. Every
        // line break is 0x0A–0x0D, or U+0085, U+2028, U+2029, whose UTF-8
        // ends in 0x85, 0xA8 or 0xA9.
        let plain = text.withUTF8Bytes { utf8 in
            !utf8.contains { (0x0A...0x0D).contains($0) || $0 == 0x85 || $0 == 0xA8 || $0 == 0xA9 }
        }
        if plain { return text }
        return String(text.map { $0.isNewline ? " " : $0 })
    }

    /// Section 1: the headline numbers.
    private static func summary(_ result: PeriodResult, _ counts: TierCounts, into out: inout ReportText) {
        let eligible = (0..<result.rowCount).reduce(0) { $0 + (result.isEligibleRow($1) ? 1 : 0) }
        out += "## 1. Tóm tắt _(Summary)_\n\n"
        out += "- Số tổ dân phố _(groups)_: \(result.rowCount)\n"
        out += "- Số phường _(wards)_: \(result.wardNames.count)\n"
        out += "- Đủ điều kiện _(eligible)_: \(eligible)\n"
        out += "- Không đủ điều kiện _(not eligible)_: \(result.rowCount - eligible)\n"
        let tiers = counts.columns.indices.map { "\(cell(counts.columns[$0])): \(counts.district[$0])" }
        out += "- Xếp loại _(tiers)_: \(tiers.joined(separator: "; "))\n"
        out += "- Khen thưởng đã trao _(awards granted)_: \(result.grants.count)\n\n"
    }

    /// Section 2: tier counts per ward.
    private static func tiersByWard(_ result: PeriodResult, _ counts: TierCounts, into out: inout ReportText) {
        out += "## 2. Xếp loại theo phường _(Tiers by ward)_\n\n"
        out += "| Phường _(ward)_ | " + counts.columns.map(cell).joined(separator: " | ")
        out += " | Tổng _(total)_ |\n|---|" + String(repeating: "---:|", count: counts.columns.count + 1) + "\n"
        for ward in result.wardNames.indices {
            let row = counts.perWard[ward]
            out += "| \(cell(result.wardNames[ward])) | "
            out += row.map(String.init).joined(separator: " | ") + " | \(row.reduce(0, +)) |\n"
        }
        out += "| **Toàn quận _(district)_** | " + counts.district.map { "**\($0)**" }.joined(separator: " | ")
        out += " | **\(counts.district.reduce(0, +))** |\n\n"
    }

    /// One table row for a group: rank, `name (id)`, optional ward, total,
    /// optional tier, then, with `quarters`, the group's total in each of
    /// the year's quarters.
    ///
    /// Written straight into the report's bytes, numbers included: a
    /// national report has tens of thousands of these rows, and a `String`
    /// per cell cost more than the rest of the report. With `closed` false
    /// the row is left open after the last cell, for the caller to add
    /// cells.
    static func groupRow(_ result: PeriodResult, _ row: Int, rank: Int?, ward: Bool, tier: Bool,
                         quarters: Bool = false, closed: Bool = true, into out: inout ReportText) {
        out.append("| ")
        if let rank { out.append(integer: rank) }
        out.append(" | ")
        out.append(cell: result.groupNames[row])
        out.append(" (")
        out.append(cell: result.groupIDs[row])
        out.append(")")
        if ward {
            out.append(" | ")
            out.append(cell: result.wardNameOfRow(row))
        }
        out.append(" | ")
        out.append(points: PeriodResult.rowValue(result.total, row) ?? .nan)
        if tier {
            out.append(" | ")
            out.append(cell: result.tierNameOfRow(row))
        }
        if quarters {
            for period in result.yearPeriods.indices {
                out.append(" | ")
                let total = period < result.periodTotals.count
                    ? PeriodResult.rowValue(result.periodTotals[period], row) : nil
                out.append(points: total ?? .nan)
            }
        }
        if closed { out.append(" |\n") }
    }

    /// Points with two decimals, or `—` for a figure that does not exist
    /// (NaN: a quarter without the group, the year of an unranked group).
    static func points(_ value: Double) -> String {
        value.isFinite ? TwoDecimals.string(value) : "—"
    }
}
