import Dispatch
import ScoringKit
import Synchronization

/// Runs prepared scorers over all rows of a period in parallel chunks.
///
/// Each chunk is scored into its own buffer by one worker; buffers are
/// assembled in chunk order afterwards, so the results are the same bytes
/// whatever the number of jobs or the order the chunks ran in.
struct ParallelScorer {
    /// Number of workers; 1 scores on the calling thread.
    let jobs: Int

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
        let chunkSize = max(1024, (rowCount + jobs * 8 - 1) / (jobs * 8))
        let chunkCount = (rowCount + chunkSize - 1) / chunkSize
        let outcomes = Mutex([ChunkOutcome?](repeating: nil, count: chunkCount))

        let runChunk = { @Sendable (chunk: Int) in
            let rows = (chunk * chunkSize)..<min(rowCount, (chunk + 1) * chunkSize)
            let outcome = Self.scoreChunk(scorers, rows: rows)
            outcomes.withLock { $0[chunk] = outcome }
        }
        let workers = min(jobs, chunkCount)
        if workers <= 1 {
            for chunk in 0..<chunkCount { runChunk(chunk) }
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for chunk in stride(from: worker, to: chunkCount, by: workers) { runChunk(chunk) }
            }
        }

        let chunks = outcomes.withLock { $0 }
        var failures: [Failure] = []
        var results = scorers.map { _ in [Double]() }
        for index in results.indices { results[index].reserveCapacity(rowCount) }
        for outcome in chunks {
            // Every chunk index in 0..<chunkCount ran exactly once above.
            guard let outcome else { preconditionFailure("a chunk was not scored") }
            failures += outcome.failures
            guard failures.isEmpty else { continue }
            for entry in results.indices {
                results[entry] += outcome.values[(entry * outcome.count)..<((entry + 1) * outcome.count)]
            }
        }
        if !failures.isEmpty {
            return .failure(failures.sorted { ($0.error.row, $0.entry) < ($1.error.row, $1.entry) })
        }
        return .success(results)
    }

    private struct ChunkOutcome: Sendable {
        var count: Int
        var values: [Double]
        var failures: [Failure]
    }

    private static func scoreChunk(_ scorers: [any PeriodScorer], rows: Range<Int>) -> ChunkOutcome {
        let count = rows.count
        var values = [Double](repeating: 0, count: scorers.count * count)
        var failures: [Failure] = []
        values.withUnsafeMutableBufferPointer { buffer in
            for (entry, scorer) in scorers.enumerated() {
                let slice = UnsafeMutableBufferPointer(rebasing: buffer[(entry * count)..<((entry + 1) * count)])
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
        }
        return ChunkOutcome(count: count, values: values, failures: failures)
    }
}
