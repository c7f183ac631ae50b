import Foundation
import ScoringKit
import Testing
@testable import ThiDuaEngine

/// `--timings` figures and the progress meter: sinks that never change a
/// result.
@Suite struct PhaseTimingsTests {
    @Test func jsonListsEveryPhaseInRunOrderThenTheFigures() throws {
        let timings = PhaseTimings(seconds: [.read: 0.25, .score: 1.5, .aggregateRank: 0.0000004],
                                   total: 2.0000005, rows: 400_000, inputBytes: 48_595_409, jobs: 2, periods: 5)
        let text = String(decoding: timings.jsonBytes, as: UTF8.self)
        #expect(text == """
            {
              "read": 0.250000,
              "validate": 0.000000,
              "prepare": 0.000000,
              "score": 1.500000,
              "aggregate_rank": 0.000000,
              "award": 0.000000,
              "write": 0.000000,
              "total": 2.000001,
              "rows": 400000,
              "input_bytes": 48595409,
              "jobs": 2,
              "periods": 5
            }

            """)
        let decoded = try JSONSerialization.jsonObject(with: Data(timings.jsonBytes)) as? [String: Any]
        #expect((decoded?["score"] as? NSNumber)?.doubleValue == 1.5)
        #expect((decoded?["rows"] as? NSNumber)?.intValue == 400_000)
    }

    @Test func timerAddsUpRepeatedPhasesAndCountsInput() throws {
        let timer = PhaseTimer()
        timer.add(.milliseconds(250), to: .prepare)
        timer.add(.milliseconds(500), to: .prepare)
        let value = timer.measure(.award) { 42 }
        timer.noteInput(rows: 10, bytes: 100)
        timer.noteInput(rows: 5, bytes: 50)
        let timings = timer.timings(jobs: 3, periods: 4)
        #expect(value == 42)
        #expect(timings[.prepare] == 0.75)
        #expect(timings[.award] >= 0 && timings.seconds[.award] != nil && timings.seconds[.write] == nil)
        #expect(timings.rows == 15 && timings.inputBytes == 150 && timings.jobs == 3 && timings.periods == 4)
        #expect(timings.total >= 0)
    }

    @Test func evaluatingWithATimerAndAMeterGivesTheSameResults() throws {
        var rows: [(String, String, String, Double, Double)] = []
        for group in 0..<40 {
            let s1 = Double(group % 7) / 7, s2 = Double(group % 5) / 5
            for period in ["2020-Q1", "2020-Q2"] { rows.append((period, "W\(group % 3)", "G\(group)", s1, s2)) }
        }
        let awards = "awards: [ { id: x, scope: ward, quota: { count: 1 } }, { id: y, scope: district, quota: { percent: 20 } } ]"
        let round = try Fixture.round(Fixture.config(extra: "year: {}", awards: awards), Fixture.csv(rows))
        let timer = PhaseTimer(), meter = ProgressMeter()
        let plain = Evaluator(round: round, jobs: 1)
        let observed = Evaluator(round: round, jobs: 2, timer: timer, progress: meter)
        let expected = try plain.evaluate(), found = try observed.evaluate()
        let expectedYear = plain.evaluateYear(quarters: expected), foundYear = observed.evaluateYear(quarters: found)
        for (a, b) in zip(expected + [expectedYear], found + [foundYear]) {
            #expect(OutputSet.periodFiles(for: a).map(\.bytes) == OutputSet.periodFiles(for: b).map(\.bytes))
        }
        let timings = timer.timings(jobs: 2, periods: 3)
        for phase in [PhaseTimings.Phase.prepare, .score, .aggregateRank, .award] {
            #expect(timings.seconds[phase] != nil, "\(phase) was timed")
        }
        #expect(meter.snapshot.activity == "ranking the year")
    }

    @Test func progressLinesShowCountsAndPercentages() {
        typealias Snapshot = ProgressMeter.Snapshot
        #expect(Snapshot(activity: "scoring 2020-Q3", done: 61_440, total: 100_000, unit: .groups).line
            == "scoring 2020-Q3 [############--------]  61% (61,440/100,000)")
        #expect(Snapshot(activity: "writing", done: 12, total: 21, unit: .files).line
            == "writing [###########---------] 12/21 files")
        #expect(Snapshot(activity: "reading d.csv", done: 19_400_000, total: 48_595_409, unit: .bytes).line
            == "reading d.csv [#######-------------]  39% (19.4/48.6 MB)")
        #expect(Snapshot(activity: "ranking 4 periods", done: 0, total: 0, unit: .none).line == "ranking 4 periods")
        #expect(Snapshot(activity: "scoring", done: 0, total: 100, unit: .groups).line
            == "scoring [--------------------]   0% (0/100)")
        #expect(Snapshot(activity: "scoring", done: 120, total: 100, unit: .groups).line
            == "scoring [####################] 100% (100/100)")
    }

    @Test func meterCountsWhatTheScorersDo() throws {
        let rows = (0..<3000).map { ("2020-Q1", "W", "G\($0)", 0.5, 0.5) } + [("2020-Q2", "W", "G0", 0.5, 0.5)]
        let round = try Fixture.round(Fixture.config(), Fixture.csv(rows))
        let meter = ProgressMeter()
        _ = try Evaluator(round: round, jobs: 2, progress: meter).score(periods: ["2020-Q1"])
        #expect(meter.snapshot == ProgressMeter.Snapshot(activity: "scoring 2020-Q1", done: 3000, total: 3000, unit: .groups))
    }
}
