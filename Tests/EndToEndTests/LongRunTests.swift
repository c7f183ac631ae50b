import Foundation
import Testing

/// A run long enough for the progress line (over a second in a debug
/// build), with `--timings`.
@Suite struct LongRunTests {
    /// Generates `groups` groups of data and a copy of the sample config
    /// that reads it, in `folder`; returns the config's path.
    private func makeRound(groups: Int, in folder: URL) throws -> URL {
        let data = folder.appendingPathComponent("data.csv")
        let generated = try CLIRunner.run(["generate", "--groups", String(groups), "--out", data.path])
        #expect(generated.status == 0, "stderr: \(generated.stderr)")
        let sample = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent("Configs/thanh-xuan-2020.yaml"),
                                encoding: .utf8)
        let config = folder.appendingPathComponent("round.yaml")
        try sample.replacingOccurrences(of: "data: data/thanh-xuan-2020.csv", with: "data: data.csv")
            .write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    @Test func withoutATerminalNoProgressIsDrawnAndTimingsAreWritten() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try makeRound(groups: 3000, in: folder)
        let timingsFile = folder.appendingPathComponent("timings.json")
        let outcome = try CLIRunner.run(["run", config.path, "--out", folder.appendingPathComponent("out").path,
                                         "--jobs", "2", "--timings", timingsFile.path])
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        // stderr is a pipe here: the warnings (ties at award cutoffs), and
        // not a byte of progress line.
        #expect(!outcome.stderr.contains("\r") && !outcome.stderr.contains("\u{1B}"))
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix("warning: ") }, "stderr: \(outcome.stderr.prefix(500))")

        let figures = try JSONSerialization.jsonObject(with: Data(contentsOf: timingsFile)) as? [String: Any] ?? [:]
        let phases = ["read", "validate", "prepare", "score", "aggregate_rank", "award", "write"]
        #expect(Array(figures.keys).sorted() == (phases + ["total", "rows", "input_bytes", "jobs", "periods"]).sorted())
        let seconds = phases.compactMap { (figures[$0] as? NSNumber)?.doubleValue }
        let total = (figures["total"] as? NSNumber)?.doubleValue ?? 0
        #expect(seconds.count == phases.count && seconds.allSatisfy { $0 >= 0 })
        #expect(seconds.reduce(0, +) <= total + 0.001)
        let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("data.csv").path)[.size]
        #expect((figures["input_bytes"] as? NSNumber)?.intValue == (size as? NSNumber)?.intValue)
        #expect((figures["rows"] as? NSNumber)?.intValue == 12_000)
        #expect((figures["jobs"] as? NSNumber)?.intValue == 2)
        #expect((figures["periods"] as? NSNumber)?.intValue == 5)
    }

    @Test func quietWithTimingsPrintsOnlyWarnings() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CLIRunner.run(["run", "Configs/thanh-xuan-2020.yaml", "--quiet",
                                         "--out", folder.appendingPathComponent("out").path,
                                         "--timings", folder.appendingPathComponent("t.json").path])
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("warning: ") })
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("t.json").path))
    }

    @Test func helpDescribesTimings() throws {
        let outcome = try CLIRunner.run(["run", "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("--timings <file>"))
        #expect(outcome.stdout.contains("aggregate_rank"))
    }
}
