/// What `thidua sensitivity` found: for each evaluation, how far each
/// content's points may move, alone, before an award list changes, and
/// how far each winner leads the group that would take its place.
///
/// Built by ``Sensitivity/analyse(_:awardID:)``; rendered by
/// ``SensitivityReport``.
public struct SensitivityResult: Sendable {
    /// The config file, as named.
    public var config: String
    /// The award whose winners are followed (`--award`); `nil` for every award.
    public var awardID: String?
    /// The evaluations, quarters in the round's order, then the year.
    public var evaluations: [EvaluationSensitivity]
    /// Evaluations left out because they have no award `awardID`.
    public var skipped: [String]
}

/// The sensitivity of one evaluation (a quarter, or the year).
public struct EvaluationSensitivity: Sendable {
    /// The period, e.g. `2020-Q1`, or the year, e.g. `2020`.
    public var period: String
    /// The awards followed, in precedence order, with their number of winners.
    public var awards: [(id: String, winners: Int)]
    /// Each content, in config order.
    public var contents: [ContentInterval]
    /// Each winner of a followed award, in the order of `awards.csv`.
    public var margins: [WinnerMargin]
}

/// How far one content's points may move alone with every followed award
/// going to exactly the same groups.
public struct ContentInterval: Sendable {
    /// The content's id.
    public var contentID: String
    /// Its points in the config.
    public var points: Double
    /// The range searched: 0 to twice the points.
    public var searched: ClosedRange<Double>
    /// The lower end of the interval.
    public var lower: IntervalEnd
    /// The upper end of the interval.
    public var upper: IntervalEnd
    /// How many times the evaluation was decided afresh to find the ends.
    public var decisions: Int
}

/// One end of a content's interval.
public struct IntervalEnd: Sendable {
    /// The content's points at the end.
    public var value: Double
    /// Whether `value` itself keeps the winners (`[`, `]`) or already
    /// changes them (`(`, `)`).
    public var isClosed: Bool
    /// Whether the end is the end of the searched range (0 or twice the
    /// points): nothing changes up to there.
    public var isLimit: Bool
    /// How the winners differ just outside the interval (at `value` when
    /// the end is open, just beyond it when closed); empty at a limit.
    public var changes: [WinnerChange]
}

/// The winners of one award in one unit that differ between two decisions.
public struct WinnerChange: Sendable, Equatable {
    /// The award's id.
    public var awardID: String
    /// `district`, or the ward's name.
    public var unit: String
    /// Groups that win it outside the interval, but not inside.
    public var entering: [String]
    /// Groups that win it inside the interval, but not outside.
    public var leaving: [String]
}

/// How far a winner leads the group that would take its place.
///
/// The runner-up is the best-ranked group of the same unit that was a
/// candidate for the same award (eligible, tier at least the award's
/// `min_tier`, no earlier award) and did not get it; groups that could not
/// have had the award are not runners-up, however high they rank.
public struct WinnerMargin: Sendable {
    /// The award's id.
    public var awardID: String
    /// `district`, or the ward's name.
    public var unit: String
    /// The winner.
    public var groupID: String
    /// The winner's ward.
    public var ward: String
    /// The winner's total.
    public var total: Double
    /// The runner-up; `nil` when every candidate of the unit won.
    public var runnerUp: String?
    /// The runner-up's total.
    public var runnerUpTotal: Double?
    /// `total − runnerUpTotal`; `nil` without a runner-up.
    public var margin: Double? { runnerUpTotal.map { total - $0 } }
}
