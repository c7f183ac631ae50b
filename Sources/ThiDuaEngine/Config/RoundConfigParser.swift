import ScoringKit

/// Reads a round config (SCORING.md 3) from YAML and checks it: structure,
/// types, plugin parameters and the rules that tie sections together.
///
/// It reports every problem it finds, not only the first, as
/// `file:line:column: error: …` diagnostics.
public struct RoundConfigParser {
    /// The keys of the config's top level.
    static let topKeys = ["round", "contents", "bonuses", "bonus_cap", "deductions", "gates",
                          "content_floor", "tiers", "ranking", "awards", "year"]
    /// The keys the core owns in every plugin entry.
    static let coreEntryKeys = ["id", "title", "plugin", "weight"]

    let registry: PluginRegistry
    let sink = DiagnosticSink()

    /// Creates a parser that builds plugins from `registry`.
    public init(registry: PluginRegistry) {
        self.registry = registry
    }

    /// Reads and checks the config file at `path`, merged with the configs
    /// it extends (see `ConfigLoader`).
    /// - Parameters:
    ///   - path: The file to read.
    ///   - displayPath: The path to print in messages (defaults to `path`).
    /// - Returns: The config; its `warnings` hold what did not stop it.
    /// - Throws: `DiagnosticError` with every error found (warnings included).
    public func parse(path: String, displayPath: String? = nil) throws -> RoundConfig {
        try parse(ConfigLoader.load(path: path, displayPath: displayPath))
    }

    /// Checks a config read by `ConfigLoader`. Each `round.data` path is
    /// relative to the folder of the file of the chain that wrote it.
    /// - Parameter loaded: The merged tree and its chain of files.
    /// - Returns: The config, whose `configFiles` is the chain.
    /// - Throws: `DiagnosticError` with the merge's problems and every error
    ///   found in the merged tree (warnings included).
    public func parse(_ loaded: LoadedConfig) throws -> RoundConfig {
        loaded.problems.forEach(sink.add)
        let top = loaded.files.first
        var config = try parse(root: loaded.root, displayPath: top?.displayPath ?? "",
                               baseDirectory: top.map { ConfigPath.directory(of: $0.path) } ?? "",
                               directoryOfFile: loaded.directory(ofFile:))
        config.configFiles = loaded.files.map(\.displayPath)
        return config
    }

    /// Checks an already composed config tree.
    /// - Parameter baseDirectory: The folder `round.data` is relative to.
    public func parse(root: ConfigNode, displayPath: String, baseDirectory: String) throws -> RoundConfig {
        try parse(root: root, displayPath: displayPath, baseDirectory: baseDirectory, directoryOfFile: { _ in nil })
    }

    /// Checks a tree; `round.data` items are resolved against
    /// `directoryOfFile(item.location.file)`, or `baseDirectory` when that is `nil`.
    private func parse(root: ConfigNode, displayPath: String, baseDirectory: String,
                       directoryOfFile: (String) -> String?) throws -> RoundConfig {
        let directory = { (location: SourceLocation) in directoryOfFile(location.file) ?? baseDirectory }
        let config = build(root: root, displayPath: displayPath, dataDirectory: directory)
        if let config, !sink.hasErrors { return config }
        throw DiagnosticError(sink.diagnostics.isEmpty
                              ? [.error(at: root.location, "the config could not be read")] : sink.diagnostics)
    }

    private func build(root: ConfigNode, displayPath: String,
                       dataDirectory: (SourceLocation) -> String) -> RoundConfig? {
        guard let top = MappingReader(root, context: "the config", allowed: Self.topKeys, sink: sink) else { return nil }
        let round = top.required("round").flatMap { readRound($0, dataDirectory: dataDirectory) }
        var ids = IDRegistry(sink: sink, kind: "entry")
        let contents = readContents(top, entryIDs: &ids)
        let bonuses = readEntries(top, section: "bonuses", role: .bonus, ids: &ids)
        let deductions = readEntries(top, section: "deductions", role: .deduction, ids: &ids)
        let gates = readEntries(top, section: "gates", role: .gate, ids: &ids)
        let bonusCap = top.number("bonus_cap")
        if let bonusCap, bonusCap < 0, let at = top.value("bonus_cap") {
            sink.error(at.location, "'bonus_cap' must not be negative")
        }
        let contentFloor = top.number("content_floor")
        if let contentFloor, !(0...1).contains(contentFloor), let at = top.value("content_floor") {
            sink.error(at.location, "'content_floor' must be a fraction between 0 and 1, not \(contentFloor)",
                       hint: "0.5 means each content must reach 50 % of its points")
        }
        let tiers = readTiers(top)
        let tieBreak = readRanking(top, contents: contents)
        let awards = readAwards(top, tiers: tiers)
        let year = top.value("year").flatMap { readYear($0, tiers: tiers) }
        guard let round else { return nil }
        return RoundConfig(
            file: displayPath, configFiles: [displayPath], id: round.id, title: round.title, dataFiles: round.data,
            periods: round.periods.map(\.0), periodLocations: round.periods.map(\.1),
            contents: contents, bonuses: bonuses, bonusCap: bonusCap, deductions: deductions, gates: gates,
            contentFloor: contentFloor, tiers: tiers, tieBreak: tieBreak, awards: awards, year: year,
            warnings: sink.diagnostics.filter { $0.severity == .warning })
    }

