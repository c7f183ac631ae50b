/// A value in the old output and in the new one; `nil` stands for "none"
/// (no award, not ranked, or no such group in that output).
public struct ValueChange<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value in the old output.
    public var old: Value?
    /// The value in the new output.
    public var new: Value?

    /// Creates a change.
    public init(old: Value?, new: Value?) {
        self.old = old
        self.new = new
    }

    /// The change, or `nil` when both sides are equal.
    static func between(_ old: Value?, _ new: Value?) -> ValueChange? {
        old == new ? nil : ValueChange(old: old, new: new)
    }
}

/// How one group's result differs between two outputs of the same period.
///
/// Only what differs is set: a `nil` property means "the same in both".
/// For a group added (or removed), every value it has in the new (or old)
/// output is set, against `nil` on the other side.
public struct GroupChange: Sendable, Hashable {
    /// Whether the group is in both outputs or in one only.
    public enum Kind: String, Sendable, Hashable {
        /// In both outputs, with different results.
        case changed
        /// Only in the new output.
        case added
        /// Only in the old output.
        case removed
    }

    /// How an award changed, in committee terms.
    public enum AwardMove: String, Sendable, Hashable {
        /// No award before, one now.
        case gained
        /// An award before, none now.
        case lost
        /// A different award (`giay-khen → co-thi-dua`).
        case changed
    }

    /// The group's id.
    public var groupID: String
    /// Its ward (in the new output when it is in both).
    public var ward: String
    /// Changed, added or removed.
    public var kind: Kind
    /// The total, when it moved by more than the tolerance.
    public var total: ValueChange<Double>?
    /// The district rank, when it changed.
    public var districtRank: ValueChange<Int>?
    /// The ward rank, when it changed.
    public var wardRank: ValueChange<Int>?
    /// The tier, when it changed.
    public var tier: ValueChange<String>?
    /// Eligibility, when it changed.
    public var eligible: ValueChange<Bool>?
    /// The award id, when the award was gained, lost or changed.
    public var award: ValueChange<String>?

    /// Compares one group's two results.
    /// - Parameters:
    ///   - old: The group in the old output, or `nil` when it is not there.
    ///   - new: The group in the new output, or `nil` when it is not there.
    ///   - tolerance: Points a total may move without being reported.
    /// - Returns: The change, or `nil` when nothing differs (or the group
    ///   is in neither output).
    public static func between(_ old: GroupSnapshot?, _ new: GroupSnapshot?, tolerance: Double) -> GroupChange? {
        guard let either = new ?? old else { return nil }
        let kind: Kind = old == nil ? .added : (new == nil ? .removed : .changed)
        var change = GroupChange(groupID: either.groupID, ward: either.ward, kind: kind)
        change.total = totalChange(old?.total, new?.total, tolerance: tolerance)
        change.districtRank = .between(old?.districtRank, new?.districtRank)
        change.wardRank = .between(old?.wardRank, new?.wardRank)
        change.tier = .between(old?.tier, new?.tier)
        change.eligible = .between(old?.eligible, new?.eligible)
        change.award = .between(old?.award, new?.award)
        return kind == .changed && !change.hasDifferences ? nil : change
    }

    /// Whether any compared value differs.
    public var hasDifferences: Bool {
        total != nil || districtRank != nil || wardRank != nil || tier != nil || eligible != nil || award != nil
    }

    /// Whether the award was gained, lost or changed; `nil` when it is the same.
    public var awardMove: AwardMove? {
        guard let award else { return nil }
        switch (award.old, award.new) {
        case (nil, _?): return .gained
        case (_?, nil): return .lost
        default: return .changed
        }
    }

    /// The total's change when it moved by more than `tolerance` (plus the
    /// 1e-9 slack every comparison of the scoring model allows, so that a
    /// move of exactly the tolerance is not reported for a rounding error).
    static func totalChange(_ old: Double?, _ new: Double?, tolerance: Double) -> ValueChange<Double>? {
        guard let old, let new else { return .between(old, new) }
        return abs(new - old) > tolerance + 1e-9 ? ValueChange(old: old, new: new) : nil
    }
}
