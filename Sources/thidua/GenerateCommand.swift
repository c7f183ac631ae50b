import ArgumentParser
import Foundation
import ScoringKit
import ThiDuaEngine

/// `thidua generate`: synthetic quarterly data in the SCORING.md format.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write synthetic quarterly data (CSV) for tests, demos and benchmarks.",
        discussion: """
            The data is made up: the wards of Thanh Xuân first, then numbered wards for \
            larger runs, with realistic, correlated indicators. The same seed always gives \
            the same bytes. The sample round's data was made with:

              thidua generate --groups 300 --seed 79 --periods 2020-Q1,2020-Q2,2020-Q3,2020-Q4 \\
                --out Configs/data/thanh-xuan-2020.csv
            """
    )

    @Option(help: "Number of residential groups.")
    var groups: Int = SampleDataGenerator.censusGroups

    @Option(help: ArgumentHelp("Comma-separated periods (YYYY-Qn).", valueName: "periods"))
    var periods: String = "2020-Q1,2020-Q2,2020-Q3,2020-Q4"

    @Option(help: "Seed of the pseudo-random generator.")
    var seed: UInt64 = 79

    @Option(help: ArgumentHelp("The CSV file to write.", valueName: "file"))
    var out: String

    var periodList: [String] {
        periods.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    func validate() throws {
        guard groups >= 1 else { throw ValidationError("--groups must be at least 1, not \(groups).") }
        let list = periodList
        guard !list.isEmpty else { throw ValidationError("--periods must name at least one period.") }
        for period in list where !PeriodName.isValid(period) {
            throw ValidationError("--periods: '\(period)' is not a period; write YYYY-Qn, e.g. 2020-Q1.")
        }
        guard Set(list).count == list.count else { throw ValidationError("--periods lists a period twice.") }
    }

    func run() throws {
        let generator = SampleDataGenerator(groups: groups, periods: periodList, seed: seed)
        do {
            try generator.write(to: URL(fileURLWithPath: out))
        } catch {
            Console.error("\(error)")
            throw ExitCode(1)
        }
        print("wrote \(out): \(groups) groups × \(periodList.count) periods")
    }
}
