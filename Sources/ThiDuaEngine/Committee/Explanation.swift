import ScoringKit

/// One group's full score sheet in one evaluation (a quarter, or the year):
/// what `thidua explain` prints.
///
/// Every figure is read from the `PeriodResult` that `thidua run` writes
/// (and, for a quarter, from the plugin results it was decided from); only
/// the measure's inputs and x are read afresh from the period's table,
/// with the same bound measure the plugins use. Built by
/// ``Explanation/explain(group:in:selection:jobs:)``, rendered by
/// ``ExplanationReport``.
public struct Explanation: Sendable {
    /// The config file, as named.
    public var config: String
    /// The period, e.g. `2020-Q2`, or the year, e.g. `2020`.
    public var period: String
    /// Whether this is the year as a whole.
    public var isYear: Bool
    /// The group.
    public var groupID: String, groupName: String, ward: String

    /// The contents, in config order; for the year, their means.
    public var contents: [ContentSheet]
    /// The bonuses, each with its points before `bonus_cap`; empty for the year.
    public var bonuses: [EntrySheet]
    /// `bonus_cap`, when set.
    public var bonusCap: Double?
    /// The bonus counted in the total (capped; the mean for the year).
    public var bonus: Double
    /// The deductions, each with its points; empty for the year.
    public var deductions: [EntrySheet]
    /// The deduction counted in the total (the mean for the year).
    public var deduction: Double
    /// The gates, each with x and pass or fail; empty for the year.
    public var gates: [EntrySheet]
    /// `content_floor`, when set.
    public var contentFloor: Double?

    /// The total; `nil` for a group not ranked for the year.
    public var total: Double?
    /// The tier's name; `nil` when it has none.
    public var tier: String?
    /// The next tier up and the points missing to reach it; `nil` at the top.
    public var nextTier: (name: String, min: Double, missing: Double)?
    /// Eligibility and the reasons against it.
    public var eligible: Bool, reasons: [String]
    /// Ranks; `nil` when not ranked.
    public var districtRank: Int?, wardRank: Int?
    /// Groups ranked in the district and in the group's ward.
    public var districtSize: Int, wardSize: Int
    /// For each award of the evaluation, in precedence order, won or why not.
    public var awards: [AwardVerdict]
    /// For the year: each quarter of the round; empty for a quarter.
    public var quarters: [QuarterLine]
}

/// One content of a score sheet.
public struct ContentSheet: Sendable {
    /// The content's id and title.
    public var id: String, title: String
    /// Its maximum, `points`.
    public var maximum: Double
    /// P_c, the points it earned (read from the result).
    public var points: Double
    /// The floor check, when `content_floor` is set: points needed and whether met.
    public var floor: (needed: Double, met: Bool)?
    /// Its criteria; empty for the year.
    public var criteria: [EntrySheet]
}

/// One entry (criterion, bonus, deduction, gate) of a score sheet.
public struct EntrySheet: Sendable {
    /// The entry's id, title and plugin name.
    public var id: String, title: String, plugin: String
    /// The plugin's parameters as written, each key with its value on one
    /// line (`zero_at` → `0.7`; `bands` → `[{at_least: 0.995, score: 1.0}, …]`).
    public var parameters: [(key: String, value: String)]
    /// The measure's inputs and x; `nil` when the plugin has no measure.
    public var measure: MeasureInputs?
    /// The plugin's result: the achievement a, the points, or 1/0 for a gate.
    public var result: Double
    /// For a criterion: its weight, the sum of its content's weights, and the
    /// points it contributes, points_c × w × a / Σw.
    public var weight: Double?, weightSum: Double?, points: Double?
    /// For a gate: the reason printed when it fails.
    public var failureReason: String?
}

/// A measure's inputs for one group: each column and its value, and x.
public struct MeasureInputs: Sendable {
    /// The `value` columns and their numbers.
    public var value: [(column: String, number: Double)]
    /// The `per` columns and their numbers; empty without `per`.
    public var per: [(column: String, number: Double)]
    /// `scale` (1 by default) and `if_per_zero`.
    public var scale: Double, ifPerZero: Double?
    /// x, or why it cannot be computed (a zero `per` sum without
    /// `if_per_zero`, which an `improvement` criterion may meet without
    /// history).
    public var x: Result<Double, EvaluationError>
    /// x of the same group in the previous period of the round, when it has
    /// a row there and x can be computed: what an `improvement` criterion
    /// compares with.
    public var previousX: Double?
}

/// One quarter of a group's year.
public struct QuarterLine: Sendable {
    /// The period.
    public var period: String
    /// The group's total, tier, eligibility and reasons in it; `nil` when
    /// the group has no row in that quarter.
    public var total: Double?, tier: String?, eligible: Bool?, reasons: [String]
    /// The group's district rank in the quarter.
    public var districtRank: Int?
}
