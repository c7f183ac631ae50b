import ArgumentParser
import BuiltinPlugins
import Foundation
import ThiDuaEngine

/// The options of every command that reads a round's data: the data files
/// to use instead of the config's, and the threads; and the loading.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp(
        "A data file (CSV) or a quoted glob pattern to use instead of round.data (compare: for both configs); "
            + "repeat for several.", valueName: "file"))
    var dataFiles: [String] = []

    @Option(name: .shortAndLong, help: "Worker threads for parsing and scoring. Default: one per core.")
    var jobs: Int = min(ProcessInfo.processInfo.activeProcessorCount, DataOptions.maximumJobs)

    /// The most threads `--jobs` may ask for: the engine's limit, which it
    /// would silently apply.
    static let maximumJobs = Evaluator.maximumJobs

    func validate() throws {
        guard (1...Self.maximumJobs).contains(jobs) else {
            throw ValidationError("--jobs must be between 1 and \(Self.maximumJobs), not \(jobs).")
        }
    }

    /// Refuses a `--period` that is not a period of every one of `rounds`.
    /// - Throws: `ValidationError` (a usage error) naming the round and its periods.
    static func checkPeriods(_ periods: [String], in rounds: [RoundConfig]) throws {
        for period in periods {
            for round in rounds where !round.periods.contains(period) {
                let which = rounds.count == 1 ? "the round" : "'\(round.file)'"
                throw ValidationError(
                    "--period \(period) is not a period of \(which); its periods are \(round.periods.joined(separator: ", ")).")
            }
        }
    }

    /// The round of `config` with the built-in plugins and `--data`, its data
    /// parsed on `--jobs` threads.
    /// - Parameters:
    ///   - config: The round config's path.
    ///   - timer: Receives the time spent reading and validating.
    ///   - progress: Counts the bytes of data parsed.
    ///   - fingerprint: Whether to hash the data for a manifest (see `Round.load`).
    /// - Throws: `DiagnosticError` for a problem with the config or the data.
    func loadRound(_ config: String, timer: PhaseTimer? = nil, progress: ProgressMeter? = nil,
                   fingerprint: Bool = false) throws -> Round {
        try Round.load(configPath: config, dataPaths: dataFiles, registry: PluginRegistry(BuiltinPlugins.all),
                       jobs: jobs, timer: timer, progress: progress, fingerprint: fingerprint)
    }
}
