import ScoringKit

/// Everything one evaluation (a quarter, later the year) produced, stored by
/// column: index `r` of every per-row array is the same residential group.
///
/// Writers read it; nothing here is recomputed by them.
public struct PeriodResult: Sendable {
    /// The period, e.g. `2020-Q1`.
    public var period: String
    /// Group ids, per row.
    public var groupIDs: [String]
    /// Group names, per row.
    public var groupNames: [String]
    /// Ward of each row, an index into `wardNames`.
    public var wardOfRow: [Int32]
    /// The wards, sorted.
    public var wardNames: [String]

    /// Content ids in config order.
    public var contentIDs: [String]
    /// Content points P_c, `[content][row]`.
    public var contentPoints: [[Double]]
    /// Criterion ids in config order (all contents, flattened).
    public var criterionIDs: [String]
    /// Achievements a in [0, 1], `[criterion][row]`.
    public var achievements: [[Double]]
    /// Capped bonus points, per row.
    public var bonus: [Double]
    /// Deduction points, per row.
    public var deduction: [Double]
    /// total = max(0, base + bonus − deduction), per row.
    public var total: [Double]

    /// Tier names in config order (best first).
    public var tierNames: [String]
    /// Tier of each row, an index into `tierNames`.
    public var tierOfRow: [Int32]
    /// Eligibility, per row.
    public var eligible: [Bool]
    /// Why a row is not eligible (empty when it is), per row.
    public var reasons: [[String]]

    /// Rank within the ward (competition ranking), per row; 0 = not ranked.
    public var wardRank: [Int32]
    /// Rank within the district, per row; 0 = not ranked.
    public var districtRank: [Int32]
    /// Rows in ranking order: district rank, then `group_id`.
    public var order: [Int32]

    /// The awards of the round, in precedence order.
    public var awardDefinitions: [AwardDefinition]
    /// Awards granted, in output order: by award, then unit, then rank.
    public var grants: [AwardGrant]
    /// How each award was decided in each unit, with the groups that came
    /// close and why they were passed over, for the report.
    public var decisions: [AwardDecision] = []
    /// Warnings of this evaluation (ties at award cutoffs), for people.
    public var warnings: [String]

    /// For the year: the quarters it is made of, in the round's order;
    /// empty for a quarter.
    public var yearPeriods: [String] = []
    /// For the year: each group's total in each quarter, `[period][row]`,
    /// NaN where the group has no row in that quarter.
    public var periodTotals: [[Double]] = []

    /// True for the evaluation of a whole year.
    public var isYear: Bool { !yearPeriods.isEmpty }

    /// Number of rows (groups).
    public var rowCount: Int { groupIDs.count }
}

/// One award of the round as the results need it.
public struct AwardDefinition: Sendable, Hashable {
    /// The award's id.
    public var id: String
    /// Its title, e.g. `Giấy khen của UBND quận`.
    public var title: String
    /// `district` or `ward`.
    public var scope: AwardScope
    /// `min_tier`: the lowest tier a winner may have, an index into
    /// `PeriodResult.tierNames`.
    public var minTier: Int32

    /// Creates a definition.
    public init(id: String, title: String, scope: AwardScope, minTier: Int32) {
        self.id = id
        self.title = title
        self.scope = scope
        self.minTier = minTier
    }
}

/// The unit an award's quota applies to.
public enum AwardScope: String, Sendable, Hashable, CaseIterable {
    /// The whole district is one unit.
    case district
    /// Each ward is a unit on its own.
    case ward
}

/// One award given to one group.
public struct AwardGrant: Sendable, Hashable {
    /// Index into `PeriodResult.awardDefinitions`.
    public var award: Int
    /// The unit: `district`, or the ward's name for a ward-scope award.
    public var scopeUnit: String
    /// The row of the group.
    public var row: Int

    /// Creates a grant.
    public init(award: Int, scopeUnit: String, row: Int) {
        self.award = award
        self.scopeUnit = scopeUnit
        self.row = row
    }
}

/// How one award was decided in one unit (SCORING.md 3.5).
public struct AwardDecision: Sendable {
    /// Index into `PeriodResult.awardDefinitions`.
    public var award: Int
    /// `district`, or the ward's name.
    public var unit: String
    /// n: the ranked groups of the unit.
    public var unitSize: Int
    /// q: the quota for this unit.
    public var quota: Int
    /// Rows that won, in ranking order.
    public var winners: [Int]
    /// Rows that did not win although they rank above the last winner, or
    /// just below the cutoff, in ranking order, with the reason.
    public var passedOver: [PassedOver]
}

/// A group that did not receive an award, and why.
public struct PassedOver: Sendable {
    /// Why a group was passed over.
    public enum Reason: Sendable, Equatable {
        /// Not eligible; the reasons are those of the result.
        case notEligible
        /// Its tier is below the award's `min_tier`.
        case tierTooLow
        /// It already holds this earlier award (index into the definitions).
        case holdsAward(Int)
        /// It tied at the cutoff and `ties_at_cutoff: exclude` dropped it.
        case tieAtCutoff
        /// The quota was filled by better-ranked groups; `pointsBehind` is
        /// its distance to the last winner's total (or the quota was 0).
        case outsideQuota(pointsBehind: Double?)
    }

    /// The group's row.
    public var row: Int
    /// Why it did not win.
    public var reason: Reason
}
