import ScoringKit
import Testing
@testable import ThiDuaEngine

/// `ParallelScorer` scores the chunks of several periods from one queue:
/// each period's results and failures are what scoring it alone gives, for
/// any number of jobs.
@Suite struct ParallelScorerTests {
    /// Writes `seed × 1,000,000 + row` for each row; fails on the rows in
    /// `failing`, naming the row.
    struct Numbering: PeriodScorer {
        var seed: Double
        var failing: Set<Int> = []

        func score(rows: Range<Int>, into output: UnsafeMutableBufferPointer<Double>) throws {
            for row in rows {
                if failing.contains(row) { throw EvaluationError(row: row, message: "row \(row) fails") }
                output[row - rows.lowerBound] = seed * 1_000_000 + Double(row)
            }
        }
    }

    /// Sizes on both sides of the chunk floor (1,024 rows) and of a chunk
    /// per worker, and an empty period.
    static let periods: [ParallelScorer.Period] = [
        .init(scorers: [Numbering(seed: 1), Numbering(seed: 2)], rowCount: 20_001),
        .init(scorers: [Numbering(seed: 3), Numbering(seed: 4)], rowCount: 0),
        .init(scorers: [Numbering(seed: 5), Numbering(seed: 6)], rowCount: 1_023),
        .init(scorers: [Numbering(seed: 7), Numbering(seed: 8)], rowCount: 7_777),
    ]

    @Test(arguments: [1, 2, 3, 8])
    func periodsScoredTogetherGetTheirOwnResults(jobs: Int) throws {
        let outcomes = ParallelScorer(jobs: jobs).score(Self.periods)
        #expect(outcomes.count == Self.periods.count)
        for (period, outcome) in zip(Self.periods, outcomes) {
            guard case .success(let results) = outcome else {
                Issue.record("period of \(period.rowCount) rows failed")
                continue
            }
            let seeds = period.scorers.compactMap { ($0 as? Numbering)?.seed }
            #expect(seeds.count == period.scorers.count)
            #expect(results == seeds.map { seed in (0..<period.rowCount).map { seed * 1_000_000 + Double($0) } })
        }
    }

    /// A round of many periods, or of one period with many entries, is
    /// scored in batches of at most `[[Double]].maximumFilledInPlace` columns: the
    /// same results, and no stack overflow (800 periods × 19 entries
    /// overflowed the stack when every column was made in one nest).
    @Test func manyPeriodsAndManyEntriesAreScoredInBatches() throws {
        let wide = (0..<300).map { Numbering(seed: Double($0)) as any PeriodScorer }
        let periods = (0..<800).map { period in
            ParallelScorer.Period(scorers: (0..<19).map { Numbering(seed: Double(period * 19 + $0)) }, rowCount: 3)
        } + [ParallelScorer.Period(scorers: wide, rowCount: 2)]
        let outcomes = ParallelScorer(jobs: 2).score(periods)
        #expect(outcomes.count == 801)
        for (index, outcome) in outcomes.enumerated() {
            guard case .success(let results) = outcome else {
                Issue.record("period \(index) failed")
                continue
            }
            let seeds = periods[index].scorers.compactMap { ($0 as? Numbering)?.seed }
            #expect(results == seeds.map { seed in (0..<periods[index].rowCount).map { seed * 1_000_000 + Double($0) } })
        }
    }

    @Test(arguments: [1, 2, 3])
    func eachPeriodGetsItsOwnFailuresInRowOrder(jobs: Int) throws {
        var periods = Self.periods
        periods[0].scorers[1] = Numbering(seed: 2, failing: [20_000, 5])
        periods[0].scorers[0] = Numbering(seed: 1, failing: [5])
        periods[3].scorers[0] = Numbering(seed: 7, failing: [7_000])
        let outcomes = ParallelScorer(jobs: jobs).score(periods)
        let failures = outcomes.map { outcome -> [String] in
            guard case .failure(let found) = outcome else { return [] }
            return found.map { "\($0.entry):\($0.error.row)" }
        }
        #expect(failures == [["0:5", "1:5", "1:20000"], [], [], ["0:7000"]])
        guard case .success(let third) = outcomes[2] else {
            Issue.record("a period without failures failed")
            return
        }
        #expect(third[1].last == 6_001_022)
    }

    /// A round whose Q1 fails while scoring (`rate`: per s2 is 0 for g2)
    /// and whose Q2 fails while preparing (`spread`, a min-max over s1 per
    /// s2, is 0 for g3 only in Q2), as given by `q1Fails` and `q2Fails`.
    private func failingRound(q1Fails: Bool, q2Fails: Bool) throws -> Round {
        let yaml = """
            round: { id: t, data: d.csv, periods: [2020-Q1, 2020-Q2] }
            contents:
              - id: c1
                points: 100
                criteria:
                  - { id: rate, plugin: linear, measure: { value: s1, per: s2 }, zero_at: 0, full_at: 1 }
                  - { id: spread, plugin: minmax, measure: { value: s1, per: s3 } }
            tiers: [ { name: A, min: 0 } ]
            """
        let csv = Fixture.csv([("2020-Q1", "W", "g1", 1, 1), ("2020-Q1", "W", "g2", 1, q1Fails ? 0 : 1),
                               ("2020-Q2", "W", "g1", 1, 1), ("2020-Q2", "W", "g3", 1, 1)],
                              extraHeader: ",s3", extra: [",1", ",1", ",1", q2Fails ? ",0" : ",1"])
        return try Fixture.round(yaml, csv)
    }

    /// The error thrown is the one scoring the periods one after the other
    /// meets first, although later periods are prepared before the earlier
    /// ones are scored.
    @Test(arguments: [1, 2])
    func theFirstPeriodsErrorIsThrown(jobs: Int) throws {
        func error(q1Fails: Bool, q2Fails: Bool) throws -> String {
            do {
                _ = try Evaluator(round: failingRound(q1Fails: q1Fails, q2Fails: q2Fails), jobs: jobs).score()
                return "no error"
            } catch let error as DiagnosticError {
                return error.diagnostics.map(\.description).joined(separator: "\n")
            }
        }
        #expect(try error(q1Fails: false, q2Fails: false) == "no error")
        let scoring = "data.csv:3:1: error: 2020-Q1: group 'g2' (W): criterion 'rate': per (s2) is 0"
        #expect(try error(q1Fails: true, q2Fails: true).hasPrefix(scoring))
        #expect(try error(q1Fails: true, q2Fails: false).hasPrefix(scoring))
        let preparing = try error(q1Fails: false, q2Fails: true)
        #expect(preparing.hasPrefix("data.csv:5:1: error: 2020-Q2: group 'g3' (W): criterion 'spread': per (s3) is 0"),
                "\(preparing)")
    }
}
