import Foundation
import Testing

/// `thidua sensitivity` through the built binary, checked against `thidua run`.
@Suite struct SensitivityCommandTests {
    static let config = "Configs/thanh-xuan-2020.yaml"
    static let data = CLIRunner.packageRoot.appendingPathComponent("Configs/data/thanh-xuan-2020.csv").path

    /// The `(award_id, scope_unit, group_id)` lines of `awards.csv` of a run
    /// of `yaml` (written to `folder`) for `period`.
    func awards(_ yaml: String, period: String, in folder: URL, name: String) throws -> [String] {
        let config = folder.appendingPathComponent("\(name).yaml")
        try Data(yaml.utf8).write(to: config)
        let out = folder.appendingPathComponent("out-\(name)")
        let outcome = try CLIRunner.run(["run", config.path, "--data", Self.data, "--period", period, "--out", out.path, "--quiet"])
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let text = try String(contentsOf: out.appendingPathComponent("\(period)/awards.csv"), encoding: .utf8)
        return text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { line in
            let cells = line.components(separatedBy: ",")
            return [cells[1], cells[3], cells[4]].joined(separator: ",")
        }.sorted()
    }

    /// The sample config with `content`'s points set to `points`.
    func config(_ original: String, content: String, points: Double) throws -> String {
        let block = try #require(original.range(of: "- id: \(content)\n"))
        let line = try #require(original.range(of: #"points: [0-9.]+"#, options: .regularExpression,
                                                range: block.upperBound..<original.endIndex))
        return original.replacingCharacters(in: line, with: "points: \(points)")
    }

    @Test func eachEndKeepsTheAwardsJustInsideAndChangesThemJustOutside() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("sensitivity.json")
        let outcome = try CLIRunner.run(["sensitivity", Self.config, "--period", "2020-Q2", "--json", json.path])
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        #expect(outcome.stdout.contains("## 2020-Q2") && outcome.stdout.contains("| culture | 25 | "))
        #expect(outcome.stdout.contains("### Margins"))

        let report = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let evaluations = try #require(report["evaluations"] as? [[String: Any]])
        #expect(evaluations.count == 1 && evaluations[0]["period"] as? String == "2020-Q2")
        let contents = try #require(evaluations[0]["contents"] as? [[String: Any]])
        let culture = try #require(contents.first { $0["content"] as? String == "culture" })

        let original = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent(Self.config), encoding: .utf8)
        let kept = try awards(original, period: "2020-Q2", in: folder, name: "original")
        #expect(!kept.isEmpty)
        let step = 1e-6
        var checked = 0
        for (key, outward) in [("lower", -step), ("upper", step)] {
            let end = try #require(culture[key] as? [String: Any])
            let value = try #require(end["value"] as? Double)
            guard end["limit"] as? Bool == false else { continue }
            let inside = try awards(config(original, content: "culture", points: value - outward),
                                    period: "2020-Q2", in: folder, name: "\(key)-inside")
            let outside = try awards(config(original, content: "culture", points: value + outward),
                                     period: "2020-Q2", in: folder, name: "\(key)-outside")
            #expect(inside == kept, "\(key) end \(value): just inside")
            #expect(outside != kept, "\(key) end \(value): just outside")
            checked += 1
        }
        #expect(checked == 2, "both ends of culture's interval in 2020-Q2 lie inside the searched range")
    }

    @Test func awardFollowsOneAwardAndTheYearUsesItsOwnAwards() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("year.json")
        let outcome = try CLIRunner.run(["sensitivity", Self.config, "--year", "--award", "giay-khen-nam", "--json", json.path])
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        #expect(outcome.stdout.contains("## 2020\n") && !outcome.stdout.contains("## 2020-Q"))
        #expect(outcome.stdout.contains("Winners: giay-khen-nam "))
        let report = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        #expect(report["award"] as? String == "giay-khen-nam")
        let evaluations = try #require(report["evaluations"] as? [[String: Any]])
        let margins = try #require(evaluations.first?["margins"] as? [[String: Any]])
        #expect(!margins.isEmpty && margins.allSatisfy { $0["award"] as? String == "giay-khen-nam" })
    }

    @Test func anUnknownAwardOrPeriodIsAUsageError() throws {
        let award = try CLIRunner.run(["sensitivity", Self.config, "--award", "co-thi-dau"])
        #expect(award.status == 64)
        #expect(award.stderr.contains("--award co-thi-dau is not an award of the round"))
        let period = try CLIRunner.run(["sensitivity", Self.config, "--period", "2020-Q5"])
        #expect(period.status == 64 && period.stderr.contains("--period 2020-Q5 is not a period of the round"))
        let both = try CLIRunner.run(["sensitivity", Self.config, "--period", "2020-Q1", "--year"])
        #expect(both.status == 64)
    }
}
