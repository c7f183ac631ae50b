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

    /// The largest power of ten a `Double` holds exactly.
    private static let maxExactPowerOfTen = 22

    /// The most significant digits the fast path takes: below 10^15 every
    /// mantissa is an exact `Double` (< 2^53) and fits a `UInt64`.
    private static let fastDigits = 15

    /// Parses `bytes[start..<end]`.
    ///
    /// Most indicator cells are counts of one to eight digits and nothing
    /// else; those are read eight bytes at a time, without a branch per
    /// digit (a loop's exit mispredicted on every cell of varying width).
    /// Always inlined into the row loop, which runs it once per cell.
    @inline(__always)
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Result {
        let length = end - start
        if length > 0 && length <= 8 && start + 8 <= bytes.count, let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            // Digits become bytes 0...9; the high bit of each byte of
            // `nonDigit` marks a byte that is not a digit.
            let digits = word ^ 0x3030_3030_3030_3030
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            let nonDigit = (((digits & low7) &+ 0x7676_7676_7676_7676) | digits) & ~low7
            if nonDigit.trailingZeroBitCount >= length * 8 {
                // Shifting the cell's digits to the top fills the bytes
                // below with zeros, which read as leading zeros.
                return .value(Double(eightDigitsValue(digits << (64 - 8 * length))))
            }
        }
        return parseGeneral(bytes, start: start, end: end)
    }

    /// The value of eight digits 0...9, one per byte, the most significant
    /// in the lowest byte (as a little-endian load of text puts it): pairs,
    /// then quads, then all eight are combined by multiplication.
    @inline(__always)
    static func eightDigitsValue(_ digits: UInt64) -> UInt64 {
        let pairs = digits &* 10 &+ (digits >> 8)
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        let hundredsAndMillions: UInt64 = 100 + (1_000_000 << 32)
        let onesAndTenThousands: UInt64 = 1 + (10_000 << 32)
        return ((pairs & mask) &* hundredsAndMillions &+ ((pairs >> 16) & mask) &* onesAndTenThousands) >> 32
    }

    /// Parses any cell: spaces, sign, fraction, exponent, long numbers.
    private static func parseGeneral(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Result {
        var first = start, last = end
        while first < last && bytes[first] == CSVByte.space { first += 1 }
        while last > first && bytes[last - 1] == CSVByte.space { last -= 1 }
        guard first < last else { return .empty }

        var index = first
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let numberStart = index
        var mantissa: UInt64 = 0
        // Leading zeros carry no precision; counting them would send
        // "0.000125" to the slow path for nothing. Past `fastDigits` the
        // mantissa wraps, but then it is not used.
        var digits = skipZeros(bytes, &index, last)
        var significantStart = index
        accumulate(bytes, &index, last, into: &mantissa)
        var significant = index - significantStart
        digits += significant
        var fractionDigits = 0
        if index < last && bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            if significant == 0 { _ = skipZeros(bytes, &index, last) }
            significantStart = index
            accumulate(bytes, &index, last, into: &mantissa)
            significant += index - significantStart
            fractionDigits = index - fractionStart
            digits += fractionDigits
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
        if !hasExponent && significant <= fastDigits && fractionDigits <= maxExactPowerOfTen {
            // Both operands are exact, and IEEE division rounds the exact
            // quotient once, just as strtod rounds the decimal it reads.
            magnitude = fractionDigits == 0 ? Double(mantissa) : Double(mantissa) / powerOfTen(fractionDigits)
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

    /// Steps `index` over zeros; returns how many.
    private static func skipZeros(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ end: Int) -> Int {
        let start = index
        while index < end && bytes[index] == UInt8(ascii: "0") { index += 1 }
        return index - start
    }

    /// Steps `index` over digits, appending each to `mantissa`.
    private static func accumulate(
        _ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ end: Int, into mantissa: inout UInt64
    ) {
        while index < end {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            index += 1
        }
    }

    /// 10^exponent for 1 ≤ exponent ≤ 22, each literal exact in a `Double`.
    ///
    /// A switch rather than a static table: a static array is lazily
    /// initialized and pays a once-check on every one of millions of cells.
    private static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }
}
