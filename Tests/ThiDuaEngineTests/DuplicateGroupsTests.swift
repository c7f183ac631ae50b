import Testing
@testable import ThiDuaEngine

/// `DuplicateGroups`: every row that repeats an earlier `(period, group_id)`
/// pair, with the earliest row of the pair, whether the keys were added one
/// by one or made in parts (as parallel chunks make them), on any number of
/// threads.
struct DuplicateGroupsTests {
    /// The repeats found by the obvious means: the first row of each pair.
    private func expectedRepeats(periods: [Int32], ids: [String]) -> [(row: Int, first: Int)] {
        var firstRow: [String: Int] = [:]
        var found: [(row: Int, first: Int)] = []
        for row in periods.indices {
            let pair = "\(periods[row])\u{1F}\(ids[row])"
            if let first = firstRow[pair] { found.append((row, first)) } else { firstRow[pair] = row }
        }
        return found
    }

    @Test(arguments: [1, 2, 3])
    func keysInPartsFindTheSameRepeatsAsKeysAddedOneByOne(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let rowCount = 5_000
        // Few ids and periods, so that pairs repeat, within parts and across them.
        let periods = (0..<rowCount).map { _ in Int32(random.below(3)) }
        let ids = (0..<rowCount).map { _ in "G-\(random.below(1_500))" }
        let expected = expectedRepeats(periods: periods, ids: ids)
        #expect(!expected.isEmpty)

        var oneByOne = DuplicateGroups()
        for row in 0..<rowCount { oneByOne.add(period: periods[row], id: ids[row], row: row) }
        // Cut into parts at random places, with an empty part among them.
        var cuts = Set((0..<9).map { _ in random.below(rowCount) })
        cuts.insert(0)
        let bounds = cuts.sorted() + [rowCount, rowCount]
        let parts = zip(bounds, bounds.dropFirst()).map { start, end in
            (start..<end).map { DuplicateGroups.key(period: periods[$0], idHash: DuplicateGroups.hash(id: ids[$0]), row: $0) }
        }
        #expect(parts.contains { $0.isEmpty })
        for jobs in [1, 2, 5] {
            for groups in [oneByOne, DuplicateGroups(parts: parts)] {
                let found = groups.repeats(periodOfRow: periods, groupIDs: ids, jobs: jobs)
                #expect(found.map(\.row) == expected.map(\.row))
                #expect(found.map(\.first) == expected.map(\.first))
            }
        }
    }

    @Test func noRowsAndNoRepeatsFindNothing() {
        #expect(DuplicateGroups(parts: [[], []]).repeats(periodOfRow: [], groupIDs: [], jobs: 2).isEmpty)
        var distinct = DuplicateGroups()
        for row in 0..<100 { distinct.add(period: Int32(row % 4), id: "G-\(row)", row: row) }
        let periods = (0..<100).map { Int32($0 % 4) }, ids = (0..<100).map { "G-\($0)" }
        #expect(distinct.repeats(periodOfRow: periods, groupIDs: ids, jobs: 2).isEmpty)
    }
}
