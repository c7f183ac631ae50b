import Foundation
import Testing

/// `thidua compare` through the binary: the sample round against a copy
/// with one weight changed, checked against two `thidua run`s.
@Suite struct CompareCommandTests {
    static let config = "Configs/thanh-xuan-2020.yaml"

    /// The sample config with the weight of `cultural_family_rate` lowered
    /// from 5 to 4 and a `round.data` that does not exist: compare must use
    /// the base's data.
    static func variant(in folder: URL) throws -> URL {
        let original = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent(config), encoding: .utf8)
        let changed = original
            .replacingOccurrences(of: "data: data/thanh-xuan-2020.csv", with: "data: not-read.csv")
            .replacingOccurrences(of: "        weight: 5\n", with: "        weight: 4\n")
        #expect(changed.contains("data: not-read.csv") && changed.contains("weight: 4\n"))
        let url = folder.appendingPathComponent("weight-4.yaml")
        try changed.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// `period/group` → everything `results.json` says of the group, and its award.
    static func results(in folder: URL) throws -> [String: NSDictionary] {
        var groups: [String: NSDictionary] = [:]
        for path in CLIRunner.files(under: folder) where path.hasSuffix("/results.json") {
            let period = String(path.dropLast("/results.json".count))
            let data = try Data(contentsOf: folder.appendingPathComponent(path))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            var awards: [String: String] = [:]
            for award in object["awards"] as? [[String: Any]] ?? [] {
                if let group = award["group_id"] as? String { awards[group] = award["award_id"] as? String }
            }
            for group in object["groups"] as? [[String: Any]] ?? [] {
                let id = try #require(group["group_id"] as? String)
                var entry = group
                entry["award"] = awards[id] ?? "none"
                groups["\(period)/\(id)"] = entry as NSDictionary
            }
        }
        return groups
    }

    @Test func changedGroupsAreExactlyThoseWhoseRunResultsDiffer() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let variant = try Self.variant(in: folder)
        let report = folder.appendingPathComponent("compare.json")
        let outcome = try CLIRunner.run(["compare", Self.config, variant.path, "--json", report.path])
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        for heading in ["## 2020-Q1", "## 2020-Q4", "## 2020\n", "### Awards that change", "### Tiers that change",
                        "### Largest rank moves", "Spearman's rho 0.99", "Kendall's tau-b 0.9"] {
            #expect(outcome.stdout.contains(heading), "missing \(heading)")
        }
        #expect(outcome.stdout.split(separator: "\n").last?.hasPrefix("summary: 5 evaluations") == true)

        let (a, b) = (folder.appendingPathComponent("A"), folder.appendingPathComponent("B"))
        let data = CLIRunner.packageRoot.appendingPathComponent("Configs/data/thanh-xuan-2020.csv").path
        for arguments in [["run", Self.config, "--out", a.path], ["run", variant.path, "--data", data, "--out", b.path]] {
            let run = try CLIRunner.run(arguments + ["--quiet"])
            #expect(run.status == 0, "stderr: \(run.stderr)")
        }
        let (before, after) = (try Self.results(in: a), try Self.results(in: b))
        #expect(Set(before.keys) == Set(after.keys))
        let differing = Set(before.keys.filter { before[$0] != after[$0] })
        func field(_ key: String) -> Set<String> {
            Set(before.keys.filter { (before[$0]?[key] as? NSObject) != (after[$0]?[key] as? NSObject) })
        }

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        var listed = Set<String>(), awards = Set<String>(), tiers = Set<String>()
        for evaluation in json["evaluations"] as? [[String: Any]] ?? [] {
            let period = evaluation["period"] as? String ?? ""
            for difference in evaluation["differences"] as? [[String: Any]] ?? [] {
                listed.insert("\(period)/\(difference["group_id"] as? String ?? "")")
            }
            awards.formUnion((evaluation["award_changes"] as? [String] ?? []).map { "\(period)/\($0)" })
            tiers.formUnion((evaluation["tier_changes"] as? [String] ?? []).map { "\(period)/\($0)" })
        }
        #expect(!differing.isEmpty && differing.count < before.count)
        #expect(listed == differing)
        #expect(awards == field("award") && !awards.isEmpty)
        #expect(tiers == field("tier") && !tiers.isEmpty)
        #expect(json["base"] as? String == Self.config)
    }

    @Test func oneQuarterOrTheYearOnly() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let variant = try Self.variant(in: folder)
        let quarter = try CLIRunner.run(["compare", Self.config, variant.path, "--period", "2020-Q2"])
        #expect(quarter.status == 0, "stderr: \(quarter.stderr)")
        #expect(quarter.stdout.contains("## 2020-Q2") && !quarter.stdout.contains("## 2020-Q1"))
        let year = try CLIRunner.run(["compare", Self.config, variant.path, "--year"])
        #expect(year.status == 0, "stderr: \(year.stderr)")
        #expect(year.stdout.contains("## 2020\n") && !year.stdout.contains("## 2020-Q"))
        let same = try CLIRunner.run(["compare", Self.config, Self.config, "--period", "2020-Q1"])
        #expect(same.status == 0 && same.stdout.contains("300 groups; no differences."))
        #expect(same.stdout.contains("Spearman's rho 1.0000, Kendall's tau-b 1.0000"))
    }

    @Test(arguments: [
        ["compare", config], ["compare", config, config, "--period", "2021-Q1"],
        ["compare", config, config, "--period", "2020-Q1", "--year"], ["compare", config, config, "--jobs", "0"],
    ])
    func usageErrorsExit64(arguments: [String]) throws {
        let outcome = try CLIRunner.run(arguments)
        #expect(outcome.status == 64, "stderr: \(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test func aBrokenVariantExitsOneNamingItsFile() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken.yaml")
        try "round: { id: x, periods: [2020-Q1] }\ncontents: []\nwieght: 3\n".write(to: broken, atomically: true, encoding: .utf8)
        let outcome = try CLIRunner.run(["compare", Self.config, broken.path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("broken.yaml:") && outcome.stderr.contains("error: "))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func helpSaysBothConfigsReadTheBaseData() throws {
        let outcome = try CLIRunner.run(["compare", "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("SAME data") && outcome.stdout.contains("--data"))
    }
}
