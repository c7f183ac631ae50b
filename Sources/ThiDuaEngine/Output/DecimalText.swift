/// Decimal digits written straight into an output buffer, for the numbers
/// of the output files (points, ranks, full-precision values).
///
/// The length is known first, so the digits go right to left straight into
/// their place, eight or two at a time, and only as many as the number has;
/// every division is by a constant (a multiplication). Nothing here
/// allocates or calls out: a national run writes some ten million numbers.
enum DecimalText {
    /// The most bytes ``writeDecimal(_:places:negative:to:)`` and
    /// ``writeInteger(_:to:)`` write.
    static let maxLength = 24

    /// 10^n at index n, n in 0...19.
    static let powersOfTen: [UInt64] = [
        1, 10, 100, 1000, 10000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
        10_000_000_000_000_000_000,
    ]

    /// Writes `digits` with `places` (1...19) decimals, e.g. 8450 with two
    /// places as `84.50` and 5 with three as `0.005`, after a minus sign
    /// when `negative`.
    ///
    /// - Parameters:
    ///   - digits: The number times 10^places.
    ///   - places: Digits after the point.
    ///   - negative: Whether to write a minus sign first.
    ///   - destination: Room for ``maxLength`` bytes.
    /// - Returns: The number of bytes written.
    @inline(__always)
    static func writeDecimal(
        _ digits: UInt64, places: Int, negative: Bool, to destination: UnsafeMutablePointer<UInt8>
    ) -> Int {
        let sign = negative ? 1 : 0
        if negative { destination[0] = UInt8(ascii: "-") }
        // At least one digit before the point.
        let count = max(digitCount(digits), places + 1)
        let point = destination + sign + count - places
        var rest = digits
        writeDigits(of: &rest, count: places, endingAt: point + 1 + places)
        point[0] = UInt8(ascii: ".")
        writeDigits(of: &rest, count: count - places, endingAt: point)
        return sign + count + 1
    }

    /// Writes `hundredths` / 100 with two decimals, e.g. 8450 as `84.50`,
    /// after a minus sign when `negative`: the points of every CSV cell.
    ///
    /// Below 1000 points (nearly every cell) the three places of the whole
    /// part and the pair of cents are written directly.
    /// - Returns: The number of bytes written.
    @inline(__always)
    static func writeHundredths(
        _ hundredths: UInt64, negative: Bool, to destination: UnsafeMutablePointer<UInt8>
    ) -> Int {
        guard hundredths < 100_000 else {
            return writeDecimal(hundredths, places: 2, negative: negative, to: destination)
        }
        var out = destination
        if negative {
            out[0] = UInt8(ascii: "-")
            out += 1
        }
        let value = UInt32(truncatingIfNeeded: hundredths)
        let whole = value / 100
        if whole >= 100 {
            out[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: whole / 100)
            writeTwo(whole % 100, to: out + 1)
            out += 3
        } else if whole >= 10 {
            writeTwo(whole, to: out)
            out += 2
        } else {
            out[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: whole)
            out += 1
        }
        out[0] = UInt8(ascii: ".")
        writeTwo(value % 100, to: out + 1)
        return out + 3 - destination
    }

    /// Writes `value` in decimal, e.g. `-3`, `0`, `1024`.
    ///
    /// - Parameters:
    ///   - value: The integer.
    ///   - destination: Room for ``maxLength`` bytes.
    /// - Returns: The number of bytes written.
    @inline(__always)
    static func writeInteger(_ value: Int, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        let sign = value < 0 ? 1 : 0
        if value < 0 { destination[0] = UInt8(ascii: "-") }
        var magnitude = UInt64(value.magnitude)
        let count = max(digitCount(magnitude), 1)
        writeDigits(of: &magnitude, count: count, endingAt: destination + sign + count)
        return sign + count
    }

    /// Writes the last `count` digits of `value`, zero-padded, so that the
    /// last one is just before `end`, and drops them from `value`.
    @inline(__always)
    private static func writeDigits(of value: inout UInt64, count: Int, endingAt end: UnsafeMutablePointer<UInt8>) {
        var end = end
        var left = count
        while left >= 8 {
            writeEight(UInt32(truncatingIfNeeded: value % 100_000_000), to: end - 8)
            value /= 100_000_000
            end -= 8
            left -= 8
        }
        while left >= 2 {
            end -= 2
            writeTwo(UInt32(truncatingIfNeeded: value % 100), to: end)
            value /= 100
            left -= 2
        }
        if left == 1 {
            end[-1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
            value /= 10
        }
    }

    /// Writes `value` (below 10⁸) as eight digits, zero-padded.
    @inline(__always)
    private static func writeEight(_ value: UInt32, to destination: UnsafeMutablePointer<UInt8>) {
        let high = value / 10000
        let low = value % 10000
        writeTwo(high / 100, to: destination)
        writeTwo(high % 100, to: destination + 2)
        writeTwo(low / 100, to: destination + 4)
        writeTwo(low % 100, to: destination + 6)
    }

    /// Writes `value` (below 100) as two digits; (v·103) >> 10 is v / 10
    /// for every v below 100.
    @inline(__always)
    private static func writeTwo(_ value: UInt32, to destination: UnsafeMutablePointer<UInt8>) {
        let tens = (value &* 103) >> 10
        destination[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: tens)
        destination[1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value &- tens &* 10)
    }

    /// The number of decimal digits of `value` (0 for 0).
    @inline(__always)
    static func digitCount(_ value: UInt64) -> Int {
        let estimate = ((64 - value.leadingZeroBitCount) * 1233) >> 12
        return value >= powersOfTen[estimate] ? estimate + 1 : estimate
    }
}
