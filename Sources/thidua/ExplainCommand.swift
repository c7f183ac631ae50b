import ArgumentParser
import BuiltinPlugins
import Foundation
import ScoringKit
import ThiDuaEngine

/// `thidua explain`: one group's full score sheet, with the reason for every award it did not win.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show one group's full score sheet and why it did or did not win each award.",
        usage: "thidua explain <config> <group-id> [--period <period> | --year] [--data <file>]… [--json <file>]",
        discussion: """
            Evaluates the round exactly as `thidua run` does and prints, for the group: \
            per content and criterion the measure's inputs (each column and its value), \
            x, the achievement a, the weight and the points; each bonus and deduction \
            with x and its points, and the bonus cap; each gate with x, its limits and \
            pass or fail; the content floor of each content; the total, tier, ward and \
            district rank, and the points missing to the next tier up; and for each award \
            whether it was won and, if not, why (not eligible and why, tier below \
            min_tier, outside the quota by N points behind the last winner, a tie at the \
            cutoff, an earlier award already held).

            Without --period the round's last period is explained. With --year, the year \
            as a whole: the year total, the quarterly totals, eligibility per quarter and \
            the year's awards.

            Exit status: 0 success; 1 an unknown group (with the closest ids), a group \
            with no row in the period, or a problem with the config or the data; 64 a \
            usage error.

            Examples:
              thidua explain Configs/thanh-xuan-2020.yaml KM-01 --period 2020-Q2
              thidua explain Configs/thanh-xuan-2020.yaml KM-01 --year --json km-01.json
            """
    )

    @Argument(help: "The round config (YAML).")
    var config: String

    @Argument(help: ArgumentHelp("The group's group_id, as in the data.", valueName: "group-id"))
    var group: String

    @Option(name: .customLong("data"), help: ArgumentHelp(
        "A data file (CSV) or a quoted glob pattern to use instead of round.data; repeat for several.", valueName: "file"))
    var dataFiles: [String] = []

    @Option(help: ArgumentHelp("The period to explain. Default: the round's last period.", valueName: "period"))
    var period: String?

    @Flag(help: "Explain the year as a whole instead of one period.")
    var year = false

    @Option(name: .customLong("json"), help: ArgumentHelp(
        "Also write the sheet as JSON to this file (replaced atomically).", valueName: "file"))
    var jsonFile: String?

    @Option(name: .shortAndLong, help: "Worker threads for scoring. Default: one per core.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, not \(jobs).") }
        if year, period != nil { throw ValidationError("give --period or --year, not both.") }
    }

    func run() throws {
        try Console.reportingErrors {
            let round = try Round.load(configPath: config, dataPaths: dataFiles,
                                       registry: PluginRegistry(BuiltinPlugins.all))
            Console.report(round.warnings)
            if let period, !round.config.periods.contains(period) {
                throw ValidationError(
                    "--period \(period) is not a period of the round; its periods are \(round.config.periods.joined(separator: ", ")).")
            }
            let selection: EvaluationSelection = year ? .year : period.map { .period($0) } ?? .everyPeriod
            let sheet = try Explanation.explain(group: group, in: round, selection: selection, jobs: jobs)
            if let jsonFile { try ExplanationReport.writeJSON(for: sheet, to: jsonFile) }
            print(ExplanationReport.markdown(for: sheet), terminator: "")
        }
    }
}
