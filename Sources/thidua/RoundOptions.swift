import ArgumentParser
import BuiltinPlugins
import Foundation
import ThiDuaEngine

/// Options shared by the commands that read a round.
struct RoundOptions: ParsableArguments {
    @Argument(help: "The round config (YAML).")
    var config: String

    @Option(name: .customLong("data"), help: ArgumentHelp(
        "A data file (CSV) or a quoted glob pattern to use instead of round.data; repeat for several.", valueName: "file"))
    var dataFiles: [String] = []

    @Option(name: .customLong("period"), help: ArgumentHelp(
        "Evaluate only this period of the round (repeat for several). Default: every period.", valueName: "period"))
    var periods: [String] = []

    @Option(name: .shortAndLong, help: "Worker threads for scoring. Default: one per core.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Also evaluate the year as a whole (implied by a 'year:' block in the config).")
    var year = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, not \(jobs).") }
        if year, !periods.isEmpty {
            throw ValidationError("--year evaluates every period of the round; leave out --period.")
        }
    }

    /// Evaluates the periods asked for, and the year when `--year` is given
    /// or the config has a `year:` block (and no `--period` narrows the run).
    /// - Returns: The quarters' results, then the year's.
    func evaluate(_ round: Round) throws -> [PeriodResult] {
        let evaluator = Evaluator(round: round, jobs: jobs)
        let quarters = try evaluator.evaluate(periods: periods)
        guard periods.isEmpty, year || round.config.year != nil else { return quarters }
        return quarters + [evaluator.evaluateYear(quarters: quarters)]
    }

    /// Loads the round with the built-in plugins and checks `--period`.
    func loadRound() throws -> Round {
        let round = try Round.load(configPath: config, dataPaths: dataFiles,
                                   registry: PluginRegistry(BuiltinPlugins.all))
        for period in periods where !round.config.periods.contains(period) {
            throw ValidationError(
                "--period \(period) is not a period of the round; its periods are \(round.config.periods.joined(separator: ", ")).")
        }
        return round
    }
}
