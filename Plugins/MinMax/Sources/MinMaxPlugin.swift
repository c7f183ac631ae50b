import ScoringKit

/// The `minmax` criterion (SCORING.md 3.2): the achievement is where x lies
/// between the lowest and the highest x of the same period, over the whole
/// district or within the group's ward.
///
/// a = (x − min) / (max − min), or (max − x) / (max − min) for a cost. When
/// every group of the scope has the same x (max = min within
/// `Tolerance.absolute`) nobody is behind anybody, so all score 1.
///
/// Being relative, it computes x for every row in `prepare(_:)`: a measure
/// error in any row of the period fails the whole period, since min and max
/// need every value.
public struct MinMaxPlugin: ScoringPlugin {
    /// `minmax`, a criterion.
    public static let descriptor = PluginDescriptor(
        name: "minmax",
        version: "1.0.0",
        summary: "a = (x − min) / (max − min) over the period's groups (reversed for a cost); 1 when max = min",
        role: .criterion,
        parameters: [
            .measure,
            ParameterDescription("direction", "benefit (more is better) or cost (less is better)", default: "benefit"),
            ParameterDescription("within", "district (all groups of the period) or ward (the group's ward)",
                                 default: "district"),
        ]
    )

    /// Whether more or less x is better.
    public enum Direction: String, Sendable, CaseIterable {
        /// More is better: the highest x scores 1.
        case benefit
        /// Less is better: the lowest x scores 1.
        case cost
    }

    /// The groups whose x sets min and max.
    public enum Scope: String, Sendable, CaseIterable {
        /// All groups of the period.
        case district
        /// The groups of the same ward in the period.
        case ward
    }

    /// The quantity scored.
    public let measure: Measure
    /// `direction`, default `benefit`.
    public let direction: Direction
    /// `within`, default `district`.
    public let scope: Scope

    /// Reads `measure`, `direction` and `within`.
    ///
    /// - Throws: `DiagnosticError` when the measure is missing or invalid, or
    ///   at `direction` or `within` when its value is not one of the choices.
    public init(parameters: PluginParameters) throws {
        measure = try parameters.measure()
        direction = try Self.choice("direction", in: parameters) ?? .benefit
        scope = try Self.choice("within", in: parameters) ?? .district
    }

    private static func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, in parameters: PluginParameters
    ) throws -> Choice? where Choice.RawValue == String {
        guard let text = try parameters.optionalText(key) else { return nil }
        if let choice = Choice(rawValue: text) { return choice }
        let names = Choice.allCases.map(\.rawValue)
        throw parameters.error(
            at: key,
            "\(parameters.entryID): '\(key)' must be " + names.map { "'\($0)'" }.joined(separator: " or ")
                + ", not '\(text)'",
            hint: Suggestions.didYouMean(text, in: names))
    }

    /// The measure's columns.
    public var columns: [String] { measure.columns }

    /// The measure, so explanations can show x and its inputs.
    public var scoredMeasure: Measure? { measure }

    /// Computes x for every row and the min and max of each scope.
    ///
    /// - Throws: `EvaluationError` for the first row whose x cannot be
    ///   computed, or when a column is missing.
    public func prepare(_ table: PeriodTable) throws -> any PeriodScorer {
        let bound = try measure.bind(to: table)
        var x = [Double](repeating: 0, count: table.rowCount)
        try x.withUnsafeMutableBufferPointer { try bound.values(rows: 0..<table.rowCount, into: $0) }

        let byWard = scope == .ward
        // Sized by the data as well as the ward list so that a ward index
        // the list does not cover cannot trap.
        let scopeCount = byWard ? max(table.wardNames.count, Int(table.wardOfRow.max() ?? -1) + 1) : 1
        var low = [Double](repeating: .infinity, count: scopeCount)
        var high = [Double](repeating: -.infinity, count: scopeCount)
        for row in 0..<table.rowCount {
            let unit = byWard ? Int(table.wardOfRow[row]) : 0
            low[unit] = min(low[unit], x[row])
            high[unit] = max(high[unit], x[row])
        }
        return Scorer(x: x, wardOfRow: table.wardOfRow, byWard: byWard, low: low, high: high,
                      cost: direction == .cost)
    }

    /// The prepared state: x of every row and the bounds of every scope, so
    /// scoring a row is arithmetic on arrays.
    struct Scorer: PeriodScorer {
        let x: [Double]
        let wardOfRow: [Int32]
        let byWard: Bool
        let low: [Double]
        let high: [Double]
        let cost: Bool

        func score(rows: Range<Int>, into output: UnsafeMutableBufferPointer<Double>) {
            var index = 0
            for row in rows {
                let unit = byWard ? Int(wardOfRow[row]) : 0
                let (min, max) = (low[unit], high[unit])
                if Tolerance.equal(max, min) {
                    output[index] = 1
                } else {
                    output[index] = cost ? (max - x[row]) / (max - min) : (x[row] - min) / (max - min)
                }
                index += 1
            }
        }
    }
}
