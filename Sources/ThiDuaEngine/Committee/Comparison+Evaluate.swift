import ScoringKit

/// Which evaluations a committee tool looks at.
public enum EvaluationSelection: Sendable, Hashable {
    /// Every period of the round, then the year when the round has a
    /// `year:` block — what `thidua run` evaluates.
    case everyPeriod
    /// One period of the round.
    case period(String)
    /// The year as a whole (SCORING.md 5).
    case year
}

extension Comparison {
    /// Loads a base config and a variant on the same data.
    ///
    /// The data is the base's `round.data`, or `dataPaths` when given; the
    /// variant's own `round.data` is not read. Both configs are checked
    /// against the data as `thidua run` checks one.
    /// - Parameters:
    ///   - base: The base config's path.
    ///   - variant: The variant config's path.
    ///   - dataPaths: Files or glob patterns replacing the base's `round.data`
    ///     (`--data`); empty to use it.
    ///   - registry: The plugins configs may name.
    ///   - jobs: Threads to parse a large data file on (see `Round.load`).
    /// - Returns: The two rounds, on the same rows.
    /// - Throws: `DiagnosticError` with every problem of both configs (the
    ///   variant's config is checked even when the base cannot be loaded).
    public static func load(base: String, variant: String, dataPaths: [String],
                            registry: PluginRegistry, jobs: Int = 1) throws -> (base: Round, variant: Round) {
        let baseRound: Round
        do {
            baseRound = try Round.load(configPath: base, dataPaths: dataPaths, registry: registry, jobs: jobs)
        } catch let error as DiagnosticError {
            var diagnostics = error.diagnostics
            do {
                _ = try RoundConfigParser(registry: registry).parse(path: variant)
            } catch let variantError as DiagnosticError {
                // The same file given twice, or a variant's errors inherited from the base, once each.
                var seen = Set(diagnostics)
                diagnostics += variantError.diagnostics.filter { seen.insert($0).inserted }
            }
            throw DiagnosticError(diagnostics)
        }
        let shared = dataPaths.isEmpty ? baseRound.config.dataFiles.map(\.path) : dataPaths
        let variantRound = try Round.load(configPath: variant, dataPaths: shared, registry: registry, jobs: jobs)
        return (baseRound, variantRound)
    }

    /// Evaluates both rounds and compares them.
    ///
    /// The quarters compared are the base's periods that the variant has
    /// too; the year is each round's year over its own periods.
    /// - Parameters:
    ///   - base: The base round.
    ///   - variant: The variant, on the same data.
    ///   - selection: What to compare; `.everyPeriod` adds the year when
    ///     either config has a `year:` block.
    ///   - jobs: Worker threads for scoring.
    /// - Returns: The comparison.
    /// - Throws: `DiagnosticError` for a period that is not in both rounds
    ///   (or no common period), and for evaluation errors.
    public static func evaluate(base: Round, variant: Round, selection: EvaluationSelection,
                                jobs: Int) throws -> Comparison {
        let common = base.config.periods.filter(variant.config.periods.contains)
        guard !common.isEmpty || selection == .year else {
            throw DiagnosticError(at: nil, "the base and the variant have no period in common",
                                  hint: "compare the year with --year, or give the variant the base's periods")
        }
        let quarters: [String]
        let withYear: Bool
        switch selection {
        case .everyPeriod:
            quarters = common
            withYear = base.config.year != nil || variant.config.year != nil
        case .period(let period):
            guard common.contains(period) else {
                throw DiagnosticError(at: nil, "period '\(period)' is not in both rounds",
                                      hint: "the periods of both are: \(common.joined(separator: ", "))")
            }
            quarters = [period]
            withYear = false
        case .year:
            quarters = []
            withYear = true
        }
        let baseResults = try results(of: base, quarters: quarters, withYear: withYear, jobs: jobs)
        let variantResults = try results(of: variant, quarters: quarters, withYear: withYear, jobs: jobs)
        let evaluations = zip(baseResults, variantResults).map { ComparedEvaluation(base: $0, variant: $1) }
        return Comparison(base: base.config.file, variant: variant.config.file,
                          dataFiles: base.data.files, evaluations: evaluations)
    }

    /// `quarters`, then the year when asked, evaluated as `thidua run` does.
    private static func results(of round: Round, quarters: [String], withYear: Bool, jobs: Int) throws -> [PeriodResult] {
        let evaluator = Evaluator(round: round, jobs: jobs)
        guard withYear else { return try evaluator.evaluate(periods: quarters) }
        let all = try evaluator.evaluate()
        return all.filter { quarters.contains($0.period) } + [evaluator.evaluateYear(quarters: all)]
    }
}