    // MARK: round

    private struct RoundHeader {
        var id: String
        var title: String
        var data: [DataFileReference]
        var periods: [(String, SourceLocation)]
    }

    private func readRound(_ node: ConfigNode, dataDirectory: (SourceLocation) -> String) -> RoundHeader? {
        guard let round = MappingReader(node, context: "round", allowed: ["id", "title", "data", "periods"],
                                        sink: sink) else { return nil }
        let id = round.requiredText("id", hint: "name the round, e.g. id: thanh-xuan-2020")
        let title = round.text("title")
        var data: [DataFileReference] = []
        if let dataNode = round.value("data") {
            // One file, a list of files, or glob patterns; patterns are
            // expanded when the round is loaded, so that --data can replace
            // a pattern that matches nothing here.
            let items = dataNode.sequenceItems ?? [dataNode]
            if items.isEmpty {
                sink.error(dataNode.location, "'data' must name at least one file",
                           hint: "write data: FILE, a list [a.csv, b.csv], or a pattern such as data/2020-Q*.csv")
            }
            for item in items {
                guard let name = sink.attempt({ try item.text("a data file") }) else { continue }
                let isPattern = DataFileGlob.isPattern(name)
                // Relative to the file that wrote it, which for a variant may be its base.
                let baseDirectory = dataDirectory(item.location)
                let asWritten = name.hasPrefix("/") || baseDirectory.isEmpty
                let path = asWritten ? name : baseDirectory + "/" + name
                let pattern = asWritten ? name : DataFileGlob.escaped(baseDirectory) + "/" + name
                data.append(DataFileReference(path: isPattern ? pattern : path, displayPath: path,
                                              location: item.location, isPattern: isPattern))
            }
        }
        var periods: [(String, SourceLocation)] = []
        if let items = round.required("periods", hint: "list the quarters, e.g. periods: [2020-Q1, 2020-Q2]")
            .flatMap({ node -> [ConfigNode]? in
                guard let items = node.sequenceItems, !items.isEmpty else {
                    sink.error(node.location, "'periods' must be a non-empty list of periods like 2020-Q1")
                    return nil
                }
                return items
            }) {
            for item in items {
                guard let period = sink.attempt({ try item.text("a period") }) else { continue }
                if !PeriodName.isValid(period) {
                    sink.error(item.location, "'\(period)' is not a period", hint: "write periods as YYYY-Qn, e.g. 2020-Q1")
                } else if periods.contains(where: { $0.0 == period }) {
                    sink.error(item.location, "period '\(period)' is listed twice")
                } else {
                    periods.append((period, item.location))
                }
            }
        }
        guard let id else { return nil }
        return RoundHeader(id: id, title: title ?? id, data: data, periods: periods)
    }
}

/// Checks that ids are unique within one namespace.
struct IDRegistry {
    let sink: DiagnosticSink
    let kind: String
    private var seen: [String: SourceLocation] = [:]

    init(sink: DiagnosticSink, kind: String) {
        self.sink = sink
        self.kind = kind
    }

    /// Records `id`; reports a duplicate at `location`, naming the first.
    mutating func claim(_ id: String, at location: SourceLocation) {
        if let first = seen[id] {
            sink.error(location, "duplicate \(kind) id '\(id)'", hint: "'\(id)' is already used at \(first)")
        } else {
            seen[id] = location
        }
    }
}

/// The `YYYY-Qn` period format.
public enum PeriodName {
    /// True for `YYYY-Qn` with four digits and n in 1…4.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "Q") else { return false }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        return bytes[0..<4].allSatisfy(isDigit) && (UInt8(ascii: "1")...UInt8(ascii: "4")).contains(bytes[6])
    }
}
