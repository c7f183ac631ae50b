import ScoringKit

/// Evaluates the periods of a round (SCORING.md 3.3–3.5): prepares every
/// plugin on the period's population, scores all groups in parallel, then
/// totals, eligibility, tiers, ranking and awards.
public struct Evaluator: Sendable {
    /// The round (without its indicator values when the evaluator was made
    /// by `init(takingValuesOf:jobs:timer:progress:)`).
    public private(set) var round: Round
    /// Worker threads (≥ 1): for splitting the data by period, scoring,
    /// deciding the periods side by side, and the year.
    public let jobs: Int
    private let slices: PeriodSlices
    /// Where the time of each phase goes, when the run is timed.
    let timer: PhaseTimer?
    /// Where progress is counted, when someone shows it.
    private(set) var progress: ProgressMeter?

    /// The most threads an evaluation (or a data file's parse) is spread
    /// over; a larger `jobs` is taken as this many.
    public static let maximumJobs = Parallel.maximumJobs

    /// Creates an evaluator; splitting the data by period happens here, once.
    ///
    /// - Parameters:
    ///   - round: The round to evaluate.
    ///   - jobs: Worker threads; at least 1 and at most `maximumJobs` are
    ///     used. The results are the same for any number.
    ///   - timer: Receives the time spent preparing (the split by period
    ///     included), scoring, aggregating and ranking, and awarding. The
    ///     results are the same with or without it.
    ///   - progress: Names each step and counts the groups scored, for a
    ///     display.
    public init(round: Round, jobs: Int, timer: PhaseTimer? = nil, progress: ProgressMeter? = nil) {
        self.round = round
        self.jobs = Parallel.threads(jobs)
        self.timer = timer
        self.progress = progress
        progress?.begin("splitting the data by period")
        let workers = self.jobs
        self.slices = timer.measure(.prepare) {
            PeriodSlices(data: round.data, periods: round.config.periods,
                         columns: round.config.referencedColumns.map(\.name), jobs: workers)
        }
    }

    /// Creates an evaluator that takes over the indicator values of
    /// `round`'s data: they are split by period, as `init(round:jobs:timer:progress:)`
    /// splits them, and then dropped from `round.data` and from this
    /// evaluator's copy (`DataSet.dropIndicatorValues()`), so that their
    /// memory is free again before the scoring asks for as much for its
    /// results. For a caller that does not read `round.data.columns` again,
    /// such as `thidua run`.
    ///
    /// Without it a national run's plugin results (54 MB) went into fresh
    /// pages, which the kernel first faulted in and zeroed while its 70 MB
    /// of values, copied into the periods' tables, stayed unused: faulting
    /// those pages was some 30 % of the scoring, and two threads faulting at
    /// once wait on each other in the kernel.
    /// - Parameters:
    ///   - round: The round to evaluate; its data's `columns` are emptied.
    ///   - jobs: As in `init(round:jobs:timer:progress:)`.
    ///   - timer: As in `init(round:jobs:timer:progress:)`.
    ///   - progress: As in `init(round:jobs:timer:progress:)`.
    public init(takingValuesOf round: inout Round, jobs: Int, timer: PhaseTimer? = nil,
                progress: ProgressMeter? = nil) {
        self.init(round: round, jobs: jobs, timer: timer, progress: progress)
        // Both holders let go, so the arrays are freed here (and reused by
        // the process's later allocations where the allocator keeps freed
        // memory, as `thidua` has it do).
        round.data.dropIndicatorValues()
        self.round.data.dropIndicatorValues()
    }

    /// This evaluator without its progress display (the same split data,
    /// not split again): for work done while the display shows something
    /// else, such as the year `thidua run` ranks while it writes files.
    public var withoutProgress: Evaluator {
        var quiet = self
        quiet.progress = nil
        return quiet
    }

    /// Evaluates `periods` (all of the round's when empty), in the round's order.
    /// - Throws: `DiagnosticError` naming the period, group and entry of
    ///   every value that cannot be scored.
    public func evaluate(periods: [String] = []) throws -> [PeriodResult] {
        try decide(all: score(periods: periods), config: round.config)
    }

