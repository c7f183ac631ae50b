import ArgumentParser
import BuiltinPlugins
import Foundation
import ScoringKit
import ThiDuaEngine

/// The options `compare`, `explain` and `sensitivity` share: the data to
/// use, which evaluations to look at, the JSON copy of the report and the
/// threads; and the loading and checks the three commands do alike.
struct CommitteeOptions: ParsableArguments {
    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp(
        "Look at this period only (a period of the round; compare: of both). Default: every period, and the "
            + "year when the round has a 'year:' block; explain: the round's last period.", valueName: "period"))
    var period: String?

    @Flag(help: "Look at the year as a whole only (SCORING.md 5).")
    var year = false

    @Option(name: .customLong("json"), help: ArgumentHelp(
        "Also write the report as JSON to this file (replaced atomically).", valueName: "file"))
    var jsonFile: String?

    /// `--jobs`.
    var jobs: Int { data.jobs }

    func validate() throws {
        if year, period != nil { throw ValidationError("give --period or --year, not both.") }
    }

    /// Refuses a `--json` file whose folder does not exist, before any work;
    /// and once `rounds` are loaded, one that would replace a file they
    /// were read from.
    /// - Parameter rounds: The loaded rounds, or none yet.
    /// - Throws: `DiagnosticError` naming the file and what is wrong.
    func checkJSONFile(apartFrom rounds: [Round] = []) throws {
        if let jsonFile { try AtomicReportFile.checkPath(jsonFile, apartFrom: rounds.flatMap(\.inputFiles)) }
    }

    /// The round of `config` with the built-in plugins and `--data`, its data
    /// parsed on `--jobs` threads; its warnings are printed. A `--json` file
    /// that would replace one of its files is refused.
    /// - Throws: `DiagnosticError` for a problem with the config or the data.
    func loadRound(_ config: String) throws -> Round {
        let round = try data.loadRound(config)
        try checkJSONFile(apartFrom: [round])
        Console.report(round.warnings)
        return round
    }

    /// The evaluations asked for: `--period`, `--year`, or every period.
    /// - Parameter rounds: The rounds `--period` must be a period of.
    /// - Throws: `ValidationError` (a usage error) when `--period` is not a
    ///   period of one of them.
    func selection(in rounds: [RoundConfig]) throws -> EvaluationSelection {
        if let period {
            try DataOptions.checkPeriods([period], in: rounds)
            return .period(period)
        }
        return year ? .year : .everyPeriod
    }
}
