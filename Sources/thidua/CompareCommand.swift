import ArgumentParser
import BuiltinPlugins
import Foundation
import ScoringKit
import ThiDuaEngine

/// `thidua compare`: whom a variant config moves, against a base config, on the same data.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Evaluate a base config and a variant on the same data and report whom the variant moves.",
        usage: "thidua compare <base> <variant> [--period <period> | --year] [--data <file>]… [--json <file>]",
        discussion: """
            Both configs are evaluated in one process on the SAME data: the base's \
            round.data, or the files given with --data. The variant's own round.data is \
            not read. Without --period or --year, every period of the round is compared, \
            then the year when either config has a 'year:' block (what `thidua run` \
            evaluates); --period compares one period, --year only the year.

            For each evaluation the report (Markdown, on stdout) lists the groups whose \
            award changes (gained, lost, or changed A → B), whose tier changes, the 10 \
            largest moves of district rank with their change of total, and the agreement \
            of the two district rankings (Spearman's rho and Kendall's tau-b over the \
            groups ranked in both), then one summary line. A group counts as changed when \
            any figure `thidua run` writes for it differs (at full precision); --json \
            lists every such group with what changed.

            Differences are information, not errors: the exit status is 0 when both \
            configs could be evaluated, 1 when a config, the data or the JSON file has a \
            problem, 64 for a usage error.

            Examples:
              thidua compare Configs/thanh-xuan-2020.yaml Configs/variants/environment-first.yaml
              thidua compare round.yaml variant.yaml --period 2020-Q2 --json compare.json
              thidua compare round.yaml variant.yaml --year --data ward-reports/2020.csv
            """
    )

    @Argument(help: ArgumentHelp("The base round config (YAML); its data is used for both.", valueName: "base"))
    var base: String

    @Argument(help: ArgumentHelp("The variant config (YAML), e.g. one that 'extends:' the base.", valueName: "variant"))
    var variant: String

    @Option(name: .customLong("data"), help: ArgumentHelp(
        "A data file (CSV) or quoted glob pattern to use for BOTH configs instead of the base's round.data; repeat for several.",
        valueName: "file"))
    var dataFiles: [String] = []

    @Option(help: ArgumentHelp("Compare only this period (it must be in both rounds).", valueName: "period"))
    var period: String?

    @Flag(help: "Compare only the year as a whole.")
    var year = false

    @Option(name: .customLong("json"), help: ArgumentHelp(
        "Also write the comparison as JSON to this file (replaced atomically).", valueName: "file"))
    var jsonFile: String?

    @Option(name: .shortAndLong, help: "Worker threads for scoring. Default: one per core.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, not \(jobs).") }
        if year, period != nil { throw ValidationError("give --period or --year, not both.") }
    }

    func run() throws {
        try Console.reportingErrors {
            let rounds = try Comparison.load(base: base, variant: variant, dataPaths: dataFiles,
                                             registry: PluginRegistry(BuiltinPlugins.all))
            // A variant that extends the base inherits its warnings: print each once.
            var seen = Set<Diagnostic>()
            Console.report((rounds.base.warnings + rounds.variant.warnings).filter { seen.insert($0).inserted })
            let selection: EvaluationSelection
            if let period {
                for round in [rounds.base, rounds.variant] where !round.config.periods.contains(period) {
                    throw ValidationError(
                        "--period \(period) is not a period of '\(round.config.file)'; its periods are \(round.config.periods.joined(separator: ", ")).")
                }
                selection = .period(period)
            } else {
                selection = year ? .year : .everyPeriod
            }
            let comparison = try Comparison.evaluate(base: rounds.base, variant: rounds.variant,
                                                     selection: selection, jobs: jobs)
            if let jsonFile { try ComparisonReport.writeJSON(for: comparison, to: jsonFile) }
            print(ComparisonReport.markdown(for: comparison), terminator: "")
        }
    }
}
