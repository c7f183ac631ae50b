import Testing
@testable import ThiDuaEngine

/// `Parallel`: results in index order whatever the threads, and the first
/// error by index.
@Suite struct ParallelTests {
    struct Failure: Error, Equatable {
        var index: Int
    }

    @Test(arguments: [1, 2, 5])
    func mapKeepsIndexOrderAndThrowingMapThrowsTheLowestFailure(jobs: Int) {
        #expect(Parallel.map(100, jobs: jobs) { $0 * $0 } == (0..<100).map { $0 * $0 })
        #expect(throws: Failure(index: 7)) {
            try Parallel.throwingMap(40, jobs: jobs) { index in
                if index % 7 == 0 && index > 0 { throw Failure(index: index) }
                return index
            }
        }
    }
}
