import Foundation
import ScoringKit

/// A round ready to evaluate: its config, its data, and the checks that tie
/// them together (columns the config reads, periods the data holds).
public struct Round: Sendable {
    /// The validated config.
    public var config: RoundConfig
    /// The data, read and checked.
    public var data: DataSet
    /// Every warning met while loading, in order.
    public var warnings: [Diagnostic]
    /// The SHA-256 of each of `data.files`, of the bytes that were parsed,
    /// when the round was loaded with `fingerprint` (for the manifest);
    /// otherwise empty. A digest is taken when first asked for.
    var dataDigests: [DataDigest] = []

    /// The digests of `dataDigests` as lowercase hexadecimal, any not
    /// taken yet taken now; empty unless loaded with `fingerprint`.
    /// - Throws: `DiagnosticError` naming a mapped data file that changed
    ///   before it was all hashed (see `DataFileContents`).
    public var dataFileDigests: [String] {
        get throws {
            try zip(data.files, dataDigests).map { file, digest in
                do throws(DataFileError) {
                    return try digest.hexDigest()
                } catch {
                    throw error.diagnostic(dataFile: file)
                }
            }
        }
    }

    /// The files the round was read from: its config, the configs that
    /// config extends, then the data files.
    public var inputFiles: [String] { config.configFiles + data.files }

    /// The indicator columns of SCORING.md 2. They are always read (and so
    /// checked) when the data has them; other non-identity columns are read
    /// only when the config names them, so a clerk may keep notes columns.
    public static let knownIndicators: [String] = [
        "households", "residents", "working_age", "employed", "poor_households", "near_poor_households",
        "fund_vnd", "cultural_families", "children_school_age", "children_in_school", "cultural_models",
        "waste_sorting_households", "cleanup_campaigns", "order_violations", "security_incidents",
        "serious_incidents", "disputes", "disputes_mediated", "meetings_held", "meeting_households",
        "petitions_beyond_level",
    ]

    /// Reads the config at `configPath` and its data.
    ///
    /// The data may be several files (`round.data` as a list or a glob
    /// pattern, or `--data` repeated): each is read and checked on its own,
    /// every column the config reads must be in every file, and the rows are
    /// merged into one `DataSet` (see `DataSet.merging(_:)`), where a
    /// `(period, group_id)` may occur once across all files.
    /// - Parameters:
    ///   - configPath: The round config (YAML).
    ///   - dataPaths: Data files or glob patterns that replace `round.data`
    ///     (`--data`); empty to use the config's.
    ///   - registry: The plugins configs may name.
    ///   - jobs: Threads that parse a large data file in parallel chunks;
    ///     the data and every message are the same for any number.
    ///   - timer: Receives the time spent reading (config and data files,
    ///     merged) and validating (the data against the config), and the
    ///     rows and bytes read.
    ///   - progress: Counts the bytes of data parsed, for a display.
    ///   - fingerprint: Whether to take the SHA-256 of each data file's
    ///     bytes for a manifest (`dataFileDigests`, which hashes the bytes
    ///     held since the parse when first asked). Without it,
    ///     `Manifest.make` reads the files again to hash them.
    /// - Throws: `DiagnosticError` with every problem found in the config,
    ///   then in the data, then between the two.
    public static func load(configPath: String, dataPaths: [String] = [], registry: PluginRegistry, jobs: Int = 1,
                            timer: PhaseTimer? = nil, progress: ProgressMeter? = nil,
                            fingerprint: Bool = false) throws -> Round {
        let (config, referenced, parts, digests) = try timer.measure(.read) {
            () throws -> (RoundConfig, [ColumnReference], [DataSet], [DataDigest]) in
            progress?.begin("reading the config")
            let config = try RoundConfigParser(registry: registry).parse(path: configPath)
            let named = dataPaths.isEmpty
                ? config.dataFiles
                : dataPaths.map {
                    DataFileReference(path: $0, displayPath: $0, location: nil, isPattern: DataFileGlob.isPattern($0))
                }
            guard !named.isEmpty else {
                throw DiagnosticError(at: SourceLocation(file: config.file, line: 1, column: 1),
                                      "the round names no data file", hint: "add 'data: FILE' under 'round', or pass --data FILE")
            }
            let files = try DataFileGlob.expand(named)
            let referenced = config.referencedColumns
            let (parts, digests) = try read(files, numericColumns: Set(knownIndicators).union(referenced.map(\.name)),
                                            jobs: jobs, fingerprint: fingerprint, timer: timer, progress: progress)
            return (config, referenced, parts, digests)
        }
        // Data that fails the checks below is in no manifest.
        var valid = false
        defer { if !valid { for digest in digests { digest.cancel() } } }
        return try timer.measure(.validate) {
            let missing = missingColumns(referenced, in: parts)
            if !missing.isEmpty { throw DiagnosticError(config.warnings + missing) }
            let data = try DataSet.merging(parts)
            var problems: [Diagnostic] = []
            for (period, location) in zip(config.periods, config.periodLocations)
            where !data.periodNames.contains(period) {
                problems.append(.error(
                    at: location, "the data '\(data.file)' has no rows for period '\(period)'",
                    hint: data.periodNames.isEmpty ? nil : "its periods are: \(data.periodNames.joined(separator: ", "))"))
            }
            if !problems.isEmpty { throw DiagnosticError(config.warnings + problems) }
            valid = true
            return Round(config: config, data: data, warnings: config.warnings, dataDigests: digests)
        }
    }

