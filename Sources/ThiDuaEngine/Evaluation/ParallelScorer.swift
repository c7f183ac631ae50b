import ScoringKit

/// Runs prepared scorers over all rows of a period in parallel chunks.
///
/// Each chunk of rows is scored by one worker straight into the rows'
/// places in the result arrays; chunks own disjoint rows, so the results
/// are the same bytes whatever the number of jobs or the order the chunks
/// ran in. (Scoring into a buffer per chunk and concatenating them copied
/// every result once more and touched as much fresh memory again.)
struct ParallelScorer {
    /// Number of workers; 1 scores on the calling thread.
    let jobs: Int
    /// Counts the rows of each chunk scored, when someone shows progress.
    var progress: ProgressMeter?

    /// Either every result or every failure.
    enum Outcome {
        case success([[Double]])
        case failure([Failure])
    }

    /// A failure of one scorer on one row.
    struct Failure: Sendable {
        var entry: Int
        var error: EvaluationError
    }

    /// Scores every row with every scorer.
    /// - Returns: `[scorer][row]` results, or every failure sorted by row
    ///   then scorer.
    func score(_ scorers: [any PeriodScorer], rowCount: Int) -> Outcome {
        guard rowCount > 0 else { return .success(scorers.map { _ in [] }) }
        // Several chunks per worker even out uneven chunks; a floor keeps the
        // per-chunk overhead small next to the work.
        let pieces = Parallel.threads(jobs) * 8
        let chunkSize = max(1024, (rowCount + pieces - 1) / pieces)
        let chunkCount = (rowCount + chunkSize - 1) / chunkSize
        var failures: [Failure] = []
        // Pages are first touched by the workers that score into them.
        let results = [[Double]].filledInPlace(count: scorers.count, capacity: rowCount) { buffers in
            // Safe to share: each chunk's rows of the buffers are written by
            // the one worker that scores the chunk, and nothing reads them
            // before `Parallel.map` returns, which waits for every worker.
            nonisolated(unsafe) let columns = buffers
            let progress = self.progress
            failures = Parallel.map(chunkCount, jobs: jobs) { chunk -> [Failure] in
                let rows = (chunk * chunkSize)..<min(rowCount, (chunk + 1) * chunkSize)
                let found = Self.scoreChunk(scorers, rows: rows, into: columns)
                progress?.advance(by: rows.count)
                return found
            }.flatMap { $0 }
            return rowCount
        }
        if !failures.isEmpty {
            return .failure(failures.sorted { ($0.error.row, $0.entry) < ($1.error.row, $1.entry) })
        }
        return .success(results)
    }

    private static func scoreChunk(_ scorers: [any PeriodScorer], rows: Range<Int>,
                                   into columns: [UnsafeMutableBufferPointer<Double>]) -> [Failure] {
        var failures: [Failure] = []
        for (entry, scorer) in scorers.enumerated() {
            let slice = UnsafeMutableBufferPointer(rebasing: columns[entry][rows])
            // Zeros first, as a fresh array would hold: a plugin that skips a
            // row must not leave memory's leftovers in the results.
            slice.initialize(repeating: 0)
            do {
                try scorer.score(rows: rows, into: slice)
            } catch {
                // Score row by row to find every failing row, so the
                // errors reported do not depend on how rows were chunked.
                for row in rows {
                    let one = UnsafeMutableBufferPointer(rebasing: slice[(row - rows.lowerBound)...(row - rows.lowerBound)])
                    do {
                        try scorer.score(rows: row..<(row + 1), into: one)
                    } catch let error as EvaluationError {
                        failures.append(Failure(entry: entry, error: error))
                    } catch {
                        failures.append(Failure(entry: entry, error: EvaluationError(row: row, message: "\(error)")))
                    }
                }
            }
        }
        return failures
    }
}
