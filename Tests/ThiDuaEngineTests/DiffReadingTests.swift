import Foundation
import ScoringKit
import Testing
@testable import ThiDuaEngine

/// `OutputSnapshot` reading output folders, and the JSON report.
struct DiffReadingTests {
    /// A quarter's results.json with two groups and an award.
    static let quarter = """
        { "period": "2020-Q1",
          "groups": [
            { "group_id": "KG-01", "ward": "Kim Giang", "group_name": "Tổ 1", "total": 95.5,
              "contents": { "c": 95.5 }, "criteria": { "k": 1.0 }, "bonus": 0.0, "deduction": 0.0,
              "tier": "Xuất sắc", "eligible": true, "reasons": [], "ward_rank": 1, "district_rank": 1 },
            { "group_id": "KG-02", "ward": "Kim Giang", "group_name": "Tổ 2", "total": 80.25,
              "contents": { "c": 80.25 }, "criteria": { "k": 0.5 }, "bonus": 0.0, "deduction": 0.0,
              "tier": "Khá", "eligible": false, "reasons": ["gate"], "ward_rank": 2, "district_rank": 2 } ],
          "awards": [ { "award_id": "co-thi-dua", "award_title": "Cờ", "group_id": "KG-01", "scope_unit": "district" } ],
          "warnings": [] }
        """

    /// The year's variant: no criteria, bonus or deduction; a group not ranked.
    static let year = """
        { "period": "2020",
          "groups": [
            { "group_id": "KG-01", "ward": "Kim Giang", "group_name": "Tổ 1", "total": 95.0,
              "contents": { "c": 95.0 }, "tier": "Xuất sắc", "eligible": true, "reasons": [],
              "ward_rank": 1, "district_rank": 1 },
            { "group_id": "KG-02", "ward": "Kim Giang", "group_name": "Tổ 2", "total": 60.0,
              "contents": { "c": 60.0 }, "tier": null, "eligible": false,
              "reasons": ["missing 2020-Q3"], "ward_rank": null, "district_rank": null } ],
          "awards": [], "warnings": [] }
        """

