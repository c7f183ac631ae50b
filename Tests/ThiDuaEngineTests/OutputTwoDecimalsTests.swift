import Testing
import Foundation
@testable import ThiDuaEngine

/// `TwoDecimals` against C's `printf("%.2f")`.
struct OutputTwoDecimalsTests {
    @Test(arguments: [
        (0.005, "0.01"), (1.005, "1.00"), (2.675, "2.67"), (0.125, "0.12"), (0.375, "0.38"),
        (0.015, "0.01"), (0.025, "0.03"), (1.115, "1.11"), (99.995, "100.00"), (-0.005, "-0.01"),
        (84.99999999999999, "85.00"), (123_456_789.125, "123456789.12"), (10_000_000.005, "10000000.01"),
        (10.004, "10.00"), (45.255, "45.26"), (95, "95.00"), (7, "7.00"), (0.1, "0.10"),
        (-12.345, "-12.35"), (1e15, "1000000000000000.00"),
    ])
    func matchesPrintfOnKnownValues(value: Double, expected: String) {
        #expect(TwoDecimals.string(value) == expected)
        #expect(TwoDecimals.printf(value) == expected)
    }

    @Test(arguments: [-0.0, -0.001, -0.004, -0.0025, -1e-300])
    func neverPrintsNegativeZero(value: Double) {
        #expect(TwoDecimals.string(value) == "0.00")
    }

    @Test func printsNothingForNonFiniteValues() {
        #expect(TwoDecimals.string(.nan) == "")
        #expect(TwoDecimals.string(.infinity) == "")
        #expect(TwoDecimals.string(-.infinity) == "")
    }

    @Test func fastPathAgreesWithPrintfOnEveryThousandthAndHalfHundredth() {
        var mismatches: [Double] = []
        for k in -50_000...50_000 {
            for value in [Double(k) / 1000, Double(k) / 200, Double(k) * 0.005, Double(k) / 1000 + 0.005] {
                if TwoDecimals.string(value) != TwoDecimals.printf(value) { mismatches.append(value) }
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test func fastPathAgreesWithPrintfOnRandomValues() {
        var generator = SeededRandom(seed: 20_200_401)
        var mismatches: [Double] = []
        for _ in 0..<200_000 {
            let magnitude = Double.random(in: -3...8, using: &generator)
            let value = Double.random(in: -1...1, using: &generator) * Foundation.pow(10, magnitude)
            if TwoDecimals.string(value) != TwoDecimals.printf(value) { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }
}
