/// Reads an indicator cell's bytes as a number, without making a `String`
/// for the common case.
///
/// The grammar is deliberately narrow — digits, an optional `.` fraction,
/// an optional exponent, surrounding spaces — so that what spreadsheets
/// write for "no value" (`nan`, `inf`, `-`, `1,234`, `0x…`) is an error
/// rather than a silently accepted number. Results are bit-identical to
/// `Double(String)` (strtod): the fast path is only taken where it is exact.
enum DecimalParser {
    /// What a cell held.
    enum Result: Equatable {
        /// A finite, non-negative value.
        case value(Double)
        /// Nothing but spaces.
        case empty
        /// Not a number in the accepted grammar.
        case notANumber
        /// A well-formed number with a minus sign.
        case negative
        /// A well-formed number too large for a `Double`, e.g. `1e400`.
        case notFinite
    }

    /// Powers of ten that a `Double` holds exactly (10^22 is the last).
    private static let exactPowersOfTen: [Double] = (0...22).reduce(into: []) { powers, exponent in
        powers.append(exponent == 0 ? 1 : powers[exponent - 1] * 10)
    }

    /// The most significant digits the fast path takes: below 10^15 every
    /// mantissa is an exact `Double` (< 2^53) and fits a `UInt64`.
    private static let fastDigits = 15

    /// Parses `bytes[start..<end]`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Result {
        var first = start, last = end
        while first < last && bytes[first] == ASCII.space { first += 1 }
        while last > first && bytes[last - 1] == ASCII.space { last -= 1 }
        guard first < last else { return .empty }

        var index = first
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let numberStart = index
        var mantissa: UInt64 = 0
        var significant = 0, fractionDigits = 0, digits = 0
        var inFraction = false
        while index < last {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") && !inFraction {
                inFraction = true
            } else if byte &- UInt8(ascii: "0") < 10 {
                let digit = UInt64(byte &- UInt8(ascii: "0"))
                digits += 1
                if inFraction { fractionDigits += 1 }
                // Leading zeros carry no precision; counting them would send
                // "0.000125" to the slow path for nothing.
                if significant > 0 || digit != 0 { significant += 1 }
                if significant <= fastDigits { mantissa = mantissa &* 10 &+ digit }
            } else {
                break
            }
            index += 1
        }
        guard digits > 0 else { return .notANumber }

        var hasExponent = false
        if index < last && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            hasExponent = true
            index += 1
            if index < last && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            let exponentStart = index
            while index < last && bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            guard index > exponentStart else { return .notANumber }
        }
        guard index == last else { return .notANumber }

        let magnitude: Double
        if !hasExponent && significant <= fastDigits && fractionDigits < exactPowersOfTen.count {
            // Both operands are exact, and IEEE division rounds the exact
            // quotient once, just as strtod rounds the decimal it reads.
            magnitude = Double(mantissa) / exactPowersOfTen[fractionDigits]
        } else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[numberStart..<last]), as: UTF8.self)
            guard let parsed = Double(text) else { return .notANumber }
            magnitude = parsed
        }
        guard magnitude.isFinite else { return .notFinite }
        if negative {
            // "-0" is not below zero; store +0 so no -0 leaks into output.
            return magnitude == 0 ? .value(0) : .negative
        }
        return .value(magnitude)
    }
}
