import Testing
@testable import ThiDuaEngine

/// `thidua sensitivity` against the engine on made-up rounds full of ties
/// (values on a coarse grid, twin groups), deductions that bend totals,
/// gates, content floors, tie-breaks on the varied content, every tie
/// policy and the year: at every breakpoint inside each interval and
/// between any two, the engine must give the winners of the config's own
/// points; at each end, what the interval's brackets say.
@Suite struct SensitivityAgreementTests {
    /// A round of 4 to 12 groups in 3 wards over two quarters, with a year.
    func round(seed: UInt64) throws -> Round {
        var random = SeededRandom(seed: seed)
        let grid: [Double] = [0, 0.25, 0.4, 0.5, 0.6, 0.75, 0.8, 1]
        let count = Int.random(in: 4...12, using: &random)
        let wards = (0..<count).map { _ in ["W1", "W2", "W3"][Int.random(in: 0..<3, using: &random)] }
        var rows: [(String, String, String, Double, Double)] = [], cells: [String] = []
        for period in ["2020-Q1", "2020-Q2"] {
            for index in 0..<count {
                let twin = index > 0 && Int.random(in: 0..<5, using: &random) == 0
                let s1 = twin ? rows[rows.count - 1].3 : grid[Int.random(in: 0..<grid.count, using: &random)]
                let s2 = twin ? rows[rows.count - 1].4 : grid[Int.random(in: 0..<grid.count, using: &random)]
                rows.append((period, wards[index], "g\(index)", s1, s2))
                let violations = Int.random(in: 0..<4, using: &random) == 0 ? Int.random(in: 0...40, using: &random) : 0
                cells.append(",\(violations),\(Int.random(in: 0..<8, using: &random) == 0 ? 1 : 0)")
            }
        }
        func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &random)] }
        let extra = """
            deductions: [ { id: d, plugin: deduction, measure: { value: order_violations }, points_per: 1 } ]
            gates: [ { id: g, plugin: gate, measure: { value: serious_incidents }, at_most: 0 } ]
            \(pick(["", "content_floor: 0.5", "content_floor: 0.4"]))
            \(pick(["year: { min_tier_every_period: B }", "year: {}"]))
            """
        let awards = """
            awards:
              - { id: a1, scope: district, min_tier: A, quota: { count: \(pick([1, 2])) }, ties_at_cutoff: \(pick(["exclude", "include"])) }
              - { id: a2, scope: \(pick(["district", "ward"])), min_tier: B, quota: { percent: \(pick([25, 34, 50])) }, ties_at_cutoff: \(pick(["exclude", "include"])) }
              - { id: a3, scope: ward, quota: { count: 1 }, ties_at_cutoff: \(pick(["exclude", "include"])) }
            """
        let tiers = "tiers: [ { name: A, min: \(pick([70, 80, 85])) }, { name: B, min: \(pick([40, 50, 60])) }, { name: C, min: 0 } ]"
        let points = pick([60.0, 55, 70.5])
        let yaml = Fixture.config(points: (points, 100 - points), extra: extra, tiers: tiers,
                                  tieBreak: pick(["ranking: { tie_break: [c1] }", "ranking: { tie_break: [c2, c1] }", ""]),
                                  awards: awards)
        return try Fixture.round(yaml, Fixture.csv(rows, extraHeader: ",order_violations,serious_incidents", extra: cells))
    }

    @Test(arguments: 0..<16) func intervalsAgreeWithTheEngine(seed: UInt64) throws {
        let round = try round(seed: seed)
        let evaluator = Evaluator(round: round, jobs: 1)
        let scored = try evaluator.score()
        let decided = try scored.map { try evaluator.decide($0) }
        let year = evaluator.evaluateYear(quarters: decided)
        let config = round.config
        let result = try Sensitivity(evaluator: evaluator).analyse(.everyPeriod)
        #expect(result.evaluations.map(\.period) == ["2020-Q1", "2020-Q2", "2020"])
        for (index, evaluation) in result.evaluations.enumerated() {
            let quarter = index < decided.count ? index : nil
            let original = quarter.map { decided[$0] } ?? year
            let awards = quarter == nil ? (config.year?.awards ?? config.awards) : config.awards
            let kept = WinnerSet(original, tracked: nil)
            for (content, interval) in evaluation.contents.enumerated() {
                func winners(at points: Double) throws -> WinnerSet {
                    var changed = config
                    changed.contents[content].points = points
                    if let quarter { return WinnerSet(try evaluator.decide(scored[quarter], config: changed), tracked: nil) }
                    let quarters = try scored.map { try evaluator.decide($0, config: changed) }
                    return WinnerSet(evaluator.evaluateYear(quarters: quarters, config: changed), tracked: nil)
                }
                let model = quarter.map { SensitivityModel.quarter(scored[$0], decided[$0], config: config, content: content) }
                    ?? SensitivityModel.year(Array(zip(scored, decided)), year, config: config, content: content)
                let (low, high) = (interval.lower.value, interval.upper.value)
                let inside = Set(model.breakpoints(awards: awards, wardOfRow: original.wardOfRow).map(\.p)
                    .filter { $0 > low && $0 < high }).sorted()
                let between = zip([low] + inside, inside + [high]).map { ($0 + $1) / 2 }
                let label = "seed \(seed), \(evaluation.period), \(interval.contentID)"
                for points in inside + between where points > low && points < high {
                    #expect(try winners(at: points) == kept, "\(label): the winners change at \(points) in [\(low), \(high)]")
                }
                #expect(try (winners(at: low) == kept) == interval.lower.isClosed, "\(label): lower end \(low)")
                #expect(try (winners(at: high) == kept) == interval.upper.isClosed, "\(label): upper end \(high)")
            }
        }
    }
}
