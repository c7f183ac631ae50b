/// How the sample's groups are spread over wards, and what each ward is called.
///
/// Up to a few hundred groups, the wards are the eleven real wards of Thanh
/// Xuân with uneven sizes; a larger run adds generated wards (`Phường 12`,
/// code `P012`) of about 30 groups each, as a national run would have many.
struct SampleWardPlan {
    /// One ward of the plan.
    struct Ward {
        /// Display name, e.g. `Kim Giang`.
        var name: String
        /// Short ASCII code used in group ids, e.g. `KG`.
        var code: String
        /// How many groups the ward has.
        var groupCount: Int
        /// The ward's own pull on its groups' quality: wards differ in how
        /// well their movement is run, which makes ward rankings meaningful.
        var effect: Double
        /// Whether two of the ward's groups are twins (identical indicators),
        /// so that the sample exercises ties at award cutoffs.
        var hasTwins: Bool
    }

    /// The real wards: name, code, group count in the 300-group sample, and
    /// effect. Counts are invented but uneven, as real wards are; the weakest
    /// ward (Thanh Xuân Nam) hosts the twins so they lead it for the ward award.
    static let realWards: [(name: String, code: String, groups: Int, effect: Double)] = [
        ("Hạ Đình", "HD", 18, 0.00),
        ("Khương Đình", "KD", 30, -0.01),
        ("Khương Mai", "KM", 22, 0.02),
        ("Khương Trung", "KT", 33, -0.02),
        ("Kim Giang", "KG", 20, 0.01),
        ("Nhân Chính", "NC", 38, 0.03),
        ("Phương Liệt", "PL", 27, 0.00),
        ("Thanh Xuân Bắc", "TXB", 28, 0.02),
        ("Thanh Xuân Nam", "TXN", 16, -0.08),
        ("Thanh Xuân Trung", "TXT", 40, 0.01),
        ("Thượng Đình", "TD", 28, -0.01),
    ]

    /// Index, within the 11-ward cycle, of the ward that hosts twins.
    static let twinWardSlot = 8

    /// Groups per generated ward, on average.
    static let groupsPerGeneratedWard = 30

    /// The wards, in output order.
    let wards: [Ward]

    /// Plans `groups` groups for `seed`.
    init(groups: Int, seed: UInt64) {
        guard groups > 0 else {
            wards = []
            return
        }
        let realCount = Self.realWards.count
        let perWard = Self.groupsPerGeneratedWard
        let wardCount = max(min(realCount, groups), (groups + perWard - 1) / perWard)
        let codeWidth = max(3, String(wardCount).count)

        var weights: [Double] = []
        var planned: [Ward] = []
        weights.reserveCapacity(wardCount)
        planned.reserveCapacity(wardCount)
        for index in 0..<wardCount {
            if index < realCount {
                let real = Self.realWards[index]
                weights.append(Double(real.groups))
                planned.append(Ward(name: real.name, code: real.code, groupCount: 0, effect: real.effect,
                                    hasTwins: index == Self.twinWardSlot))
            } else {
                // Generated wards draw their size and effect from their own
                // stream, so adding wards never changes the earlier ones.
                var random = SampleRandom(seed: seed, stream: UInt64(index), substream: SampleRandom.wardSubstream)
                weights.append(random.uniform(14, 46))
                let number = String(index + 1)
                let code = "P" + String(repeating: "0", count: max(0, codeWidth - number.count)) + number
                planned.append(Ward(name: "Phường \(index + 1)", code: code, groupCount: 0,
                                    effect: 0.025 * random.normal(),
                                    hasTwins: index % realCount == Self.twinWardSlot))
            }
        }
        let counts = Self.apportion(groups, weights: weights)
        for index in planned.indices {
            planned[index].groupCount = counts[index]
        }
        wards = planned
    }

    /// Splits `total` into whole counts proportional to `weights` (largest
    /// remainder, ties to the earlier ward), every count at least 1 when
    /// `total` allows it. With the real weights and 300 groups it returns the
    /// real counts exactly.
    static func apportion(_ total: Int, weights: [Double]) -> [Int] {
        let n = weights.count
        guard n > 0, total > 0 else { return [Int](repeating: 0, count: n) }
        let floorEach = total >= n ? 1 : 0
        func split(_ amount: Int, base: Int) -> [Int] {
            let weightSum = weights.reduce(0, +)
            var counts = [Int](repeating: base, count: n)
            var remainders: [(Double, Int)] = []
            remainders.reserveCapacity(n)
            var assigned = 0
            for (index, weight) in weights.enumerated() {
                let share = Double(amount) * weight / weightSum
                let whole = Int(share)
                counts[index] += whole
                assigned += whole
                remainders.append((share - Double(whole), index))
            }
            remainders.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
            for k in 0..<(amount - assigned) { counts[remainders[k % n].1] += 1 }
            return counts
        }
        let plain = split(total, base: 0)
        if plain.allSatisfy({ $0 >= floorEach }) { return plain }
        return split(total - floorEach * n, base: floorEach)
    }
}
