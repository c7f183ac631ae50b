import ScoringKit
import Testing
@testable import ThiDuaEngine

@Suite struct DataEdgeCaseTests {
    /// Parses `bytes[start..<end]` of `text` directly.
    private func decimal(_ text: String, _ start: Int, _ end: Int) -> DecimalParser.Result {
        Array(text.utf8).withUnsafeBufferPointer { DecimalParser.parse($0, start: start, end: end) }
    }

    @Test func eightByteFastPathStopsAtTheCellEnd() {
        #expect(decimal("123456789,9", 0, 3) == .value(123))
        #expect(decimal("123456789,9", 0, 8) == .value(12_345_678))
        #expect(decimal("123456789,9", 0, 9) == .value(123_456_789))
        #expect(decimal("00000001,", 0, 8) == .value(1))
        #expect(decimal("1234567a,", 0, 8) == .notANumber)
        #expect(decimal("12 ,45678", 0, 3) == .value(12))
        #expect(decimal("x,42", 2, 4) == .value(42))
        #expect(decimal("99999999999", 3, 11) == .value(99_999_999))
    }

    @Test func groupRepeatedThreeTimesNamesTheFirstLineEachTime() {
        let rows = (0..<3).map { _ in "2020-Q1,P1,G1,Tổ 1,1,2," }
        #expect(DataFixture.errors(([DataFixture.header] + rows).joined(separator: "\n")) == [
            "data.csv:3:12: error: group 'G1' appears twice in period 2020-Q1 (first on line 2)",
            "data.csv:4:12: error: group 'G1' appears twice in period 2020-Q1 (first on line 2)",
        ])
    }

    @Test func repeatedGroupIsLocatedAfterAMultilineCell() {
        let text = """
            period,ward,group_name,group_id,households
            2020-Q1,P1,Tổ 1,G1,1
            2020-Q1,P1,"Tổ 1
            (ghi chú)",G1,2

            """
        #expect(DataFixture.errors(text) == [
            "data.csv:4:12: error: group 'G1' appears twice in period 2020-Q1 (first on line 2)",
        ])
    }

    @Test func errorsFoundAfterReadingAreListedInFileOrder() {
        let text = """
            \(DataFixture.header)
            2020-Q1,P1,G1,Tổ 1,x,2,
            2020-Q1,P1,G1,Tổ 1,1,2,
            2020-Q1,P1,G2,Tổ 2,1,-2,

            """
        #expect(DataFixture.errors(text) == [
            "data.csv:2:20: error: column 'households': 'x' is not a number",
            "data.csv:3:12: error: group 'G1' appears twice in period 2020-Q1 (first on line 2)",
            "data.csv:4:22: error: column 'residents': '-2' must not be negative",
        ])
    }

    @Test func canonicallyEquivalentSpellingsAreOneWardAndOneGroup() throws {
        let composed = "Phường Hạ Đình", decomposed = "Phu\u{031B}o\u{031B}\u{0300}ng Ha\u{0323} Đi\u{0300}nh"
        let text = "\(DataFixture.header)\n2020-Q1,\(composed),G1,a,1,2,\n2020-Q1,\(decomposed),G2,b,1,2,\n"
        let data = try DataFixture.parse(text)
        #expect(data.wardNames.count == 1)
        #expect(Array(data.wardNames[0].utf8) == Array(composed.utf8))

        let groups = "\(DataFixture.header)\n2020-Q1,P1,Hà-1,a,1,2,\n2020-Q1,P1,Ha\u{0300}-1,b,1,2,\n"
        #expect(DataFixture.errors(groups).count == 1)
    }

    @Test func loneCarriageReturnsEndLines() throws {
        func text(_ cell: String) -> String {
            "\(DataFixture.header)\r2020-Q1,P1,G1,Tổ 1,1,2,\r2020-Q1,P1,G2,Tổ 2,\(cell),2,\r"
        }
        #expect(DataFixture.errors(text("x")) == ["data.csv:3:20: error: column 'households': 'x' is not a number"])
        let data = try DataFixture.parse(text("3"))
        #expect(data.lineOfRow == [2, 3])
    }

    @Test func wideHeaderGrowsTheFieldBuffer() throws {
        let extra = (0..<150).map { "x\($0)" }
        let header = (["period", "ward", "group_id", "group_name"] + extra).joined(separator: ",")
        let row = (["2020-Q1", "P1", "G1", "Tổ 1"] + extra.indices.map { "\($0)" }).joined(separator: ",")
        let data = try DataFixture.parse("\(header)\n\(row)\n", numeric: ["x0", "x149"])
        #expect(data.columnNames == ["x0", "x149"])
        #expect(data.columns == [[0], [149]])
        #expect(DataFixture.errors("\(header)\n\(row),9\n", numeric: []) == [
            "data.csv:2:1: error: row has 155 fields, but the header has 154",
        ])
    }

    @Test func manyWardsAndPeriodsAreSortedAndMappedBack() throws {
        let wards = (0..<60).map { "Phường \(($0 * 37) % 60)" }
        let rows = wards.enumerated().map { index, ward in
            "20\(20 + index % 3)-Q\(index % 4 + 1),\(ward),G\(index),t,1,2,"
        }
        let data = try DataFixture.parse(([DataFixture.header] + rows).joined(separator: "\n"))
        #expect(data.wardNames == wards.sorted())
        #expect(data.periodNames == data.periodNames.sorted() && data.periodNames.count == 12)
        for (row, ward) in wards.enumerated() {
            #expect(data.wardNames[Int(data.wardOfRow[row])] == ward)
            #expect(data.periodNames[Int(data.periodOfRow[row])] == "20\(20 + row % 3)-Q\(row % 4 + 1)")
        }
    }

    @Test func quotedWardWithDoubledQuotesIsUnescaped() throws {
        let ward = "\"Phường \"\"A\"\"\""
        let text = "\(DataFixture.header)\n2020-Q1,\(ward),G1,t,1,2,\n2020-Q1,\(ward),G2,t,1,2,\n"
        let data = try DataFixture.parse(text)
        #expect(data.wardNames == ["Phường \"A\""])
        #expect(data.wardOfRow == [0, 0])
    }
}
