import Foundation

/// `thidua diff`'s report: plain text for people (this file) and JSON for
/// programs (``DiffReport/jsonBytes(for:)``). Both are deterministic:
/// periods in ``OutputSnapshot/periodPrecedes(_:_:)`` order, groups by id.
///
/// The text has a section per period, `2020-Q2: 3 groups changed` followed
/// by one aligned row per group, naming only what differs:
///
/// ```text
///   KG-07   total 91.20 → 89.75 (−1.45)  rank 12 → 19  tier Tốt → Khá  award giay-khen → —
/// ```
///
/// `rank` is the district rank; `—` stands for "none" (no award, no tier, not
/// ranked). Points have two decimals, more when two would print the old and
/// new totals alike. The last line sums everything up; when nothing differs
/// the whole report is one line starting with `no differences`.
public enum DiffReport {
    /// The report as text, ending with a newline.
    /// - Parameter diff: The comparison.
    /// - Returns: The text.
    public static func text(for diff: ResultsDiff) -> String {
        let tolerance = "\(CommitteeText.number(diff.tolerance)) points"
        guard diff.differs else {
            let groups = diff.periods.reduce(0) { $0 + $1.groupCount }
            return "no differences: '\(diff.oldFolder)' and '\(diff.newFolder)' agree on "
                + "\(plural(diff.periods.count, "period")), \(plural(groups, "group result")) "
                + "(totals within \(tolerance))\n"
        }
        var lines = ["old: \(diff.oldFolder)", "new: \(diff.newFolder)",
                     "totals are reported when they moved by more than \(tolerance)"]
        for period in diff.periods {
            lines.append("")
            switch period.presence {
            case .onlyInOld: lines.append("\(period.period): only in old (\(plural(period.groupCount, "group")))")
            case .onlyInNew: lines.append("\(period.period): only in new (\(plural(period.groupCount, "group")))")
            case .both:
                lines.append("\(period.period): " + heading(period.changes))
                lines += table(period.changes.map(cells)).map { "  " + $0 }
            }
        }
        lines.append("")
        lines.append(summaryLine(diff.summary))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `3 groups changed (1 added)`, or `no differences`.
    private static func heading(_ changes: [GroupChange]) -> String {
        guard !changes.isEmpty else { return "no differences" }
        let added = changes.filter { $0.kind == .added }.count
        let removed = changes.filter { $0.kind == .removed }.count
        let extra = [added > 0 ? "\(added) added" : nil, removed > 0 ? "\(removed) removed" : nil].compactMap { $0 }
        let verb = changes.count == 1 ? "group changed" : "groups changed"
        return "\(changes.count) \(verb)" + (extra.isEmpty ? "" : " (" + extra.joined(separator: ", ") + ")")
    }

    /// A row's cells: the group id, then one cell per kind of difference
    /// (empty when that value is the same); an added or removed group gets
    /// one cell listing what it has.
    private static func cells(_ change: GroupChange) -> [String] {
        switch change.kind {
        case .added: return [change.groupID, "added: " + listing(change)]
        case .removed: return [change.groupID, "removed, was: " + listing(change)]
        case .changed:
            return [
                change.groupID,
                change.total.map(totalText) ?? "",
                change.districtRank.map { "rank " + CommitteeText.arrow($0) { String($0) } } ?? "",
                change.wardRank.map { "ward rank " + CommitteeText.arrow($0) { String($0) } } ?? "",
                change.tier.map { "tier " + CommitteeText.arrow($0) { $0 } } ?? "",
                change.eligible.map { "eligible " + CommitteeText.arrow($0) { $0 ? "yes" : "no" } } ?? "",
                change.award.map { "award " + CommitteeText.arrow($0) { $0 } } ?? "",
            ]
        }
    }

    /// `total 88.10, rank 33, ward rank 4, tier Khá, eligible, award giay-khen`:
    /// the values of an added group in the new output, of a removed one in
    /// the old.
    private static func listing(_ change: GroupChange) -> String {
        func pick<T>(_ value: ValueChange<T>?, _ newSide: Bool) -> T? {
            newSide ? value?.new : value?.old
        }
        let newSide = change.kind == .added
        var parts: [String] = []
        if let total = pick(change.total, newSide) { parts.append("total " + TwoDecimals.string(total)) }
        parts.append("rank " + (pick(change.districtRank, newSide).map { String($0) } ?? "—"))
        parts.append("ward rank " + (pick(change.wardRank, newSide).map { String($0) } ?? "—"))
        parts.append("tier " + (pick(change.tier, newSide) ?? "—"))
        parts.append(pick(change.eligible, newSide) == true ? "eligible" : "not eligible")
        parts.append("award " + (pick(change.award, newSide) ?? "—"))
        return parts.joined(separator: ", ")
    }

    /// `total 91.20 → 89.75 (−1.45)`.
    private static func totalText(_ change: ValueChange<Double>) -> String {
        guard let old = change.old, let new = change.new else {
            return "total " + CommitteeText.arrow(change) { TwoDecimals.string($0) }
        }
        var decimals = 2
        while decimals < 9 && fixed(old, decimals) == fixed(new, decimals) { decimals += 1 }
        let delta = new - old
        let sign = delta < 0 ? "−" : "+"
        return "total \(fixed(old, decimals)) → \(fixed(new, decimals)) (\(sign)\(fixed(abs(delta), decimals)))"
    }

    /// `x` with `decimals` digits after the point (C's `printf` rounding).
    private static func fixed(_ x: Double, _ decimals: Int) -> String {
        decimals == 2 ? TwoDecimals.string(x) : String(format: "%.\(decimals)f", x)
    }

    /// The last line: `summary: 2 of 4 periods differ; 57 groups: …`, naming
    /// only the kinds of difference that occur.
    private static func summaryLine(_ summary: ResultsDiff.Summary) -> String {
        var kinds: [String] = []
        func add(_ count: Int, _ text: String) { if count > 0 { kinds.append("\(count) \(text)") } }
        add(summary.totals, "totals moved")
        add(summary.districtRanks, "district ranks")
        add(summary.wardRanks, "ward ranks")
        add(summary.tiers, "tiers")
        add(summary.eligibility, "eligibility")
        add(summary.awardsGained, "awards gained")
        add(summary.awardsLost, "awards lost")
        add(summary.awardsChanged, "awards changed")
        add(summary.added, "added")
        add(summary.removed, "removed")
        var parts = ["periods with differences \(summary.periodsDiffering) of \(summary.periodsCompared) compared"]
        if summary.groups > 0 { parts.append(plural(summary.groups, "group") + ": " + kinds.joined(separator: ", ")) }
        if !summary.onlyInOld.isEmpty { parts.append("only in old: " + summary.onlyInOld.joined(separator: ", ")) }
        if !summary.onlyInNew.isEmpty { parts.append("only in new: " + summary.onlyInNew.joined(separator: ", ")) }
        return "summary: " + parts.joined(separator: "; ")
    }

    /// `1 period`, `2 periods`.
    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// Rows of cells as lines: each column as wide as its widest cell,
    /// columns empty in every row left out, two spaces between columns.
    private static func table(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let kept = (0..<columns).filter { column in rows.contains { column < $0.count && !$0[column].isEmpty } }
        let widths = kept.map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            var line = ""
            for (column, width) in zip(kept, widths) {
                let cell = column < row.count ? row[column] : ""
                line += cell + String(repeating: " ", count: width - cell.count + 2)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
