import Foundation
import Testing
@testable import ThiDuaEngine

/// `ShortestDouble` and `DecimalText` against the standard library's own
/// text: `Double.description` and `String(Int)`.
struct OutputNumberTextTests {
    /// What `ShortestDouble` writes for `x`.
    static func written(_ x: Double) -> String {
        var buffer = ByteBuffer(capacity: 64)
        ShortestDouble.append(x, to: &buffer)
        return OutputFixtures.text(buffer.array)
    }

    /// The values of `values` that `ShortestDouble` writes differently from
    /// `description`, with both texts.
    static func mismatches(_ values: [Double]) -> [String] {
        values.compactMap { x in
            let text = written(x)
            return text == x.description ? nil : "\(x.description) written as \(text)"
        }
    }

    @Test(arguments: [
        0.0, -0.0, 1.0, -1.0, 20.0, 100.0, 0.5, 0.25, 0.1, 0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0, 84.99999999999999,
        101.33333333333333, 18.333333333333332, 1e-3, 1e-4, 9.999e-5, 1e-5, 123_456.789, 1e14, 1e15, 1e16,
        9_007_199_254_740_992.0, 92_431_845_152_700.375, Double.leastNonzeroMagnitude, Double.leastNormalMagnitude,
        Double.greatestFiniteMagnitude, -0.30000000000000004,
    ])
    func writesWhatDescriptionWrites(value: Double) {
        #expect(Self.written(value) == value.description)
    }

    @Test func agreesWithDescriptionOnRandomBitPatterns() {
        var generator = SeededRandom(seed: 64)
        // Every magnitude from 2⁻¹² to 2⁵⁴, both signs, and the fast path's edges.
        let values = (0..<100_000).map { _ in
            Double(bitPattern: UInt64.random(in: 0x3F30_0000_0000_0000...0x4350_0000_0000_0000, using: &generator))
                * (Bool.random(using: &generator) ? 1 : -1)
        }
        let wrong = Self.mismatches(values)
        #expect(wrong.isEmpty, "first mismatches: \(wrong.prefix(5))")
    }

    @Test func agreesWithDescriptionOnPointsLikeValues() {
        var generator = SeededRandom(seed: 2020)
        var values: [Double] = []
        for _ in 0..<40_000 {
            // Weighted ratios, as contents and achievements are made.
            let part = Double(Int.random(in: 0...1000, using: &generator))
            let whole = Double(Int.random(in: 1...1000, using: &generator))
            values.append(part / whole * Double(Int.random(in: 1...40, using: &generator)))
            // Short decimals, and decimals of 16 and 17 digits.
            values.append(Double(Int.random(in: 0...10_000_000, using: &generator)) / 1000)
            let digits = UInt64.random(in: 1...99_999_999_999_999_999, using: &generator)
            values.append(Double(digits) / Foundation.pow(10, Double(Int.random(in: 2...20, using: &generator))))
        }
        let wrong = Self.mismatches(values)
        #expect(wrong.isEmpty, "first mismatches: \(wrong.prefix(5))")
    }

    @Test func agreesWithDescriptionAroundPowersOfTenAndTwo() {
        var values: [Double] = []
        for exponent in -6...17 {
            var value = Foundation.pow(10, Double(exponent))
            for _ in 0..<4 { value = value.nextDown }
            for _ in 0..<9 {
                values.append(value)
                value = value.nextUp
            }
        }
        for exponent in -20...60 {
            let power = Double(sign: .plus, exponent: exponent, significand: 1)
            values += [power, power.nextUp, power.nextDown, 3 * power, 5 * power]
        }
        let wrong = Self.mismatches(values)
        #expect(wrong.isEmpty, "first mismatches: \(wrong.prefix(5))")
    }

    @Test func writesTiesBetweenTwoShortestCandidatesAsDescriptionDoes() {
        // 92431845152700.375 lies exactly between the 16-digit …700.37 and
        // …700.38, both of which read back as it.
        let values = [92_431_845_152_700.375, 88_352_699_111_069.125, 76_946_308_140_747.125]
        #expect(Self.mismatches(values).isEmpty)
    }

    @Test(arguments: [0, 1, -1, 9, 10, 99, 100, 12345, -987_654_321, Int.max, Int.min, Int(Int32.max)])
    func writesIntegersAsStringDoes(value: Int) {
        var buffer = ByteBuffer(capacity: 8)
        let destination = buffer.tail(reserving: DecimalText.maxLength)
        buffer.extend(by: DecimalText.writeInteger(value, to: destination))
        #expect(OutputFixtures.text(buffer.array) == String(value))
    }

    @Test(arguments: [(8450 as UInt64, 2, "84.50"), (5, 3, "0.005"), (0, 2, "0.00"), (7, 1, "0.7"),
                      (123_456_789_012_345_678, 10, "12345678.9012345678"), (1, 19, "0.0000000000000000001")])
    func writesDecimalsWithTheirPlaces(digits: UInt64, places: Int, text: String) {
        var buffer = ByteBuffer(capacity: 8)
        let destination = buffer.tail(reserving: DecimalText.maxLength)
        buffer.extend(by: DecimalText.writeDecimal(digits, places: places, negative: false, to: destination))
        #expect(OutputFixtures.text(buffer.array) == text)
    }
}
