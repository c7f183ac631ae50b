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

    @OptionGroup var options: CommitteeOptions

    func run() throws {
        try Console.reportingErrors {
            try options.checkJSONFile()
            let rounds = try Comparison.load(base: base, variant: variant, dataPaths: options.data.dataFiles,
                                             registry: PluginRegistry(BuiltinPlugins.all), jobs: options.jobs)
            try options.checkJSONFile(apartFrom: [rounds.base, rounds.variant])
            // A variant that extends the base inherits its warnings: print each once.
            var seen = Set<Diagnostic>()
            Console.report((rounds.base.warnings + rounds.variant.warnings).filter { seen.insert($0).inserted })
            let selection = try options.selection(in: [rounds.base.config, rounds.variant.config])
            let comparison = try Comparison.evaluate(base: rounds.base, variant: rounds.variant,
                                                     selection: selection, jobs: options.jobs)
            if let jsonFile = options.jsonFile { try ComparisonReport.writeJSON(for: comparison, to: jsonFile) }
            print(ComparisonReport.markdown(for: comparison), terminator: "")
        }
    }
}
