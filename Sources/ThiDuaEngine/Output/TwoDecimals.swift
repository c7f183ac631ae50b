import Foundation

/// Points printed with exactly two decimals, the way C's `printf("%.2f")`
/// prints them, except that a result of zero never carries a minus sign.
///
/// `printf` rounds the exact binary value of a `Double` to the nearest
/// hundredth, ties to even. Calling it for every cell of a national run
/// (about a million numbers) is slow, so most values take a fast path that
/// is provably the same:
///
/// - For |x| < 10⁷, s = x × 100 computed in `Double` is within half an ulp
///   of the exact product, and that ulp is at most 2⁻²³ (s < 2³⁰). So the
///   computed s is within 6·10⁻⁸ of the exact product.
/// - When the fractional part of s (computed exactly, as s − ⌊s⌋) is more
///   than 10⁻⁶ away from one half, no half-integer lies between s and the
///   exact product; both round to the same integer n, and the digits of n
///   hundredths are the answer.
/// - Every other value (near a half, large, or non-finite) goes to
///   `vsnprintf` itself.
///
/// The tests compare both paths with `vsnprintf` on random and tie values.
public enum TwoDecimals {
    /// `x` with two decimals; `""` when `x` is NaN or infinite.
    ///
    /// - Parameter x: The value, e.g. points or a total.
    /// - Returns: E.g. `"84.50"`; `"0.00"` for −0.0 or −0.001.
    public static func string(_ x: Double) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        append(x, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `x` with two decimals to `out` (nothing when not finite).
    ///
    /// - Parameters:
    ///   - x: The value.
    ///   - out: UTF-8 output buffer.
    public static func append(_ x: Double, to out: inout [UInt8]) {
        guard x.isFinite else { return }
        let scaled = x * 100
        if abs(scaled) < 1e9 {
            let fraction = scaled - scaled.rounded(.down)
            if abs(fraction - 0.5) > 1e-6 {
                appendHundredths(Int64(scaled.rounded()), to: &out)
                return
            }
        }
        out.append(contentsOf: printf(x).utf8)
    }

    /// What `printf("%.2f", x)` prints, with `-0.00` turned into `0.00`.
    ///
    /// Exposed to the tests so they can check the fast path against it.
    static func printf(_ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 400)
        let count = buffer.withUnsafeMutableBufferPointer { pointer in
            withVaList([x]) { arguments in
                vsnprintf(pointer.baseAddress, pointer.count, "%.2f", arguments)
            }
        }
        let length = max(0, min(Int(count), buffer.count - 1))
        let text = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text == "-0.00" ? "0.00" : text
    }

    /// Appends `n` hundredths as `[-]units.dd`; zero is always `0.00`.
    private static func appendHundredths(_ n: Int64, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = n.magnitude
        appendDigits(magnitude / 100, to: &out)
        let cents = magnitude % 100
        out.append(UInt8(ascii: "."))
        out.append(UInt8(ascii: "0") + UInt8(cents / 10))
        out.append(UInt8(ascii: "0") + UInt8(cents % 10))
    }

    /// Appends the decimal digits of `value` (at least one digit), without
    /// allocating: this runs for every rank and point of a national run.
    static func appendDigits(_ value: UInt64, to out: inout [UInt8]) {
        var divisor: UInt64 = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
