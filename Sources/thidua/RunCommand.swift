import ArgumentParser
import BuiltinPlugins
import Foundation
import ThiDuaEngine

/// `thidua run`: evaluate a round and write the ranked award lists.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Evaluate a round and write rankings, awards, results and a report per period.",
        discussion: """
            Writes, for every period evaluated, DIR/<period>/ranking.csv, awards.csv, \
            results.json and report.md, plus DIR/manifest.json. With --year (or a 'year:' \
            block in the config) the year as a whole is written to DIR/<year>/ too. The folder is written \
            whole or not at all: a run that fails leaves the previous output untouched. \
            An existing DIR is replaced only if it is an earlier thidua output (it holds \
            manifest.json) or empty.

            Examples:
              thidua run Configs/thanh-xuan-2020.yaml --out out
              thidua run Configs/thanh-xuan-2020.yaml --year --out out
              thidua run Configs/thanh-xuan-2020.yaml --period 2020-Q3 --out out/q3
              thidua run round.yaml --data ward-reports/2020.csv --jobs 1 --out out
            """
    )

    @OptionGroup var round: RoundOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out: String = "out"

    @Flag(name: .shortAndLong, help: "Print nothing on success but warnings.")
    var quiet = false

    func run() throws {
        try Console.reportingErrors {
            let started = Date()
            let loaded = try round.loadRound()
            Console.report(loaded.warnings)
            let results = try round.evaluate(loaded)
            for warning in results.flatMap(\.warnings) { Console.error("warning: \(warning)") }
            let manifest = try Manifest.make(round: loaded, periods: results.map(\.period), jobs: round.jobs,
                                             started: started, finished: Date())
            try OutputDirectory.writeAtomically(to: out, files: OutputSet.files(for: results, manifest: manifest))
            if !quiet { print(RunSummary.text(for: results, round: loaded, out: out, jobs: round.jobs)) }
        }
    }
}

/// The few lines `thidua run` prints: per period, the tier counts and awards.
enum RunSummary {
    static func text(for results: [PeriodResult], round: Round, out: String, jobs: Int) -> String {
        var lines = ["round \(round.config.id): \(round.data.rowCount) rows from \(round.data.file), \(jobs) job\(jobs == 1 ? "" : "s")"]
        for result in results {
            var tierCounts = [Int](repeating: 0, count: result.tierNames.count)
            for tier in result.tierOfRow where tier >= 0 { tierCounts[Int(tier)] += 1 }
            var awardCounts = [Int](repeating: 0, count: result.awardDefinitions.count)
            for grant in result.grants { awardCounts[grant.award] += 1 }
            let tiers = zip(result.tierNames, tierCounts).map { "\($0) \($1)" }.joined(separator: ", ")
            let awards = zip(result.awardDefinitions, awardCounts).map { "\($0.id) \($1)" }.joined(separator: ", ")
            let eligible = result.eligible.filter { $0 }.count
            let ranked = result.isYear ? " (\(result.districtRank.filter { $0 > 0 }.count) ranked)" : ""
            lines.append("\(result.period): \(result.rowCount) groups\(ranked), \(eligible) eligible; \(tiers); awards: \(awards)")
        }
        lines.append("wrote \(out)/ (\(results.count) period\(results.count == 1 ? "" : "s") + manifest.json)")
        return lines.joined(separator: "\n")
    }
}
