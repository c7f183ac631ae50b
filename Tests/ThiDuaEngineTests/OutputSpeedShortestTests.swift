import Testing
@testable import ThiDuaEngine

/// ``ShortestDouble`` picks its scale from the ulp (an interval under ten
/// units wide) and tries one multiple of ten, then the nearer of two
/// integers. These tests aim at where that choice could go wrong: values
/// beside powers of two (the narrower lower half-gap) and of ten (the
/// length changes), short decimals (the multiple-of-ten path, with zeros to
/// drop) and random full-length values; each must be `description`'s text.
struct OutputSpeedShortestTests {
    /// What `ShortestDouble.write` writes for `x`.
    static func written(_ x: Double) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ShortestDouble.maxLength) { scratch in
            guard let start = scratch.baseAddress else { return "" }
            let count = ShortestDouble.write(x, to: start)
            return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        }
    }

    /// The values of `values` whose text differs from `description`'s.
    static func mismatches(_ values: [Double]) -> [Double] {
        values.filter { written($0) != $0.description || written(-$0) != (-$0).description }
    }

    /// `center` and its `count` neighbours on each side.
    static func around(_ center: Double, count: Int = 20) -> [Double] {
        var values = [center]
        var up = center
        var down = center
        for _ in 0..<count {
            up = up.nextUp
            down = down.nextDown
            values += [up, down]
        }
        return values
    }

    @Test func valuesBesidePowersOfTwoMatchDescription() {
        let values = (-12...48).flatMap { Self.around(Double(sign: .plus, exponent: $0, significand: 1)) }
        #expect(Self.mismatches(values).isEmpty)
    }

    @Test func valuesBesidePowersOfTenMatchDescription() {
        let powers = (-4...15).compactMap { Double("1e\($0)") }
        #expect(powers.count == 20)
        #expect(Self.mismatches(powers.flatMap { Self.around($0) }).isEmpty)
    }

    @Test func shortDecimalsDropTheirZerosAsDescriptionDoes() {
        var generator = SeededRandom(seed: 23)
        let values = (0..<50_000).compactMap { _ -> Double? in
            let digits = Int.random(in: 1...17, using: &generator)
            let mantissa = (0..<digits).reduce(UInt64(0)) { total, _ in
                total * 10 + UInt64.random(in: 0...9, using: &generator)
            }
            return Double("\(mantissa)e\(Int.random(in: -4...13, using: &generator) - digits + 1)")
        }
        let checked = [0.95, 0.5, 18.3, 0.001, 0.1 + 0.2, 1.0000000000000002, 99_999_999_999_999.98] + values
        #expect(Self.mismatches(checked).isEmpty)
    }

    @Test func randomFullLengthValuesMatchDescription() {
        var generator = SeededRandom(seed: 29)
        let values = (0..<200_000).map { index -> Double in
            if index % 2 == 0 {
                // Bit patterns from about 2⁻¹² to 2⁴⁹: the exact method's range and a little past it.
                return Double(bitPattern: UInt64.random(in: 0x3F30_0000_0000_0000...0x4300_0000_0000_0000,
                                                        using: &generator))
            }
            let a = Double(Int.random(in: 1...100_000, using: &generator))
            return a / Double(Int.random(in: 1...9_999, using: &generator)) * 20
        }
        #expect(Self.mismatches(values).isEmpty)
    }
}
