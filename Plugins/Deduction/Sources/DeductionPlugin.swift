import ScoringKit

/// The `deduction` plugin (SCORING.md 3.2), used under `deductions`: points
/// subtracted in proportion to x, optionally capped.
///
/// points = min(max, points_per × x), and points_per × x without `max`.
/// The core subtracts the sum of all deductions, with no overall cap; the
/// total then stops at 0.
///
/// Deduction points are never negative: `points_per` and `max` must be ≥ 0,
/// and so must the measure's `scale` and `if_per_zero`, since data columns
/// are never negative. A `points_per` of 0 is allowed, which lets a
/// committee switch a deduction off for a round without deleting it. The
/// parameters and the formula are ScoringKit's `PointsPerUnit`.
public struct DeductionPlugin: ScoringPlugin {
    /// `deduction`, for the `deductions` section.
    public static let descriptor = PluginDescriptor(
        name: "deduction",
        version: "1.0.0",
        summary: "points = min(max, points_per × x); no cap without max",
        role: .deduction,
        parameters: [
            .measure,
            ParameterDescription("points_per", "points for each unit of x; ≥ 0"),
            ParameterDescription("max", "the most points this deduction takes from a group; ≥ 0", default: "no cap"),
        ]
    )

    /// The parameters and the formula.
    let points: PointsPerUnit

    /// The quantity penalised.
    public var measure: Measure { points.measure }
    /// Points for each unit of x, ≥ 0.
    public var pointsPer: Double { points.pointsPer }
    /// The `max` key: the most points a group loses, ≥ 0; `nil` for no cap.
    public var cap: Double? { points.cap }

    /// Reads `measure`, `points_per` and `max`.
    ///
    /// - Throws: `DiagnosticError` when a parameter is missing or not a
    ///   number, or when `points_per`, `max`, or the measure's `scale` or
    ///   `if_per_zero` is below 0.
    public init(parameters: PluginParameters) throws {
        points = try PointsPerUnit(parameters: parameters, kind: "deduction",
                                   hint: "deduction points are never negative; use a bonus to add points")
    }

    /// The measure's columns.
    public var columns: [String] { points.columns }

    /// The measure, so explanations can show x and its inputs.
    public var scoredMeasure: Measure? { points.measure }

    /// Binds the measure to the period's columns.
    ///
    /// - Throws: `EvaluationError` when a column is missing.
    public func prepare(_ table: PeriodTable) throws -> any PeriodScorer {
        try points.prepare(table)
    }
}
