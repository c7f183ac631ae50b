import ScoringKit

/// Weight sensitivity (`thidua sensitivity`): for each content, how far its
/// points may move alone — every other figure fixed — before any award
/// goes to another group, and how far each winner leads its runner-up.
///
/// The plugins run once per period (`Evaluator.score`); everything after
/// is `Evaluator.decide` (and the year's aggregation) with the content's
/// points changed, on the same plugin results. The totals are piecewise
/// linear in one content's points, so the places where a list may change
/// are computed exactly (``SensitivityModel``), walked from the config's
/// value outward, and decided afresh only where they may matter
/// (``SensitivityWalk``): no grid, no sampling.
public struct Sensitivity: Sendable {
    /// The round's evaluator.
    public let evaluator: Evaluator

    /// Creates the analysis of `evaluator`'s round.
    public init(evaluator: Evaluator) {
        self.evaluator = evaluator
    }

    /// Analyses the evaluations of `selection`.
    ///
    /// The contents of all evaluations are analysed in parallel, on up to
    /// `evaluator.jobs` threads, each into its own slot of the result.
    /// - Parameters:
    ///   - selection: The quarters and the year, as `thidua run` would
    ///     evaluate them; one period; or the year.
    ///   - awardID: Follow only this award's winners; `nil` for every award.
    ///     An evaluation without it is listed in `skipped`.
    /// - Throws: `DiagnosticError` when the period or the award is not the
    ///   round's, when a period cannot be evaluated, or when an evaluation
    ///   has more pairs of groups to compare than ``pairLimit``.
    public func analyse(_ selection: EvaluationSelection, awardID: String? = nil) throws -> SensitivityResult {
        try analyse(selection, awardID: awardID, pairLimit: Self.pairLimit)
    }

    /// The most pairs of groups one evaluation's analysis compares.
    ///
    /// The analysis is exact: it solves where every two groups that an
    /// award ranks together (all groups for a district award, a ward's for
    /// a ward award) cross, so its time and memory grow with the square of
    /// the groups: 32 million pairs (8,000 groups under a district award)
    /// took 11 s and 470 MB on the build machine; a national round, some
    /// 5 billion pairs, cannot be analysed this way and is refused with an
    /// error instead of running out of memory.
    public static let pairLimit = 50_000_000

    /// `analyse(_:awardID:)` refusing evaluations of more than `pairLimit` pairs.
    func analyse(_ selection: EvaluationSelection, awardID: String?, pairLimit: Int) throws -> SensitivityResult {
        let config = evaluator.round.config
        if case .period(let period) = selection, !config.periods.contains(period) {
            throw DiagnosticError(at: nil, "the round has no period '\(period)'",
                                  hint: "its periods are \(config.periods.joined(separator: ", "))")
        }
        if let awardID, !config.allAwards.contains(where: { $0.id == awardID }) {
            throw DiagnosticError(at: nil, "the round has no award '\(awardID)'",
                                  hint: "its awards are \(config.allAwards.map(\.id).joined(separator: ", "))")
        }
        let periods: [String] = if case .period(let period) = selection { [period] } else { config.periods }
        let scored = try evaluator.score(periods: periods)
        let decided = try scored.map { try evaluator.decide($0) }
        var all: [Target] = []
        if selection != .year {
            all += decided.indices.map { Target(quarter: $0, original: decided[$0], awards: config.awards) }
        }
        if selection == .year || (selection == .everyPeriod && config.year != nil) {
            all.append(Target(quarter: nil, original: evaluator.evaluateYear(quarters: decided),
                              awards: config.year?.awards ?? config.awards))
        }
        let targets = all.filter { target in awardID.map { id in target.awards.contains { $0.id == id } } ?? true }
        for target in targets where Self.pairs(in: target) > pairLimit {
            throw DiagnosticError(
                at: nil,
                "sensitivity of \(target.original.period): its \(target.original.rowCount) groups make "
                    + "\(Self.pairs(in: target)) pairs to compare, "
                    + "more than the analysis takes (\(pairLimit))",
                hint: "it is exact and compares every two groups an award ranks together; "
                    + "analyse a smaller round, e.g. one district's data with --data FILE")
        }
        var result = SensitivityResult(config: config.file, awardID: awardID, evaluations: [],
                                       skipped: all.filter { target in !targets.contains { $0.original.period == target.original.period } }
                                           .map(\.original.period))
        let contentCount = config.contents.count
        let intervals = try Parallel.throwingMap(targets.count * contentCount, jobs: evaluator.jobs) { task in
            try interval(of: task % contentCount, in: targets[task / contentCount], awardID: awardID,
                         scored: scored, decided: decided)
        }
        for (index, target) in targets.enumerated() {
            let tracked = target.tracked(awardID)
            let counts = target.awards.indices.filter { tracked?.contains($0) ?? true }.map { award in
                (id: target.awards[award].id, winners: target.original.grants.filter { $0.award == award }.count)
            }
            let contents = Array(intervals[(index * contentCount)..<((index + 1) * contentCount)])
            result.evaluations.append(EvaluationSensitivity(
                period: target.original.period, awards: counts, contents: contents,
                margins: Self.margins(target.original, awards: target.awards, tracked: tracked)))
        }
        return result
    }

