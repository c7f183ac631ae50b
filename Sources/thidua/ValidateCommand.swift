import ArgumentParser
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

            Examples:
              thidua validate Configs/thanh-xuan-2020.yaml
              thidua validate Configs/thanh-xuan-2020.yaml --data ward-reports/2020.csv
            """
    )

    @OptionGroup var round: RoundOptions

    func run() throws {
        try Console.reportingErrors {
            let loaded = try round.loadRound()
            Console.report(loaded.warnings)
            let results = try round.evaluate(loaded)
            for warning in results.flatMap(\.warnings) { Console.error("warning: \(warning)") }
            let periods = results.map(\.period).joined(separator: ", ")
            print("ok: \(round.config): \(loaded.data.rowCount) rows in '\(loaded.data.file)'; evaluated \(periods)")
        }
    }
}
