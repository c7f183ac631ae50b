/// What differs between two thidua output folders, period by period, in
/// the terms a committee checks: totals, ranks, tiers, eligibility, awards,
/// groups added or removed, and periods present in one folder only.
///
/// Used by `thidua diff` to check a new run against a trusted one: after a
/// change of the config, the data or the tool, it lists exactly the groups
/// whose results moved.
public struct ResultsDiff: Sendable {
    /// One period of either folder.
    public struct Period: Sendable, Hashable {
        /// Where the period was found.
        public enum Presence: String, Sendable, Hashable {
            /// In both folders: its groups were compared.
            case both
            /// Only in the old folder.
            case onlyInOld = "only_in_old"
            /// Only in the new folder.
            case onlyInNew = "only_in_new"
        }

        /// The period's name (`2020-Q1`, or `2020` for the year).
        public var period: String
        /// In both folders, or in one only.
        public var presence: Presence
        /// The groups that differ, by group id (code-point order); empty for
        /// a period in one folder only.
        public var changes: [GroupChange]
        /// The number of groups in either output of the period.
        public var groupCount: Int

        /// Whether anything about this period differs.
        public var differs: Bool { presence != .both || !changes.isEmpty }
    }

    /// Counts over every period, for the report's last line. The counts of
    /// totals, ranks, tiers, eligibility and awards are over the groups in
    /// both outputs; added and removed groups are counted on their own.
    public struct Summary: Sendable, Hashable {
        /// Periods in both folders.
        public var periodsCompared = 0
        /// Periods in both folders with at least one group that differs.
        public var periodsDiffering = 0
        /// Rows reported: groups changed, added or removed, over all periods.
        public var groups = 0
        /// Groups only in the new output.
        public var added = 0
        /// Groups only in the old output.
        public var removed = 0
        /// Totals that moved by more than the tolerance.
        public var totals = 0
        /// District ranks that changed.
        public var districtRanks = 0
        /// Ward ranks that changed.
        public var wardRanks = 0
        /// Tiers that changed.
        public var tiers = 0
        /// Eligibility that changed.
        public var eligibility = 0
        /// Awards gained, lost and changed.
        public var awardsGained = 0, awardsLost = 0, awardsChanged = 0
        /// Periods only in the old folder, in report order.
        public var onlyInOld: [String] = []
        /// Periods only in the new folder, in report order.
        public var onlyInNew: [String] = []
    }

    /// The old (trusted) folder, as the user named it.
    public var oldFolder: String
    /// The new folder, as the user named it.
    public var newFolder: String
    /// Points a total may move without being reported.
    public var tolerance: Double
    /// Every period of either folder, in ``OutputSnapshot/periodPrecedes(_:_:)`` order.
    public var periods: [Period]

    /// Whether anything differs: exit status 1 of `thidua diff`.
    public var differs: Bool { periods.contains(where: \.differs) }

    /// The counts over every period.
    public var summary: Summary {
        var summary = Summary()
        for period in periods {
            switch period.presence {
            case .onlyInOld: summary.onlyInOld.append(period.period)
            case .onlyInNew: summary.onlyInNew.append(period.period)
            case .both:
                summary.periodsCompared += 1
                if !period.changes.isEmpty { summary.periodsDiffering += 1 }
            }
            for change in period.changes {
                summary.groups += 1
                switch change.kind {
                case .added: summary.added += 1
                case .removed: summary.removed += 1
                case .changed: summary.count(change)
                }
            }
        }
        return summary
    }

    /// Compares two outputs.
    /// - Parameters:
    ///   - old: The trusted output.
    ///   - new: The output to check.
    ///   - tolerance: Points a total may move without being reported (≥ 0);
    ///     a move is reported when it exceeds the tolerance by more than 1e-9.
    /// - Returns: The differences.
    public static func compare(_ old: OutputSnapshot, _ new: OutputSnapshot, tolerance: Double) -> ResultsDiff {
        let names = Set(old.periods.keys).union(new.periods.keys).sorted(by: OutputSnapshot.periodPrecedes)
        let periods = names.map { name -> Period in
            switch (old.periods[name], new.periods[name]) {
            case let (before?, after?):
                return compare(before, after, tolerance: tolerance)
            case let (before?, nil):
                return Period(period: name, presence: .onlyInOld, changes: [], groupCount: before.groups.count)
            case let (nil, after):
                return Period(period: name, presence: .onlyInNew, changes: [],
                              groupCount: after?.groups.count ?? 0)
            }
        }
        return ResultsDiff(oldFolder: old.folder, newFolder: new.folder, tolerance: tolerance, periods: periods)
    }

    /// Compares the two outputs of one period, group by group.
    /// - Parameters:
    ///   - old: The period in the trusted output.
    ///   - new: The same period in the output to check.
    ///   - tolerance: Points a total may move without being reported.
    /// - Returns: The period's differences, by group id.
    public static func compare(_ old: PeriodSnapshot, _ new: PeriodSnapshot, tolerance: Double) -> Period {
        let ids = Set(old.groups.keys).union(new.groups.keys)
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let changes = ids.compactMap { id in
            GroupChange.between(old.groups[id], new.groups[id], tolerance: tolerance)
        }
        return Period(period: new.period, presence: .both, changes: changes, groupCount: ids.count)
    }
}

extension ResultsDiff.Summary {
    /// Adds the differences of a group that is in both outputs.
    mutating func count(_ change: GroupChange) {
        if change.total != nil { totals += 1 }
        if change.districtRank != nil { districtRanks += 1 }
        if change.wardRank != nil { wardRanks += 1 }
        if change.tier != nil { tiers += 1 }
        if change.eligible != nil { eligibility += 1 }
        switch change.awardMove {
        case .gained?: awardsGained += 1
        case .lost?: awardsLost += 1
        case .changed?: awardsChanged += 1
        case nil: break
        }
    }
}
