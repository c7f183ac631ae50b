/// Points in proportion to a measure, optionally capped (SCORING.md 3.2):
/// points = min(max, points_per × x), and points_per × x without `max`.
///
/// The building block of plugins whose results are points ≥ 0, such as the
/// built-in `bonus` and `deduction`: a plugin reads its parameters into one,
/// forwards `columns` and `prepare(_:)` to it, and keeps its own descriptor,
/// role and wording.
///
/// ```swift
/// public init(parameters: PluginParameters) throws {
///     points = try PointsPerUnit(parameters: parameters, kind: "bonus",
///                                hint: "bonus points are never negative; use a deduction to take points away")
/// }
/// ```
///
/// The points are never negative: `points_per` and `max` must be ≥ 0, and
/// so must the measure's `scale` and `if_per_zero`, since data columns are
/// never negative. A `points_per` of 0 is allowed, which lets a committee
/// switch an entry off for a round without deleting it.
public struct PointsPerUnit: Sendable {
    /// The `measure` key: the quantity x.
    public let measure: Measure
    /// The `points_per` key: points for each unit of x, ≥ 0.
    public let pointsPer: Double
    /// The `max` key: the most points a group gets, ≥ 0; `nil` for no cap.
    public let cap: Double?

    /// Reads and checks `measure`, `points_per` and `max`.
    ///
    /// Messages start with the entry's id, e.g.
    /// `fund: 'max' must be 0 or more, not -3.0`, and those about the
    /// measure name the kind: `'scale' must be 0 or more in a bonus's measure`.
    ///
    /// - Parameters:
    ///   - parameters: The entry's parameters; the three keys are marked read.
    ///   - kind: What the points are, for messages: `bonus`, `deduction`.
    ///   - hint: The hint of every "must be 0 or more" error; by default
    ///     "KIND points are never negative".
    /// - Throws: `DiagnosticError` when `measure` or `points_per` is missing,
    ///   when a parameter is not a number (or the measure is invalid), or
    ///   when `points_per`, `max`, or the measure's `scale` or `if_per_zero`
    ///   is below 0; each points at the offending value.
    public init(parameters: PluginParameters, kind: String, hint: String? = nil) throws {
        let id = parameters.entryID
        measure = try parameters.measure()
        pointsPer = try parameters.number("points_per")
        cap = try parameters.optionalNumber("max")
        let hint = hint ?? "\(kind) points are never negative"
        guard pointsPer >= 0 else {
            throw parameters.error(at: "points_per", "\(id): 'points_per' must be 0 or more, not \(pointsPer)",
                                   hint: hint)
        }
        if let cap, cap < 0 {
            throw parameters.error(at: "max", "\(id): 'max' must be 0 or more, not \(cap)", hint: hint)
        }
        for (key, value) in [("scale", measure.scale), ("if_per_zero", measure.ifPerZero ?? 0)] where value < 0 {
            throw DiagnosticError(
                at: parameters.node("measure")?[key]?.value.location ?? measure.location,
                "\(id): '\(key)' must be 0 or more in a \(kind)'s measure, not \(value)", hint: hint)
        }
    }

    /// The measure's columns.
    public var columns: [String] { measure.columns }

    /// Binds the measure to the period's columns.
    ///
    /// - Parameter table: The period to score.
    /// - Returns: A scorer writing min(max, points_per × x) for each row.
    /// - Throws: `EvaluationError` when a column is missing.
    public func prepare(_ table: PeriodTable) throws -> any PeriodScorer {
        Scorer(measure: try measure.bind(to: table), pointsPer: pointsPer, cap: cap ?? .infinity)
    }

    /// The prepared state; an absent `max` is an infinite cap, so the loop has no branch.
    struct Scorer: PeriodScorer {
        let measure: BoundMeasure
        let pointsPer: Double
        let cap: Double

        func score(rows: Range<Int>, into output: UnsafeMutableBufferPointer<Double>) throws {
            try measure.map(rows: rows, into: output) { x in min(cap, pointsPer * x) }
        }
    }
}
