/// Comparisons of computed values with thresholds (SCORING.md 3.2): values
/// within `absolute` of each other are equal, so a total computed as
/// 84.99999999999999 meets a minimum of 85.
public enum Tolerance {
    /// Values closer than this are equal.
    public static let absolute = 1e-9

    /// `value ≥ threshold`, within the tolerance.
    @inlinable
    public static func atLeast(_ value: Double, _ threshold: Double) -> Bool {
        value >= threshold - absolute
    }

    /// `value ≤ threshold`, within the tolerance.
    @inlinable
    public static func atMost(_ value: Double, _ threshold: Double) -> Bool {
        value <= threshold + absolute
    }

    /// `a = b`, within the tolerance.
    @inlinable
    public static func equal(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= absolute
    }
}
