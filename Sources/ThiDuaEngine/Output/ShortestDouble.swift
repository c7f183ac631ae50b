/// A `Double` written exactly as `Double.description` writes it (the
/// shortest decimal that reads back as the same value), without building a
/// `String`: a national `results.json` holds about ten million numbers.
///
/// Three paths, all giving `description`'s text:
///
/// - an integer below 10¹⁵ (`0.0`, `1.0`, `20.0`: most points and
///   achievements): its digits and `.0`;
/// - 10⁻³ ≤ |x| < 10¹⁴: the exact method below;
/// - anything else (tiny, huge, the rare exact tie): `description` itself.
///
/// The exact method. Write |x| = M·2^E (M a 53-bit integer). Every decimal
/// strictly inside (inside or on, when M is even: parsing rounds half to
/// even) the interval of half an ulp around x reads back as x; below a power
/// of two the lower half-gap is half as wide. Take d decimal places so that
/// an ulp is between 1 and 10 units of 10^−d (d = −⌊q·log₁₀2⌋ for the
/// ulp's exponent q, 2…19 here): the scaled value S = |x|·10^d and the
/// scaled interval ends are (4M ± 2)·10^d / 2^(2−E), integers below 2¹²⁸
/// over a power of two, so the floors and remainders are exact.
///
/// The interval is then less than ten units wide (Schubfach's choice of
/// scale), so it holds at most one multiple of ten. If it holds one, that
/// is the only decimal of d − 1 places that reads back as x, and every
/// shorter one would be the same number: it is the answer, with its
/// trailing zeros dropped (keeping one decimal). Otherwise the answer has
/// all d places: the nearer to S of ⌊S⌋ and ⌊S⌋ + 1 that lies inside
/// (`description` picks the closest of the shortest; an exact tie between
/// two, or an interval with no integer, which only the narrower interval
/// below a power of two can be, goes to `description`).
///
/// The tests compare this with `description` on millions of values.
enum ShortestDouble {
    /// The most bytes ``write(_:to:)`` writes.
    static let maxLength = 32

    /// Appends the text of `x.description` to `buffer`, for finite `x`.
    ///
    /// - Parameters:
    ///   - x: A finite value (`nan` and infinities go to `description`).
    ///   - buffer: UTF-8 output buffer.
    @inline(__always)
    static func append(_ x: Double, to buffer: inout ByteBuffer) {
        let destination = buffer.tail(reserving: maxLength)
        buffer.extend(by: write(x, to: destination))
    }

    /// Writes the text of `x.description` at `destination`, which has room
    /// for ``maxLength`` bytes.
    ///
    /// - Returns: The number of bytes written.
    @inline(__always)
    static func write(_ x: Double, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        let magnitude = x.magnitude
        // `Int64(_:)` truncates in one instruction; `rounded()` is a libm call.
        if magnitude < 1e15, Double(Int64(magnitude)) == magnitude {
            let tenths = UInt64(magnitude) * 10
            return DecimalText.writeDecimal(tenths, places: 1, negative: x.sign == .minus, to: destination)
        }
        if magnitude >= 1e-3, magnitude < 1e14, let (digits, places) = shortest(magnitude) {
            return DecimalText.writeDecimal(digits, places: places, negative: x < 0, to: destination)
        }
        var count = 0
        for byte in x.description.utf8.prefix(maxLength) {
            destination[count] = byte
            count += 1
        }
        return count
    }

    /// The shortest round-trip digits of `x` and the number of decimal
    /// places, for 10⁻³ ≤ x < 10¹⁴; `nil` when `description` must decide.
    @inline(__always)
    static func shortest(_ x: Double) -> (digits: UInt64, places: Int)? {
        let binaryExponent = Int(x.exponentBitPattern) - 1023
        // ulp·10^places is in [1, 10): −⌊q·log₁₀2⌋ for the ulp's exponent q.
        let places = -(((binaryExponent - 52) * 1233) >> 12)
        let fraction = x.significandBitPattern
        let m4 = ((1 << 52) | fraction) << 2
        let shift = 54 - binaryExponent
        let scale = DecimalText.powersOfTen[places]
        let (high, low) = m4.multipliedFullWidth(by: scale)
        let product = UInt128(high) << 64 | UInt128(low)
        let below = product &- (fraction == 0 ? UInt128(scale) : UInt128(scale) << 1)
        let above = product &+ UInt128(scale) << 1
        let mask = (UInt128(1) << shift) &- 1
        let inclusive = fraction & 1 == 0
        // The smallest and the largest integer in the interval.
        let lowest = UInt64(truncatingIfNeeded: below >> shift) &+ (inclusive && below & mask == 0 ? 0 : 1)
        let highest = UInt64(truncatingIfNeeded: above >> shift) &- (!inclusive && above & mask == 0 ? 1 : 0)
        let tens = (lowest &+ 9) / 10
        if tens &* 10 <= highest {
            // The only multiple of ten inside (the interval is under ten
            // wide), so no shorter decimal is inside either; drop its zeros.
            var digits = tens
            var decimals = places - 1
            if decimals > 8, digits % 100_000_000 == 0 { digits /= 100_000_000; decimals -= 8 }
            if decimals > 4, digits % 10_000 == 0 { digits /= 10_000; decimals -= 4 }
            if decimals > 2, digits % 100 == 0 { digits /= 100; decimals -= 2 }
            while decimals > 1, digits % 10 == 0 { digits /= 10; decimals -= 1 }
            return (digits, decimals)
        }
        // No multiple of ten inside: the answer has all `places` decimals
        // and ends in a nonzero digit; the nearer of ⌊S⌋ and ⌊S⌋ + 1 that is
        // inside. Selects rather than branches: which one is nearer is a
        // coin toss the branch predictor always loses.
        let value = UInt64(truncatingIfNeeded: product >> shift)
        let remainder = product & mask
        let half = UInt128(1) << (shift - 1)
        let nearer = value &+ (remainder > half ? 1 : 0)
        let farther = remainder > half ? value : value &+ 1
        let nearerInside = nearer >= lowest && nearer <= highest
        let fartherInside = farther >= lowest && farther <= highest
        // A tie with both inside is `description`'s to break.
        guard remainder != half || !(nearerInside && fartherInside) else { return nil }
        guard nearerInside || fartherInside else { return nil }
        return (nearerInside ? nearer : farther, places)
    }
}
