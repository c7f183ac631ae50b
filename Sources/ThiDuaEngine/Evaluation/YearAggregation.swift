import ScoringKit

/// The year as a whole (SCORING.md 5), built from the quarterly results of
/// every period of the round.
///
/// A group's year total and content points are the means of its quarterly
/// ones; a group missing any period is listed but not ranked. Tier, ranking
/// and awards then follow 3.3–3.5 on the year figures.
///
/// The figures are computed column by column (a quarter at a time, adding
/// in quarter order, so each mean has the bits a row-by-row sum gives); a
/// row loop over the quarters copied each quarter's result, and retained
/// its two dozen arrays, once per group.
struct YearAggregation {
    let config: RoundConfig
    let wardNames: [String]
    /// Receives the time of the aggregation and ranking, and of the awards.
    var timer: PhaseTimer?
    /// Threads for the ranking and the reasons, which run side by side.
    var jobs = 1

    /// The folder name of the year: `2020`, or `2020-2021` for a round that
    /// spans years.
    static func label(for periods: [String]) -> String {
        let years = periods.map { String($0.prefix(4)) }
        guard let first = years.min(), let last = years.max() else { return "year" }
        return first == last ? first : "\(first)-\(last)"
    }

    /// The groups of the year: every group seen in any quarter, in order of
    /// first appearance, and its row in each quarter.
    struct Groups {
        var ids: [String] = []
        /// Name and ward as the latest quarter that has the group gives them.
        var names: [String] = []
        var wards: [Int32] = []
        /// `[quarter][year row]`: the group's row in the quarter, or -1.
        var rowIn: [[Int32]] = []
    }

    /// - Parameter quarters: The results of `config.periods`, in that order.
    func aggregate(_ quarters: [PeriodResult]) -> PeriodResult {
        let periods = quarters.map(\.period)
        let label = Self.label(for: periods)
        let awards = config.year?.awards ?? config.awards
        let (figures, ranking) = timer.measure(.aggregateRank) { () -> (PeriodResult, Ranking.Outcome) in
            let groups = Self.join(quarters)
            let means = self.means(of: groups, quarters: quarters)
            // The ranking needs the means only, and the reasons (most of the
            // work: a sentence per quarter a group was not eligible in) are
            // independent row by row: they run side by side, the reasons in
            // slices of rows.
            let count = groups.ids.count
            let slices = max(1, min(jobs, count / 8192 + 1)) * 2 - 1
            let rowSlices = (0..<slices).map { count * $0 / slices ..< count * ($0 + 1) / slices }
            let config = self.config, wardNames = self.wardNames
            let parts = Parallel.map(slices + 1, jobs: jobs) { task -> YearPart in
                guard task > 0 else {
                    let ranked = (0..<Int32(count)).filter { means.complete[Int($0)] }
                    return .ranking(Ranking.rank(
                        keys: [means.total] + config.tieBreak.map { means.contents[$0] }, ids: groups.ids,
                        units: groups.wards, unitCount: wardNames.count, rows: ranked))
                }
                return .reasons(self.reasons(for: rowSlices[task - 1], groups: groups, quarters: quarters, means: means))
            }
            var reasons: [[String]] = []
            reasons.reserveCapacity(count)
            var ranking = Ranking.Outcome(order: [], rank: [], unitRank: [], unitOrder: [])
            for part in parts {
                switch part {
                case .ranking(let outcome): ranking = outcome
                case .reasons(let slice): reasons += slice
                }
            }
            let eligible = (0..<count).map { means.complete[$0] && reasons[$0].isEmpty }
            let unranked = (0..<Int32(count)).filter { ranking.rank[Int($0)] == 0 }
            var figures = PeriodResult(
                period: label, groupIDs: groups.ids, groupNames: groups.names, wardOfRow: groups.wards,
                wardNames: wardNames, contentIDs: config.contents.map(\.id), contentPoints: means.contents,
                criterionIDs: [], achievements: [], bonus: means.bonus, deduction: means.deduction, total: means.total,
                tierNames: config.tiers.map(\.name),
                tierOfRow: Aggregation.tiers(of: means.total, minimums: config.tiers.map(\.min)),
                eligible: eligible, reasons: reasons, wardRank: ranking.unitRank, districtRank: ranking.rank,
                order: ranking.order + RadixSort.rowsByID(unranked, ids: groups.ids),
                awardDefinitions: [], grants: [], warnings: [])
            figures.yearPeriods = periods
            figures.periodTotals = means.periodTotals
            return (figures, ranking)
        }
        let decided = timer.measure(.award) {
            let population = AwardSelector.Population(
                ids: figures.groupIDs, wardOfRow: figures.wardOfRow, wardNames: wardNames,
                eligible: figures.eligible, tierOfRow: figures.tierOfRow, total: figures.total,
                rank: ranking.rank, wardRank: ranking.unitRank, order: ranking.order, wardOrder: ranking.unitOrder)
            return AwardSelector.select(awards, in: population, period: label)
        }
        var result = figures
        result.awardDefinitions = awards.map {
            AwardDefinition(id: $0.id, title: $0.title, scope: $0.scope, minTier: Int32($0.minTier))
        }
        result.grants = decided.grants
        result.warnings = decided.warnings
        result.decisions = decided.decisions
        return result
    }

