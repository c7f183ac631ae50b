import ScoringKit

/// How one group's results differ between the evaluations of two configs.
///
/// The comparison is exact: two results differ when any figure a run
/// writes for the group differs at full precision — total, content points,
/// criterion achievements, bonus, deduction, tier, eligibility, reasons,
/// ward and district rank — or its award does. So the groups listed are
/// exactly those whose rows of `results.json` or `awards.csv` would differ
/// between the two runs. The headline figures are kept as pairs; the
/// others only by name, in `otherFigures`.
public struct GroupDifference: Sendable, Hashable {
    /// The group's id.
    public var groupID: String
    /// Its ward (the variant's when it is in both).
    public var ward: String
    /// In both evaluations, or in one only.
    public var kind: GroupChange.Kind
    /// The total (`old` = base, `new` = variant); `nil` when equal.
    public var total: ValueChange<Double>?
    /// Both totals, equal or not, for reading the other changes.
    public var totals: ValueChange<Double>
    /// The district rank; `nil` when equal.
    public var districtRank: ValueChange<Int>?
    /// The ward rank; `nil` when equal.
    public var wardRank: ValueChange<Int>?
    /// The tier; `nil` when equal.
    public var tier: ValueChange<String>?
    /// Eligibility; `nil` when equal.
    public var eligible: ValueChange<Bool>?
    /// The award id; `nil` when equal.
    public var award: ValueChange<String>?
    /// The other figures that differ, among `contents`, `criteria`,
    /// `bonus`, `deduction`, `reasons`, in that order.
    public var otherFigures: [String] = []

    /// Whether the award was gained, lost or changed; `nil` when it is the same.
    public var awardMove: GroupChange.AwardMove? {
        guard let award else { return nil }
        switch (award.old, award.new) {
        case (nil, _?): return .gained
        case (_?, nil): return .lost
        default: return .changed
        }
    }

    /// The change of district rank, variant − base (positive: moved down),
    /// when the group is ranked in both.
    public var rankDelta: Int? {
        guard let old = districtRank?.old, let new = districtRank?.new else { return nil }
        return new - old
    }

    /// The names `otherFigures` may hold, in order.
    public static let otherFigureOrder = ["contents", "criteria", "bonus", "deduction", "reasons"]

    /// Whether only figures beyond the headline ones differ.
    public var isOtherFiguresOnly: Bool {
        total == nil && districtRank == nil && wardRank == nil && tier == nil && eligible == nil && award == nil
            && !otherFigures.isEmpty
    }

    /// Whether anything differs.
    var hasDifferences: Bool {
        kind != .changed || total != nil || districtRank != nil || wardRank != nil || tier != nil
            || eligible != nil || award != nil || !otherFigures.isEmpty
    }
}

/// One group's results in one evaluation, as compared.
struct ComparedRow {
    let result: PeriodResult
    let row: Int
    let award: String?

    var total: Double? { result.total[row].isNaN ? nil : result.total[row] }
    var districtRank: Int? { result.districtRank[row] > 0 ? Int(result.districtRank[row]) : nil }
    var wardRank: Int? { result.wardRank[row] > 0 ? Int(result.wardRank[row]) : nil }
    var tier: String? {
        let tier = Int(result.tierOfRow[row])
        return result.tierNames.indices.contains(tier) ? result.tierNames[tier] : nil
    }

    /// The figures of `ids` (content or criterion ids) for this row, by id.
    func figures(_ ids: [String], _ columns: [[Double]]) -> [String: Double] {
        var byID: [String: Double] = [:]
        for (id, column) in zip(ids, columns) where row < column.count { byID[id] = column[row] }
        return byID
    }

    /// The groups' difference; `nil` when nothing differs.
    static func difference(_ base: ComparedRow?, _ variant: ComparedRow?) -> GroupDifference? {
        guard let either = variant ?? base else { return nil }
        let kind: GroupChange.Kind = base == nil ? .added : (variant == nil ? .removed : .changed)
        var difference = GroupDifference(groupID: either.result.groupIDs[either.row],
                                         ward: either.result.wardNames[Int(either.result.wardOfRow[either.row])],
                                         kind: kind, totals: ValueChange(old: base?.total, new: variant?.total))
        difference.total = base?.total == variant?.total ? nil : difference.totals
        difference.districtRank = .between(base?.districtRank, variant?.districtRank)
        difference.wardRank = .between(base?.wardRank, variant?.wardRank)
        difference.tier = .between(base?.tier, variant?.tier)
        difference.eligible = .between(base.map { $0.result.eligible[$0.row] }, variant.map { $0.result.eligible[$0.row] })
        difference.award = .between(base?.award, variant?.award)
        if let base, let variant {
            difference.otherFigures = base.otherFiguresDiffering(from: variant)
        }
        return difference.hasDifferences ? difference : nil
    }

    /// The names of the figures beyond the headline ones that differ.
    private func otherFiguresDiffering(from other: ComparedRow) -> [String] {
        let (a, b) = (result, other.result)
        var names: [String] = []
        if !Self.same(figures(a.contentIDs, a.contentPoints), other.figures(b.contentIDs, b.contentPoints)) {
            names.append("contents")
        }
        if !Self.same(figures(a.criterionIDs, a.achievements), other.figures(b.criterionIDs, b.achievements)) {
            names.append("criteria")
        }
        if !Self.same(a.bonus, row, b.bonus, other.row) { names.append("bonus") }
        if !Self.same(a.deduction, row, b.deduction, other.row) { names.append("deduction") }
        if a.reasons[row] != b.reasons[other.row] { names.append("reasons") }
        return names
    }

    /// Equal values, NaN (a year figure of an unranked group) equal to NaN.
    private static func same(_ a: [Double], _ rowA: Int, _ b: [Double], _ rowB: Int) -> Bool {
        same(rowA < a.count ? a[rowA] : .nan, rowB < b.count ? b[rowB] : .nan)
    }

    private static func same(_ x: Double, _ y: Double) -> Bool {
        x == y || (x.isNaN && y.isNaN)
    }

    /// The same ids with the same values.
    private static func same(_ a: [String: Double], _ b: [String: Double]) -> Bool {
        a.count == b.count && a.allSatisfy { id, value in b[id].map { same(value, $0) } ?? false }
    }
}
