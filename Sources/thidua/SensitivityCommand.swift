import ArgumentParser
import BuiltinPlugins
import Foundation
import ThiDuaEngine

/// `thidua sensitivity`: how far each content's points may move before an
/// award list changes, and each winner's lead over its runner-up.
struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Show how far each content's points may move before any award goes to another group.",
        discussion: """
            For each content, its points are moved alone over [0, 2 × points], everything else \
            as configured, and the command prints the interval of points within which every award \
            (or the one given with --award) goes to exactly the same groups, with what changes just \
            outside each end; then, for each winner, the points by which it leads the runner-up \
            (the best group of its unit that was a candidate for the same award and did not get it).

            The ends are exact: the totals are piecewise linear in one content's points, so the \
            places where two groups swap, a total reaches a tier or a content floor starts to fail \
            are computed, and the round is decided afresh at those that may matter, on the same \
            plugin results. An end in [ ] keeps the winners at that very value, in ( ) it \
            already changes them.

            Without --period or --year it looks at what `thidua run` evaluates: every period, and \
            the year when the config has a 'year:' block. Markdown goes to stdout; --json writes \
            the same with every digit.

            Examples:
              thidua sensitivity Configs/thanh-xuan-2020.yaml
              thidua sensitivity Configs/thanh-xuan-2020.yaml --period 2020-Q2 --award giay-khen
              thidua sensitivity Configs/thanh-xuan-2020.yaml --year --json sensitivity.json
            """
    )

    @Argument(help: "The round config (YAML).")
    var config: String

    @Option(name: .customLong("award"), help: ArgumentHelp("Follow this award's winners only.", valueName: "id"))
    var awardID: String?

    @OptionGroup var options: CommitteeOptions

    func run() throws {
        try Console.reportingErrors {
            try options.checkJSONFile()
            let round = try options.loadRound(config)
            let selection = try selection(for: round.config)
            let result = try Sensitivity(evaluator: Evaluator(round: round, jobs: options.jobs))
                .analyse(selection, awardID: awardID)
            if let jsonFile = options.jsonFile { try SensitivityReport.writeJSON(for: result, to: jsonFile) }
            print(SensitivityReport.markdown(for: result), terminator: "")
        }
    }

    /// The evaluations asked for, checked against the round.
    func selection(for round: RoundConfig) throws -> EvaluationSelection {
        let selection = try options.selection(in: [round])
        if let awardID {
            let known = round.allAwards.map(\.id)
            guard known.contains(awardID) else {
                throw ValidationError("--award \(awardID) is not an award of the round; its awards are \(known.joined(separator: ", ")).")
            }
        }
        return selection
    }
}
