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
/// The chunks of all periods (up to `maximumColumnsTogether` results
/// columns) are handed out from one queue, so the workers wait for each
/// other once, at the end, instead of once per period: on
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

    /// A stretch of one period's rows, scored by one worker.
    private struct Chunk {
        var period: Int
        var rows: Range<Int>
    }

    /// The most result columns (periods × entries) scored from one queue:
    /// their arrays are made one inside the other on the stack
    /// (`filledInPlace(capacities:)`), so a round of many periods is scored
    /// in batches of periods instead (a year of quarters is one batch).
    static let maximumColumnsTogether = 128

    /// Scores every row of every period with the period's scorers.
    /// - Returns: Each period's outcome, in the order given: `[scorer][row]`
    ///   results, or every failure of the period sorted by row then scorer.
    func score(_ periods: [Period]) -> [Outcome] {
        var outcomes: [Outcome] = []
        var start = 0
        while start < periods.count {
            // At least one period, however many entries it has (as many
            // columns as before periods were scored together).
            var end = start + 1, columns = periods[start].scorers.count
            while end < periods.count && columns + periods[end].scorers.count <= Self.maximumColumnsTogether {
                columns += periods[end].scorers.count
                end += 1
            }
            outcomes += scoreTogether(Array(periods[start..<end]))
            start = end
        }
        return outcomes
    }

    /// `score(_:)` of periods whose chunks are handed out from one queue.
    private func scoreTogether(_ periods: [Period]) -> [Outcome] {
        let chunks = Self.chunks(of: periods.map(\.rowCount), jobs: jobs)
        // Where each period's columns start among all the buffers.
        var firstColumn = [0]
        for period in periods { firstColumn.append(firstColumn[firstColumn.count - 1] + period.scorers.count) }
        let capacities = periods.flatMap { period in period.scorers.map { _ in period.rowCount } }
        var failures: [[Failure]] = []
        // Pages are first touched by the workers that score into them.
        let columns = [[Double]].filledInPlace(capacities: capacities) { buffers in
            // Safe to share: each chunk's rows of its period's buffers are
            // written by the one worker that scores the chunk, and nothing
            // reads them before `Parallel.map` returns, which waits for
            // every worker.
            nonisolated(unsafe) let shared = buffers
            let progress = self.progress, starts = firstColumn
            failures = Parallel.map(chunks.count, jobs: jobs) { index -> [Failure] in
                let chunk = chunks[index]
                let found = Self.scoreChunk(periods[chunk.period].scorers, rows: chunk.rows,
                                            into: shared[starts[chunk.period]..<starts[chunk.period + 1]])
                progress?.advance(by: chunk.rows.count)
                return found
            }
            // Every row of every column: each chunk zeroes its rows first.
            return capacities
        }
        return periods.indices.map { period in
            let found = zip(chunks, failures).filter { $0.0.period == period }.flatMap(\.1)
            guard found.isEmpty else {
                return .failure(found.sorted { ($0.error.row, $0.entry) < ($1.error.row, $1.entry) })
            }
            return .success(Array(columns[firstColumn[period]..<firstColumn[period + 1]]))
        }
    }

    /// The chunks of each period in turn. Several chunks per worker and
    /// period even out uneven chunks; a floor keeps the per-chunk overhead
    /// small next to the work.
    private static func chunks(of rowCounts: [Int], jobs: Int) -> [Chunk] {
        let pieces = Parallel.threads(jobs) * 8
        return rowCounts.enumerated().flatMap { period, rowCount -> [Chunk] in
            let chunkSize = max(1024, (rowCount + pieces - 1) / pieces)
            return stride(from: 0, to: rowCount, by: chunkSize).map { start in
                Chunk(period: period, rows: start..<min(rowCount, start + chunkSize))
            }
        }
    }

    private static func scoreChunk(_ scorers: [any PeriodScorer], rows: Range<Int>,
                                   into columns: ArraySlice<UnsafeMutableBufferPointer<Double>>) -> [Failure] {
        var failures: [Failure] = []
        for (entry, (scorer, column)) in zip(scorers, columns).enumerated() {
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
