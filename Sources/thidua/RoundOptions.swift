import ArgumentParser
import BuiltinPlugins
import Foundation
import ThiDuaEngine

/// Options shared by the commands that read a round.
struct RoundOptions: ParsableArguments {
    @Argument(help: "The round config (YAML).")
    var config: String

    @OptionGroup var data: DataOptions

    @Option(name: .customLong("period"), help: ArgumentHelp(
        "Evaluate only this period of the round (repeat for several). Default: every period.", valueName: "period"))
    var periods: [String] = []

    @Flag(help: "Also evaluate the year as a whole (implied by a 'year:' block in the config).")
    var year = false

    /// `--jobs`.
    var jobs: Int { data.jobs }

    func validate() throws {
        if year, !periods.isEmpty {
            throw ValidationError("--year evaluates every period of the round; leave out --period.")
        }
    }

    /// Evaluates the periods asked for, and the year when `--year` is given
    /// or the config has a `year:` block (and no `--period` narrows the run).
    /// - Parameter round: The loaded round.
    /// - Returns: The quarters' results, then the year's.
    func evaluate(_ round: Round) throws -> [PeriodResult] {
        let (quarters, year) = try evaluateLeavingYear(with: Evaluator(round: round, jobs: jobs))
        return quarters + (year.map { [$0.make()] } ?? [])
    }

    /// As ``evaluate(_:)``, but the year (when asked for) is left to make:
    /// `OutputSet.write` makes it on a worker while it writes the quarters'
    /// files. The round's indicator values are let go of once split by
    /// period (`Evaluator.init(takingValuesOf:jobs:timer:progress:)`).
    /// - Parameters:
    ///   - round: The loaded round; its data's `columns` are emptied.
    ///   - timer: Receives the time of each phase, for `--timings`.
    ///   - progress: Counts the work done, for a progress line.
    /// - Returns: The quarters' results, and the year to make, if any.
    func evaluateLeavingYear(_ round: inout Round, timer: PhaseTimer? = nil, progress: ProgressMeter? = nil) throws
        -> (quarters: [PeriodResult], year: LateResult?) {
        try evaluateLeavingYear(
            with: Evaluator(takingValuesOf: &round, jobs: jobs, timer: timer, progress: progress))
    }

    /// The quarters `evaluator` evaluates, and the year to make, if any.
    private func evaluateLeavingYear(with evaluator: Evaluator) throws
        -> (quarters: [PeriodResult], year: LateResult?) {
        let quarters = try evaluator.evaluate(periods: periods)
        guard includesYear(of: evaluator.round) else { return (quarters, nil) }
        let yearEvaluator = evaluator.withoutProgress
        return (quarters, LateResult(period: evaluator.yearLabel) {
            yearEvaluator.evaluateYear(quarters: quarters)
        })
    }

    /// Whether the year is evaluated: `--year` or a `year:` block, and no `--period`.
    private func includesYear(of round: Round) -> Bool {
        periods.isEmpty && (year || round.config.year != nil)
    }

    /// Loads the round with the built-in plugins and checks `--period`; a
    /// large data file is parsed on `--jobs` threads.
    /// - Parameters:
    ///   - timer: Receives the time spent reading and validating.
    ///   - progress: Counts the bytes of data parsed.
    ///   - fingerprint: Whether to hash the data for a manifest (see `Round.load`).
    func loadRound(timer: PhaseTimer? = nil, progress: ProgressMeter? = nil, fingerprint: Bool = false) throws -> Round {
        let round = try data.loadRound(config, timer: timer, progress: progress, fingerprint: fingerprint)
        try DataOptions.checkPeriods(periods, in: [round.config])
        return round
    }
}
