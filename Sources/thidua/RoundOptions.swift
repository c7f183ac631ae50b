import ArgumentParser
import BuiltinPlugins
import Foundation
import ThiDuaEngine

/// Options shared by the commands that read a round.
struct RoundOptions: ParsableArguments {
    @Argument(help: "The round config (YAML).")
    var config: String

    @Option(name: .customLong("data"), help: ArgumentHelp(
        "A data file (CSV) to use instead of the config's round.data.", valueName: "file"))
    var dataFiles: [String] = []

    @Option(name: .customLong("period"), help: ArgumentHelp(
        "Evaluate only this period of the round (repeat for several). Default: every period.", valueName: "period"))
    var periods: [String] = []

    @Option(name: .shortAndLong, help: "Worker threads for scoring. Default: one per core.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, not \(jobs).") }
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