    /// Reads every file, reporting the problems of all of them at once;
    /// with `fingerprint`, also the digest of each.
    private static func read(_ files: [DataFileReference], numericColumns: Set<String>, jobs: Int,
                             fingerprint: Bool, timer: PhaseTimer?, progress: ProgressMeter?)
        throws -> (parts: [DataSet], digests: [DataDigest]) {
        var parts: [DataSet] = [], digests: [DataDigest] = []
        var problems: [Diagnostic] = []
        for file in files {
            do {
                let (part, bytes, digest) = try DataReader.read(
                    contentsOf: file.path, displayPath: file.displayPath, numericColumns: numericColumns, jobs: jobs,
                    fingerprint: fingerprint, progress: progress)
                timer?.noteInput(rows: part.rowCount, bytes: bytes)
                parts.append(part)
                if let digest { digests.append(digest) }
            } catch let error as DiagnosticError where error.diagnostics.first?.location == nil {
                // The file itself could not be opened: point at where the
                // config names it.
                problems += error.diagnostics.map { diagnostic in
                    var moved = diagnostic
                    moved.location = file.location
                    return moved
                }
            } catch let error as DiagnosticError {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty {
            for digest in digests { digest.cancel() }
            throw DiagnosticError(problems)
        }
        return (parts, digests)
    }

    /// One error per referenced column that some data file lacks, at the
    /// place the config names it.
    ///
    /// Rows of a period may come from any file, so a column the config
    /// reads must be in every file. Other columns (a known indicator that
    /// only some files carry) are checked in each file but not used.
    private static func missingColumns(_ referenced: [ColumnReference], in parts: [DataSet]) -> [Diagnostic] {
        referenced.compactMap { column -> Diagnostic? in
            let lacking = parts.filter { $0.columnIndex(column.name) == nil }
            guard let firstLacking = lacking.first else { return nil }
            guard let having = parts.first(where: { $0.columnIndex(column.name) != nil }) else {
                var seen: Set<String> = []
                let headers = parts.flatMap(\.headerColumns).filter { seen.insert($0).inserted }
                return .error(
                    at: column.location,
                    "\(column.entry): the data '\(parts.map(\.file).joined(separator: ", "))' has no column '\(column.name)'",
                    hint: Suggestions.didYouMean(column.name, in: headers)
                        ?? "its columns are: \(headers.joined(separator: ", "))")
            }
            let names = lacking.map { "'\($0.file)'" }.joined(separator: ", ")
            let spelling = Suggestions.closeMatches(for: column.name, in: firstLacking.headerColumns).first
                .map { "'\(firstLacking.file)' has '\($0)'; " } ?? ""
            return .error(
                at: column.location,
                "\(column.entry): the data file\(lacking.count == 1 ? "" : "s") \(names) "
                    + "\(lacking.count == 1 ? "has" : "have") no column '\(column.name)'",
                hint: spelling + "every data file must have each column the config reads ('\(having.file)' has it)")
        }
    }
}

/// A data column a config entry reads, with where the config names it.
public struct ColumnReference: Sendable, Hashable {
    /// The column.
    public var name: String
    /// The entry that reads it, e.g. `criterion 'fund_per_household'`.
    public var entry: String
    /// Where the column's name is written (or the entry, if not found).
    public var location: SourceLocation
}

extension RoundConfig {
    /// Every plugin entry with the word for its section, in config order.
    public var allEntries: [(kind: String, entry: EntryConfig)] {
        criteria.map { ("criterion", $0) } + bonuses.map { ("bonus", $0) }
            + deductions.map { ("deduction", $0) } + gates.map { ("gate", $0) }
    }

    /// The columns every entry reads, each with the place it is named.
    public var referencedColumns: [ColumnReference] {
        allEntries.flatMap { kind, entry in
            entry.plugin.columns.map { name in
                ColumnReference(name: name, entry: "\(kind) '\(entry.id)'",
                                location: entry.node.firstScalar(equalTo: name)?.location ?? entry.location)
            }
        }
    }
}

extension ConfigNode {
    /// The first scalar in this subtree whose text is `text` (depth first).
    func firstScalar(equalTo text: String) -> ConfigNode? {
        switch kind {
        case .scalar(let value, _): return value == text ? self : nil
        case .sequence(let items): return items.lazy.compactMap { $0.firstScalar(equalTo: text) }.first
        case .mapping(let entries): return entries.lazy.compactMap { $0.value.firstScalar(equalTo: text) }.first
        }
    }
}
