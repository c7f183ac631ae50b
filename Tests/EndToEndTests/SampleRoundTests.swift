import Foundation
import Testing

/// The sample round, run through the built binary.
@Suite struct SampleRoundTests {
    static let config = "Configs/thanh-xuan-2020.yaml"
    /// The quarters and the year (the sample config has a `year:` block).
    static let periods = ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4", "2020"]
    static let perPeriod = ["awards.csv", "ranking.csv", "report.md", "results.json"]

    @Test func sampleRoundWritesEveryFileAndSummarisesEachPeriod() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let outcome = try CLIRunner.run(["run", Self.config, "--out", out.path])
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let expected = (Self.periods.flatMap { period in Self.perPeriod.map { "\(period)/\($0)" } } + ["manifest.json"]).sorted()
        #expect(CLIRunner.files(under: out) == expected)
        for period in Self.periods {
            #expect(outcome.stdout.contains("\(period): "))
        }
        let ranking = try Data(contentsOf: out.appendingPathComponent("2020-Q1/ranking.csv"))
        #expect(Array(ranking.prefix(3)) == [0xEF, 0xBB, 0xBF], "CSV starts with a BOM for Excel")
        let header = String(decoding: ranking.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").first
        #expect(header == "period,ward,group_id,group_name,total,economy,culture,environment,law_order,democracy,bonus,deduction,tier,ward_rank,district_rank,eligible,reasons")
    }

    @Test func outputIsByteIdenticalForOneAndFourJobs() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputs = try CLIRunner.outputsOfRuns(Self.config, jobs: ["1", "4"], in: folder)
        #expect(outputs[0].count == 20)
        #expect(outputs[0] == outputs[1])
    }

    @Test func goldenOutputMatches() throws {
        let golden = CLIRunner.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden/thanh-xuan-2020")
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let outcome = try CLIRunner.run(["run", Self.config, "--out", out.path, "--quiet"])
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let produced = CLIRunner.files(under: out).filter { $0 != "manifest.json" }
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: golden)
            for path in produced {
                let target = golden.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: out.appendingPathComponent(path), to: target)
            }
            return
        }
        #expect(CLIRunner.files(under: golden) == produced, "re-record with RECORD_GOLDEN=1 swift test --filter Golden")
        for path in produced {
            let expected = try Data(contentsOf: golden.appendingPathComponent(path))
            let actual = try Data(contentsOf: out.appendingPathComponent(path))
            #expect(expected == actual, "\(path) differs from the golden copy; re-record with RECORD_GOLDEN=1 swift test --filter Golden")
        }
    }
}
