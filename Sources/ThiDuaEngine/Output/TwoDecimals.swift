import Foundation

/// Points printed with exactly two decimals, the way C's `printf("%.2f")`
/// prints them, except that a result of zero never carries a minus sign.
///
/// `printf` rounds the exact binary value of a `Double` to the nearest
/// hundredth, ties to even. Calling it for every cell of a national run
/// (millions of numbers) is slow, so values below 10⁷ take a path that is
/// provably the same:
///
/// - s = x × 100 computed in `Double` is within half an ulp of the exact
///   product, and that ulp is at most 2⁻²³ (s < 2³⁰). So the computed s is
///   within 6·10⁻⁸ of the exact product.
/// - When the fractional part of s (computed exactly, as s − ⌊s⌋) is more
///   than 10⁻⁶ away from one half, no half-integer lies between s and the
///   exact product; both round to the same integer n, and the digits of n
///   hundredths are the answer.
/// - Near a half, the rounding error of s is recovered exactly with a fused
///   multiply-add (x × 100 − s is a `Double`, and `addingProduct` rounds
///   once), and the sign of (fraction − ½) + error says which way the exact
///   product lies from the half; exactly on it, n is the even neighbour.
/// - Every other value (large, or non-finite) goes to `vsnprintf` itself.
///
/// The tests compare both paths with `vsnprintf` on random and tie values.
public enum TwoDecimals {
    /// `x` with two decimals; `""` when `x` is NaN or infinite.
    ///
    /// - Parameter x: The value, e.g. points or a total.
    /// - Returns: E.g. `"84.50"`; `"0.00"` for −0.0 or −0.001.
    public static func string(_ x: Double) -> String {
        var buffer = ByteBuffer(capacity: 32)
        append(x, to: &buffer)
        return buffer.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Appends `x` with two decimals to `buffer` (nothing when not finite).
    ///
    /// - Parameters:
    ///   - x: The value.
    ///   - buffer: UTF-8 output buffer.
    @inline(__always)
    public static func append(_ x: Double, to buffer: inout ByteBuffer) {
        guard x.isFinite else { return }
        guard let hundredths = hundredths(x) else {
            buffer.append(contentsOf: printf(x))
            return
        }
        let destination = buffer.tail(reserving: DecimalText.maxLength)
        buffer.extend(by: DecimalText.writeHundredths(hundredths.magnitude, negative: hundredths < 0, to: destination))
    }

    /// `x` × 100 rounded as `printf` rounds it, for a finite |x| < 10⁷;
    /// `nil` for larger values.
    @inline(__always)
    static func hundredths(_ x: Double) -> Int64? {
        let scaled = x * 100
        guard abs(scaled) < 1e9 else { return nil }
        // `Int64(_:)` truncates in one instruction; `rounded()` is a libm call.
        let whole = Double(Int64(scaled))
        let floor = whole > scaled ? whole - 1 : whole
        let fraction = scaled - floor
        let below = Int64(floor)
        // Away from the half, fraction + ½ is below 1 exactly when fraction
        // is below ½ (it cannot round up to 1), so truncating it rounds
        // without a branch: which side of ½ a cell falls is unpredictable.
        if abs(fraction - 0.5) > 1e-6 { return below + Int64(fraction + 0.5) }
        let error = (-scaled).addingProduct(x, 100)
        let distance = (fraction - 0.5) + error
        if distance != 0 { return distance > 0 ? below + 1 : below }
        return below % 2 == 0 ? below : below + 1
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
}