    /// Runs the plugins of `periods` (all of the round's when empty): the
    /// expensive part of an evaluation, and the part that depends on the
    /// data and the plugin parameters only — not on points, weights, tiers
    /// or awards, which `decide(_:config:)` applies.
    /// - Throws: `DiagnosticError` as `evaluate(periods:)` does.
    public func score(periods: [String] = []) throws -> [ScoredPeriod] {
        let wanted = periods.isEmpty ? round.config.periods : periods
        // Prepared in order up to the first period whose plugins cannot be
        // prepared; the periods before it are scored all together, and the
        // error thrown is the one scoring the periods one after the other
        // would meet first.
        var prepared: [(index: Int, scorers: [any PeriodScorer])] = []
        var preparation: (any Error)?
        for index in round.config.periods.indices where wanted.contains(round.config.periods[index]) {
            do {
                prepared.append((index, try prepare(periodIndex: index)))
            } catch {
                preparation = error
                break
            }
        }
        let tables = prepared.map { slices.tables[$0.index] }
        let rowCount = tables.reduce(0) { $0 + $1.rowCount }
        if !tables.isEmpty {
            progress?.begin(tables.count == 1 ? "scoring \(tables[0].period)" : "scoring \(tables.count) periods",
                            total: rowCount, unit: .groups)
        }
        let outcomes = timer.measure(.score) {
            ParallelScorer(jobs: jobs, progress: progress)
                .score(zip(prepared, tables).map { .init(scorers: $0.scorers, rowCount: $1.rowCount) })
        }
        let scored = try zip(zip(prepared, tables), outcomes).map { periodAndTable, outcome in
            let (period, table) = periodAndTable, dataRows = slices.dataRows[period.index]
            switch outcome {
            case .success(let results):
                return ScoredPeriod(table: table, dataRows: dataRows, results: results)
            case .failure(let failures):
                throw diagnose(failures, table, dataRows)
            }
        }
        if let preparation { throw preparation }
        return scored
    }

    /// The period's scorers: every plugin prepared on its population.
    /// - Throws: `DiagnosticError` naming the entry that could not be prepared.
    private func prepare(periodIndex: Int) throws -> [any PeriodScorer] {
        let table = slices.tables[periodIndex]
        progress?.begin("preparing \(table.period)")
        return try timer.measure(.prepare) { () throws -> [any PeriodScorer] in
            var scorers: [any PeriodScorer] = []
            for (index, item) in round.config.allEntries.enumerated() {
                do {
                    scorers.append(try item.entry.plugin.prepare(table))
                } catch {
                    throw diagnose([ParallelScorer.Failure(entry: index, error: asEvaluationError(error))],
                                   table, slices.dataRows[periodIndex])
                }
            }
            return scorers
        }
    }

    /// Totals, eligibility, tiers, ranking and awards of a scored period.
    /// - Parameters:
    ///   - scored: What `score(periods:)` returned.
    ///   - config: The config to decide with; by default the round's. It may
    ///     differ from the round's in points, weights, the content floor,
    ///     bonus cap, tiers, tie-break and awards (e.g. to see how a change
    ///     moves the results), but must have the same entries in the same order.
    /// - Throws: `DiagnosticError` when a plugin returned a value outside its
    ///   role's range.
    public func decide(_ scored: ScoredPeriod, config: RoundConfig? = nil) throws -> PeriodResult {
        try decide(all: [scored], config: config ?? round.config)[0]
    }

