/// A scoring method, built from the parameters of one config entry.
///
/// Every implementation must:
/// - be a `Sendable` value: the core shares one instance across threads;
/// - validate all of its parameters in `init(parameters:)`, throwing a
///   `DiagnosticError` that points at the offending value, and read every
///   key it accepts (keys it does not read are reported as unknown);
/// - list in `columns` every data column it reads, so the core can check the
///   data before scoring;
/// - in `prepare(_:)`, look at the whole period once (e.g. for a minimum and
///   maximum) and return a `PeriodScorer` whose results for a row depend on
///   that row and the prepared state only, never on which rows were scored
///   before or on which thread: the core scores rows in parallel chunks.
///
/// What a result means depends on the plugin's `PluginDescriptor.role`:
/// an achievement in [0, 1] for a criterion, points ≥ 0 for a bonus or a
/// deduction, and 1 (passes) or 0 (fails) for a gate.
///
/// A plugin becomes available to configs when it is listed in the CLI's
/// registry of built-in plugins (`Sources/BuiltinPlugins/BuiltinPlugins.swift`).
public protocol ScoringPlugin: Sendable {
    /// Name, version, summary, role and parameters, for configs and `thidua plugins`.
    static var descriptor: PluginDescriptor { get }

    /// Builds the plugin from its parameters.
    /// - Throws: `DiagnosticError` for a missing or invalid parameter.
    init(parameters: PluginParameters) throws

    /// Every data column the plugin reads.
    var columns: [String] { get }

    /// Prepares scoring of one period: resolve columns, look at the whole
    /// population if the method is relative.
    /// - Throws: `EvaluationError` when a value of the period cannot be used.
    func prepare(_ table: PeriodTable) throws -> any PeriodScorer

    /// For a gate: the reason printed when a group fails it. `nil` lets the
    /// core say "gate 'ID' failed".
    var failureReason: String? { get }

    /// The measure whose x the plugin turns into its result, so that
    /// `thidua explain` can show a group's x and the column values it is
    /// made of; `nil` (the default) for a plugin that has no single measure.
    ///
    /// Optional to implement: a plugin built on one `Measure` returns it
    /// (`public var scoredMeasure: Measure? { measure }`). It is only read
    /// to explain results, never to score. The name is not `measure`
    /// because plugins conventionally keep their own `measure: Measure`
    /// property, which Swift would not accept as this requirement's witness
    /// and which could not share its name.
    var scoredMeasure: Measure? { get }
}

extension ScoringPlugin {
    /// Plugins other than gates have no failure reason.
    public var failureReason: String? { nil }

    /// By default a plugin shows no measure in explanations.
    public var scoredMeasure: Measure? { nil }
}

/// Scores the rows of one prepared period.
public protocol PeriodScorer: Sendable {
    /// Writes the result for each row of `rows` to
    /// `output[row - rows.lowerBound]`; `output.count == rows.count`.
    /// - Throws: `EvaluationError` naming the failing row.
    func score(rows: Range<Int>, into output: UnsafeMutableBufferPointer<Double>) throws
}

/// Which section of a config a plugin belongs in, and what its results mean.
public enum PluginRole: String, Sendable, CaseIterable {
    /// Under `contents[].criteria`: an achievement a in [0, 1].
    case criterion
    /// Under `bonuses`: points added, ≥ 0.
    case bonus
    /// Under `deductions`: points subtracted, ≥ 0.
    case deduction
    /// Under `gates`: 1 when the group passes, 0 when it fails.
    case gate

    /// The config section that holds this role's entries.
    public var section: String {
        switch self {
        case .criterion: "criteria"
        case .bonus: "bonuses"
        case .deduction: "deductions"
        case .gate: "gates"
        }
    }
}

/// What a plugin is, for configs and for `thidua plugins`.
public struct PluginDescriptor: Sendable {
    /// The name configs use in `plugin:`.
    public var name: String
    /// The plugin's version, recorded in `manifest.json`.
    public var version: String
    /// One line on what it computes.
    public var summary: String
    /// The section it belongs in.
    public var role: PluginRole
    /// Its parameters, in the order `thidua plugins` lists them.
    public var parameters: [ParameterDescription]

    /// Creates a descriptor.
    public init(name: String, version: String, summary: String, role: PluginRole,
                parameters: [ParameterDescription]) {
        self.name = name
        self.version = version
        self.summary = summary
        self.role = role
        self.parameters = parameters
    }
}

/// One parameter of a plugin, as documented to users.
public struct ParameterDescription: Sendable {
    /// The key.
    public var name: String
    /// What it means.
    public var meaning: String
    /// Its default, as written in YAML; `nil` when it is required.
    public var defaultValue: String?

    /// Creates a parameter description; `defaultValue: nil` means required.
    public init(_ name: String, _ meaning: String, default defaultValue: String? = nil) {
        self.name = name
        self.meaning = meaning
        self.defaultValue = defaultValue
    }

    /// The `measure` parameter every built-in plugin shares.
    public static let measure = ParameterDescription(
        "measure", "x = sum(value) / sum(per) × scale; { value, per, scale (1), if_per_zero }")
}
