/// The quantity a plugin scores (SCORING.md 3.1):
/// `measure: { value: COL | [COL…], per: COL | [COL…], scale: S, if_per_zero: X }`.
///
/// x = (sum of `value` columns) / (sum of `per` columns) × `scale`; without
/// `per`, x is the sum of the `value` columns. When the `per` sum is 0, x is
/// `ifPerZero`, or an evaluation error when that is not given.
public struct Measure: Sendable, Hashable {
    /// Columns summed for the numerator.
    public var value: [String]
    /// Columns summed for the denominator; empty for a plain sum.
    public var per: [String]
    /// Factor applied to a ratio (default 1), e.g. 100 for a percentage.
    public var scale: Double
    /// x when the `per` sum is 0; `nil` makes that an evaluation error.
    public var ifPerZero: Double?
    /// Where the measure was written.
    public var location: SourceLocation

    /// The keys a measure mapping accepts.
    public static let keys = ["value", "per", "scale", "if_per_zero"]

    /// Creates a measure directly (for tests and programmatic configs).
    public init(value: [String], per: [String] = [], scale: Double = 1, ifPerZero: Double? = nil,
                location: SourceLocation = SourceLocation(file: "<memory>", line: 1, column: 1)) {
        self.value = value
        self.per = per
        self.scale = scale
        self.ifPerZero = ifPerZero
        self.location = location
    }

    /// Reads a measure from its config node.
    /// - Throws: `DiagnosticError` for a node that is not a mapping, an
    ///   unknown key, a missing `value`, or `scale`/`if_per_zero` without `per`.
    public init(node: ConfigNode) throws {
        guard let entries = node.mappingEntries else {
            throw DiagnosticError(at: node.location, "'measure' must be a mapping, not \(node.shapeDescription)",
                                  hint: "write e.g. measure: { value: cultural_families, per: households }")
        }
        for entry in entries where !Self.keys.contains(entry.key) {
            throw DiagnosticError(at: entry.keyLocation, "unknown key '\(entry.key)' in 'measure'",
                                  hint: Suggestions.didYouMean(entry.key, in: Self.keys)
                                      ?? "a measure has the keys \(Self.keys.joined(separator: ", "))")
        }
        guard let valueNode = node["value"]?.value, !valueNode.isNull else {
            throw DiagnosticError(at: node.location, "'measure' needs 'value'",
                                  hint: "name the column(s) to sum, e.g. value: cultural_families")
        }
        self.location = node.location
        self.value = try valueNode.textList("'value'")
        if let perNode = node["per"]?.value, !perNode.isNull {
            self.per = try perNode.textList("'per'")
        } else {
            self.per = []
        }
        let scaleEntry = node["scale"].flatMap { $0.value.isNull ? nil : $0 }
        let ifPerZeroEntry = node["if_per_zero"].flatMap { $0.value.isNull ? nil : $0 }
        if per.isEmpty, let misplaced = scaleEntry ?? ifPerZeroEntry {
            throw DiagnosticError(at: misplaced.keyLocation, "'\(misplaced.key)' needs 'per' in the same measure",
                                  hint: "without 'per' the measure is a plain sum of its 'value' columns")
        }
        self.scale = try scaleEntry?.value.number("'scale'") ?? 1
        self.ifPerZero = try ifPerZeroEntry?.value.number("'if_per_zero'")
    }

    /// Every column the measure reads.
    public var columns: [String] { value + per }

    /// Resolves the column names against a period's table.
    /// - Throws: `EvaluationError` for row 0 when a column is missing (the
    ///   core checks columns before scoring, so this is a last resort).
    public func bind(to table: PeriodTable) throws -> BoundMeasure {
        func resolve(_ names: [String]) throws -> [[Double]] {
            try names.map { name in
                guard let column = table.column(name) else {
                    throw EvaluationError(row: 0, message: "the data has no column '\(name)'")
                }
                return column
            }
        }
        return BoundMeasure(value: try resolve(value), per: try resolve(per), perNames: per,
                            scale: scale, ifPerZero: ifPerZero, period: table.period)
    }
}

/// A `Measure` bound to one period's columns: computes x for a row.
public struct BoundMeasure: Sendable {
    @usableFromInline let value: [[Double]]
    @usableFromInline let per: [[Double]]
    @usableFromInline let perNames: [String]
    @usableFromInline let scale: Double
    @usableFromInline let ifPerZero: Double?
    @usableFromInline let period: String

    /// x for `row`.
    /// - Throws: `EvaluationError` when the `per` sum is 0 and the measure has
    ///   no `if_per_zero`.
    @inlinable
    public func value(at row: Int) throws(EvaluationError) -> Double {
        var numerator = 0.0
        for column in value { numerator += column[row] }
        if per.isEmpty { return numerator }
        var denominator = 0.0
        for column in per { denominator += column[row] }
        if denominator == 0 {
            if let ifPerZero { return ifPerZero }
            throw perIsZero(row: row)
        }
        return numerator / denominator * scale
    }

    @usableFromInline
    func perIsZero(row: Int) -> EvaluationError {
        EvaluationError(row: row, period: period,
                        message: "per (\(perNames.joined(separator: " + "))) is 0",
                        hint: "add 'if_per_zero: X' to the measure to give x a value in this case, or correct the data")
    }

    /// x for every row of `rows`, written to `output[row - rows.lowerBound]`.
    @inlinable
    public func values(rows: Range<Int>, into output: UnsafeMutableBufferPointer<Double>) throws(EvaluationError) {
        try map(rows: rows, into: output) { $0 }
    }

    /// `transform(x)` for every row of `rows`, written to
    /// `output[row - rows.lowerBound]`: the whole scoring loop of a plugin
    /// whose result depends on x alone.
    /// - Throws: `EvaluationError` for the first row whose x cannot be computed.
    @inlinable
    public func map(rows: Range<Int>, into output: UnsafeMutableBufferPointer<Double>,
                    _ transform: (Double) -> Double) throws(EvaluationError) {
        var index = 0
        for row in rows {
            output[index] = transform(try value(at: row))
            index += 1
        }
    }
}
