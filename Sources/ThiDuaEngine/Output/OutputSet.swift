import Dispatch
import Synchronization

/// The files of one run's output folder (SCORING.md 4) and how they are
/// written.
///
/// For each evaluated period (a quarter, or the year): `<period>/ranking.csv`,
/// `<period>/awards.csv`, `<period>/results.json` and `<period>/report.md`;
/// then `manifest.json`. Everything but the manifest depends only on the
/// results, so it is byte-identical for the same inputs whatever the thread
/// count.
public enum OutputSet {
    /// The names of the files written for each period, in listing order.
    public static let periodFileNames = ["ranking.csv", "awards.csv", "results.json", "report.md"]

    /// The files of an output folder of `periods` evaluations: each
    /// period's, and the manifest.
    public static func fileCount(periods: Int) -> Int {
        periods * periodFileNames.count + 1
    }

    /// The name of the manifest, at the top of the output folder. Its
    /// presence marks a folder as an earlier output that a new run may
    /// replace.
    public static let manifestFileName = "manifest.json"

    /// Writes the output folder `outDir` atomically (see
    /// ``OutputDirectory/writeAtomically(to:paths:jobs:write:fileWritten:)``).
    ///
    /// Each file is written straight to the disk as it is made, in parts of
    /// ``OutputSink/chunkSize`` bytes, so memory holds at most one part per
    /// job, never the files (a national `results.json` is some 80 MB). Up
    /// to `jobs` files are made at once, the first worker beginning with
    /// the `late` result (the year, made from the quarters) and then the
    /// manifest, while the other jobs write the ready
    /// periods' files, largest kinds first (`results.json`, `ranking.csv`,
    /// `report.md`, `awards.csv`) so the jobs finish together; a worker that
    /// reaches one of the late result's files before it is made waits for
    /// it. The cost is linear in the number of groups.
    /// - Parameters:
    ///   - results: One result per evaluated period, in output order.
    ///   - late: A result to make while the others are written, and to
    ///     write after them (its folder comes last in output order); `nil`
    ///     for none.
    ///   - outDir: The output folder, as the user named it.
    ///   - jobs: How many files to write at the same time.
    ///   - fileWritten: Called once per file written (from any thread), e.g.
    ///     to show progress; there are ``fileCount(periods:)`` files.
    ///   - makeManifest: Makes the manifest; called once, on a worker.
    /// - Returns: The `late` result as made, or `nil` without one.
    /// - Throws: A ``DiagnosticError`` when the folder is not ours to
    ///   replace or the file system fails, or what `makeManifest` throws;
    ///   nothing is left behind then.
    @discardableResult
    public static func write(
        _ results: [PeriodResult], then late: LateResult? = nil, to outDir: String, jobs: Int,
        fileWritten: @Sendable () -> Void = {},
        manifest makeManifest: @Sendable () throws -> Manifest
    ) throws -> PeriodResult? {
        let largestFirst = [2, 0, 3, 1]
        let lateIndex = results.count
        // The late result's files in their kind's place among the others:
        // by the time a worker reaches its `results.json`, the late result
        // is long made, and the run does not end on one large file alone.
        let periods = results.count + (late == nil ? 0 : 1)
        let files = largestFirst.flatMap { kind in (0..<periods).map { (period: $0, kind: kind) } }
        let folders = results.map(\.period) + (late.map { [$0.period] } ?? [])
        let paths = [manifestFileName] + files.map { folders[$0.period] + "/" + periodFileNames[$0.kind] }
        let made = late.map(LateSlot.init)
        try OutputDirectory.writeAtomically(to: outDir, paths: paths, jobs: jobs, write: { index, sink in
            guard index > 0 else {
                // The first worker starts on the late result at once (index
                // 0 is the first handed out); any worker that needs it first
                // makes it itself, so none waits on a file that failed.
                _ = made?.result()
                var buffer = ByteBuffer(capacity: 4096)
                buffer.append(try makeManifest().jsonBytes)
                try sink.drain(&buffer)
                return
            }
            let file = files[index - 1]
            if file.period < lateIndex {
                try write(kind: file.kind, for: results[file.period], to: &sink)
            } else if let made {
                try write(kind: file.kind, for: made.result(), to: &sink)
            }
        }, fileWritten: { _ in fileWritten() })
        return made?.result()
    }