    /// What a task of the year's parallel step gives.
    private enum YearPart: Sendable {
        case ranking(Ranking.Outcome)
        case reasons([[String]])
    }

    /// Joins the quarters on `group_id`.
    ///
    /// Groups usually come in the same order every quarter, so a row is
    /// first compared with the year row at the same position; the
    /// `group_id` dictionary is built only when that fails. Ids are unique
    /// within a quarter (a `DataSet` guarantees it), so the first quarter's
    /// groups are all new.
    static func join(_ quarters: [PeriodResult]) -> Groups {
        var groups = Groups()
        var yearRowOf: [String: Int32]?
        for quarter in quarters {
            let quarterIDs = quarter.groupIDs, quarterNames = quarter.groupNames, quarterWards = quarter.wardOfRow
            if groups.ids.isEmpty {
                groups.ids = quarterIDs
                groups.names = quarterNames
                groups.wards = quarterWards
                groups.rowIn.append(Array(0..<Int32(quarterIDs.count)))
                continue
            }
            var rowIn = [Int32](repeating: -1, count: groups.ids.count)
            for row in quarterIDs.indices {
                let id = quarterIDs[row]
                let yearRow: Int
                if row < groups.ids.count && groups.ids[row] == id {
                    yearRow = row
                } else {
                    if yearRowOf == nil {
                        var dictionary: [String: Int32] = [:]
                        dictionary.reserveCapacity(groups.ids.count)
                        for (index, known) in groups.ids.enumerated() { dictionary[known] = Int32(index) }
                        yearRowOf = dictionary
                    }
                    if let known = yearRowOf?[id] {
                        yearRow = Int(known)
                    } else {
                        yearRow = groups.ids.count
                        yearRowOf?[id] = Int32(yearRow)
                        groups.ids.append(id)
                        groups.names.append(quarterNames[row])
                        groups.wards.append(quarterWards[row])
                        rowIn.append(-1)
                    }
                }
                groups.names[yearRow] = quarterNames[row]
                groups.wards[yearRow] = quarterWards[row]
                rowIn[yearRow] = Int32(row)
            }
            groups.rowIn.append(rowIn)
        }
        for quarter in groups.rowIn.indices where groups.rowIn[quarter].count < groups.ids.count {
            groups.rowIn[quarter] += repeatElement(-1, count: groups.ids.count - groups.rowIn[quarter].count)
        }
        return groups
    }

    /// The year's figures of every group: means of its quarters, or NaN for
    /// a group missing a quarter (`complete` false).
    struct Means: Sendable {
        var complete: [Bool]
        var total: [Double]
        var bonus: [Double]
        var deduction: [Double]
        /// `[content][row]`.
        var contents: [[Double]]
        /// `[quarter][row]`: the group's total in each quarter, NaN without one.
        var periodTotals: [[Double]]
    }

    /// The means of every group's quarterly figures. Sums start at 0 and add
    /// the quarters in order, as a row-by-row reading would, then become
    /// means.
    private func means(of groups: Groups, quarters: [PeriodResult]) -> Means {
        let count = groups.ids.count
        let contentCount = config.contents.count
        let quarterCount = Double(quarters.count)
        var complete = [Bool](repeating: !quarters.isEmpty, count: count)
        for rowIn in groups.rowIn {
            for row in 0..<count where rowIn[row] < 0 { complete[row] = false }
        }
        var total = [Double](repeating: 0, count: count)
        var bonus = total, deduction = total
        var contents = [[Double]](repeating: total, count: contentCount)
        var periodTotals: [[Double]] = []
        for (index, quarter) in quarters.enumerated() {
            let rowIn = groups.rowIn[index]
            let quarterTotal = quarter.total, quarterBonus = quarter.bonus, quarterDeduction = quarter.deduction
            var totals = [Double](repeating: .nan, count: count)
            for row in 0..<count where rowIn[row] >= 0 {
                let q = Int(rowIn[row])
                totals[row] = quarterTotal[q]
                guard complete[row] else { continue }
                total[row] += quarterTotal[q]
                bonus[row] += quarterBonus[q]
                deduction[row] += quarterDeduction[q]
            }
            periodTotals.append(totals)
            for content in 0..<contentCount {
                let points = quarter.contentPoints[content]
                contents[content].withUnsafeMutableBufferPointer { sums in
                    for row in 0..<count where complete[row] { sums[row] += points[Int(rowIn[row])] }
                }
            }
        }
        for row in 0..<count {
            guard complete[row] else {
                total[row] = .nan
                bonus[row] = .nan
                deduction[row] = .nan
                for content in 0..<contentCount { contents[content][row] = .nan }
                continue
            }
            total[row] /= quarterCount
            bonus[row] /= quarterCount
            deduction[row] /= quarterCount
            for content in 0..<contentCount { contents[content][row] /= quarterCount }
        }
        return Means(complete: complete, total: total, bonus: bonus, deduction: deduction, contents: contents,
                     periodTotals: periodTotals)
    }

