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
/// of two the lower half-gap is half as wide. With k = ⌊log₁₀|x|⌋ and
/// d = 16 − k decimal places (17 significant digits), the scaled value
/// S = |x|·10^d and the scaled interval ends are (4M ± 2)·10^d / 2^(2−E):
/// integers below 2¹²⁸, so the floors and remainders are exact.
///
/// Then, for 15, 16 and 17 significant digits in turn (places d−2, d−1,
/// d), take the integers in the interval at that scale; the first scale
/// with one is the shortest length, and among its integers the one nearest
/// to S is the answer (`description` picks the closest of the shortest; an
/// exact tie between two goes to `description`). Trailing zeros are then
/// dropped, keeping one decimal. Scaling down from 17 digits divides by 10
/// or 100, and ⌈⌈a/b⌉/c⌉ = ⌈a/(bc)⌉, ⌊⌊a/b⌋/c⌋ = ⌊a/(bc)⌋, so every scale
/// is exact too. Starting at 15 digits is safe: decimals of 15 significant
/// digits are more than four ulps apart, so a shorter answer, padded with
/// zeros, is the only candidate at 15 digits and is found there. If k comes
/// out one too big (x is the double just below a power of ten), the three
/// scales are 14, 15 and 16 digits, and a 17-digit answer goes to
/// `description`.
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

    /// Appends the text of `x.description` to `bytes`, for finite `x`.
    static func append(_ x: Double, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { scratch in
            guard let start = scratch.baseAddress else { return }
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: write(x, to: start)))
        }
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
        // ⌊e·log₁₀2⌋, then one step up when x reaches the next power of ten.
        var k = (binaryExponent * 1233) >> 12
        if x >= powersOfTen[k + 5] { k += 1 }
        guard x >= powersOfTen[k + 4] else { return nil }
        let places = 16 - k
        let fraction = x.significandBitPattern
        let m4 = UInt64((1 << 52) | fraction) << 2
        let shift = 52 - binaryExponent + 2
        let scale = DecimalText.powersOfTen[places]
        let (high, low) = m4.multipliedFullWidth(by: scale)
        let product = UInt128(high) << 64 | UInt128(low)
        let below = product &- (fraction == 0 ? UInt128(scale) : UInt128(scale) << 1)
        let above = product &+ UInt128(scale) << 1
        let mask = (UInt128(1) << shift) &- 1
        let bounds = Bounds(
            value: UInt64(truncatingIfNeeded: product >> shift),
            valueRemainder: product & mask, half: UInt128(1) << (shift - 1),
            lowFloor: UInt64(truncatingIfNeeded: below >> shift), lowExact: below & mask == 0,
            highFloor: UInt64(truncatingIfNeeded: above >> shift), highExact: above & mask == 0,
            inclusive: fraction & 1 == 0)
        var decimals = places - 2
        var found = bounds.nearest(dividingBy: 100)
        if case .empty = found {
            decimals += 1
            found = bounds.nearest(dividingBy: 10)
        }
        if case .empty = found {
            decimals += 1
            found = bounds.nearest(dividingBy: 1)
        }
        guard case .digits(var digits) = found else { return nil }
        if decimals > 8, digits % 100_000_000 == 0 { digits /= 100_000_000; decimals -= 8 }
        if decimals > 4, digits % 10_000 == 0 { digits /= 10_000; decimals -= 4 }
        if decimals > 2, digits % 100 == 0 { digits /= 100; decimals -= 2 }
        while decimals > 1, digits % 10 == 0 { digits /= 10; decimals -= 1 }
        return (digits, decimals)
    }

    /// What one scale offers.
    private enum Candidate {
        /// No decimal of this length reads back as x.
        case empty
        /// Two are equally near: `description` decides.
        case tie
        /// The nearest that reads back as x, scaled to an integer.
        case digits(UInt64)
    }

    /// The scaled value and interval at 17 significant digits.
    private struct Bounds {
        var value: UInt64
        var valueRemainder: UInt128
        var half: UInt128
        var lowFloor: UInt64
        var lowExact: Bool
        var highFloor: UInt64
        var highExact: Bool
        var inclusive: Bool

        /// The integer in the interval nearest to the value, at the scale
        /// `divisor` times coarser.
        @inline(__always)
        func nearest(dividingBy divisor: UInt64) -> Candidate {
            let low = inclusive ? (lowFloor + (lowExact ? 0 : 1) + divisor - 1) / divisor : lowFloor / divisor + 1
            let high = inclusive
                ? highFloor / divisor : (highFloor + (highExact ? 0 : 1) + divisor - 1) / divisor - 1
            guard low <= high else { return .empty }
            let floor = value / divisor
            let rest = value % divisor
            let order: Int
            if divisor == 1 {
                order = valueRemainder < half ? -1 : (valueRemainder > half ? 1 : 0)
            } else {
                order = rest < divisor / 2 ? -1 : (rest > divisor / 2 || valueRemainder > 0 ? 1 : 0)
            }
            let floorInside = floor >= low && floor <= high
            let ceilingInside = floor + 1 >= low && floor + 1 <= high
            if order == 0, floorInside, ceilingInside { return .tie }
            if order < 0 || (order == 0 && floorInside) { return .digits(floorInside ? floor : floor + 1) }
            return .digits(ceilingInside ? floor + 1 : floor)
        }
    }

    /// 10^n as a `Double` at index n + 4, n in −4...14.
    private static let powersOfTen: [Double] = [
        1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
    ]
}
