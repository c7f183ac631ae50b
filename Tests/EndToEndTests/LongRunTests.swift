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
        #expect(seconds.allSatisfy { $0 <= total + 0.001 })
        // The year is ranked and awarded while the quarters are written, so
        // only the other phases are sure to follow one another.
        let sequential = ["read", "validate", "prepare", "score", "write"]
        #expect(sequential.compactMap { (figures[$0] as? NSNumber)?.doubleValue }.reduce(0, +) <= total + 0.001)
        let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("data.csv").path)[.size]
        #expect((figures["input_bytes"] as? NSNumber)?.intValue == (size as? NSNumber)?.intValue)
        #expect((figures["rows"] as? NSNumber)?.intValue == 12_000)
        #expect((figures["jobs"] as? NSNumber)?.intValue == 2)
        #expect((figures["periods"] as? NSNumber)?.intValue == 5)
    }

    /// A data file of some 5 MB is parsed in chunks (one serial pass with
    /// one job), scored, ranked and written in parallel: every file but the
    /// manifest must come out byte for byte the same.
    @Test func aLargeRoundIsByteIdenticalForOneTwoAndThreeJobs() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try makeRound(groups: 10_000, in: folder)
        let outputs = try CLIRunner.outputsOfRuns(config.path, jobs: ["1", "2", "3"], in: folder)
        #expect(outputs[0].count == 20)
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
    }

    /// util-linux `script`, which runs a command on a pseudo-terminal.
    private static let script = "/usr/bin/script"

    /// `thidua run` on a terminal: stderr of 10,000 groups × 4 quarters
    /// and the year (several seconds in a debug build), through `script`.
    private func runOnATerminal(_ extra: [String]) throws -> (status: Int32, terminal: String) {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try makeRound(groups: 10_000, in: folder)
        let log = folder.appendingPathComponent("terminal.log")
        let command = ([CLIRunner.binary.path, "run", config.path, "--jobs", "1",
                        "--out", folder.appendingPathComponent("out").path] + extra)
            .map { "'" + $0 + "'" }.joined(separator: " ") + " > /dev/null"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.script)
        process.arguments = ["-q", "-e", "-c", command, log.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func onATerminalALongRunDrawsAProgressBarAndClearsIt() throws {
        let (status, terminal) = try runOnATerminal([])
        #expect(status == 0)
        // Redrawn in place: `\r`, the activity with its bar, erase to the end of the line.
        // Which steps outlast the first second depends on the machine; writing
        // 21 files of a debug build does.
        #expect(terminal.contains("\rwriting ["), "terminal: \(terminal.suffix(800))")
        #expect(terminal.contains("/21 files\u{1B}[K"))
        let bar = try Regex(#"\r[a-z0-9 -]+ \[[#-]{20}\] "#)
        #expect(terminal.contains(bar))
        // Cleared at the end: the last erase follows a bare `\r`, not a line.
        let lastErase = try #require(terminal.range(of: "\u{1B}[K", options: .backwards))
        #expect(terminal[..<lastErase.lowerBound].hasSuffix("\r"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func onATerminalQuietDrawsNothing() throws {
        let (status, terminal) = try runOnATerminal(["--quiet"])
        #expect(status == 0)
        #expect(!terminal.contains("scoring"), "terminal: \(terminal.prefix(800))")
        #expect(!terminal.contains("\u{1B}"))
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

    @Test func aTimingsFileInAMissingFolderFailsBeforeWritingAnything() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let outcome = try CLIRunner.run(["run", "Configs/thanh-xuan-2020.yaml", "--quiet", "--out", out.path,
                                         "--timings", folder.appendingPathComponent("no-such/t.json").path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("error: cannot write '") && outcome.stderr.contains("no-such' does not exist"),
                "stderr: \(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "no output for a run that fails")
    }

    @Test func aTimingsPathThatIsAFolderFailsBeforeWritingAnything() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let outcome = try CLIRunner.run(["run", "Configs/thanh-xuan-2020.yaml", "--quiet", "--out", out.path,
                                         "--timings", folder.path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("it is a folder"), "stderr: \(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "no output for a run that fails")
    }

    /// A report path that would replace an input, land in the output folder
    /// (replaced whole), or name no file is refused before anything is
    /// written, and an earlier output is left as it was.
    @Test(arguments: ["out", "out/manifest.json", "Configs/thanh-xuan-2020.yaml",
                      "Configs/data/thanh-xuan-2020.csv", "", "reports/"])
    func aTimingsPathOnAnInputOrInTheOutputFailsBeforeWritingAnything(timings: String) throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: CLIRunner.packageRoot.appendingPathComponent("Configs"),
                                         to: folder.appendingPathComponent("Configs"))
        let earlier = try CLIRunner.run(["run", "Configs/thanh-xuan-2020.yaml", "--quiet", "--out", "out"], in: folder)
        #expect(earlier.status == 0, "stderr: \(earlier.stderr)")
        let before = try CLIRunner.outputFiles(under: folder)
        let outcome = try CLIRunner.run(["run", "Configs/thanh-xuan-2020.yaml", "--quiet", "--out", "out",
                                         "--timings", timings], in: folder)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("error: ") && !outcome.stderr.contains("Fatal"), "stderr: \(outcome.stderr)")
        #expect(try CLIRunner.outputFiles(under: folder) == before, "inputs and the earlier output are untouched")
    }

    /// A report path naming a pipe is refused (a rename would turn it into
    /// a plain file); one naming a symbolic link replaces the file the link
    /// names and leaves the link a link.
    @Test func aTimingsPathOnAPipeIsRefusedAndOnALinkWritesItsTarget() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("pipe.json").path
        try #require(mkfifo(pipe, 0o644) == 0)
        let refused = try CLIRunner.run(["run", CLIRunner.packageRoot.appendingPathComponent("Configs/thanh-xuan-2020.yaml").path,
                                         "--quiet", "--out", "out", "--timings", pipe], in: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("it is not a regular file"), "stderr: \(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        var info = stat()
        #expect(lstat(pipe, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the pipe is still a pipe")

        let target = folder.appendingPathComponent("timings.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        let link = folder.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "timings.json")
        let written = try CLIRunner.run(["run", CLIRunner.packageRoot.appendingPathComponent("Configs/thanh-xuan-2020.yaml").path,
                                         "--quiet", "--out", "out", "--timings", link], in: folder)
        #expect(written.status == 0, "stderr: \(written.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "timings.json")
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("\"aggregate_rank\""))
        #expect(CLIRunner.files(under: folder).allSatisfy { !$0.contains(".tmp-") }, "no temporary file is left")
    }

    /// The committee commands refuse a `--json` file that would replace the
    /// config or the data they read, and write nothing.
    @Test(arguments: [["explain", "Configs/thanh-xuan-2020.yaml", "TXN-03", "--period", "2020-Q1"],
                      ["sensitivity", "Configs/thanh-xuan-2020.yaml", "--period", "2020-Q1"],
                      ["compare", "Configs/thanh-xuan-2020.yaml", "Configs/thanh-xuan-2020.yaml", "--period", "2020-Q1"]])
    func aJSONReportOnAnInputIsRefused(command: [String]) throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: CLIRunner.packageRoot.appendingPathComponent("Configs"),
                                         to: folder.appendingPathComponent("Configs"))
        let before = try CLIRunner.outputFiles(under: folder)
        for input in ["Configs/data/thanh-xuan-2020.csv", "Configs/thanh-xuan-2020.yaml"] {
            let outcome = try CLIRunner.run(command + ["--json", input], in: folder)
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("the run reads that file"), "stderr: \(outcome.stderr)")
            #expect(outcome.stdout.isEmpty)
        }
        #expect(try CLIRunner.outputFiles(under: folder) == before)
    }

    @Test func helpDescribesTimings() throws {
        let outcome = try CLIRunner.run(["run", "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("--timings <file>"))
        #expect(outcome.stdout.contains("aggregate_rank"))
    }
}
