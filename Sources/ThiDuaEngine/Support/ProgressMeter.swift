import Synchronization

/// What a run is doing right now, counted by the engine for whoever shows
/// it (the CLI draws a progress line on a terminal).
///
/// The engine calls ``begin(_:total:unit:)`` when an activity starts and
/// ``advance(by:)`` per chunk of work (a chunk of rows scored, a file
/// written), never per row; a display reads ``snapshot`` from its own
/// thread. Like ``PhaseTimer`` it is a sink: the work is the same without
/// one.
public final class ProgressMeter: Sendable {
    /// What the counts of an activity count.
    public enum Unit: Sendable, Hashable {
        /// Nothing: the activity has no count worth showing.
        case none
        /// Groups (rows of a period).
        case groups
        /// Output files.
        case files
        /// Bytes of input.
        case bytes
    }

    /// The activity and how far it got.
    public struct Snapshot: Sendable, Hashable {
        /// What is being done, e.g. `scoring 2020-Q3`; empty before the
        /// first activity.
        public var activity: String
        /// Units done so far.
        public var done: Int
        /// Units in all; 0 when unknown.
        public var total: Int
        /// What the counts count.
        public var unit: Unit
    }

    private let state = Mutex(Snapshot(activity: "", done: 0, total: 0, unit: .none))

    /// Creates a meter with no activity.
    public init() {}

    /// Starts an activity of `total` units, none done yet.
    ///
    /// - Parameters:
    ///   - activity: What is being done, e.g. `scoring 2020-Q3`.
    ///   - total: Units in all; 0 when there is no count.
    ///   - unit: What the units are.
    public func begin(_ activity: String, total: Int = 0, unit: Unit = .none) {
        state.withLock { $0 = Snapshot(activity: activity, done: 0, total: total, unit: unit) }
    }

    /// Counts `units` more done in the current activity.
    public func advance(by units: Int) {
        state.withLock { $0.done += units }
    }

    /// The current activity and its counts.
    public var snapshot: Snapshot {
        state.withLock { $0 }
    }
}

extension ProgressMeter.Snapshot {
    /// The activity as one line for a terminal, with a bar of
    /// ``barWidth`` cells when the activity has a count:
    /// `scoring 2020-Q3 [############--------]  61% (61,440/100,000)`,
    /// `reading data.csv [########------------]  39% (19.4/48.6 MB)`,
    /// `writing [###########---------] 12/21 files`, or the activity alone
    /// when it has no count. Percentages take four columns, so the line
    /// does not jump as they grow.
    public var line: String {
        guard total > 0, unit != .none else { return activity }
        let done = min(self.done, total)
        let percent = String(done * 100 / total)
        let padded = String(repeating: " ", count: max(0, 4 - percent.count)) + percent
        let filled = done * Self.barWidth / total
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: Self.barWidth - filled) + "]"
        switch unit {
        case .none:
            return activity
        case .files:
            return "\(activity) \(bar) \(done)/\(total) files"
        case .groups:
            return "\(activity) \(bar)\(padded)% (\(Self.grouped(done))/\(Self.grouped(total)))"
        case .bytes:
            return "\(activity) \(bar)\(padded)% (\(Self.megabytes(done))/\(Self.megabytes(total)) MB)"
        }
    }

    /// Cells of the bar in ``line``.
    public static let barWidth = 20

    /// `61440` as `61,440`.
    static func grouped(_ value: Int) -> String {
        var digits = Array(String(value))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }

    /// Bytes as megabytes (10^6) with one decimal.
    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10)"
    }
}
