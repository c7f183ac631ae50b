import Foundation

/// `thidua sensitivity` as Markdown (for the committee's minutes) and JSON.
///
/// Per evaluation: one table with a line per content — its points, the
/// interval of points over which every followed award goes to exactly the
/// same groups, and what changes just below and just above it — then the
/// winners' margins.
public enum SensitivityReport {
    /// The report as Markdown.
    /// - Parameter result: What ``Sensitivity/analyse(_:awardID:)`` found.
    /// - Returns: The text, ending with a newline.
    public static func markdown(for result: SensitivityResult) -> String {
        var out = "# Sensitivity of the award lists\n\n"
        let followed = result.awardID.map { "award `\(ReportMarkdown.cell($0))`" } ?? "every award"
        out += "Config `\(ReportMarkdown.cell(result.config))`; \(followed). Each content's points move alone over "
            + "[0, 2 × points], everything else as configured. **Same winners for** is the interval of points "
            + "where \(result.awardID == nil ? "every award goes" : "the award goes") to exactly the same groups: "
            + "`[` `]` include the end, `(` `)` exclude it. The next columns say what happens just outside each "
            + "end: `+` a group gains the award, `−` a group loses it; \"none\" means no change within the range.\n"
        for period in result.skipped {
            out += "\n_\(ReportMarkdown.cell(period)): no award `\(ReportMarkdown.cell(result.awardID ?? ""))`._\n"
        }
        for evaluation in result.evaluations {
            out += "\n## \(ReportMarkdown.cell(evaluation.period))\n\n"
            let counts = evaluation.awards.map { "\(ReportMarkdown.cell($0.id)) \($0.winners)" }.joined(separator: ", ")
            out += "Winners: \(counts).\n\n"
            out += CommitteeText.table(["content", "points", "same winners for", "below the interval", "above the interval"],
                         evaluation.contents.map { content in
                [content.contentID, number(content.points), interval(content),
                 outside(content.lower, limitText: "none down to \(number(content.searched.lowerBound))"),
                 outside(content.upper, limitText: "none up to \(number(content.searched.upperBound))")]
            })
            out += "\n### Margins\n\n"
            out += "How many points each winner's total leads the runner-up: the best-ranked group of the same unit "
                + "that was a candidate for the same award (eligible, tier high enough, no earlier award) and did "
                + "not get it.\n\n"
            out += CommitteeText.table(["award", "unit", "winner", "total", "runner-up", "its total", "margin"],
                         evaluation.margins.map { margin in
                [margin.awardID, margin.unit, margin.groupID, CommitteeText.points(margin.total),
                 margin.runnerUp ?? "—", CommitteeText.points(margin.runnerUpTotal), CommitteeText.points(margin.margin)]
            })
        }
        return out
    }

    /// `[19.5, 20.25)`: the interval with its brackets.
    static func interval(_ content: ContentInterval) -> String {
        (content.lower.isClosed ? "[" : "(") + number(content.lower.value) + ", "
            + number(content.upper.value) + (content.upper.isClosed ? "]" : ")")
    }

    /// What changes just outside an end: `giay-khen: +KG-01 −TXB-07; …`.
    static func outside(_ end: IntervalEnd, limitText: String) -> String {
        guard !end.isLimit else { return limitText }
        let place = end.isClosed ? "past \(number(end.value))" : "at \(number(end.value))"
        let changes = end.changes.map { change in
            let award = change.unit == "district" ? change.awardID : "\(change.awardID) (\(change.unit))"
            let moves = change.entering.map { "+\($0)" } + change.leaving.map { "−\($0)" }
            return "\(award): \(moves.joined(separator: " "))"
        }
        return "\(place): \(changes.joined(separator: "; "))"
    }

    /// A number of points: up to six decimals, trailing zeros cut (`20`,
    /// `19.871604`); the JSON report has every digit.
    static func number(_ x: Double) -> String { CommitteeText.short(x, decimals: 6) }
}
