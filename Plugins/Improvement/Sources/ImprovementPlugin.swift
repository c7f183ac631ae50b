import ScoringKit

/// The `improvement` criterion (SCORING.md 3.2): the achievement rises in a
/// straight line with the change of x since the previous period of the round.
///
/// d = x − x_prev, x_prev being the same group's x in the previous period;
/// a = clamp((d − zero_at) / (full_at − zero_at), 0, 1). In the round's first
/// period, and for a group with no row in the previous period, a =
/// `if_no_history`; x is then not computed, so a zero `per` sum in a period
/// with no history to compare against is not an error.
public struct ImprovementPlugin: ScoringPlugin {
    /// `improvement`, a criterion.
    public static let descriptor = PluginDescriptor(
        name: "improvement",
        version: "1.0.0",
        summary: "a = clamp((d − zero_at) / (full_at − zero_at), 0, 1) with d = x − x in the previous period",
        role: .criterion,
        parameters: [
            .measure,
            ParameterDescription("zero_at", "change d at which a = 0"),
            ParameterDescription("full_at", "change d at which a = 1; must differ from zero_at; below it for a cost"),
            ParameterDescription("if_no_history", "a in the round's first period or for a group new this period; in [0, 1]"),
        ]
    )

    /// The quantity whose change is scored.
    public let measure: Measure
    /// The change at which the achievement is 0.
    public let zeroAt: Double
    /// The change at which the achievement is 1; never equal to `zeroAt`.
    public let fullAt: Double
    /// The achievement of a group with no previous value, in [0, 1].
    public let ifNoHistory: Double

    /// Reads `measure`, `zero_at`, `full_at` and `if_no_history`.
    ///
    /// - Throws: `DiagnosticError` when a parameter is missing or not a
    ///   number, at `full_at` when it equals `zero_at`, or at
    ///   `if_no_history` when it is outside [0, 1].
    public init(parameters: PluginParameters) throws {
        let id = parameters.entryID
        measure = try parameters.measure()
        zeroAt = try parameters.number("zero_at")
        fullAt = try parameters.number("full_at")
        guard fullAt != zeroAt else {
            throw parameters.error(
                at: "full_at", "\(id): 'full_at' must differ from 'zero_at' (both are \(fullAt))",
                hint: "put full_at at the change that earns a = 1: above zero_at when growth is better, below it for a cost")
        }
        ifNoHistory = try parameters.requiredNode(
            "if_no_history", hint: "give the achievement, in [0, 1], of a group with nothing to compare with"
        ).number("'if_no_history'")
        guard (0...1).contains(ifNoHistory) else {
            throw parameters.error(at: "if_no_history",
                                   "\(id): 'if_no_history' must be between 0 and 1, not \(ifNoHistory)")
        }
    }

    /// The measure's columns, read in the current and the previous period.
    public var columns: [String] { measure.columns }

    /// The measure, so explanations can show x and its inputs.
    public var scoredMeasure: Measure? { measure }

    /// Binds the measure to this period and, when there is one, to the previous period.
    ///
    /// - Throws: `EvaluationError` when a column is missing; for the
    ///   previous period, the error carries that period.
    public func prepare(_ table: PeriodTable) throws -> any PeriodScorer {
        let current = try measure.bind(to: table)
        var history: BoundMeasure?
        if let previous = table.previous {
            do {
                history = try measure.bind(to: previous)
            } catch var error as EvaluationError {
                error.period = previous.period
                throw error
            }
        }
        return Scorer(current: current, previous: history, previousRow: table.previousRow,
                      zeroAt: zeroAt, span: fullAt - zeroAt, ifNoHistory: ifNoHistory)
    }

    /// The prepared state: the measure bound to both periods and the row map between them.
    struct Scorer: PeriodScorer {
        let current: BoundMeasure
        /// `nil` in the round's first period.
        let previous: BoundMeasure?
        let previousRow: [Int32]
        let zeroAt: Double
        let span: Double
        let ifNoHistory: Double

        func score(rows: Range<Int>, into output: UnsafeMutableBufferPointer<Double>) throws {
            var index = 0
            for row in rows {
                output[index] = try achievement(row)
                index += 1
            }
        }

        private func achievement(_ row: Int) throws(EvaluationError) -> Double {
            let before = Int(previousRow[row])
            guard let previous, before >= 0 else { return ifNoHistory }
            let x = try current.value(at: row)
            let xPrevious: Double
            do throws(EvaluationError) {
                xPrevious = try previous.value(at: before)
            } catch {
                // The bound measure names the previous period and its own
                // row; the core reports errors by the row being scored.
                var error = error
                error.row = row
                throw error
            }
            let d = x - xPrevious
            return min(max((d - zeroAt) / span, 0), 1)
        }
    }
}
