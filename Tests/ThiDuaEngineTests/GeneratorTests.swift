import Foundation
import Testing
@testable import ThiDuaEngine

/// The sample data generator behind `thidua generate` and the committed
/// sample round's data.
@Suite struct GeneratorTests {
    static let quarters = ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"]
    /// The seed of `Configs/data/thanh-xuan-2020.csv` (see `Configs/README.md`).
    static let sampleSeed: UInt64 = 79

    static let header = "period,ward,group_id,group_name,households,residents,working_age,employed,"
        + "poor_households,near_poor_households,fund_vnd,cultural_families,children_school_age,"
        + "children_in_school,cultural_models,waste_sorting_households,cleanup_campaigns,order_violations,"
        + "security_incidents,serious_incidents,disputes,disputes_mediated,meetings_held,meeting_households,"
        + "petitions_beyond_level"

    /// One parsed data row: identity cells and the indicators by column name.
    struct Row {
        var period: String
        var ward: String
        var groupID: String
        var groupName: String
        var values: [String: Int]
    }

    /// Splits generated CSV into rows; the generator never quotes (no cell
    /// holds a comma), so a plain split is exact here.
    static func rows(of csv: String) throws -> [Row] {
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.last == "", "the file ends with a line break")
        lines.removeLast()
        let columns = lines.removeFirst().split(separator: ",").map(String.init)
        return try lines.map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(cells.count == columns.count, "row has every column: \(line)")
            var values: [String: Int] = [:]
            for (column, cell) in zip(columns, cells).dropFirst(4) {
                let value: Int = try #require(Int(cell), "\(column) is an integer in \(line)")
                values[column] = value
            }
            return Row(period: cells[0], ward: cells[1], groupID: cells[2], groupName: cells[3], values: values)
        }
    }

    @Test func sameSeedGivesSameBytes() {
        let first = SampleDataGenerator(groups: 300, periods: Self.quarters, seed: 7).csvBytes()
        let second = SampleDataGenerator(groups: 300, periods: Self.quarters, seed: 7).csvBytes()
        #expect(first == second)
        #expect(SampleDataGenerator(groups: 300, periods: Self.quarters, seed: 7).csv()
            == String(decoding: first, as: UTF8.self))
    }

    @Test func differentSeedGivesDifferentData() {
        let first = SampleDataGenerator(groups: 300, periods: Self.quarters, seed: 7).csv()
        let second = SampleDataGenerator(groups: 300, periods: Self.quarters, seed: 8).csv()
        #expect(first != second)
    }

    @Test func headerIsExactlyTheDataFormatColumns() {
        let csv = SampleDataGenerator(groups: 5, periods: ["2020-Q1"], seed: 1).csv()
        #expect(csv.split(separator: "\n").first.map(String.init) == Self.header)
        #expect(SampleDataGenerator.columns.joined(separator: ",") == Self.header)
    }

    @Test(arguments: [(0, 4), (1, 1), (7, 2), (300, 4), (1_000, 3)])
    func oneRowPerGroupAndPeriod(groups: Int, periods: Int) throws {
        let labels = Array(Self.quarters.prefix(periods))
        let rows = try Self.rows(of: SampleDataGenerator(groups: groups, periods: labels, seed: 3).csv())
        #expect(rows.count == groups * periods)
        for label in labels {
            let ids = rows.filter { $0.period == label }.map(\.groupID)
            #expect(ids.count == groups)
            #expect(Set(ids).count == ids.count, "group ids are unique within \(label)")
        }
    }

    @Test func sampleUsesTheElevenWardsOfThanhXuan() throws {
        let rows = try Self.rows(of: SampleDataGenerator(groups: 300, periods: ["2020-Q1"], seed: 79).csv())
        let wards = Set(rows.map(\.ward))
        #expect(wards == [
            "Hạ Đình", "Khương Đình", "Khương Mai", "Khương Trung", "Kim Giang", "Nhân Chính",
            "Phương Liệt", "Thanh Xuân Bắc", "Thanh Xuân Nam", "Thanh Xuân Trung", "Thượng Đình",
        ])
        let kimGiang7 = try #require(rows.first { $0.groupID == "KG-07" })
        #expect(kimGiang7.ward == "Kim Giang")
        #expect(kimGiang7.groupName == "Tổ dân phố số 7")
        let counts = Dictionary(grouping: rows, by: \.ward).mapValues(\.count)
        #expect(Set(counts.values).count > 5, "wards have uneven group counts")
    }

    @Test func largerRunsAddGeneratedWards() throws {
        let rows = try Self.rows(of: SampleDataGenerator(groups: 2_000, periods: ["2020-Q1"], seed: 5).csv())
        let wards = Set(rows.map(\.ward))
        #expect(wards.count == 67)
        #expect(wards.contains("Phường 12"))
        #expect(rows.contains { $0.groupID.hasPrefix("P012-") && $0.ward == "Phường 12" })
    }

    @Test func indicatorsRespectTheirRelations() throws {
        let rows = try Self.rows(of: SampleDataGenerator(groups: 1_000, periods: Self.quarters, seed: 11).csv())
        for row in rows {
            let v = row.values
            func at(_ column: String) -> Int { v[column] ?? -1 }
            #expect(v.values.allSatisfy { $0 >= 0 }, "\(row.groupID): non-negative")
            #expect(at("households") > 0 && at("residents") >= at("households"))
            #expect(at("working_age") <= at("residents"))
            #expect(at("employed") <= at("working_age"))
            #expect(at("poor_households") + at("near_poor_households") <= at("households"))
            #expect(at("fund_vnd") % 1_000 == 0)
            #expect(at("cultural_families") <= at("households"))
            #expect(at("children_school_age") <= at("residents"))
            #expect(at("children_in_school") <= at("children_school_age"))
            #expect(at("waste_sorting_households") <= at("households"))
            #expect(at("serious_incidents") <= at("security_incidents"))
            #expect(at("disputes_mediated") <= at("disputes"))
            #expect(at("meeting_households") <= at("households"))
            #expect(at("meetings_held") > 0 || at("meeting_households") == 0)
        }
    }

    @Test func householdsStayTheSameAcrossQuarters() throws {
        let rows = try Self.rows(of: SampleDataGenerator(groups: 300, periods: Self.quarters, seed: 79).csv())
        let byGroup = Dictionary(grouping: rows, by: \.groupID)
        for (id, quarters) in byGroup {
            #expect(Set(quarters.map { $0.values["households"] ?? -1 }).count == 1, "\(id)")
        }
    }

    @Test(arguments: [300, 600])
    func totalsAreNearTheCensus(groups: Int) throws {
        let rows = try Self.rows(of: SampleDataGenerator(groups: groups, periods: Self.quarters, seed: 79).csv())
        let scale = Double(groups) / 300
        for quarter in Self.quarters {
            let inQuarter = rows.filter { $0.period == quarter }
            let households = Double(inQuarter.reduce(0) { $0 + ($1.values["households"] ?? 0) })
            let residents = Double(inQuarter.reduce(0) { $0 + ($1.values["residents"] ?? 0) })
            #expect(abs(households / (83_729 * scale) - 1) < 0.002, "\(quarter): \(households) households")
            #expect(abs(residents / (293_524 * scale) - 1) < 0.005, "\(quarter): \(residents) residents")
        }
    }

    @Test func twinGroupsHaveIdenticalIndicators() throws {
        let rows = try Self.rows(of: SampleDataGenerator(groups: 300, periods: Self.quarters, seed: 79).csv())
        for quarter in Self.quarters {
            let first = try #require(rows.first { $0.period == quarter && $0.groupID == "TXN-03" })
            let second = try #require(rows.first { $0.period == quarter && $0.groupID == "TXN-11" })
            #expect(first.values == second.values, "\(quarter)")
        }
    }

    @Test func streamedChunksMakeUpTheWholeFile() {
        let generator = SampleDataGenerator(groups: 250, periods: Self.quarters, seed: 21)
        var joined: [UInt8] = []
        var chunks = 0
        generator.stream(chunkSize: 4_096) { chunk in
            joined.append(contentsOf: chunk)
            chunks += 1
        }
        #expect(chunks > 10)
        #expect(joined == generator.csvBytes())
    }

    @Test func writeReplacesTheFileAndLeavesNoPartialFile() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("thidua-generator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data.csv")
        try Data("old".utf8).write(to: file)
        let generator = SampleDataGenerator(groups: 20, periods: ["2021-Q1"], seed: 2)
        try generator.write(to: file)
        #expect(try Data(contentsOf: file) == Data(generator.csvBytes()))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["data.csv"])
    }

    @Test func writeIntoAMissingFolderFailsWithThePath() {
        let file = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/data.csv")
        #expect {
            try SampleDataGenerator(groups: 3, periods: ["2020-Q1"], seed: 1).write(to: file)
        } throws: { error in
            String(describing: error).contains(file.path)
        }
    }

    /// The committed sample must be exactly what the documented command
    /// produces, or the round's golden results would drift from the docs.
    @Test func committedSampleDataMatchesTheGenerator() throws {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Configs/data/thanh-xuan-2020.csv")
        let committed = try Data(contentsOf: file)
        let generated = SampleDataGenerator(groups: 300, periods: Self.quarters, seed: Self.sampleSeed).csvBytes()
        #expect(committed == Data(generated), "regenerate with the command in Configs/README.md")
    }

    @Test func exponentialNeedsNoPlatformMath() {
        for x in stride(from: 0.0, through: 30.0, by: 0.37) {
            #expect(abs(SampleRandom.expNegative(x) / Foundation.exp(-x) - 1) < 1e-12, "x = \(x)")
        }
    }

    @Test func apportionmentReproducesTheRealWardSizes() {
        let weights = SampleWardPlan.realWards.map { Double($0.groups) }
        #expect(SampleWardPlan.apportion(300, weights: weights) == SampleWardPlan.realWards.map(\.groups))
        #expect(SampleWardPlan.apportion(5, weights: weights).reduce(0, +) == 5)
        #expect(SampleWardPlan.apportion(11, weights: weights).allSatisfy { $0 == 1 })
    }
}
