import Foundation
import Testing

/// Bad input through the binary: a located error on stderr, a non-zero exit,
/// and no output folder.
@Suite struct BadInputTests {
    static let config = """
        round: { id: t, data: data.csv, periods: [2020-Q1] }
        contents:
          - id: c1
            points: 100
            criteria:
              - { id: rate, plugin: linear, measure: { value: cultural_families, per: households }, zero_at: 0.5, full_at: 1 }
        tiers: [ { name: A, min: 50 }, { name: B, min: 0 } ]
        awards: [ { id: x, scope: district, quota: { count: 1 } } ]
        """
    static let data = """
        period,ward,group_id,group_name,households,cultural_families
        2020-Q1,Kim Giang,KG-01,Tổ dân phố số 1,100,90
        2020-Q1,Kim Giang,KG-02,Tổ dân phố số 2,80,60

        """

    /// Writes `config` and `data` to a fresh folder, runs `thidua run` there
    /// and checks that nothing was written.
    func run(config: String = Self.config, data: String = Self.data, extra: [String] = []) throws -> CLIRunner.Outcome {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try config.write(to: folder.appendingPathComponent("round.yaml"), atomically: true, encoding: .utf8)
        try data.write(to: folder.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        let outcome = try CLIRunner.run(["run", "round.yaml", "--out", "out"] + extra, in: folder)
        if outcome.status != 0 {
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path),
                    "a failed run must not leave an output folder")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(leftovers == ["data.csv", "round.yaml"], "a failed run must not leave temporary files")
        }
        return outcome
    }

    @Test func goodInputRuns() throws {
        let outcome = try run()
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.isEmpty)
    }

    @Test func unknownConfigKeyIsLocatedWithASuggestion() throws {
        let outcome = try run(config: Self.config.replacingOccurrences(of: "zero_at: 0.5", with: "zero_a: 0.5"))
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("round.yaml:6:") && outcome.stderr.contains("error: rate: unknown key 'zero_a' for plugin 'linear'"))
        #expect(outcome.stderr.contains("hint: did you mean 'zero_at'?"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func missingDataColumnPointsAtTheConfig() throws {
        let outcome = try run(config: Self.config.replacingOccurrences(of: "per: households", with: "per: houshold"))
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("round.yaml:6:") && outcome.stderr.contains("error: criterion 'rate': the data 'data.csv' has no column 'houshold'"))
        #expect(outcome.stderr.contains("did you mean 'households'?"))
    }

    @Test func badCellIsLocatedInTheData() throws {
        let outcome = try run(data: Self.data.replacingOccurrences(of: ",80,60", with: ",80,abc"))
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("data.csv:3:"))
        #expect(outcome.stderr.contains("error:") && outcome.stderr.contains("abc"))
    }

    @Test func raggedRowIsLocated() throws {
        let outcome = try run(data: Self.data.replacingOccurrences(of: ",80,60", with: ",80"))
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("data.csv:3:"))
    }

    @Test func duplicateGroupIsLocated() throws {
        let outcome = try run(data: Self.data.replacingOccurrences(of: "KG-02", with: "KG-01"))
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("data.csv:3:"))
        #expect(outcome.stderr.contains("KG-01"))
    }

    @Test func zeroPerNamesGroupPeriodAndCriterion() throws {
        let outcome = try run(data: Self.data.replacingOccurrences(of: ",80,60", with: ",0,0"))
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("data.csv:3:1: error: 2020-Q1: group 'KG-02' (Kim Giang): criterion 'rate': per (households) is 0"))
        #expect(outcome.stderr.contains("hint: add 'if_per_zero: X'"))
    }

    @Test func missingConfigFileIsAClearError() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CLIRunner.run(["run", "nowhere.yaml", "--out", "out"], in: folder)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "error: cannot read config file 'nowhere.yaml': no such file\n")
    }

    @Test func unknownPeriodIsAUsageError() throws {
        let outcome = try run(extra: ["--period", "2020-Q9"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("--period 2020-Q9 is not a period of the round"))
        // Found once the round is read, still shown with the subcommand's own usage.
        #expect(outcome.stderr.contains("\nUsage: thidua run <config> ") && outcome.stderr.contains("See 'thidua run --help'"))
    }

    /// A thread count out of range is a usage error, however large (a huge
    /// one used to overflow while splitting the file into chunks).
    @Test(arguments: ["0", "1025", "1152921504606846976"])
    func jobsOutOfRangeIsAUsageError(jobs: String) throws {
        for command in [["run", "Configs/thanh-xuan-2020.yaml", "--out", "/nonexistent/out"],
                        ["explain", "Configs/thanh-xuan-2020.yaml", "TXN-03"],
                        ["sensitivity", "Configs/thanh-xuan-2020.yaml"]] {
            let outcome = try CLIRunner.run(command + ["--jobs", jobs])
            #expect(outcome.status == 64, "\(command[0]): \(outcome.stderr)")
            #expect(outcome.stderr.contains("--jobs must be between 1 and 1024, not \(jobs)."))
            #expect(outcome.stdout.isEmpty)
        }
    }

    @Test func yearWithPeriodIsAUsageError() throws {
        let outcome = try run(extra: ["--year", "--period", "2020-Q1"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("--year evaluates every period of the round; leave out --period."))
    }

    @Test func yearFlagWritesTheYearFolder() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.config.write(to: folder.appendingPathComponent("round.yaml"), atomically: true, encoding: .utf8)
        try Self.data.write(to: folder.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        let outcome = try CLIRunner.run(["run", "round.yaml", "--year", "--out", "out"], in: folder)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        #expect(outcome.stdout.contains("\n2020: 2 groups (2 ranked)"))
        #expect(CLIRunner.files(under: folder.appendingPathComponent("out/2020")) ==
                ["awards.csv", "ranking.csv", "report.md", "results.json"])
    }

    @Test func aForeignFolderIsNeverOverwritten() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.config.write(to: folder.appendingPathComponent("round.yaml"), atomically: true, encoding: .utf8)
        try Self.data.write(to: folder.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        let precious = folder.appendingPathComponent("out/minutes.docx")
        try FileManager.default.createDirectory(at: precious.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: precious)
        let outcome = try CLIRunner.run(["run", "round.yaml", "--out", "out"], in: folder)
        #expect(outcome.status == 1)
        #expect(try Data(contentsOf: precious) == Data("keep me".utf8))
        // A second run over an earlier thidua output replaces it.
        let again = try CLIRunner.run(["run", "round.yaml", "--out", "out2"], in: folder)
        let replaced = try CLIRunner.run(["run", "round.yaml", "--out", "out2"], in: folder)
        #expect(again.status == 0 && replaced.status == 0, "stderr: \(replaced.stderr)")
    }

    /// Every command, not only `run`, ends with status 1 and says so when
    /// what it printed could not be written (a full disk behind `>`).
    @Test(arguments: [
        ["validate", "Configs/thanh-xuan-2020.yaml"],
        ["plugins"],
        ["explain", "Configs/thanh-xuan-2020.yaml", "TXN-03"],
    ])
    func standardOutputThatCannotBeWrittenIsAnError(arguments: [String]) throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"), "this test needs /dev/full")
        defer { try? full.close() }
        let outcome = try CLIRunner.run(arguments, standardOutput: full)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("error: cannot write to standard output: No space left on device"))
    }

    /// A text long enough to be written straight through, not buffered:
    /// its failed write shows only in the stream's error flag, so no
    /// reason from an unrelated later call is given.
    @Test func aLongOutputThatCannotBeWrittenIsAnError() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"), "this test needs /dev/full")
        defer { try? full.close() }
        let outcome = try CLIRunner.run(["validate", "Configs/thanh-xuan-2020.yaml", "--print-effective"],
                                        standardOutput: full)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("error: cannot write to standard output: "), "stderr: \(outcome.stderr)")
        #expect(!outcome.stderr.contains("Invalid argument") && !outcome.stderr.contains("write error"))
    }

    @Test func validateReportsWithoutWriting() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.config.write(to: folder.appendingPathComponent("round.yaml"), atomically: true, encoding: .utf8)
        try Self.data.write(to: folder.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        let ok = try CLIRunner.run(["validate", "round.yaml"], in: folder)
        #expect(ok.status == 0 && ok.stdout.hasPrefix("ok: round.yaml"))
        try Self.data.replacingOccurrences(of: "2020-Q1,Kim Giang,KG-02", with: "2020-Q5,Kim Giang,KG-02")
            .write(to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run(["validate", "round.yaml", "--data", "bad.csv"], in: folder)
        #expect(bad.status == 1 && bad.stderr.hasPrefix("bad.csv:3:1: error:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["bad.csv", "data.csv", "round.yaml"])
    }

    @Test func everyCommandHasHelpWithExamples() throws {
        for command in ["run", "validate", "plugins", "generate"] {
            let outcome = try CLIRunner.run([command, "--help"])
            #expect(outcome.status == 0)
            #expect(outcome.stdout.contains("USAGE: thidua \(command)"))
            #expect(outcome.stdout.contains("  thidua \(command)"), "help of \(command) shows an example")
        }
    }

    @Test func pluginsListsEveryBuiltInWithParameters() throws {
        let outcome = try CLIRunner.run(["plugins"])
        #expect(outcome.status == 0)
        for name in ["linear", "bands", "minmax", "improvement", "bonus", "deduction", "gate"] {
            #expect(outcome.stdout.contains("\n\(name) ") || outcome.stdout.hasPrefix("\(name) "))
        }
        #expect(outcome.stdout.contains("- if_no_history (required)"))
    }
}
