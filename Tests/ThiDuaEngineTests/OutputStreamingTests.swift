import Foundation
import ScoringKit
import Synchronization
import Testing
@testable import ThiDuaEngine

/// `OutputSet.write`: files streamed to the disk in parts, several at a
/// time, byte for byte what the in-memory writers make.
struct OutputStreamingTests {
    /// A result of `rows` groups with every kind of cell: names that need
    /// quoting or start like a formula, reasons, unranked rows, NaN and
    /// negative zero, a ranking order that is a shuffled permutation.
    static func largeResult(rows: Int, seed: UInt64 = 7) -> PeriodResult {
        var generator = SeededRandom(seed: seed)
        func number() -> Double {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0: 0
            case 1: 1
            case 2: -0.0
            case 3: Double(Int.random(in: 0...400, using: &generator)) / 4
            default: Double.random(in: 0..<40, using: &generator)
            }
        }
        let names = ["Tổ dân phố số", "=SUM(A1)", "Tổ \"Mới\",", "line\nbreak", "Tổ 5 | khu A", "-2"]
        var result = OutputFixtures.quarter()
        result.groupIDs = (0..<rows).map { "G\($0)" }
        result.groupNames = (0..<rows).map { "\(names[$0 % names.count]) \($0)" }
        result.wardOfRow = (0..<rows).map { Int32($0 % 2) }
        result.contentPoints = [(0..<rows).map { _ in number() }, (0..<rows).map { _ in number() }]
        result.achievements = (0..<3).map { _ in (0..<rows).map { _ in number() } }
        result.bonus = (0..<rows).map { _ in number() }
        result.deduction = (0..<rows).map { _ in number() }
        result.total = (0..<rows).map { $0 % 97 == 0 ? .nan : number() }
        result.tierOfRow = (0..<rows).map { Int32($0 % 4) - 1 }
        result.eligible = (0..<rows).map { $0 % 3 != 0 }
        let reasons = ["gate \"x\" failed", "-floor, culture"]
        result.reasons = (0..<rows).map { $0 % 3 != 0 ? [] : Array(reasons.prefix($0 % 2 + 1)) }
        result.wardRank = (0..<rows).map { Int32($0 % 5) }
        result.districtRank = (0..<rows).map { Int32($0 % 7) }
        result.order = (0..<Int32(rows)).shuffled(using: &generator)
        result.grants = stride(from: 0, to: rows, by: 11).map {
            AwardGrant(award: $0 % 3, scopeUnit: "district", row: $0)
        }
        return result
    }

    /// The files `paths` under `folder`, by path.
    static func read(_ folder: URL, _ paths: [String]) throws -> [String: [UInt8]] {
        try Dictionary(uniqueKeysWithValues: paths.map { path in
            (path, Array(try Data(contentsOf: folder.appendingPathComponent(path))))
        })
    }

    /// The paths of the regular files under `folder`.
    static func files(under folder: URL) -> [String] {
        let paths = (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []
        return paths.filter { path in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path,
                                                        isDirectory: &isDirectory)
            return exists && !isDirectory.boolValue
        }
    }

    @Test(arguments: [1, 2, 5])
    func writingToDiskGivesTheBytesOfTheInMemoryWriters(jobs: Int) throws {
        var year = Self.largeResult(rows: 3000, seed: 9)
        year.period = "2020"
        let results = [Self.largeResult(rows: 3000), year]
        let expected = OutputSet.files(for: results, manifest: OutputFixtures.manifest())
        #expect(expected[2].bytes.count > 1 << 19, "results.json spans several parts")
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        let written = Atomic<Int>(0)
        try OutputSet.write(results, to: out.path, jobs: jobs,
                            fileWritten: { written.wrappingAdd(1, ordering: .relaxed) }) { OutputFixtures.manifest() }
        let files = try Self.read(out, expected.map(\.relativePath))
        for file in expected {
            #expect(files[file.relativePath] == file.bytes, "\(file.relativePath)")
        }
        #expect(written.load(ordering: .relaxed) == expected.count)
        #expect(Self.files(under: out).count == expected.count)
    }

    @Test(arguments: [1, 2, 3])
    func aLateResultIsMadeOnceAndWrittenAsAReadyOneIs(jobs: Int) throws {
        let year = {
            var result = Self.largeResult(rows: 3000, seed: 9)
            result.period = "2020"
            return result
        }()
        let second = {
            var result = Self.largeResult(rows: 2000, seed: 4)
            result.period = "2020-Q2"
            return result
        }()
        let quarters = [Self.largeResult(rows: 3000), second]
        let expected = OutputSet.files(for: quarters + [year], manifest: OutputFixtures.manifest())
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        let made = Atomic<Int>(0), written = Atomic<Int>(0)
        let late = LateResult(period: "2020") {
            made.wrappingAdd(1, ordering: .relaxed)
            return year
        }
        let returned = try OutputSet.write(quarters, then: late, to: out.path, jobs: jobs,
                                           fileWritten: { written.wrappingAdd(1, ordering: .relaxed) }) {
            OutputFixtures.manifest()
        }
        #expect(returned?.period == "2020")
        #expect(returned?.groupIDs == year.groupIDs)
        #expect(made.load(ordering: .relaxed) == 1)
        #expect(written.load(ordering: .relaxed) == expected.count)
        let files = try Self.read(out, expected.map(\.relativePath))
        for file in expected {
            #expect(files[file.relativePath] == file.bytes, "\(file.relativePath)")
        }
        #expect(Self.files(under: out).count == expected.count)
    }

    @Test func aLateResultIsMadeByWhoeverAsksFirstAndOnlyOnce() {
        let made = Atomic<Int>(0)
        let slot = LateSlot(LateResult(period: "2020") {
            made.wrappingAdd(1, ordering: .relaxed)
            return OutputFixtures.quarter()
        })
        // No caller is picked to make it: any of them may be first, and a
        // caller alone (as when every other file failed) gets it too.
        let periods = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let period = slot.result().period
            periods.withLock { $0.append(period) }
        }
        #expect(made.load(ordering: .relaxed) == 1)
        #expect(periods.withLock { $0 } == Array(repeating: OutputFixtures.quarter().period, count: 8))
        let alone = LateSlot(LateResult(period: "2020") { OutputFixtures.quarter() })
        #expect(alone.result().groupIDs == OutputFixtures.quarter().groupIDs)
    }

    @Test func withoutALateResultNoneIsReturned() throws {
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        let returned = try OutputSet.write([OutputFixtures.quarter()], to: out.path, jobs: 2) {
            OutputFixtures.manifest()
        }
        #expect(returned == nil)
        #expect(Self.files(under: out).count == OutputSet.periodFileNames.count + 1)
    }

    @Test func aManifestThatCannotBeMadeLeavesNothingBehind() throws {
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        #expect(throws: DiagnosticError.self) {
            try OutputSet.write([OutputFixtures.quarter()], to: out.path, jobs: 2) {
                throw DiagnosticError(at: nil, "cannot read 'data.csv' to compute its SHA-256")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    @Test func aRankingOrderThatIsNotAPermutationIsFollowedAsGiven() {
        var result = OutputFixtures.quarter()
        result.order = [1, 1, 0, 3]
        let lines = OutputFixtures.text(CSVReports.ranking(for: result)).split(separator: "\r\n")
        #expect(lines.dropFirst().map { $0.split(separator: ",")[2] } == ["g02", "g02", "g01", "g04"])
        let json = OutputFixtures.text(ResultsJSON.bytes(for: result))
        let ids = json.split(separator: "\n").filter { $0.contains("\"group_name\"") }
            .map { $0.split(separator: "\"")[3] }
        #expect(ids == ["g02", "g02", "g01", "g04"])
    }

    @Test(arguments: [
        ["a", "b"], ["", "b"], ["=x", "y"], ["a", "=y"], ["a,b", "c"], ["say \"hi\"", "x"], ["\rcr", "x"],
        ["line\nbreak", "y"], ["", ""], ["x"], [], ["=SUM(A1)", "x"], ["line\nbreak", "-1"],
        ["Có từ 3 đơn thư vượt cấp trở lên", "content 'law_order' below the floor: 9.09 of 20 points"],
    ])
    func joinedReasonsAreEscapedAsTheJoinedText(parts: [String]) {
        var joined = CSVWriter()
        joined.text(parts.joined(separator: "; "))
        var piecewise = ByteBuffer(capacity: 64)
        CSVWriter.appendJoined(parts, to: &piecewise)
        // `joined` begins with the file's byte order mark.
        #expect(CSVWriter().bytes + piecewise.array == joined.bytes)
    }
}
