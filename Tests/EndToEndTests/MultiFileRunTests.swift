import Foundation
import Testing

/// The sample round with its data split into files, through the built binary.
@Suite struct MultiFileRunTests {
    static let config = "Configs/thanh-xuan-2020.yaml"
    static let sampleData = CLIRunner.packageRoot.appendingPathComponent("Configs/data/thanh-xuan-2020.csv")

    /// Writes the sample data's rows of `periods`, under its header, to `url`.
    static func writeRows(of periods: [String], to url: URL) throws {
        let lines = try String(contentsOf: Self.sampleData, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first else { throw CocoaError(.fileReadCorruptFile) }
        let rows = lines.dropFirst().filter { line in periods.contains { line.hasPrefix($0 + ",") } }
        try ([header] + rows).joined(separator: "\n").appending("\n").write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func repeatedDataOptionMergesTheFilesIntoTheSameOutputAsOneFile() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("2020-H1.csv"), second = folder.appendingPathComponent("2020-H2.csv")
        try Self.writeRows(of: ["2020-Q1", "2020-Q2"], to: first)
        try Self.writeRows(of: ["2020-Q3", "2020-Q4"], to: second)

        let single = folder.appendingPathComponent("single"), split = folder.appendingPathComponent("split")
        let one = try CLIRunner.run(["run", Self.config, "--out", single.path, "--quiet"])
        #expect(one.status == 0, "stderr: \(one.stderr)")
        let two = try CLIRunner.run(["run", Self.config, "--data", first.path, "--data", second.path,
                                     "--out", split.path])
        #expect(two.status == 0, "stderr: \(two.stderr)")
        #expect(two.stdout.contains("1200 rows from \(first.path), \(second.path)"))

        let expected = try CLIRunner.outputFiles(under: single)
        #expect(!expected.isEmpty)
        #expect(try CLIRunner.outputFiles(under: split) == expected)

        let manifest = try String(contentsOf: split.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"path\": \"\(first.path)\""))
        #expect(manifest.contains("\"path\": \"\(second.path)\""))
        let firstPosition = try #require(manifest.range(of: first.path)).lowerBound
        let secondPosition = try #require(manifest.range(of: second.path)).lowerBound
        #expect(firstPosition < secondPosition, "the manifest lists the files in the order read")
    }

    @Test func quotedDataPatternIsExpandedAndAGroupInTwoFilesIsLocatedInBoth() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeRows(of: ["2020-Q1", "2020-Q2"], to: folder.appendingPathComponent("a.csv"))
        try Self.writeRows(of: ["2020-Q2", "2020-Q3", "2020-Q4"], to: folder.appendingPathComponent("b.csv"))
        let config = CLIRunner.packageRoot.appendingPathComponent(Self.config).path
        let outcome = try CLIRunner.run(["run", config, "--data", "*.csv", "--out", "out"], in: folder)
        #expect(outcome.status == 1)
        // The first Q2 row is line 2 of b.csv and line 302 of a.csv (300 Q1 rows before it).
        #expect(outcome.stderr.hasPrefix("b.csv:2:1: error: duplicate group 'HD-01' in period 2020-Q2\n"
                                         + "  hint: first at a.csv:302;"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))

        let none = try CLIRunner.run(["run", config, "--data", "*.xlsx", "--out", "out"], in: folder)
        #expect(none.status == 1)
        #expect(none.stderr.hasPrefix("error: --data '*.xlsx': no file matches the pattern"))
    }
}
