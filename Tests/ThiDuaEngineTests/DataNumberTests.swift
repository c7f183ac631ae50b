import ScoringKit
import Testing
@testable import ThiDuaEngine

@Suite struct DataNumberTests {
    /// Cells whose value must equal `Double(String)` bit for bit, fast path
    /// and fallback alike.
    static let exactCells = [
        "12", "12.50", "1e3", " 7 ", "0", "0.0", "000123", "0.1", "0.3", "2.675", "80.5", "12.", ".5",
        "123456789012345", "1234567890123456", "12345678901234567890123", "0.000000000000000000000001",
        "0.1234567890123456789", "9007199254740993", "1.7976931348623157e308", "4.9e-324", "2.5E+2",
        "\"42\"", "\" 3.25 \"", "1000000000.000001",
    ]

    @Test(arguments: exactCells)
    func numberMatchesStrtodExactly(cell: String) throws {
        var plain = DataFixture.trimmed(cell)
        if plain.hasPrefix("\"") { plain = DataFixture.trimmed(String(plain.dropFirst().dropLast())) }
        let expected = try #require(Double(plain))
        let parsed = try DataFixture.households(cell)
        let value = try #require(parsed)
        #expect(value.bitPattern == expected.bitPattern)
    }

    @Test func negativeZeroIsStoredAsPositiveZero() throws {
        let parsed = try DataFixture.households("-0")
        let value = try #require(parsed)
        #expect(value == 0 && value.sign == .plus)
    }

    @Test func fastPathAgreesWithStrtodOnManyDecimals() {
        var generator = SeededRandom(seed: 2020)
        for _ in 0..<20_000 {
            let whole = generator.next() % 100_000_000
            let digits = Int(generator.next() % 8)
            let fraction = digits == 0 ? "" : "." + String(generator.next() % 100_000_000).suffix(digits)
            let text = "\(whole)\(fraction)"
            let result = Array(text.utf8).withUnsafeBufferPointer {
                DecimalParser.parse($0, start: 0, end: $0.count)
            }
            guard case .value(let value) = result, let expected = Double(text),
                  value.bitPattern == expected.bitPattern else {
                Issue.record("\(text) parsed as \(result)")
                return
            }
        }
    }

    @Test func emptyCellNamesTheColumn() {
        #expect(DataFixture.errors(DataFixture.row(households: "")) == [
            "data.csv:2:20: error: column 'households' is empty",
        ])
        #expect(DataFixture.errors(DataFixture.row(households: "   ")) == [
            "data.csv:2:20: error: column 'households' is empty",
        ])
    }

    @Test func negativeNumbersAreRejected() {
        #expect(DataFixture.errors(DataFixture.row(households: "-3")) == [
            "data.csv:2:20: error: column 'households': '-3' must not be negative",
        ])
        #expect(DataFixture.errors(DataFixture.row(households: " -0.5e1")) == [
            "data.csv:2:20: error: column 'households': '-0.5e1' must not be negative",
        ])
    }

    @Test(arguments: ["abc", "nan", "NaN", "inf", "-inf", "Infinity", "0x1A", "+5", "1.2.3", "1e", "1e+", "e5", ".",
                      "-", "12abc", "1 2", "\t7", "1_000", "١٢"])
    func nonNumbersAreRejected(cell: String) {
        #expect(DataFixture.errors(DataFixture.row(households: cell)) == [
            "data.csv:2:20: error: column 'households': '\(DataFixture.trimmed(cell))' is not a number",
        ])
    }

    @Test func hugeNumbersAreNotFinite() {
        #expect(DataFixture.errors(DataFixture.row(households: "1e400")) == [
            "data.csv:2:20: error: column 'households': '1e400' is not a finite number",
        ])
    }

    @Test func numericErrorColumnsCountScalarsNotBytes() {
        let text = "\(DataFixture.header)\n2020-Q1,Phường Khương Trung,KT-01,Tổ dân phố số 1,1,abc,\n"
        #expect(DataFixture.errors(text) == ["data.csv:2:53: error: column 'residents': 'abc' is not a number"])
    }

    @Test func unrequestedColumnsAreNeverParsed() throws {
        let data = try DataFixture.parse(DataFixture.row(households: "5"), numeric: ["households"])
        #expect(data.columnNames == ["households"])
        #expect(data.columns == [[5]])
        let text = "\(DataFixture.header)\n2020-Q1,P1,G1,Tổ 1,5,không rõ,-\n"
        #expect(DataFixture.errors(text, numeric: ["households"]).isEmpty)
    }
}
