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
/// committee switch a deduction off for a round without deleting it.
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

    /// The quantity penalised.
    public let measure: Measure
    /// Points for each unit of x, ≥ 0.
    public let pointsPer: Double
    /// The `max` key: the most points a group loses, ≥ 0; `nil` for no cap.
    public let cap: Double?

    /// Reads `measure`, `points_per` and `max`.
    ///
    /// - Throws: `DiagnosticError` when a parameter is missing or not a
    ///   number, or when `points_per`, `max`, or the measure's `scale` or
    ///   `if_per_zero` is below 0.
    public init(parameters: PluginParameters) throws {
        let id = parameters.entryID
        measure = try parameters.measure()
        pointsPer = try parameters.number("points_per")
        cap = try parameters.optionalNumber("max")
        let hint = "deduction points are never negative; use a bonus to add points"
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
                "\(id): '\(key)' must be 0 or more in a deduction's measure, not \(value)", hint: hint)
        }
    }

    /// The measure's columns.
    public var columns: [String] { measure.columns }

    /// Binds the measure to the period's columns.
    ///
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
            var index = 0
            for row in rows {
                output[index] = min(cap, pointsPer * (try measure.value(at: row)))
                index += 1
            }
        }
    }
}
