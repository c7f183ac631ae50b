import Synchronization
import Testing
@testable import ThiDuaEngine

/// `Parallel`: results in index order whatever the threads, the first
/// error by index, and a side task that is always finished on return.
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

    @Test(arguments: [1, 2])
    func aSideTaskIsDoneWhenAlongsideReturnsOrThrows(jobs: Int) {
        let (side, main) = Parallel.alongside(jobs: jobs, { (1...1000).reduce(0, +) }) { "main" }
        #expect(side == 500_500 && main == "main")
        let ran = Atomic<Bool>(false)
        #expect(throws: Failure(index: 1)) {
            _ = try Parallel.alongside(jobs: jobs, { ran.store(true, ordering: .relaxed) }) {
                throw Failure(index: 1)
            }
        }
        // With one job the side task runs after `main`, so not at all when it throws.
        let finished = ran.load(ordering: .relaxed)
        #expect(finished == (jobs > 1), "the side task finished before the error came out")
    }
}
