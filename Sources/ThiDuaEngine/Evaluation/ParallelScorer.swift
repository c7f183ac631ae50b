import ScoringKit

/// Runs prepared scorers over all rows of one or more periods in parallel
/// chunks.
///
/// Each chunk of rows is scored by one worker straight into the rows'
/// places in the result arrays; chunks own disjoint rows, so the results
/// are the same bytes whatever the number of jobs or the order the chunks
/// ran in. (Scoring into a buffer per chunk and concatenating them copied
/// every result once more and touched as much fresh memory again.)
///
/// The chunks of all periods are handed out from one queue (for up to
/// `[[Double]].maximumFilledInPlace` result columns), so the workers wait
/// for each other once, at the end, instead of once per period: on
/// two cores a year of four quarters scored 1.8–1.9 times as fast as on one
/// this way, where a barrier per period left one worker idle at the end of
/// each quarter.
struct ParallelScorer {
    /// Number of workers; 1 scores on the calling thread.
    let jobs: Int
    /// Counts the rows of each chunk scored, when someone shows progress.
    var progress: ProgressMeter?

    /// The scorers of one period, prepared on its population.
    struct Period {
        /// One per entry, in `RoundConfig.allEntries` order.
        var scorers: [any PeriodScorer]
        /// The period's rows.
        var rowCount: Int
    }

    /// Either every result of a period or every failure.
    enum Outcome {
        case success([[Double]])
        case failure([Failure])
    }

    /// A failure of one scorer on one row.
    struct Failure: Sendable {
        var entry: Int
        var error: EvaluationError
    }

    /// Some of one period's entries, scored together with other parts.
    private struct Part {
        var period: Int
        var entries: Range<Int>
    }

    /// A stretch of one part's rows, scored by one worker.
    private struct Chunk {
        var part: Int
        var rows: Range<Int>
    }

    /// Scores every row of every period with the period's scorers.
    ///
    /// The result columns (periods × entries) are scored in batches of at
    /// most `[[Double]].maximumFilledInPlace`, as `filledInPlace` makes them
    /// one inside the other on the stack: a year of quarters is one batch.
    /// - Returns: Each period's outcome, in the order given: `[scorer][row]`
    ///   results, or every failure of the period sorted by row then scorer.
    func score(_ periods: [Period]) -> [Outcome] {
        let columns = periods.indices.flatMap { period in periods[period].scorers.indices.map { (period, $0) } }
        var results = periods.map { [[Double]](repeating: [], count: $0.scorers.count) }
        var failures = periods.map { _ in [Failure]() }
        for start in stride(from: 0, to: columns.count, by: [[Double]].maximumFilledInPlace) {
            // The batch's columns, in runs of one period's entries.
            var parts: [Part] = []
            for (period, entry) in columns[start..<min(columns.count, start + [[Double]].maximumFilledInPlace)] {
                if let last = parts.last, last.period == period {
                    parts[parts.count - 1].entries = last.entries.lowerBound..<(entry + 1)
                } else {
                    parts.append(Part(period: period, entries: entry..<(entry + 1)))
                }
            }
            let (scored, found) = scoreTogether(parts, of: periods)
            for (part, columns) in zip(parts, scored) {
                results[part.period].replaceSubrange(part.entries, with: columns)
            }
            for failure in found { failures[failure.period].append(failure.failure) }
        }
        return periods.indices.map { period in
            guard failures[period].isEmpty else {
                return .failure(failures[period].sorted { ($0.error.row, $0.entry) < ($1.error.row, $1.entry) })
            }
            return .success(results[period])
        }
    }

    /// Scores `parts` with their chunks handed out from one queue.
    /// - Returns: Each part's columns, and the failures with their periods.
    private func scoreTogether(_ parts: [Part], of periods: [Period])
        -> (columns: [[[Double]]], failures: [(period: Int, failure: Failure)]) {
        let chunks = Self.chunks(of: parts.map { periods[$0.period].rowCount }, jobs: jobs)
        // Where each part's columns start among all the buffers.
        var firstColumn = [0]
        for part in parts { firstColumn.append(firstColumn[firstColumn.count - 1] + part.entries.count) }
        let capacities = parts.flatMap { part in part.entries.map { _ in periods[part.period].rowCount } }
        var failures: [[Failure]] = []
        // Pages are first touched by the workers that score into them.
        let columns = [[Double]].filledInPlace(capacities: capacities) { buffers in
            // Safe to share: each chunk's rows of its part's buffers are
            // written by the one worker that scores the chunk, and nothing
            // reads them before `Parallel.map` returns, which waits for
            // every worker.
            nonisolated(unsafe) let shared = buffers
            let progress = self.progress, starts = firstColumn
            failures = Parallel.map(chunks.count, jobs: jobs) { index -> [Failure] in
                let chunk = chunks[index], part = parts[chunk.part]
                let found = Self.scoreChunk(periods[part.period].scorers[part.entries], rows: chunk.rows,
                                            into: shared[starts[chunk.part]..<starts[chunk.part + 1]])
                // Counted once per period's rows: by its first part.
                if part.entries.lowerBound == 0 { progress?.advance(by: chunk.rows.count) }
                return found
            }
            // Every row of every column: each chunk zeroes its rows first.
            return capacities
        }
        let found = zip(chunks, failures).flatMap { chunk, failures in
            failures.map { (period: parts[chunk.part].period, failure: $0) }
        }
        return (parts.indices.map { Array(columns[firstColumn[$0]..<firstColumn[$0 + 1]]) }, found)
    }

    /// The chunks of each part in turn, from the part's row count. Several
    /// chunks per worker and part even out uneven chunks; a floor keeps the
    /// per-chunk overhead small next to the work.
    private static func chunks(of rowCounts: [Int], jobs: Int) -> [Chunk] {
        let pieces = Parallel.threads(jobs) * 8
        return rowCounts.enumerated().flatMap { part, rowCount -> [Chunk] in
            let chunkSize = max(1024, (rowCount + pieces - 1) / pieces)
            return stride(from: 0, to: rowCount, by: chunkSize).map { start in
                Chunk(part: part, rows: start..<min(rowCount, start + chunkSize))
            }
        }
    }

    /// Scores `rows` with `scorers` (entries numbered as in their period)
    /// into `columns`, one per scorer.
    private static func scoreChunk(_ scorers: ArraySlice<any PeriodScorer>, rows: Range<Int>,
                                   into columns: ArraySlice<UnsafeMutableBufferPointer<Double>>) -> [Failure] {
        var failures: [Failure] = []
        for (entry, (scorer, column)) in zip(scorers.indices, zip(scorers, columns)) {
            let slice = UnsafeMutableBufferPointer(rebasing: column[rows])
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
