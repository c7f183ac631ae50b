import Foundation
import Testing

/// `thidua explain` through the binary, checked against the golden output of `thidua run`.
@Suite struct ExplainCommandTests {
    static let config = "Configs/thanh-xuan-2020.yaml"
    static let golden = CLIRunner.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden/thanh-xuan-2020")

    /// The group's object in the golden `results.json` of `period`.
    static func goldenGroup(_ id: String, period: String) throws -> [String: Any] {
        let data = try Data(contentsOf: golden.appendingPathComponent("\(period)/results.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let groups = object["groups"] as? [[String: Any]] ?? []
        return try #require(groups.first { $0["group_id"] as? String == id })
    }

    @Test func sheetHasTheNumbersOfTheRun() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("km-01.json")
        let outcome = try CLIRunner.run(["explain", Self.config, "KM-01", "--period", "2020-Q2", "--json", report.path])
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let expected = try Self.goldenGroup("KM-01", period: "2020-Q2")
        let total = try #require(expected["total"] as? Double)
        #expect(outcome.stdout.hasPrefix("# KM-01 Tổ dân phố số 1 — Khương Mai, 2020-Q2\n"))
        #expect(outcome.stdout.contains(String(format: "**Total %.2f**", total)))
        #expect(outcome.stdout.contains("district rank \(expected["district_rank"] as? Int ?? 0) of 300"))
        #expect(outcome.stdout.contains("| employment_rate | linear | zero_at: 0.80, full_at: 0.96 | employed "))
        #expect(outcome.stdout.contains("## Awards"))

        let sheet = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        #expect(sheet["total"] as? Double == total)
        #expect(sheet["district_rank"] as? Int == expected["district_rank"] as? Int)
        #expect(sheet["ward_rank"] as? Int == expected["ward_rank"] as? Int)
        #expect(sheet["tier"] as? String == expected["tier"] as? String)
        #expect(sheet["eligible"] as? Bool == expected["eligible"] as? Bool)
        let contents = sheet["contents"] as? [[String: Any]] ?? []
        let expectedContents = expected["contents"] as? [String: Double] ?? [:]
        #expect(contents.count == 5)
        var achievements: [String: Double] = [:]
        for content in contents {
            let id = content["id"] as? String ?? ""
            #expect(content["points"] as? Double == expectedContents[id], "content \(id)")
            for criterion in content["criteria"] as? [[String: Any]] ?? [] {
                achievements[criterion["id"] as? String ?? ""] = criterion["result"] as? Double
            }
        }
        #expect(achievements == expected["criteria"] as? [String: Double])
        // The sample uses all seven built-in plugins: each shows its measure's x.
        let entries = contents.flatMap { $0["criteria"] as? [[String: Any]] ?? [] }
            + ["bonuses", "deductions", "gates"].flatMap { sheet[$0] as? [[String: Any]] ?? [] }
        #expect(Set(entries.compactMap { $0["plugin"] as? String }).count == 7)
        for entry in entries {
            let measure = entry["measure"] as? [String: Any]
            #expect(measure?["x"] is Double, "entry \(entry["id"] ?? "?") shows x")
        }
        #expect((sheet["awards"] as? [[String: Any]])?.count == 3)
    }

    @Test func theYearListsTheQuarters() throws {
        let outcome = try CLIRunner.run(["explain", Self.config, "TXN-03", "--year"])
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let expected = try Self.goldenGroup("TXN-03", period: "2020")
        let total = try #require(expected["total"] as? Double)
        #expect(outcome.stdout.contains("## Quarters") && outcome.stdout.contains("| 2020-Q4 |"))
        #expect(outcome.stdout.contains(String(format: "**Total %.2f**", total)))
        #expect(outcome.stdout.contains("dan-dau-phuong-nam"))
    }

    @Test func aTieAtTheCutoffIsExplained() throws {
        // The sample round ties TXN-03 and TXN-11 at the cutoff of giay-khen in 2020-Q2.
        let outcome = try CLIRunner.run(["explain", Self.config, "TXN-11", "--period", "2020-Q2"])
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        #expect(outcome.stdout.contains("not won: tied at district rank 50 at the cutoff of 45 with TXN-03"))
    }

    @Test func unknownGroupExitsOneWithAHint() throws {
        let outcome = try CLIRunner.run(["explain", Self.config, "KM-1", "--period", "2020-Q2"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("error: unknown group 'KM-1'"))
        #expect(outcome.stderr.contains("hint: did you mean 'KM-01'"))
    }

    @Test(arguments: [
        ["explain", config], ["explain", config, "KM-01", "--period", "2021-Q1"],
        ["explain", config, "KM-01", "--period", "2020-Q1", "--year"],
    ])
    func usageErrorsExit64(arguments: [String]) throws {
        let outcome = try CLIRunner.run(arguments)
        #expect(outcome.status == 64, "stderr: \(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }
}
