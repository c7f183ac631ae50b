import ArgumentParser
import BuiltinPlugins
import ThiDuaEngine

/// `thidua validate`: every check of a run, nothing written.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a round config and its data without writing anything.",
        discussion: """
            Reads the config and the data, checks both and how they fit together, then \
            evaluates every period so that evaluation errors (such as a zero 'per' without \
            'if_per_zero') show up too. Prints every problem as file:line:column: error: ….

            With --print-effective, prints the config as thidua reads it, with every \
            'extends' merged in, as YAML on stdout, then checks the config (not the data).

            Examples:
              thidua validate Configs/thanh-xuan-2020.yaml
              thidua validate Configs/thanh-xuan-2020.yaml --data ward-reports/2020.csv
              thidua validate Configs/variants/strict-floor.yaml --print-effective > effective.yaml
            """
    )

    @OptionGroup var round: RoundOptions

    @Flag(help: "Print the config merged with the configs it extends, as YAML, and check the config only.")
    var printEffective = false

    func validate() throws {
        if printEffective, !round.data.dataFiles.isEmpty || !round.periods.isEmpty || round.year {
            throw ValidationError("--print-effective prints the config only; leave out --data, --period and --year.")
        }
    }

    func run() throws {
        try Console.reportingErrors {
            if printEffective { return try printEffectiveConfig() }
            let loaded = try round.loadRound()
            Console.report(loaded.warnings)
            let results = try round.evaluate(loaded)
            Console.reportWarnings(of: results)
            let periods = results.map(\.period).joined(separator: ", ")
            print("ok: \(round.config): \(loaded.data.rowCount) rows in '\(loaded.data.file)'; evaluated \(periods)")
        }
    }

    /// Prints the merged config, then checks it: a merge that gives an
    /// invalid config is printed too (as far as it could be merged), since
    /// that is when one wants to see it.
    private func printEffectiveConfig() throws {
        let loaded = try ConfigLoader.load(path: round.config)
        print(try loaded.effectiveYAML(), terminator: "")
        let config = try RoundConfigParser(registry: PluginRegistry(BuiltinPlugins.all)).parse(loaded)
        Console.report(config.warnings)
    }
}
