import Foundation
import Testing

/// `thidua diff` through the binary: the sample round against a copy with
/// one weight changed.
@Suite struct DiffCommandTests {
    static let config = "Configs/thanh-xuan-2020.yaml"

    /// What the diff compares of one group, read straight from results.json.
    struct Compared: Equatable {
        var total: Double?
        var districtRank: Int?
        var wardRank: Int?
        var tier: String?
        var eligible: Bool?
        var award: String?

        func differs(from other: Compared, tolerance: Double) -> Bool {
            let moved = switch (total, other.total) {
            case let (a?, b?): abs(a - b) > tolerance + 1e-9
            default: total != other.total
            }
            return moved || districtRank != other.districtRank || wardRank != other.wardRank
                || tier != other.tier || eligible != other.eligible || award != other.award
        }
    }

    /// Every period of an output folder: period → group id → compared values.
    static func results(in folder: URL) throws -> [String: [String: Compared]] {
        var periods: [String: [String: Compared]] = [:]
        for path in CLIRunner.files(under: folder) where path.hasSuffix("/results.json") {
            let data = try Data(contentsOf: folder.appendingPathComponent(path))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            var awards: [String: String] = [:]
            for award in object["awards"] as? [[String: Any]] ?? [] {
                if let group = award["group_id"] as? String { awards[group] = award["award_id"] as? String }
            }
            var groups: [String: Compared] = [:]
            for group in object["groups"] as? [[String: Any]] ?? [] {
                let id = try #require(group["group_id"] as? String)
                groups[id] = Compared(total: group["total"] as? Double, districtRank: group["district_rank"] as? Int,
                                      wardRank: group["ward_rank"] as? Int, tier: group["tier"] as? String,
                                      eligible: group["eligible"] as? Bool, award: awards[id])
            }
            periods[String(path.dropLast("/results.json".count))] = groups
        }
        return periods
    }

    /// `period/group` for every group whose results differ between two outputs.
    static func changedGroups(_ old: URL, _ new: URL, tolerance: Double) throws -> Set<String> {
        let (before, after) = (try results(in: old), try results(in: new))
        var changed = Set<String>()
        for (period, groups) in after {
            let previous = try #require(before[period], "the period \(period) is in both runs")
            for id in Set(groups.keys).union(previous.keys) {
                guard let a = previous[id], let b = groups[id] else { changed.insert("\(period)/\(id)"); continue }
                if a.differs(from: b, tolerance: tolerance) { changed.insert("\(period)/\(id)") }
            }
        }
        return changed
    }

    /// Runs the sample round into `A`, and into `B` with the weight of
    /// `cultural_family_rate` raised from 5 to 5.01: most totals move by
    /// less than the default tolerance, a few by more, and a few ranks and
    /// tiers change, so the tolerance is put to the test.
    static func twoRuns(in folder: URL) throws -> (URL, URL) {
        let original = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent(config), encoding: .utf8)
        let data = CLIRunner.packageRoot.appendingPathComponent("Configs/data/thanh-xuan-2020.csv").path
        let changed = original
            .replacingOccurrences(of: "data: data/thanh-xuan-2020.csv", with: "data: \"\(data)\"")
            .replacingOccurrences(of: "        weight: 5\n", with: "        weight: 5.01\n")
        #expect(changed.contains(data) && changed.contains("weight: 5.01\n"))
        let modified = folder.appendingPathComponent("changed-weight.yaml")
        try changed.write(to: modified, atomically: true, encoding: .utf8)
        let (a, b) = (folder.appendingPathComponent("A"), folder.appendingPathComponent("B"))
        for (config, out) in [(config, a), (modified.path, b)] {
            let outcome = try CLIRunner.run(["run", config, "--out", out.path, "--quiet"])
            #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        }
        return (a, b)
    }

    @Test func weightChangeListsExactlyTheGroupsWhoseResultsChanged() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (a, b) = try Self.twoRuns(in: folder)
        let expected = try Self.changedGroups(a, b, tolerance: 0.005)
        let movedAtAll = try Self.changedGroups(a, b, tolerance: 0)
        #expect(!expected.isEmpty && expected.count * 4 < movedAtAll.count, "most moves stay within the tolerance")

