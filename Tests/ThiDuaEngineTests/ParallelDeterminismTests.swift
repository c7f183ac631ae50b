import Foundation
import Testing
@testable import ThiDuaEngine

/// Every parallel step of an evaluation — the split by period, scoring,
/// deciding the quarters side by side, the year's ranking and reasons in
/// slices — gives the same results for any number of jobs.
@Suite struct ParallelDeterminismTests {
    /// The sample config on generated data of `groups` groups × 4 quarters.
    private func sampleRound(groups: Int, seed: UInt64) throws -> Round {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let yaml = try String(contentsOf: root.appendingPathComponent("Configs/thanh-xuan-2020.yaml"), encoding: .utf8)
        let csv = SampleDataGenerator(groups: groups, periods: ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"], seed: seed)
            .csv()
        return try Fixture.round(yaml, csv)
    }

    @Test func sampleRoundOfNineThousandGroupsIsTheSameForOneAndThreeJobs() throws {
        // Over 8,192 groups, so that the year's reasons are built in slices.
        let round = try sampleRound(groups: 9000, seed: 5)
        var outputs: [[[UInt8]]] = []
        for jobs in [1, 3] {
            let evaluator = Evaluator(round: round, jobs: jobs)
            let quarters = try evaluator.evaluate()
            let results = quarters + [evaluator.evaluateYear(quarters: quarters)]
            outputs.append(results.flatMap { OutputSet.periodFiles(for: $0).map(\.bytes) })
        }
        #expect(outputs[0].count == 20)
        #expect(outputs[0] == outputs[1])
    }

    /// `thidua run`'s evaluator lets go of the data's values once it has
    /// split them by period: the same results, and the round it was given,
    /// and its own, without the values.
    @Test func anEvaluatorTakingTheValuesOverGivesTheSameResults() throws {
        var round = try sampleRound(groups: 600, seed: 11)
        let kept = Evaluator(round: round, jobs: 2)
        let expected = try kept.evaluate()
        let names = round.data.columnNames
        #expect(!names.isEmpty && round.data.columns.allSatisfy { $0.count == 2400 })
        let taking = Evaluator(takingValuesOf: &round, jobs: 2)
        #expect(round.data.columns == names.map { _ in [] })
        #expect(taking.round.data.columns == names.map { _ in [] })
        #expect(round.data.columnNames == names && round.data.rowCount == 2400)
        let results = try taking.evaluate()
        let bytes = { (results: [PeriodResult], evaluator: Evaluator) in
            (results + [evaluator.evaluateYear(quarters: results)]).flatMap { OutputSet.periodFiles(for: $0).map(\.bytes) }
        }
        #expect(bytes(results, taking) == bytes(expected, kept))
    }
}
