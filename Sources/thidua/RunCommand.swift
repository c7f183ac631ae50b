import ArgumentParser
import BuiltinPlugins
import Foundation
import ScoringKit
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

            With --timings FILE, also writes the wall time of each phase as JSON: read \
            (config and data files), validate (the data against the config), prepare (the \
            split by period and every plugin's prepare), score, aggregate_rank (totals, \
            eligibility, tiers, ranking, the year's aggregation), award and write (every \
            output file, and the manifest with the data's SHA-256), in seconds; then total, rows, input_bytes, \
            jobs and periods (evaluations written). The year is ranked and awarded while \
            the quarters' files are written, so its share of aggregate_rank and award \
            overlaps write, and the phases add up to more than total. On a terminal a run that lasts more \
            than a second shows a progress line on stderr, unless --quiet.

            Examples:
              thidua run Configs/thanh-xuan-2020.yaml --out out
              thidua run Configs/thanh-xuan-2020.yaml --year --out out
              thidua run Configs/thanh-xuan-2020.yaml --period 2020-Q3 --out out/q3
              thidua run round.yaml --data ward-reports/2020.csv --jobs 1 --out out
              thidua run national.yaml --year --out out --quiet --timings timings.json
            """
    )

    @OptionGroup var round: RoundOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out: String = "out"

    @Flag(name: .shortAndLong, help: "Print nothing on success but warnings.")
    var quiet = false

    @Option(help: ArgumentHelp(
        "Also write the wall time of each phase, with rows, bytes and jobs, to this JSON file.", valueName: "file"))
    var timings: String?

    func run() throws {
        let timer = PhaseTimer()
        let progress = ProgressLine(enabled: !quiet && ProgressLine.stderrIsTerminal)
        try Console.reportingErrors {
            // Cleared before an error is printed, too.
            defer { progress.finish() }
            let started = Date()
            // A timings file that cannot be written fails the run before any work, not after the output.
            if let timings { try AtomicReportFile.checkPath(timings) }
            var loading = try round.loadRound(timer: timer, progress: progress.meter, fingerprint: true)
            // Nor may it replace an input, or land in the output folder (which is replaced whole).
            if let timings { try AtomicReportFile.checkPath(timings, apartFrom: loading.inputFiles, outside: [out]) }
            progress.interrupting { Console.report(loading.warnings) }
            // The data's values are let go of once split by period; the
            // round without them serves the manifest and the summary.
            let (quarters, year) = try round.evaluateLeavingYear(&loading, timer: timer, progress: progress.meter)
            let loaded = loading
            progress.interrupting { Console.reportWarnings(of: quarters) }
            let periods = quarters.map(\.period) + (year.map { [$0.period] } ?? [])
            let meter = progress.meter
            meter.begin("writing", total: OutputSet.fileCount(periods: periods.count), unit: .files)
            let madeYear = try timer.measure(.write) {
                // The year is ranked, and the manifest made, on a worker while
                // the quarters' files are written.
                let jobs = round.jobs
                return try OutputSet.write(quarters, then: year, to: out, jobs: jobs,
                                           fileWritten: { meter.advance(by: 1) }) {
                    try Manifest.make(round: loaded, periods: periods, jobs: jobs, started: started, finished: Date())
                }
            }
            let results = quarters + (madeYear.map { [$0] } ?? [])
            progress.interrupting { Console.reportWarnings(of: madeYear.map { [$0] } ?? []) }
            progress.finish()
            if !quiet { print(RunSummary.text(for: results, round: loaded, out: out, jobs: round.jobs)) }
            if let timings {
                try AtomicReportFile.write(timer.timings(jobs: round.jobs, periods: results.count).jsonBytes, to: timings)
            }
            Console.exitWithoutCleanup(keeping: (loaded, results))
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