    /// `decide(_:config:)` of every scored period, the periods spread over
    /// up to `jobs` threads: first the totals and rankings of all of them,
    /// then their awards, each result in its own slot, so the results do not
    /// depend on the threads. The error thrown is the first period's error,
    /// as deciding them one after the other would throw.
    private func decide(all scored: [ScoredPeriod], config: RoundConfig) throws -> [PeriodResult] {
        precondition(scored.allSatisfy { config.allEntries.count == $0.results.count },
                     "the config has other entries than the scored one")
        let data = round.data
        progress?.begin(scored.count == 1 ? "ranking \(scored[0].period)" : "ranking \(scored.count) periods")
        let ranked = try timer.measure(.aggregateRank) {
            try Parallel.throwingMap(scored.count, jobs: jobs) { index -> (PeriodResult, Ranking.Outcome) in
                let scored = scored[index], table = scored.table
                var result = try Aggregation(config: config).aggregate(scored.results, table: table)
                result.groupIDs = scored.dataRows.map { data.groupIDs[Int($0)] }
                result.groupNames = scored.dataRows.map { data.groupNames[Int($0)] }
                let allRows = (0..<Int32(table.rowCount)).map { $0 }
                let ranking = Ranking.rank(keys: [result.total] + config.tieBreak.map { result.contentPoints[$0] },
                                           ids: result.groupIDs, units: table.wardOfRow,
                                           unitCount: table.wardNames.count, rows: allRows)
                result.order = ranking.order
                result.districtRank = ranking.rank
                result.wardRank = ranking.unitRank
                return (result, ranking)
            }
        }
        progress?.begin(scored.count == 1 ? "awarding \(scored[0].period)" : "awarding \(scored.count) periods")
        return timer.measure(.award) {
            Parallel.map(ranked.count, jobs: jobs) { index -> PeriodResult in
                let (aggregated, ranking) = ranked[index]
                let population = AwardSelector.Population(
                    ids: aggregated.groupIDs, wardOfRow: aggregated.wardOfRow, wardNames: aggregated.wardNames,
                    eligible: aggregated.eligible, tierOfRow: aggregated.tierOfRow, total: aggregated.total,
                    rank: ranking.rank, wardRank: ranking.unitRank, order: ranking.order,
                    wardOrder: ranking.unitOrder)
                var result = aggregated
                let awards = AwardSelector.select(config.awards, in: population, period: result.period)
                (result.grants, result.decisions, result.warnings) = (awards.grants, awards.decisions, awards.warnings)
                return result
            }
        }
    }

    private func asEvaluationError(_ error: any Error) -> EvaluationError {
        (error as? EvaluationError) ?? EvaluationError(row: 0, message: "\(error)")
    }

    /// Names the period, group, ward and entry of each failure, and points at
    /// the group's row in its own data file (there may be several).
    private func diagnose(_ failures: [ParallelScorer.Failure], _ table: PeriodTable, _ dataRows: [Int32]) -> DiagnosticError {
        let entries = round.config.allEntries
        let data = round.data
        let shown = failures.prefix(20).map { failure -> Diagnostic in
            let item = entries[failure.entry]
            guard failure.error.row < dataRows.count else {
                return .error(at: item.entry.location, "\(table.period): \(item.kind) '\(item.entry.id)': \(failure.error.message)",
                              hint: failure.error.hint)
            }
            let row = Int(dataRows[failure.error.row])
            let period = failure.error.period ?? table.period
            let location = failure.error.period == nil || failure.error.period == table.period
                ? data.location(ofRow: row) : nil
            return .error(at: location,
                          "\(period): group '\(data.groupIDs[row])' (\(data.wardNames[Int(data.wardOfRow[row])])): \(item.kind) '\(item.entry.id)': \(failure.error.message)",
                          hint: failure.error.hint)
        }
        var diagnostics = Array(shown)
        if failures.count > shown.count {
            diagnostics.append(.error(at: nil, "\(failures.count - shown.count) more evaluation errors not shown"))
        }
        return DiagnosticError(diagnostics)
    }
}

/// The plugin results of one period, before points, tiers and awards are
/// applied: what `Evaluator.score(periods:)` returns and
/// `Evaluator.decide(_:config:)` consumes.
public struct ScoredPeriod: Sendable {
    /// The period's columnar data.
    public let table: PeriodTable
    /// The data row of each of the table's rows.
    let dataRows: [Int32]
    /// `[entry][row]` in `RoundConfig.allEntries` order: achievements,
    /// bonus and deduction points, gate passes.
    public let results: [[Double]]

    /// The period, e.g. `2020-Q1`.
    public var period: String { table.period }
}
