/// The award lists of one decided evaluation, in the form the sensitivity
/// walk needs: who holds what, each unit's quota, and which rows sit in a
/// tie at an award's cutoff.
struct SensitivityState {
    /// The award each row holds (index into the awards), −1 for none.
    let awardOf: [Int32]
    /// Per row, the awards (bit `award`, the last bit standing for every
    /// award from 63 on) at whose cutoff, in the row's unit, it is tied:
    /// any change of its order or ties among that award's candidates may
    /// change the winners.
    let tiedAtCutoff: [UInt64]
    /// Quota of each award in each unit: `[award][unit]`, unit 0 for the
    /// district, the ward index for a ward award.
    let quota: [[Int]]

    /// Reads `result`, decided with `awards`.
    init(_ result: PeriodResult, awards: [AwardConfig]) {
        var awardOf = [Int32](repeating: -1, count: result.rowCount)
        for grant in result.grants { awardOf[grant.row] = Int32(grant.award) }
        var quota = awards.map { award in [Int](repeating: 0, count: award.scope == .ward ? result.wardNames.count : 1) }
        for decision in result.decisions {
            let unit = awards[decision.award].scope == .ward ? result.wardNames.firstIndex(of: decision.unit) ?? 0 : 0
            quota[decision.award][unit] = decision.quota
        }
        var tiedAtCutoff = [UInt64](repeating: 0, count: result.rowCount)
        for (index, award) in awards.enumerated() {
            var candidates = [[Int]](repeating: [], count: quota[index].count)
            for row32 in result.order {
                let row = Int(row32)
                guard result.districtRank[row] > 0, result.eligible[row], Int(result.tierOfRow[row]) <= award.minTier,
                      awardOf[row] < 0 || Int(awardOf[row]) >= index else { continue }
                candidates[Self.unit(of: row, award: award, wardOfRow: result.wardOfRow)].append(row)
            }
            for (unit, list) in candidates.enumerated() {
                let q = quota[index][unit]
                guard q > 0, q < list.count, result.districtRank[list[q - 1]] == result.districtRank[list[q]] else { continue }
                let tied = result.districtRank[list[q - 1]]
                for row in list where result.districtRank[row] == tied { tiedAtCutoff[row] |= Self.bit(index) }
            }
        }
        self.awardOf = awardOf
        self.tiedAtCutoff = tiedAtCutoff
        self.quota = quota
    }

    /// Whether `row` is tied at the cutoff of award `index`.
    func isTiedAtCutoff(_ row: Int, award index: Int) -> Bool {
        tiedAtCutoff[row] & Self.bit(index) != 0
    }

    /// The bit of award `index` in `tiedAtCutoff`.
    private static func bit(_ index: Int) -> UInt64 { 1 << UInt64(min(index, 63)) }

    /// The unit of `row` for `award`: 0 for a district award, else its ward.
    static func unit(of row: Int, award: AwardConfig, wardOfRow: [Int32]) -> Int {
        award.scope == .ward ? Int(wardOfRow[row]) : 0
    }
}

/// The winners of some awards of one evaluation, comparable as a set.
struct WinnerSet: Equatable, Sendable {
    /// `award << 32 | row`, ascending.
    private let keys: [Int64]

    /// The winners of the awards in `tracked` (every award when `nil`).
    init(_ result: PeriodResult, tracked: Set<Int>?) {
        keys = result.grants.filter { tracked?.contains($0.award) ?? true }
            .map { Int64($0.award) << 32 | Int64($0.row) }.sorted()
    }
}

extension WinnerChange {
    /// What differs between the winners of `old` and `new` for the awards
    /// in `tracked`, by award in precedence order, then unit.
    static func between(_ old: PeriodResult, _ new: PeriodResult, tracked: Set<Int>?) -> [WinnerChange] {
        struct Grant: Hashable { var award: Int, unit: String, group: String }
        func grants(_ result: PeriodResult) -> Set<Grant> {
            Set(result.grants.filter { tracked?.contains($0.award) ?? true }
                .map { Grant(award: $0.award, unit: $0.scopeUnit, group: result.groupIDs[$0.row]) })
        }
        let before = grants(old), after = grants(new)
        var changes: [WinnerChange] = []
        for (grant, entering) in after.subtracting(before).map({ ($0, true) }) + before.subtracting(after).map({ ($0, false) }) {
            let id = new.awardDefinitions[grant.award].id
            var index = changes.firstIndex { $0.awardID == id && $0.unit == grant.unit }
            if index == nil {
                changes.append(WinnerChange(awardID: id, unit: grant.unit, entering: [], leaving: []))
                index = changes.count - 1
            }
            guard let index else { continue }
            if entering { changes[index].entering.append(grant.group) } else { changes[index].leaving.append(grant.group) }
        }
        let precedence = new.awardDefinitions.map(\.id)
        func byCodePoint(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        return changes.map { change in
            var sorted = change
            sorted.entering.sort(by: byCodePoint)
            sorted.leaving.sort(by: byCodePoint)
            return sorted
        }.sorted { a, b in
            let (x, y) = (precedence.firstIndex(of: a.awardID) ?? 0, precedence.firstIndex(of: b.awardID) ?? 0)
            return x != y ? x < y : byCodePoint(a.unit, b.unit)
        }
    }
}
