import Testing
@testable import ThiDuaEngine

/// Spearman's rho and Kendall's tau-b, against known values and scipy.
@Suite struct RankAgreementTests {
    let ten = (1...10).map(Double.init)

    @Test func identicalRankingsAgreeFully() {
        let agreement = RankAgreement(ten, ten)
        #expect(agreement.count == 10)
        #expect(agreement.spearman == 1)
        #expect(agreement.kendallTauB == 1)
    }

    @Test func reversedRankingsDisagreeFully() {
        let agreement = RankAgreement(ten, ten.reversed())
        #expect(agreement.spearman == -1)
        #expect(agreement.kendallTauB == -1)
    }

    @Test func tauBWithTiesByHand() throws {
        // Pairs of (1,1) (2,3) (2,2) (3,2): concordant 3 — (1,2) (1,3) (1,4);
        // discordant 1 — (2,4); (2,3) tied in x, (3,4) tied in y. n₀ = 6,
        // n₁ = n₂ = 1: tau-b = (3 − 1) / √(5 × 5) = 0.4.
        let tau = try #require(RankAgreement.kendallTauB([1, 2, 2, 3], [1, 3, 2, 2]))
        #expect(abs(tau - 0.4) < 1e-15)
        // Average ranks x = 1, 2.5, 2.5, 4; y = 1, 4, 2.5, 2.5: rho = 2.25 / 4.5.
        let rho = try #require(RankAgreement.spearman([1, 2, 2, 3], [1, 3, 2, 2]))
        #expect(abs(rho - 0.5) < 1e-15)
    }

    /// Values from `scipy.stats.kendalltau` and `spearmanr` (scipy 1.x):
    /// `python3 -c 'from scipy.stats import kendalltau, spearmanr; print(kendalltau(x, y).statistic, spearmanr(x, y).statistic)'`.
    @Test(arguments: [
        ([1, 2, 2, 4, 5, 5, 5, 8], [2, 1, 3, 3, 6, 5, 8, 7], 0.7463904912524668, 0.8706358081229184),
        ([1, 2, 2, 4, 5, 6, 6, 6, 9, 10], [3, 1, 2, 4, 4, 6, 9, 7, 7, 10], 0.7859370885787427, 0.9102559809857035),
        ((0..<40).map { Double(($0 * 7) % 13) }, (0..<40).map { Double(($0 * 5) % 11) },
         -0.5382694485741945, -0.5015115831010106),
    ] as [([Double], [Double], Double, Double)])
    func agreesWithScipy(x: [Double], y: [Double], tau: Double, rho: Double) throws {
        let agreement = RankAgreement(x, y)
        #expect(abs(try #require(agreement.kendallTauB) - tau) < 1e-12)
        #expect(abs(try #require(agreement.spearman) - rho) < 1e-12)
    }

    @Test func knightsAlgorithmEqualsTheQuadraticDefinition() throws {
        // Deterministic pseudo-random ranks with many ties, 600 items.
        var state: UInt64 = 79
        func next(_ bound: UInt64) -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double((state >> 33) % bound)
        }
        let x = (0..<600).map { _ in next(50) }
        let y = x.map { $0 + next(20) }
        let fast = try #require(RankAgreement.kendallTauB(x, y))
        #expect(abs(fast - quadraticTauB(x, y)) < 1e-12)
    }

    @Test func undefinedWithoutTwoGroupsOrWhenOneRankingIsAllTied() {
        #expect(RankAgreement([1], [1]).spearman == nil)
        #expect(RankAgreement([], []).kendallTauB == nil)
        let tied = RankAgreement([1, 1, 1], [1, 2, 3])
        #expect(tied.spearman == nil && tied.kendallTauB == nil)
    }

    @Test func averageRanksShareTheMeanOfTheirPlaces() {
        #expect(RankAgreement.averageRanks([10, 20, 20, 40]) == [1, 2.5, 2.5, 4])
        #expect(RankAgreement.averageRanks([3, 1, 3, 3]) == [3, 1, 3, 3])
    }

    @Test func mergeSortCountsInversions() {
        var values: [Double] = [3, 1, 2, 2, 0]
        #expect(RankAgreement.mergeSortCountingSwaps(&values) == 7)
        #expect(values == [0, 1, 2, 2, 3])
    }

    /// The definition, pair by pair.
    func quadraticTauB(_ x: [Double], _ y: [Double]) -> Double {
        var concordant = 0, discordant = 0, tiedX = 0, tiedY = 0
        for i in x.indices {
            for j in (i + 1)..<x.count {
                let dx = x[i] - x[j], dy = y[i] - y[j]
                if dx == 0 { tiedX += 1 }
                if dy == 0 { tiedY += 1 }
                if dx * dy > 0 { concordant += 1 } else if dx * dy < 0 { discordant += 1 }
            }
        }
        let pairs = Double(x.count * (x.count - 1) / 2)
        return Double(concordant - discordant) / ((pairs - Double(tiedX)) * (pairs - Double(tiedY))).squareRoot()
    }
}