    /// Why each group of `rows` is not eligible for the year, in the order a
    /// group's reasons read: quarter by quarter (not eligible, then tier),
    /// then the content floor; or why it is not ranked at all.
    private func reasons(for rows: Range<Int>, groups: Groups, quarters: [PeriodResult], means: Means) -> [[String]] {
        var reasons = [[String]](repeating: [], count: rows.count)
        let minTier = config.year?.minTierEveryPeriod
        for (index, quarter) in quarters.enumerated() {
            appendReasons(of: quarter, rowIn: groups.rowIn[index], rows: rows, complete: means.complete,
                          minTier: minTier, to: &reasons)
        }
        for row in rows where !means.complete[row] {
            let missing = quarters.indices.filter { groups.rowIn[$0][row] < 0 }.map { quarters[$0].period }
            reasons[row - rows.lowerBound] = ["not ranked for the year: no data for \(missing.joined(separator: ", "))"]
        }
        if let floor = config.contentFloor {
            for (index, content) in config.contents.enumerated() {
                let needed = floor * content.points
                let points = means.contents[index]
                let reason = FloorReason(content: content, needed: needed, period: " for the year")
                for row in rows where means.complete[row] && !Tolerance.atLeast(points[row], needed) {
                    reasons[row - rows.lowerBound].append(reason.text(points: points[row]))
                }
            }
        }
        return reasons
    }
}

extension YearAggregation {
    /// Appends to `reasons` why each complete group is not eligible in
    /// `quarter`, or not of its `minTier`: eligibility first, then tier, as
    /// the reasons of a group read quarter by quarter.
    private func appendReasons(of quarter: PeriodResult, rowIn: [Int32], rows: Range<Int>, complete: [Bool],
                               minTier: Int?, to reasons: inout [[String]]) {
        let eligible = quarter.eligible, tiers = quarter.tierOfRow, quarterReasons = quarter.reasons
        let notEligible = "not eligible in \(quarter.period): "
        let belowTier = minTier.map { " in \(quarter.period), below \(config.tiers[$0].name)" }
        for row in rows where complete[row] {
            let q = Int(rowIn[row])
            if !eligible[q] {
                // Built in one buffer: interpolating a `joined` string
                // allocated three times per group.
                let parts = quarterReasons[q]
                var text = notEligible
                text.reserveCapacity(notEligible.utf8.count + parts.reduce(0) { $0 + $1.utf8.count + 2 })
                for (index, part) in parts.enumerated() {
                    if index > 0 { text += "; " }
                    text += part
                }
                reasons[row - rows.lowerBound].append(text)
            }
            if let minTier, let belowTier, Int(tiers[q]) > minTier {
                reasons[row - rows.lowerBound].append("tier " + quarter.tierNames[Int(tiers[q])] + belowTier)
            }
        }
    }
}

extension Evaluator {
    /// The folder name of the year's results: `2020`, or `2020-2021` for a
    /// round whose periods span years.
    public var yearLabel: String { YearAggregation.label(for: round.config.periods) }

    /// Evaluates the year as a whole from the results of every period of
    /// the round (SCORING.md 5).
    /// - Parameter quarters: `evaluate()` of all the round's periods.
    /// - Precondition: `quarters` are the round's periods, in order.
    /// - Parameter config: The config to decide with (see `decide(_:config:)`);
    ///   by default the round's.
    ///
    /// The step is named on the progress display, if any (`thidua run`
    /// makes the year while its files are written, and asks
    /// `withoutProgress` for it, so that the display shows the writing).
    public func evaluateYear(quarters: [PeriodResult], config: RoundConfig? = nil) -> PeriodResult {
        precondition(quarters.map(\.period) == round.config.periods, "the year needs every period of the round")
        progress?.begin("ranking the year")
        return YearAggregation(config: config ?? round.config, wardNames: round.data.wardNames, timer: timer, jobs: jobs)
            .aggregate(quarters)
    }
}
