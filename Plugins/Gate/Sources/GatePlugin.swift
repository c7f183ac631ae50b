import ScoringKit

/// The `gate` plugin (SCORING.md 3.2), used under `gates`: a condition every
/// eligible group must meet, such as "no serious incident".
///
/// A group fails when x < `at_least` or x > `at_most`, each compared within
/// `Tolerance.absolute`, so a computed 0.30000000000000004 meets
/// `at_most: 0.3`. The result is 1 when the group passes and 0 when it
/// fails; a failing group is ineligible and the core prints `reason`.
public struct GatePlugin: ScoringPlugin {
    /// `gate`, for the `gates` section.
    public static let descriptor = PluginDescriptor(
        name: "gate",
        version: "1.0.0",
        summary: "passes (1) when at_least ≤ x ≤ at_most, fails (0) otherwise",
        role: .gate,
        parameters: [
            .measure,
            ParameterDescription("at_least", "the lowest x that passes; at least one of at_least, at_most",
                                 default: "no lower limit"),
            ParameterDescription("at_most", "the highest x that passes; not below at_least",
                                 default: "no upper limit"),
            ParameterDescription("reason", "why a failing group is ineligible, printed in its reasons",
                                 default: "gate 'ID' failed"),
        ]
    )

    /// The quantity checked.
    public let measure: Measure
    /// The lowest x that passes, if any.
    public let atLeast: Double?
    /// The highest x that passes, if any; never below `atLeast`.
    public let atMost: Double?
    /// The text shown for a group that fails; `nil` for the core's default.
    public let reason: String?

    /// Reads `measure`, `at_least`, `at_most` and `reason`.
    ///
    /// - Throws: `DiagnosticError` when the measure is missing, a limit is
    ///   not a number, neither limit is given, `at_most` is below
    ///   `at_least`, or `reason` is not text or is blank.
    public init(parameters: PluginParameters) throws {
        let id = parameters.entryID
        measure = try parameters.measure()
        atLeast = try parameters.optionalNumber("at_least")
        atMost = try parameters.optionalNumber("at_most")
        reason = try parameters.optionalText("reason")
        guard atLeast != nil || atMost != nil else {
            throw parameters.error(at: nil, "\(id): a gate needs 'at_least', 'at_most' or both",
                                   hint: "e.g. at_most: 0 fails every group whose x is above 0")
        }
        if let atLeast, let atMost, atMost < atLeast {
            throw parameters.error(
                at: "at_most", "\(id): 'at_most' (\(atMost)) is below 'at_least' (\(atLeast)), so no group could pass")
        }
        if let reason, reason.allSatisfy(\.isWhitespace) {
            throw parameters.error(at: "reason", "\(id): 'reason' must not be blank",
                                   hint: "say why a failing group is ineligible, or leave 'reason' out")
        }
    }

    /// The measure's columns.
    public var columns: [String] { measure.columns }

    /// The measure, so explanations can show x and its inputs.
    public var scoredMeasure: Measure? { measure }

    /// The `reason` parameter.
    public var failureReason: String? { reason }

    /// Binds the measure to the period's columns.
    ///
    /// - Throws: `EvaluationError` when a column is missing.
    public func prepare(_ table: PeriodTable) throws -> any PeriodScorer {
        Scorer(measure: try measure.bind(to: table),
               lower: atLeast ?? -.infinity, upper: atMost ?? .infinity)
    }

    /// The prepared state; an absent limit is an infinite one, which every x meets.
    struct Scorer: PeriodScorer {
        let measure: BoundMeasure
        let lower: Double
        let upper: Double

        func score(rows: Range<Int>, into output: UnsafeMutableBufferPointer<Double>) throws {
            try measure.map(rows: rows, into: output) { x in
                Tolerance.atLeast(x, lower) && Tolerance.atMost(x, upper) ? 1 : 0
            }
        }
    }
}