    /// Builds every file of the output folder in memory, for tests and
    /// small outputs.
    /// - Parameters:
    ///   - results: One result per evaluated period, in output order.
    ///   - manifest: What the run was made from.
    /// - Returns: Relative paths and bytes: four per period (in the order of
    ///   ``periodFileNames``), then `manifest.json`.
    public static func files(for results: [PeriodResult], manifest: Manifest) -> [OutputFile] {
        results.flatMap(periodFiles) + [(relativePath: manifestFileName, bytes: manifest.jsonBytes)]
    }

    /// The four files of one period, under `<period>/`, in memory.
    /// - Parameter result: The evaluation.
    /// - Returns: `ranking.csv`, `awards.csv`, `results.json`, `report.md`.
    public static func periodFiles(for result: PeriodResult) -> [OutputFile] {
        periodFileNames.indices.map { kind in
            let bytes = MemorySink.collect { write(kind: kind, for: result, to: &$0) }
            return (relativePath: result.period + "/" + periodFileNames[kind], bytes: bytes)
        }
    }

    /// Writes the file `periodFileNames[kind]` of `result` to `sink`.
    private static func write<Sink: OutputSink>(
        kind: Int, for result: PeriodResult, to sink: inout Sink
    ) throws(Sink.Failure) {
        switch kind {
        case 0: try CSVReports.writeRanking(for: result, to: &sink)
        case 1: try CSVReports.writeAwards(for: result, to: &sink)
        case 2: try ResultsJSON.write(result, to: &sink)
        default: try ReportMarkdown.write(result, to: &sink)
        }
    }
}

/// A period's result that ``OutputSet/write(_:then:to:jobs:fileWritten:manifest:)``
/// makes itself, on a worker, while the other periods' files are written:
/// the year, which needs every quarter and takes a while to rank.
public struct LateResult: Sendable {
    /// The result's folder name (its period), known before it is made.
    public var period: String
    /// Makes the result; called once.
    public var make: @Sendable () -> PeriodResult

    /// Creates a late result.
    /// - Parameters:
    ///   - period: The folder name of the result `make` returns.
    ///   - make: Makes the result; called once, on a worker.
    public init(period: String, make: @escaping @Sendable () -> PeriodResult) {
        self.period = period
        self.make = make
    }
}

/// The late result, made once by the first worker that asks for it; the
/// others wait for that one.
///
/// Whoever asks first makes it, rather than a worker picked in advance: a
/// worker picked in advance might never get to it (its own file failed to
/// open), and the others would wait forever.
final class LateSlot: Sendable {
    private let late: LateResult
    private let state = Mutex<State>(.waiting)
    /// Signalled once the result is made; each waiter passes the signal on.
    private let made = DispatchSemaphore(value: 0)

    private enum State {
        case waiting, making, made(PeriodResult)
    }

    /// - Parameter late: The result to make.
    init(_ late: LateResult) {
        self.late = late
    }

    /// The result: made by this call when no other call has begun to, else
    /// once the call making it is done.
    func result() -> PeriodResult {
        let mine = state.withLock { state in
            guard case .waiting = state else { return false }
            state = .making
            return true
        }
        if mine {
            let result = late.make()
            state.withLock { $0 = .made(result) }
            made.signal()
            return result
        }
        made.wait()
        defer { made.signal() }
        // The maker stored the result before its signal, which this wait took.
        guard case .made(let result) = state.withLock({ $0 }) else { preconditionFailure("the late result was not made") }
        return result
    }
}