        let report = folder.appendingPathComponent("diff.json")
        let outcome = try CLIRunner.run(["diff", a.path, b.path, "--json", report.path])
        #expect(outcome.status == 1, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.isEmpty)
        var listed = Set<String>(), period = ""
        for line in outcome.stdout.split(separator: "\n") {
            if line.hasPrefix("  ") {
                listed.insert("\(period)/\(line.split(separator: " ")[0])")
            } else if let colon = line.firstIndex(of: ":") {
                period = String(line[..<colon])
            }
        }
        #expect(listed == expected)
        #expect(outcome.stdout.split(separator: "\n").last?.hasPrefix("summary: ") == true)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        var inJSON = Set<String>()
        for entry in json["periods"] as? [[String: Any]] ?? [] {
            for change in entry["changes"] as? [[String: Any]] ?? [] {
                inJSON.insert("\(entry["period"] as? String ?? "")/\(change["group_id"] as? String ?? "")")
            }
        }
        #expect(inJSON == expected)
        #expect(json["differs"] as? Bool == true)

        let exact = try CLIRunner.run(["diff", a.path, b.path, "--tolerance", "0", "--json", report.path])
        #expect(exact.status == 1)
        let exactJSON = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        #expect((exactJSON["summary"] as? [String: Any])?["groups"] as? Int == movedAtAll.count)

        let same = try CLIRunner.run(["diff", a.path, a.path])
        #expect(same.status == 0, "stderr: \(same.stderr)")
        #expect(same.stdout.hasPrefix("no differences"))
    }

    @Test func missingFolderExitsTwoNamingIt() throws {
        let golden = "Tests/EndToEndTests/Golden/thanh-xuan-2020"
        let outcome = try CLIRunner.run(["diff", golden, "no-such-output"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("error: the folder 'no-such-output' does not exist"))
        let self_ = try CLIRunner.run(["diff", golden, golden])
        #expect(self_.status == 0 && self_.stdout.hasPrefix("no differences"), "stderr: \(self_.stderr)")
    }

    /// A `--json` report inside either compared folder would replace one
    /// of the results it reads: refused before anything is read or written.
    @Test func aJSONReportInsideAComparedFolderIsRefused() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("golden")
        try FileManager.default.copyItem(
            at: CLIRunner.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden/thanh-xuan-2020"), to: copy)
        let before = try CLIRunner.outputFiles(under: folder)
        for report in ["golden/2020-Q1/results.json", "golden/report.json"] {
            let outcome = try CLIRunner.run(["diff", "golden", "golden", "--json", report], in: folder)
            #expect(outcome.status == 2)
            #expect(outcome.stdout.isEmpty)
            #expect(outcome.stderr.contains("it is in the folder 'golden'"), "stderr: \(outcome.stderr)")
        }
        #expect(try CLIRunner.outputFiles(under: folder) == before)
    }

    /// Differences that cannot be printed (a full disk behind `>`) are an
    /// error, status 2, not the "differences" status 1 with the list lost.
    @Test func differencesThatCannotBePrintedExitTwo() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (a, b) = try Self.twoRuns(in: folder)
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"), "this test needs /dev/full")
        defer { try? full.close() }
        let outcome = try CLIRunner.run(["diff", a.path, b.path], standardOutput: full)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("error: cannot write to standard output: "), "stderr: \(outcome.stderr)")
    }

    @Test func invalidResultsExitTwoNamingTheFile() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("bad/2020-Q1"),
                                                withIntermediateDirectories: true)
        try Data("{ \"period\": \"2020-Q1\" ".utf8).write(to: folder.appendingPathComponent("bad/2020-Q1/results.json"))
        let outcome = try CLIRunner.run(["diff", "Tests/EndToEndTests/Golden/thanh-xuan-2020", "bad"], in: folder)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("error: the folder 'Tests/EndToEndTests/Golden/thanh-xuan-2020' does not exist"))
        #expect(outcome.stderr.contains("error: 'bad/2020-Q1/results.json' is not a valid thidua results.json"))
    }

    @Test(arguments: [
        ["diff"], ["diff", "a"], ["diff", "a", "b", "c"], ["diff", "a", "b", "--bogus"],
        ["diff", "a", "b", "--tolerance", "-1"], ["diff", "a", "b", "--tolerance", "x"],
        ["diff", "a", "b", "--tolerance"], ["diff", "a", "b", "--json"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let outcome = try CLIRunner.run(arguments)
        #expect(outcome.status == 2, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.hasPrefix("error: ") && outcome.stderr.contains("usage: thidua diff"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func helpDocumentsTheExitStatus() throws {
        let outcome = try CLIRunner.run(["diff", "--help"])
        #expect(outcome.status == 0 && outcome.stderr.isEmpty)
        #expect(outcome.stdout.contains("2 an error") && outcome.stdout.contains("--tolerance <points>"))
    }
}
