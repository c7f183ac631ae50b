import ScoringKit

/// The `linear` criterion (SCORING.md 3.2): the achievement rises in a
/// straight line from 0 at `zero_at` to 1 at `full_at`.
///
/// a = clamp((x − zero_at) / (full_at − zero_at), 0, 1). With `full_at`
/// below `zero_at` the line falls, which scores a cost such as a violation
/// rate: less is better.
public struct LinearPlugin: ScoringPlugin {
    /// `linear`, a criterion.
    public static let descriptor = PluginDescriptor(
        name: "linear",
        version: "1.0.0",
        summary: "a = clamp((x − zero_at) / (full_at − zero_at), 0, 1): a straight line between two points",
        role: .criterion,
        parameters: [
            .measure,
            ParameterDescription("zero_at", "x at which a = 0; below it (above it for a cost) a stays 0"),
            ParameterDescription("full_at", "x at which a = 1; must differ from zero_at; below zero_at makes a cost criterion"),
        ]
    )

    /// The quantity scored.
    public let measure: Measure
    /// x at which the achievement is 0.
    public let zeroAt: Double
    /// x at which the achievement is 1; never equal to `zeroAt`.
    public let fullAt: Double

    /// Reads `measure`, `zero_at` and `full_at`.
    ///
    /// - Throws: `DiagnosticError` when a parameter is missing or not a
    ///   number, or at `full_at` when it equals `zero_at`.
    public init(parameters: PluginParameters) throws {
        measure = try parameters.measure()
        zeroAt = try parameters.number("zero_at")
        fullAt = try parameters.number("full_at")
        guard fullAt != zeroAt else {
            throw parameters.error(
                at: "full_at",
                "\(parameters.entryID): 'full_at' must differ from 'zero_at' (both are \(fullAt))",
                hint: "put full_at where a reaches 1: above zero_at when more is better, below it for a cost")
        }
    }

    /// The measure's columns.
    public var columns: [String] { measure.columns }

    /// The measure, so explanations can show x and its inputs.
    public var scoredMeasure: Measure? { measure }

    /// Binds the measure to the period's columns.
    ///
    /// - Throws: `EvaluationError` when a column is missing.
    public func prepare(_ table: PeriodTable) throws -> any PeriodScorer {
        Scorer(measure: try measure.bind(to: table), zeroAt: zeroAt, span: fullAt - zeroAt)
    }

    /// The prepared state: the bound measure and the line's two constants.
    struct Scorer: PeriodScorer {
        let measure: BoundMeasure
        let zeroAt: Double
        let span: Double

        func score(rows: Range<Int>, into output: UnsafeMutableBufferPointer<Double>) throws {
            // Divides rather than multiplying by a precomputed 1/span so
            // the result is the formula of SCORING.md to the last bit.
            try measure.map(rows: rows, into: output) { x in min(max((x - zeroAt) / span, 0), 1) }
        }
    }
}
