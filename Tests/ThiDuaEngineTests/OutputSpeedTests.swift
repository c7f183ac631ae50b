import Foundation
import Testing
@testable import ThiDuaEngine

/// The byte-level shortcuts of the writers against the plain paths they
/// stand in for: the number cache, `JSONText.writeNumber`, tables rendered
/// once per file, the CSV join of reasons, and the report's table cells.
/// Each must write exactly what the plain path writes.
struct OutputSpeedTests {
    /// What `NumberCache` writes for `values`, all in column `column` of a
    /// table of `columns`, one after the other.
    static func cached(_ values: [Double], column: Int = 0, columns: Int = 1) -> String {
        let cache = NumberCache(columns: columns)
        var buffer = ByteBuffer(capacity: 64)
        for value in values {
            cache.append(value, column: column, to: &buffer)
            buffer.append(UInt8(ascii: " "))
        }
        return OutputFixtures.text(buffer.array)
    }

    /// What `Double.description` (JSON's form: `null`, `0.0`) writes for `values`.
    static func described(_ values: [Double]) -> String {
        values.map { value in
            guard value.isFinite else { return "null " }
            return (value == 0 ? "0.0" : value.description) + " "
        }.joined()
    }

    @Test func numberCacheWritesWhatDescriptionWritesOnHitsAndMisses() {
        var generator = SeededRandom(seed: 7)
        // Distinct values (misses that evict each other), a few values
        // repeated (hits), then a mix, long enough to wrap every slot.
        var values = (0..<20_000).map { _ in Double(Int.random(in: 1...1_000_000, using: &generator)) / 7 }
        let repeated = [0.95, 1.0 / 3.0, 18.333333333333332, 20.0]
        values += (0..<20_000).map { _ in repeated[Int.random(in: 0...3, using: &generator)] }
        values += (0..<20_000).map { index in
            index % 3 == 0 ? Double(Int.random(in: 0...50, using: &generator)) / 9 : Double(index) / 13
        }
        values += [.nan, .infinity, -0.0, 0.0, 1e-7, 1e300, 92_431_845_152_700.375, 0.1 + 0.2, -1.0 / 3.0]
        #expect(Self.cached(values + values, column: 2, columns: 3) == Self.described(values + values))
    }

    @Test func renderedTableHoldsEachPieceInOrder() {
        let texts = ["", "a", "", "bcd", "ef"]
        var result = OutputStreamingTests.largeResult(rows: texts.count)
        result.order = texts.indices.map(Int32.init)
        let table = ByteTable(rowCount: texts.count, order: OutputOrder(result)) { index, buffer in
            buffer.append(contentsOf: texts[index])
        }
        #expect(table.count == texts.count)
        for index in texts.indices {
            #expect(OutputFixtures.text(Array(table.bytes(index))) == texts[index])
        }
        let empty = ByteTable(rowCount: 0, order: OutputOrder(OutputStreamingTests.largeResult(rows: 0))) { _, _ in }
        #expect(empty.count == 0)
    }

    @Test func renderedTableInOutputOrderFollowsTheRanking() {
        var result = OutputFixtures.quarter()
        result.order = [3, 1, 0, 2]
        let texts = ["r0", "", "row two", "r3"]
        let table = ByteTable(rowCount: 3, order: OutputOrder(result)) { row, buffer in
            buffer.append(contentsOf: texts[row])
        }
        // Row 3 is beyond the rendered rows: an empty piece.
        let pieces = (0..<table.count).map { OutputFixtures.text(Array(table.bytes($0))) }
        #expect(pieces == ["", "", "r0", "row two"])
    }

    @Test func reasonsFollowTheRankingInJSONAndCSV() {
        var result = OutputFixtures.quarter()
        result.order = [3, 1, 0, 2]
        // A short column: rows 2 and 3 have no entry, and get no reasons.
        result.reasons = [["=first"], ["a, b", "say \"c\""]]
        let json = OutputFixtures.text(ResultsJSON.bytes(for: result))
        // Group lines only: the award lines carry a group_id too, but no group_name.
        let lines = json.split(separator: "\n").filter { $0.contains("\"group_name\"") }
        #expect(lines.map { $0.contains("\"reasons\":[]") } == [true, false, false, true])
        #expect(lines[1].contains(#""reasons":["a, b","say \"c\""]"#))
        #expect(lines[2].contains(#""reasons":["=first"]"#))
        let csv = OutputFixtures.text(CSVReports.ranking(for: result)).split(separator: "\r\n")
        #expect(csv[1].hasSuffix(",false,"))
        #expect(csv[2].hasSuffix(#","a, b; say ""c""""#))
        #expect(csv[3].hasSuffix(",true,'=first"))
        #expect(csv[4].hasSuffix(",true,"))
    }

    @Test func numberCacheKeepsColumnsApart() {
        let cache = NumberCache(columns: 2)
        var buffer = ByteBuffer(capacity: 64)
        for value in [0.5, 0.25, 0.5, 0.25] {
            cache.append(value, column: 0, to: &buffer)
            cache.append(value * 3, column: 1, to: &buffer)
            buffer.append(UInt8(ascii: ","))
        }
        #expect(OutputFixtures.text(buffer.array) == "0.51.5,0.250.75,0.51.5,0.250.75,")
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 0.0, -0.0, 1.0, -2.5, 1e-5, 18.333333333333332])
    func writeNumberMatchesAppendNumber(value: Double) {
        var buffer = ByteBuffer(capacity: 64)
        JSONText.appendNumber(value, to: &buffer)
        var bytes: [UInt8] = []
        JSONText.appendNumber(value, to: &bytes)
        #expect(buffer.array == bytes)
    }

    @Test(arguments: ["Tổ dân phố số 1", "a|b", "back\\slash", "two\nlines", "cr\r\nlf", ""])
    func reportCellsAreWrittenAsCellEscapesThem(text: String) {
        var out = ReportText()
        out.append(cell: text)
        #expect(out.string == ReportMarkdown.cell(text))
    }

    @Test(arguments: [Double.nan, 0, -0.0, 84.5, 101.335, -3.25, 1e8])
    func reportPointsAreWrittenAsPointsFormatsThem(value: Double) {
        var out = ReportText()
        out.append(points: value)
        #expect(out.string == ReportMarkdown.points(value))
    }

    @Test(arguments: [0, 1, 9, 10, 99_999, -42, Int.max])
    func reportIntegersAreWrittenAsStringWritesThem(value: Int) {
        var out = ReportText()
        out.append(integer: value)
        #expect(out.string == String(value))
    }
}
