/// A failure while scoring data that passed validation, such as a measure
/// dividing by a zero `per` sum without `if_per_zero`.
///
/// Plugins throw it with the row; the core adds the criterion, the group and
/// the period before showing it to the user.
public struct EvaluationError: Error, Sendable, Equatable {
    /// The row (group) of the period being scored.
    public var row: Int
    /// The period the failing value belongs to, when it is not the period
    /// being scored (e.g. the history an `improvement` criterion reads).
    public var period: String?
    /// What went wrong, e.g. `per (households) is 0`.
    public var message: String
    /// How to fix it.
    public var hint: String?

    /// Creates an evaluation error.
    public init(row: Int, period: String? = nil, message: String, hint: String? = nil) {
        self.row = row
        self.period = period
        self.message = message
        self.hint = hint
    }
}
