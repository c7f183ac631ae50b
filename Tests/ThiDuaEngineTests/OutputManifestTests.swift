import Foundation
import Testing
@testable import ThiDuaEngine

/// `Manifest` and `OutputSet`.
struct OutputManifestTests {
    @Test func manifestJSONHasTheContractFieldsInOrder() {
        let expected = """
            {
              "tool": "thidua",
              "tool_version": "0.1.0",
              "config": {
                "path": "Configs/thanh-xuan-2020.yaml",
                "sha256": "\(String(repeating: "a", count: 64))"
              },
              "extends": [
                {
                  "path": "Configs/base.yaml",
                  "sha256": "\(String(repeating: "c", count: 64))"
                }
              ],
              "data_files": [
                {
                  "path": "Configs/data/thanh-xuan-2020.csv",
                  "sha256": "\(String(repeating: "b", count: 64))"
                }
              ],
              "plugins": [
                {
                  "name": "bonus",
                  "version": "1.0.0"
                },
                {
                  "name": "linear",
                  "version": "1.0.0"
                }
              ],
              "periods": [
                "2020-Q1"
              ],
              "thread_count": 2,
              "start_time": "2020-04-01T08:30:00.250Z",
              "duration_seconds": 0.5
            }

            """
        #expect(OutputFixtures.text(OutputFixtures.manifest().jsonBytes) == expected)
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (-1.0, "1969-12-31T23:59:59.000Z"),
        (951_782_400.0, "2000-02-29T00:00:00.000Z"),
        (951_868_799.999, "2000-02-29T23:59:59.999Z"),
        (1_609_459_199.5, "2020-12-31T23:59:59.500Z"),
        (4_102_444_800.0, "2100-01-01T00:00:00.000Z"),
    ])
    func formatsStartTimeAsISO8601UTC(seconds: Double, text: String) {
        #expect(Manifest.iso8601(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func agreesWithFoundationsISO8601Formatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SeededRandom(seed: 8601)
        for _ in 0..<500 {
            let whole = Double(Int64.random(in: -2_000_000_000...5_000_000_000, using: &generator))
            let date = Date(timeIntervalSince1970: whole)
            #expect(Manifest.iso8601(date) == formatter.string(from: date))
        }
    }

    @Test func fileDigestHashesTheFile() throws {
        let folder = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("round.yaml")
        try Data().write(to: file)
        let digest = try Manifest.FileDigest.ofFile(atPath: file.path)
        #expect(digest == .init(path: file.path, sha256: Fingerprint.hexDigest([])))
    }

    @Test func outputSetHasFourFilesPerPeriodThenTheManifest() {
        var year = OutputFixtures.quarter()
        year.period = "2020"
        let files = OutputSet.files(for: [OutputFixtures.quarter(), year], manifest: OutputFixtures.manifest())
        #expect(files.map(\.relativePath) == [
            "2020-Q1/ranking.csv", "2020-Q1/awards.csv", "2020-Q1/results.json", "2020-Q1/report.md",
            "2020/ranking.csv", "2020/awards.csv", "2020/results.json", "2020/report.md",
            "manifest.json",
        ])
        #expect(files[0].bytes == CSVReports.ranking(for: OutputFixtures.quarter()))
        #expect(files[8].bytes == OutputFixtures.manifest().jsonBytes)
    }
}
