import ScoringKit

/// The `bands` criterion (SCORING.md 3.2): the achievement is the score of
/// the first band whose limit x reaches, like a committee's table of
/// "≥ 90 %: full marks, ≥ 70 %: half".
///
/// Bands are all `at_least` (x ≥ limit, limits strictly descending) or all
/// `at_most` (x ≤ limit, limits strictly ascending), so the first band x
/// satisfies is also the best one it reaches. x in no band scores
/// `otherwise`. Limits are compared within `Tolerance.absolute`.
public struct BandsPlugin: ScoringPlugin {
    /// `bands`, a criterion.
    public static let descriptor = PluginDescriptor(
        name: "bands",
        version: "1.0.0",
        summary: "a = score of the first band x satisfies, in the order given, else otherwise",
        role: .criterion,
        parameters: [
            .measure,
            ParameterDescription(
                "bands",
                "[{ at_least: v, score: s }…] with v strictly descending, or [{ at_most: v, score: s }…] "
                    + "with v strictly ascending; s in [0, 1]"),
            ParameterDescription("otherwise", "a when x satisfies no band; in [0, 1]", default: "0"),
        ]
    )

    /// How every band of a plugin compares x with its limit.
    public enum Comparison: String, Sendable, Hashable {
        /// x ≥ limit; the band key `at_least`.
        case atLeast = "at_least"
        /// x ≤ limit; the band key `at_most`.
        case atMost = "at_most"
    }

    /// One row of the table.
    public struct Band: Sendable, Hashable {
        /// The `at_least` or `at_most` value.
        public var limit: Double
        /// The achievement for x in this band, in [0, 1].
        public var score: Double
    }

    /// The keys a band accepts.
    public static let bandKeys = ["at_least", "at_most", "score"]

    /// The quantity scored.
    public let measure: Measure
    /// Whether the bands are `at_least` or `at_most` bands.
    public let comparison: Comparison
    /// The bands in the order given; never empty.
    public let bands: [Band]
    /// The achievement when x is in no band.
    public let otherwise: Double

    /// Reads `measure`, `bands` and `otherwise`.
    ///
    /// - Throws: `DiagnosticError` when `bands` is missing, not a list or
    ///   empty; when a band is not a mapping, has an unknown key, lacks a
    ///   limit or a score, or has both limits; when bands mix `at_least`
    ///   and `at_most` or are out of order; or when a score or `otherwise`
    ///   is outside [0, 1].
    public init(parameters: PluginParameters) throws {
        let id = parameters.entryID
        measure = try parameters.measure()
        let node = try parameters.requiredNode(
            "bands", hint: "write e.g. bands: [{ at_least: 0.9, score: 1 }, { at_least: 0.7, score: 0.5 }]")
        guard let items = node.sequenceItems else {
            throw DiagnosticError(at: node.location, "\(id): 'bands' must be a list, not \(node.shapeDescription)",
                                  hint: "write e.g. bands: [{ at_least: 0.9, score: 1 }, { at_least: 0.7, score: 0.5 }]")
        }
        guard !items.isEmpty else {
            throw DiagnosticError(at: node.location, "\(id): 'bands' must hold at least one band")
        }
        var comparison: Comparison?
        var bands: [Band] = []
        for (index, item) in items.enumerated() {
            let parsed = try Self.band(item, number: index + 1, entryID: id)
            if let comparison, parsed.comparison != comparison {
                throw DiagnosticError(
                    at: parsed.limitKeyLocation,
                    "\(id): band \(index + 1) uses '\(parsed.comparison.rawValue)' but band 1 uses "
                        + "'\(comparison.rawValue)'; all bands must use the same one",
                    hint: "list at_least bands from the highest limit down, or at_most bands from the lowest up")
            }
            if let previous = bands.last {
                let ordered = parsed.comparison == .atLeast
                    ? parsed.band.limit < previous.limit
                    : parsed.band.limit > previous.limit
                guard ordered else {
                    let order = parsed.comparison == .atLeast ? "descending" : "ascending"
                    throw DiagnosticError(
                        at: parsed.limitLocation,
                        "\(id): '\(parsed.comparison.rawValue)' limits must be strictly \(order), but band "
                            + "\(index + 1) (\(parsed.band.limit)) follows \(previous.limit)",
                        hint: "x takes the first band it satisfies, so a band out of order could never be reached")
                }
            }
            comparison = parsed.comparison
            bands.append(parsed.band)
        }
        // `items` is not empty, so the loop set a comparison.
        self.comparison = comparison ?? .atLeast
        self.bands = bands
        otherwise = try parameters.optionalNumber("otherwise") ?? 0
        guard (0...1).contains(otherwise) else {
            throw parameters.error(at: "otherwise", "\(id): 'otherwise' must be between 0 and 1, not \(otherwise)")
        }
    }

