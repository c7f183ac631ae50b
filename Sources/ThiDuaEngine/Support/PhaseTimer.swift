import Synchronization

/// Collects the wall time of a run's phases as the engine passes through
/// them; ``timings(jobs:periods:)`` hands out the figures.
///
/// It is a sink, nothing more: stages that are given one (`Round.load`,
/// `Evaluator`) time their work with ``measure(_:_:)`` and do exactly the
/// same work without one, so results never depend on whether a run is
/// timed. Phases that run several times (once per period) add up. It may be
/// shared between threads; measurements are kept behind a lock, taken once
/// per phase, never per row.
public final class PhaseTimer: Sendable {
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let state = Mutex(State())

    private struct State {
        var seconds: [PhaseTimings.Phase: Double] = [:]
        var rows = 0
        var inputBytes = 0
    }

    /// Starts the clock of the whole run.
    public init() {
        started = clock.now
    }

    /// Runs `body`, adding its wall time to `phase`.
    ///
    /// - Parameters:
    ///   - phase: The phase the work belongs to.
    ///   - body: The work.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws; the time spent until then still counts.
    public func measure<T>(_ phase: PhaseTimings.Phase, _ body: () throws -> T) rethrows -> T {
        let start = clock.now
        defer { add(clock.now - start, to: phase) }
        return try body()
    }

    /// Adds `duration` to `phase`.
    public func add(_ duration: Duration, to phase: PhaseTimings.Phase) {
        let seconds = Self.seconds(duration)
        state.withLock { $0.seconds[phase, default: 0] += seconds }
    }

    /// Notes data read: `rows` rows from `bytes` bytes of files.
    public func noteInput(rows: Int, bytes: Int) {
        state.withLock { state in
            state.rows += rows
            state.inputBytes += bytes
        }
    }

    /// The figures so far, `total` being the time since ``init()``.
    ///
    /// - Parameters:
    ///   - jobs: Worker threads of the run.
    ///   - periods: Evaluations written.
    /// - Returns: The timings.
    public func timings(jobs: Int, periods: Int) -> PhaseTimings {
        let total = Self.seconds(clock.now - started)
        return state.withLock { state in
            PhaseTimings(seconds: state.seconds, total: total, rows: state.rows, inputBytes: state.inputBytes,
                         jobs: jobs, periods: periods)
        }
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}

extension Optional where Wrapped == PhaseTimer {
    /// Runs `body`, timing it when there is a timer.
    func measure<T>(_ phase: PhaseTimings.Phase, _ body: () throws -> T) rethrows -> T {
        switch self {
        case .some(let timer): try timer.measure(phase, body)
        case .none: try body()
        }
    }
}
