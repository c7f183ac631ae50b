/// `thidua compare` as Markdown: per evaluation the awards that change, the
/// tiers that change, the largest district rank moves, and how well the two
/// rankings agree; then one line for everything.
///
/// ```markdown
/// ## 2020-Q2
///
/// 300 groups; results differ for 289: 289 totals, 201 district ranks, 4 tiers, 3 awards.
///
/// ### Awards that change (3)
///
/// | group | ward | base | variant | change | total |
/// |---|---|---|---|---|---|
/// | KG-07 | Kim Giang | giay-khen | — | lost | 91.20 → 89.75 (−1.45) |
/// ```
public enum ComparisonReport {
    /// The report as Markdown, ending with a newline.
    /// - Parameter comparison: The comparison.
    /// - Returns: The text to print.
    public static func markdown(for comparison: Comparison) -> String {
        var out = "# Comparison: \(comparison.variant) against \(comparison.base)\n\n"
        out += "- base: `\(comparison.base)`\n- variant: `\(comparison.variant)`\n"
        out += "- data (both): " + comparison.dataFiles.map { "`\($0)`" }.joined(separator: ", ") + "\n"
        out += "- Δ = variant − base; a positive rank change is a move down the ranking.\n\n"
        for evaluation in comparison.evaluations { section(evaluation, into: &out) }
        out += "## Summary\n\n" + summaryLine(comparison) + "\n"
        return out
    }

    /// The last line, e.g. `summary: 5 evaluations, results differ for 1422 of 1500 group results; …`.
    public static func summaryLine(_ comparison: Comparison) -> String {
        let counts = comparison.counts
        var text = "summary: \(CommitteeText.plural(counts.evaluations, "evaluation")); "
            + "results differ for \(counts.changed) of \(counts.groups) group results"
        let kinds = kindsText(counts)
        if !kinds.isEmpty { text += " (" + kinds + ")" }
        let agreements = comparison.evaluations.map {
            "\($0.period) \(CommitteeText.correlation($0.agreement.spearman))/\(CommitteeText.correlation($0.agreement.kendallTauB))"
        }
        return text + "; rank agreement rho/tau-b: " + agreements.joined(separator: ", ")
    }

    private static func section(_ evaluation: ComparedEvaluation, into out: inout String) {
        let counts = evaluation.counts
        out += "## \(evaluation.period)\n\n"
        if counts.changed == 0 {
            out += "\(CommitteeText.plural(evaluation.groupCount, "group")); no differences.\n\n"
        } else {
            let kinds = kindsText(counts)
            out += "\(CommitteeText.plural(evaluation.groupCount, "group")); results differ for \(counts.changed)"
                + (kinds.isEmpty ? "" : ": " + kinds) + ".\n\n"
        }
        let awards = evaluation.awardChanges
        out += "### Awards that change (\(awards.count))\n\n"
        out += awards.isEmpty ? "None.\n\n" : CommitteeText.table(
            ["group", "ward", "base", "variant", "change", "total"],
            awards.map { [$0.groupID, $0.ward, $0.award?.old ?? "—", $0.award?.new ?? "—",
                          $0.awardMove?.rawValue ?? "", totalText($0)] }) + "\n"
        let tiers = evaluation.tierChanges
        out += "### Tiers that change (\(tiers.count))\n\n"
        out += tiers.isEmpty ? "None.\n\n" : CommitteeText.table(
            ["group", "ward", "base", "variant", "total"],
            tiers.map { [$0.groupID, $0.ward, $0.tier?.old ?? "—", $0.tier?.new ?? "—", totalText($0)] }) + "\n"
        let moves = evaluation.largestRankMoves
        out += "### Largest rank moves (top \(ComparedEvaluation.rankMoveLimit) by |Δ district rank|)\n\n"
        out += moves.isEmpty ? "None.\n\n" : CommitteeText.table(
            ["group", "ward", "district rank", "Δ rank", "total"],
            moves.map { move in
                [move.groupID, move.ward, move.districtRank.map { CommitteeText.arrow($0) { String($0) } } ?? "",
                 CommitteeText.signed(move.rankDelta ?? 0), totalText(move)]
            }) + "\n"
        let agreement = evaluation.agreement
        out += "### Rank agreement\n\n"
        out += "Spearman's rho \(CommitteeText.correlation(agreement.spearman)), "
            + "Kendall's tau-b \(CommitteeText.correlation(agreement.kendallTauB)), "
            + "over the district ranks of the \(CommitteeText.plural(agreement.count, "group")) ranked in both.\n\n"
        out += "**\(evaluation.period):** " + oneLine(evaluation) + "\n\n"
    }

    /// The one-line summary of an evaluation.
    static func oneLine(_ evaluation: ComparedEvaluation) -> String {
        let counts = evaluation.counts
        let largest = evaluation.largestRankMoves.first.flatMap(\.rankDelta).map { abs($0) } ?? 0
        return "\(counts.changed) of \(evaluation.groupCount) groups differ; "
            + "awards \(counts.awardsGained) gained, \(counts.awardsLost) lost, \(counts.awardsChanged) changed; "
            + "\(CommitteeText.plural(counts.tiers, "tier change")); largest rank move \(largest); "
            + "rho \(CommitteeText.correlation(evaluation.agreement.spearman)), "
            + "tau-b \(CommitteeText.correlation(evaluation.agreement.kendallTauB))."
    }

    /// `289 totals, 201 district ranks, …`, naming the kinds that occur.
    private static func kindsText(_ counts: ComparisonCounts) -> String {
        var kinds: [String] = []
        func add(_ count: Int, _ text: String) { if count > 0 { kinds.append("\(count) \(text)") } }
        add(counts.totals, "totals")
        add(counts.districtRanks, "district ranks")
        add(counts.wardRanks, "ward ranks")
        add(counts.tiers, "tiers")
        add(counts.eligibility, "eligibility")
        add(counts.awardsGained + counts.awardsLost + counts.awardsChanged, "awards")
        add(counts.onlyInOne, "in one only")
        add(counts.otherFiguresOnly, "only in " + counts.otherFigureNames.joined(separator: ", "))
        return kinds.joined(separator: ", ")
    }

    /// `91.20 → 89.75 (−1.45)`, or `91.20 (same)` when it did not move.
    static func totalText(_ difference: GroupDifference) -> String {
        let total = difference.totals
        guard difference.total != nil else { return CommitteeText.points(total.new) + " (same)" }
        guard let old = total.old, let new = total.new else {
            return CommitteeText.arrow(total) { CommitteeText.points($0) }
        }
        return "\(CommitteeText.points(old)) → \(CommitteeText.points(new)) (\(CommitteeText.signed(new - old)))"
    }
}