    /// One band as read, with the places errors about it point at.
    private struct ParsedBand {
        var comparison: Comparison
        var band: Band
        var limitKeyLocation: SourceLocation
        var limitLocation: SourceLocation
    }

    private static func band(_ node: ConfigNode, number: Int, entryID id: String) throws -> ParsedBand {
        guard let entries = node.mappingEntries else {
            throw DiagnosticError(
                at: node.location, "\(id): band \(number) must be a mapping, not \(node.shapeDescription)",
                hint: "write a band as { at_least: 0.9, score: 1 } or { at_most: 0.1, score: 1 }")
        }
        for entry in entries where !bandKeys.contains(entry.key) {
            throw DiagnosticError(
                at: entry.keyLocation, "\(id): unknown key '\(entry.key)' in band \(number)",
                hint: Suggestions.didYouMean(entry.key, in: bandKeys)
                    ?? "a band has 'at_least' or 'at_most', and 'score'")
        }
        // A null value counts as absent, as it does for a plugin's own keys.
        func present(_ key: String) -> ConfigNode.Entry? {
            entries.first { $0.key == key && !$0.value.isNull }
        }
        let limitEntry: ConfigNode.Entry
        let comparison: Comparison
        switch (present(Comparison.atLeast.rawValue), present(Comparison.atMost.rawValue)) {
        case (let atLeast?, nil):
            (limitEntry, comparison) = (atLeast, .atLeast)
        case (nil, let atMost?):
            (limitEntry, comparison) = (atMost, .atMost)
        case (_?, let atMost?):
            throw DiagnosticError(at: atMost.keyLocation, "\(id): band \(number) has both 'at_least' and 'at_most'",
                                  hint: "a band has one limit; split it into two bands of the same kind")
        case (nil, nil):
            throw DiagnosticError(at: node.location, "\(id): band \(number) needs 'at_least' or 'at_most'")
        }
        guard let scoreEntry = present("score") else {
            throw DiagnosticError(at: node.location, "\(id): band \(number) needs 'score'",
                                  hint: "score is the achievement in [0, 1] for x in this band")
        }
        let limit = try limitEntry.value.number("'\(limitEntry.key)'")
        let score = try scoreEntry.value.number("'score'")
        guard (0...1).contains(score) else {
            throw DiagnosticError(at: scoreEntry.value.location,
                                  "\(id): band \(number) 'score' must be between 0 and 1, not \(score)")
        }
        return ParsedBand(comparison: comparison, band: Band(limit: limit, score: score),
                          limitKeyLocation: limitEntry.keyLocation, limitLocation: limitEntry.value.location)
    }

    /// The measure's columns.
    public var columns: [String] { measure.columns }

    /// The measure, so explanations can show x and its inputs.
    public var scoredMeasure: Measure? { measure }

    /// Binds the measure to the period's columns.
    ///
    /// - Throws: `EvaluationError` when a column is missing.
    public func prepare(_ table: PeriodTable) throws -> any PeriodScorer {
        Scorer(measure: try measure.bind(to: table), atLeast: comparison == .atLeast,
               limits: bands.map(\.limit), scores: bands.map(\.score), otherwise: otherwise)
    }

    /// The prepared state: the bound measure and the bands as two parallel arrays.
    struct Scorer: PeriodScorer {
        let measure: BoundMeasure
        let atLeast: Bool
        let limits: [Double]
        let scores: [Double]
        let otherwise: Double

        func score(rows: Range<Int>, into output: UnsafeMutableBufferPointer<Double>) throws {
            try measure.map(rows: rows, into: output) { x in
                for band in limits.indices {
                    let inBand = atLeast ? Tolerance.atLeast(x, limits[band]) : Tolerance.atMost(x, limits[band])
                    if inBand { return scores[band] }
                }
                return otherwise
            }
        }
    }
}