    /// The pairs of groups the analysis of `target` compares: those that
    /// one of its awards ranks together.
    static func pairs(in target: Target) -> Int {
        let result = target.original
        // A quarter's model holds every group; the year's, those it ranks
        // (the groups with every quarter).
        let ranked = (0..<result.rowCount).filter { target.quarter != nil || result.districtRank[$0] > 0 }
        func pairs(_ count: Int) -> Int { count * (count - 1) / 2 }
        if target.awards.contains(where: { $0.scope == .district }) { return pairs(ranked.count) }
        var perWard = [Int](repeating: 0, count: result.wardNames.count)
        for row in ranked { perWard[Int(result.wardOfRow[row])] += 1 }
        return perWard.reduce(0) { $0 + pairs($1) }
    }

    /// One evaluation to analyse: a quarter, or the year.
    struct Target: Sendable {
        /// The quarter's index among the scored periods; `nil` for the year.
        var quarter: Int?
        /// The evaluation decided with the config as it is.
        var original: PeriodResult
        /// Its awards.
        var awards: [AwardConfig]

        /// The indices of the awards followed; `nil` for all.
        func tracked(_ awardID: String?) -> Set<Int>? {
            awardID.map { id in Set(awards.indices.filter { awards[$0].id == id }) }
        }
    }

    /// The interval of one content in one evaluation.
    private func interval(of content: Int, in target: Target, awardID: String?, scored: [ScoredPeriod],
                          decided: [PeriodResult]) throws -> ContentInterval {
        let config = evaluator.round.config
        let model: SensitivityModel = if let quarter = target.quarter {
            .quarter(scored[quarter], decided[quarter], config: config, content: content)
        } else {
            .year(Array(zip(scored, decided)), target.original, config: config, content: content)
        }
        var walk = SensitivityWalk(model: model, awards: target.awards, original: target.original,
                                   tracked: target.tracked(awardID)) { points in
            var changed = config
            changed.contents[content].points = points
            if let quarter = target.quarter { return try evaluator.decide(scored[quarter], config: changed) }
            return evaluator.evaluateYear(quarters: try scored.map { try evaluator.decide($0, config: changed) }, config: changed)
        }
        let (lower, upper) = try walk.interval()
        let points = config.contents[content].points
        return ContentInterval(contentID: config.contents[content].id, points: points, searched: 0...(2 * points),
                               lower: lower, upper: upper, decisions: walk.decisions)
    }

    /// Each winner's lead over the best candidate of its unit that did not
    /// win the same award (see ``WinnerMargin``), in the order of the grants.
    static func margins(_ result: PeriodResult, awards: [AwardConfig], tracked: Set<Int>?) -> [WinnerMargin] {
        var awardOf = [Int](repeating: -1, count: result.rowCount)
        for grant in result.grants { awardOf[grant.row] = grant.award }
        return result.grants.filter { tracked?.contains($0.award) ?? true }.map { grant in
            let award = awards[grant.award]
            let unit = SensitivityState.unit(of: grant.row, award: award, wardOfRow: result.wardOfRow)
            let runnerUp = result.order.lazy.map(Int.init).first { row in
                result.districtRank[row] > 0 && result.eligible[row] && Int(result.tierOfRow[row]) <= award.minTier
                    && (awardOf[row] < 0 || awardOf[row] > grant.award)
                    && SensitivityState.unit(of: row, award: award, wardOfRow: result.wardOfRow) == unit
            }
            return WinnerMargin(awardID: award.id, unit: grant.scopeUnit, groupID: result.groupIDs[grant.row],
                                ward: result.wardNames[Int(result.wardOfRow[grant.row])], total: result.total[grant.row],
                                runnerUp: runnerUp.map { result.groupIDs[$0] }, runnerUpTotal: runnerUp.map { result.total[$0] })
        }
    }
}