    /// Writes `files` (relative path → text) under a fresh folder.
    static func folder(_ files: [String: String]) throws -> URL {
        let root = try OutputFixtures.scratchFolder()
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    /// The error text `OutputSnapshot.read` throws for `folder`.
    static func readError(_ folder: String) -> String {
        do {
            _ = try OutputSnapshot.read(folder: folder)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func readsQuartersAndTheYearIgnoringOtherEntries() throws {
        let root = try Self.folder(["2020-Q1/results.json": Self.quarter, "2020/results.json": Self.year,
                                    "manifest.json": "{}", "notes/readme.txt": "x", ".out.tmp-1/results.json": "junk"])
        defer { try? FileManager.default.removeItem(at: root) }
        let snapshot = try OutputSnapshot.read(folder: root.path)
        #expect(snapshot.periods.keys.sorted() == ["2020", "2020-Q1"])
        let q1 = try #require(snapshot.periods["2020-Q1"]?.groups)
        #expect(q1["KG-01"] == GroupSnapshot(groupID: "KG-01", ward: "Kim Giang", total: 95.5, districtRank: 1,
                                             wardRank: 1, tier: "Xuất sắc", eligible: true, award: "co-thi-dua"))
        #expect(q1["KG-02"]?.eligible == false && q1["KG-02"]?.award == nil)
        let year = try #require(snapshot.periods["2020"]?.groups["KG-02"])
        #expect(year.districtRank == nil && year.wardRank == nil && year.tier == nil)
    }

    @Test func readsWhatTheEngineWrites() throws {
        let data = Data(ResultsJSON.bytes(for: OutputFixtures.quarter()))
        let snapshot = try PeriodSnapshot.decode(data, period: "2020-Q1")
        #expect(snapshot.groups.count == 4)
        #expect(snapshot.groups["g04"]?.districtRank == nil, "the fixture's unranked group has null ranks")
        #expect(try PeriodSnapshot.decode(data, period: "2020-Q1") == snapshot)
    }

    @Test func invalidResultsAreReportedWithTheirPathAndPlace() throws {
        let cases: [(String, String)] = [
            ("{ \"period\": ", "is not a valid thidua results.json: not valid JSON"),
            (Self.quarter.replacingOccurrences(of: "\"group_id\": \"KG-02\", ", with: ""),
             "is not a valid thidua results.json: groups[1]: the key 'group_id' is missing"),
            (Self.quarter.replacingOccurrences(of: "\"total\": 80.25", with: "\"total\": \"80\""),
             "groups[1].total: expected a number"),
            (Self.quarter.replacingOccurrences(of: "\"eligible\": false", with: "\"eligible\": null"),
             "groups[1].eligible: expected true or false"),
            (Self.quarter.replacingOccurrences(of: "KG-02", with: "KG-01"), "groups[1]: the group 'KG-01' is listed twice"),
            (Self.quarter.replacingOccurrences(of: "\"group_id\": \"KG-01\", \"scope_unit\"",
                                               with: "\"group_id\": \"KG-99\", \"scope_unit\""),
             "awards[0]: the award 'co-thi-dua' goes to 'KG-99', which is not among the groups"),
            ("[]", "is not a valid thidua results.json: the document: expected an object"),
        ]
        for (text, expected) in cases {
            let root = try Self.folder(["2020-Q1/results.json": text])
            defer { try? FileManager.default.removeItem(at: root) }
            let message = Self.readError(root.path)
            #expect(message.contains("'\(root.path)/2020-Q1/results.json'"), "\(message)")
            #expect(message.contains(expected), "\(message)")
        }
    }

    @Test func foldersThatAreNotOutputsAreRefused() throws {
        let root = try Self.folder(["notes/readme.txt": "x", "2020-Q2/ranking.csv": "x", "file.txt": "x"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(Self.readError(root.path + "/missing") == "error: the folder '\(root.path)/missing' does not exist\n"
            + "  hint: give a folder written by `thidua run --out`")
        #expect(Self.readError(root.path + "/file.txt").contains("is a file, not a thidua output folder"))
        #expect(Self.readError(root.path + "/notes").contains("'\(root.path)/notes' is not a thidua output folder"))
        #expect(Self.readError(root.path).contains("'\(root.path)/2020-Q2' holds ranking.csv but no results.json"))
    }

    @Test func jsonReportHasStableKeysAndReadsBack() throws {
        let old = DiffTests.output("old", ["2020-Q1": [DiffTests.group("A", total: 91.2, award: "giay-khen")]])
        let new = DiffTests.output("new", ["2020-Q1": [DiffTests.group("A", total: 89.75)], "2020": []])
        let diff = ResultsDiff.compare(old, new, tolerance: 0.005)
        let bytes = DiffReport.jsonBytes(for: diff)
        #expect(bytes == DiffReport.jsonBytes(for: diff))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"old\": \"old\",\n  \"new\": \"new\",\n  \"tolerance\": 0.005,\n  \"differs\": true,"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let periods = try #require(object["periods"] as? [[String: Any]])
        #expect(periods.map { $0["period"] as? String } == ["2020-Q1", "2020"])
        #expect(periods.map { $0["presence"] as? String } == ["both", "only_in_new"])
        let change = try #require((periods[0]["changes"] as? [[String: Any]])?.first)
        #expect(change["group_id"] as? String == "A" && change["change"] as? String == "changed")
        let total = try #require(change["total"] as? [String: Any])
        #expect(total["old"] as? Double == 91.2 && total["new"] as? Double == 89.75)
        let award = try #require(change["award"] as? [String: Any])
        #expect(award["old"] as? String == "giay-khen" && award["new"] is NSNull && award["move"] as? String == "lost")
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["awards_lost"] as? Int == 1 && summary["only_in_new"] as? [String] == ["2020"])
    }

    @Test func jsonReportIsWrittenAtomically() throws {
        let root = try Self.folder(["diff.json": "old contents"])
        defer { try? FileManager.default.removeItem(at: root) }
        let diff = DiffTests.compare([DiffTests.group("A")], [DiffTests.group("A")])
        let path = root.appendingPathComponent("diff.json").path
        try DiffReport.writeJSON(for: diff, to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(DiffReport.jsonBytes(for: diff)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["diff.json"], "no temporary file left")
        #expect(throws: DiagnosticError.self) { try DiffReport.writeJSON(for: diff, to: root.path + "/no/such/diff.json") }
        #expect(throws: DiagnosticError.self) { try DiffReport.writeJSON(for: diff, to: root.path) }
    }
}
