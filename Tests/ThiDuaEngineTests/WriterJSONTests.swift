import Testing
import Foundation
@testable import ThiDuaEngine

/// `JSONWriter`: layout, escaping, numbers.
struct WriterJSONTests {
    @Test func writesKeysInOrderWithTwoSpaceIndent() {
        var json = JSONWriter()
        json.beginObject()
        json.key("b")
        json.integer(1)
        json.key("a")
        json.beginArray()
        json.bool(true)
        json.null()
        json.endArray()
        json.key("empty_object")
        json.beginObject()
        json.endObject()
        json.key("empty_array")
        json.strings([])
        json.endObject()
        let expected = """
            {
              "b": 1,
              "a": [
                true,
                null
              ],
              "empty_object": {},
              "empty_array": []
            }

            """
        #expect(OutputFixtures.text(json.finish()) == expected)
    }

    @Test func escapesQuotesBackslashesAndControlCharactersOnly() {
        var json = JSONWriter()
        json.string("Tổ \"Phố\" \\ a\nb\rc\td\u{08}\u{0C}\u{01}\u{1F}\u{7F}é")
        let expected = #""Tổ \"Phố\" \\ a\nb\rc\td\b\f\u0001\u001f"# + "\u{7F}é\""
        #expect(OutputFixtures.text(json.bytes) == expected)
    }

    @Test(arguments: [
        (95.0, "95.0"), (0.1, "0.1"), (84.99999999999999, "84.99999999999999"), (-0.0, "0.0"),
        (1e-05, "1e-05"), (Double.nan, "null"), (Double.infinity, "null"), (-Double.infinity, "null"),
    ])
    func writesNumbersAtFullPrecisionAndNonFiniteAsNull(value: Double, written: String) {
        var json = JSONWriter()
        json.number(value)
        #expect(OutputFixtures.text(json.bytes) == written)
    }

    /// Checked with `Double(_:)`: Foundation's `JSONSerialization` on Linux
    /// itself misreads 0.30000000000000004 as 0.3000000000000001.
    @Test func numbersReadBackAsTheSameDouble() {
        let values = [0.1 + 0.2, 1.0 / 3.0, 84.99999999999999, Double.leastNonzeroMagnitude,
                      Double.greatestFiniteMagnitude, 123_456.789, 1e22, 2.5e-8]
        for value in values {
            var json = JSONWriter()
            json.number(value)
            #expect(Double(OutputFixtures.text(json.bytes)) == value)
        }
    }

    @Test func documentParsesAsJSON() throws {
        var json = JSONWriter()
        json.beginObject()
        json.key("name \"quoted\"")
        json.string("line\nbreak \u{01}")
        json.endObject()
        let parsed = try JSONSerialization.jsonObject(with: Data(json.finish())) as? [String: String]
        #expect(parsed == ["name \"quoted\"": "line\nbreak \u{01}"])
    }
}
