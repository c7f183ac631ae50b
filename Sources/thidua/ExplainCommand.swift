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

    @OptionGroup var options: CommitteeOptions

    func run() throws {
        try Console.reportingErrors {
            try options.checkJSONFile()
            let round = try options.loadRound(config)
            let selection = try options.selection(in: [round.config])
            let sheet = try Explanation.explain(group: group, in: round, selection: selection, jobs: options.jobs)
            if let jsonFile = options.jsonFile { try ExplanationReport.writeJSON(for: sheet, to: jsonFile) }
            print(ExplanationReport.markdown(for: sheet), terminator: "")
        }
    }
}
