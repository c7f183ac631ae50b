import Dispatch
import Synchronization

/// Runs independent pieces of work on up to `jobs` threads, each result in
/// its own slot, so that what comes back never depends on which thread ran
/// what or when.
enum Parallel {
    /// The most threads any work is spread over: far more than a machine
    /// this runs on has cores, and small enough that no count of work
    /// pieces derived from it (several per thread) can overflow. The CLI
    /// refuses a larger `--jobs`; the engine's entry points take any
    /// number, through `threads(_:)`.
    static let maximumJobs = 1024

    /// `jobs` as a number of threads: at least 1, at most `maximumJobs`.
    static func threads(_ jobs: Int) -> Int {
        min(max(1, jobs), maximumJobs)
    }

    /// `body(0) … body(count − 1)` on up to `jobs` threads (the calling
    /// thread alone when `jobs` is 1), results in index order. Indices are
    /// handed out one at a time, so a thread that finishes early takes the
    /// next one.
    static func map<T: Sendable>(_ count: Int, jobs: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let workers = min(jobs, count)
        guard workers > 1 else { return (0..<count).map(body) }
        let slots = Mutex([T?](repeating: nil, count: count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                let value = body(index)
                slots.withLock { $0[index] = value }
            }
        }
        return slots.withLock { $0 }.map { value in
            // Every index below `count` was taken exactly once above.
            guard let value else { preconditionFailure("a parallel task did not run") }
            return value
        }
    }

    /// As `map(_:jobs:_:)` for work that may throw.
    /// - Throws: The error of the lowest index that failed, as running the
    ///   work in order would throw (later indices may have run as well).
    static func throwingMap<T: Sendable>(_ count: Int, jobs: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        try map(count, jobs: jobs) { index in Result { try body(index) } }.map { try $0.get() }
    }
}
