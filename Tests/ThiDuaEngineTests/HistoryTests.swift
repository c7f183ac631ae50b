import Testing
@testable import ThiDuaEngine

/// `improvement` reads the previous period of the round, whichever periods are run.
@Suite struct HistoryTests {
    static let yaml = """
        round: { id: t, data: d.csv, periods: [2020-Q1, 2020-Q2, 2020-Q3] }
        contents:
          - id: c
            points: 100
            criteria:
              - { id: up, plugin: improvement, measure: { value: s1 }, zero_at: 0, full_at: 10, if_no_history: 0.25 }
        tiers: [ { name: A, min: 0 } ]
        """
    static let csv = Fixture.csv([
        ("2020-Q1", "W", "a", 10, 0), ("2020-Q1", "W", "b", 10, 0),
        ("2020-Q2", "W", "a", 15, 0), ("2020-Q2", "W", "b", 12, 0), ("2020-Q2", "W", "new", 50, 0),
        ("2020-Q3", "W", "a", 25, 0), ("2020-Q3", "W", "b", 12, 0), ("2020-Q3", "W", "new", 50, 0),
    ])

    @Test func singlePeriodRunStillComparesWithThePreviousPeriod() throws {
        let alone = try Fixture.evaluate(Self.yaml, Self.csv, period: "2020-Q3")
        #expect(alone.achievements[0][alone.row("a")] == 1.0)    // +10
        #expect(alone.achievements[0][alone.row("b")] == 0.0)    // +0
        #expect(alone.achievements[0][alone.row("new")] == 0.0)  // 50 → 50
        let all = try Evaluator(round: Fixture.round(Self.yaml, Self.csv), jobs: 2).evaluate()
        #expect(all[2].achievements == alone.achievements)
    }

    @Test func firstPeriodAndNewGroupsScoreIfNoHistory() throws {
        let q1 = try Fixture.evaluate(Self.yaml, Self.csv, period: "2020-Q1")
        #expect(q1.achievements[0] == [0.25, 0.25])
        let q2 = try Fixture.evaluate(Self.yaml, Self.csv, period: "2020-Q2")
        #expect(q2.achievements[0][q2.row("new")] == 0.25)
        #expect(q2.achievements[0][q2.row("a")] == 0.5)
    }
}
