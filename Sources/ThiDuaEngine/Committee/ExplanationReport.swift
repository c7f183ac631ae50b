/// `thidua explain` as Markdown: a group's score sheet, read top to bottom
/// the way a committee checks it — the headline, each content with its
/// criteria, bonuses, deductions, gates, eligibility, then every award.
///
/// The x of an `improvement` criterion is followed by the previous period's
/// x and the change d it scores (or "no previous period").
public enum ExplanationReport {
    /// The sheet as Markdown, ending with a newline.
    /// - Parameter sheet: The group's sheet.
    /// - Returns: The text to print.
    public static func markdown(for sheet: Explanation) -> String {
        var out = "# \(sheet.groupID) \(sheet.groupName) — \(sheet.ward), \(sheet.isYear ? "year " : "")\(sheet.period)\n\n"
        out += "Config `\(sheet.config)`; the figures are those `thidua run` writes for \(sheet.period).\n\n"
        out += headline(sheet) + "\n\n"
        if sheet.isYear {
            quarters(sheet, into: &out)
        }
        contents(sheet, into: &out)
        if !sheet.isYear {
            entries("Bonuses", sheet.bonuses, last: "points", into: &out)
            out += "Bonus counted: **\(CommitteeText.points(sheet.bonus))**"
                + (sheet.bonusCap.map { " (sum of the bonuses, capped at bonus_cap \(CommitteeText.number($0)))" } ?? "")
                + ".\n\n"
            entries("Deductions", sheet.deductions, last: "points", into: &out)
            out += "Deduction counted: **\(CommitteeText.points(sheet.deduction))**.\n\n"
            entries("Gates", sheet.gates, last: "result", into: &out)
        }
        out += "## Eligibility\n\n"
        out += sheet.eligible ? "Eligible.\n\n"
            : "Not eligible:\n\n" + sheet.reasons.map { "- \($0)\n" }.joined() + "\n"
        out += "## Awards\n\n" + CommitteeText.table(
            ["award", "unit", "verdict"],
            sheet.awards.map { ["\($0.awardID) (\($0.title))", $0.unit, $0.text] })
        return out
    }

    /// `**Total 87.45** = contents 86.20 + bonus 2.25 − deduction 1.00 · tier **Khá** …`.
    static func headline(_ sheet: Explanation) -> String {
        guard let total = sheet.total else {
            return "**Not ranked** for the year: " + sheet.reasons.joined(separator: "; ")
        }
        let base = sheet.contents.reduce(0) { $0 + $1.points }
        var parts = ["**Total \(CommitteeText.points(total))** = contents \(CommitteeText.points(base))"
            + " + bonus \(CommitteeText.points(sheet.bonus)) − deduction \(CommitteeText.points(sheet.deduction))"
            + (sheet.isYear ? " (means of the quarters; the total is the mean of the quarterly totals)" : "")]
        parts.append("tier **\(sheet.tier ?? "—")**" + (sheet.nextTier.map {
            " (\(CommitteeText.points(max(0, $0.missing))) points short of \($0.name) at \(CommitteeText.number($0.min)))"
        } ?? " (the top tier)"))
        parts.append("district rank \(sheet.districtRank.map(String.init) ?? "—") of \(sheet.districtSize)")
        parts.append("ward rank \(sheet.wardRank.map(String.init) ?? "—") of \(sheet.wardSize)")
        parts.append(sheet.eligible ? "eligible" : "not eligible")
        return parts.joined(separator: " · ")
    }

    private static func quarters(_ sheet: Explanation, into out: inout String) {
        out += "## Quarters\n\n" + CommitteeText.table(
            ["period", "total", "tier", "district rank", "eligible", "reasons"],
            sheet.quarters.map { line in
                [line.period, CommitteeText.points(line.total), line.tier ?? "—",
                 line.districtRank.map(String.init) ?? "—",
                 line.eligible.map { $0 ? "yes" : "no" } ?? "no data",
                 line.reasons.joined(separator: "; ")]
            }) + "\n"
    }

    private static func contents(_ sheet: Explanation, into out: inout String) {
        out += sheet.isYear ? "## Contents (means of the quarters)\n\n" : "## Contents\n\n"
        if sheet.isYear {
            out += CommitteeText.table(["content", "points", "of", "floor"], sheet.contents.map { content in
                [content.id, CommitteeText.points(content.points), CommitteeText.number(content.maximum),
                 floorText(content)]
            }) + "\n"
            return
        }
        for content in sheet.contents {
            out += "### \(content.id): \(CommitteeText.points(content.points)) of \(CommitteeText.number(content.maximum))"
                + (content.floor == nil ? "" : " (floor \(floorText(content)))") + "\n\n"
            out += "\(content.title)\n\n"
            out += CommitteeText.table(
                ["criterion", "plugin", "parameters", "x", "a", "weight", "points"],
                content.criteria.map { line in
                    [line.id, line.plugin, parametersText(line), measureText(line.measure, history: line.plugin == "improvement"),
                     CommitteeText.short(line.result),
                     "\(CommitteeText.number(line.weight ?? 1)) of \(CommitteeText.number(line.weightSum ?? 1))",
                     CommitteeText.points(line.points)]
                }) + "\n"
        }
    }

    /// A table of bonuses, deductions or gates; "None." when the config has none.
    private static func entries(_ title: String, _ lines: [EntrySheet], last: String, into out: inout String) {
        out += "## \(title)\n\n"
        guard !lines.isEmpty else {
            out += "None.\n\n"
            return
        }
        out += CommitteeText.table(["id", "plugin", "parameters", "x", last], lines.map { line in
            let result = last == "result"
                ? (line.result >= 0.5 ? "pass" : "fail: " + (line.failureReason ?? "gate '\(line.id)' failed"))
                : CommitteeText.points(line.result)
            return [line.id, line.plugin, parametersText(line), measureText(line.measure), result]
        }) + "\n"
    }

    /// `needs 10.00: met`.
    static func floorText(_ content: ContentSheet) -> String {
        guard let floor = content.floor else { return "—" }
        return "needs \(CommitteeText.points(floor.needed)): \(floor.met ? "met" : "NOT met")"
    }

    /// `zero_at: 0.8, full_at: 0.96`; a gate's `reason` is left to the result column.
    static func parametersText(_ line: EntrySheet) -> String {
        line.parameters.filter { !(line.failureReason != nil && $0.key == "reason") }
            .map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    }

    /// `employed 412 / working_age 440 = 0.9364`; with `history`, also the
    /// previous period's x and the change d that an `improvement` scores.
    static func measureText(_ inputs: MeasureInputs?, history: Bool = false) -> String {
        guard let inputs else { return "—" }
        switch inputs.x {
        case .success(let x):
            var text = inputs.formula + " = " + CommitteeText.short(x)
            if history {
                text += inputs.previousX.map { "; previous period \(CommitteeText.short($0)), d = \(CommitteeText.short(x - $0))" }
                    ?? "; no previous period"
            }
            return text
        case .failure(let error): return inputs.formula + ": " + error.message
        }
    }
}
