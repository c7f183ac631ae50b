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

    /// Any number of jobs given to the engine is a usable number of threads:
    /// no count of work pieces made from it overflows.
    @Test func anyJobCountIsANumberOfThreads() throws {
        #expect(Parallel.threads(0) == 1 && Parallel.threads(-5) == 1 && Parallel.threads(3) == 3)
        #expect(Parallel.threads(.max) == Evaluator.maximumJobs)
        #expect(DataReader.chunkCount(byteCount: 48_000_000, jobs: .max) == 45)
        let data = try DataReader.parse(bytes: Array(DataFixture.valid.utf8), displayPath: "data.csv",
                                        numericColumns: DataFixture.numeric, jobs: .max)
        #expect(data.rowCount == 3)
    }
}
