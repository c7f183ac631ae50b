import Foundation

/// What a run was made from and how it ran, written as `manifest.json`
/// (SCORING.md 4) so anyone can check later which config and data produced
/// an output folder.
///
/// It is the one output allowed to differ between two runs of the same
/// inputs: it holds the start time, the duration and the thread count.
public struct Manifest: Sendable, Hashable {
    /// A file the run read, with the SHA-256 of its contents.
    public struct FileDigest: Sendable, Hashable {
        /// The path as the user gave it (or as the config resolved it).
        public var path: String
        /// Lowercase hexadecimal SHA-256 of the file's bytes.
        public var sha256: String

        /// Creates a digest entry from known values.
        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }

        /// Reads the file at `path` and hashes it.
        /// - Parameter path: The file.
        /// - Returns: The entry.
        /// - Throws: A ``DiagnosticError`` naming the file when it cannot be read.
        public static func ofFile(atPath path: String) throws -> FileDigest {
            FileDigest(path: path, sha256: try Fingerprint.hexDigest(ofFileAt: path))
        }
    }

    /// A scoring plugin the round used.
    public struct PluginVersion: Sendable, Hashable {
        /// The plugin's registered name, e.g. `linear`.
        public var name: String
        /// Its version, e.g. `1.0.0`.
        public var version: String

        /// Creates an entry.
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    /// The tool's version, e.g. `0.1.0`.
    public var toolVersion: String
    /// The round config (YAML) and its digest.
    public var config: FileDigest
    /// The configs `config` extends (`extends:`), nearest first, with their
    /// digests: a variant's results depend on its base as much as on
    /// itself. Empty for a config that extends nothing.
    public var extendedConfigs: [FileDigest]
    /// The data files (CSV) and their digests, in the order read.
    public var dataFiles: [FileDigest]
    /// The plugins the round used, in the order the manifest should list
    /// them (sorted by name gives stable output).
    public var plugins: [PluginVersion]
    /// The periods evaluated, in output order (quarters, then the year).
    public var periods: [String]
    /// Worker threads used for scoring.
    public var threadCount: Int
    /// When the run started.
    public var startTime: Date
    /// How long the run took, in seconds.
    public var durationSeconds: Double

    /// Creates a manifest.
    public init(
        toolVersion: String, config: FileDigest, extendedConfigs: [FileDigest] = [], dataFiles: [FileDigest],
        plugins: [PluginVersion], periods: [String], threadCount: Int, startTime: Date, durationSeconds: Double
    ) {
        self.toolVersion = toolVersion
        self.config = config
        self.extendedConfigs = extendedConfigs
        self.dataFiles = dataFiles
        self.plugins = plugins
        self.periods = periods
        self.threadCount = threadCount
        self.startTime = startTime
        self.durationSeconds = durationSeconds
    }

    /// `manifest.json`: keys `tool`, `tool_version`, `config` (`path`,
    /// `sha256`), `extends` (each `path`, `sha256`), `data_files` (each
    /// `path`, `sha256`), `plugins` (each
    /// `name`, `version`), `periods`, `thread_count`, `start_time` (ISO 8601
    /// UTC), `duration_seconds`, in that order.
    public var jsonBytes: [UInt8] {
        var json = JSONWriter(capacity: 1024)
        json.beginObject()
        json.field("tool", "thidua")
        json.field("tool_version", toolVersion)
        json.key("config")
        Manifest.write(config, to: &json)
        json.key("extends")
        json.beginArray()
        for file in extendedConfigs { Manifest.write(file, to: &json) }
        json.endArray()
        json.key("data_files")
        json.beginArray()
        for file in dataFiles { Manifest.write(file, to: &json) }
        json.endArray()
        json.key("plugins")
        json.beginArray()
        for plugin in plugins {
            json.beginObject()
            json.field("name", plugin.name)
            json.field("version", plugin.version)
            json.endObject()
        }
        json.endArray()
        json.field("periods", periods)
        json.field("thread_count", threadCount)
        json.field("start_time", Manifest.iso8601(startTime))
        json.field("duration_seconds", durationSeconds)
        json.endObject()
        return json.finish()
    }

    /// Writes `{ "path": …, "sha256": … }`.
    private static func write(_ file: FileDigest, to json: inout JSONWriter) {
        json.beginObject()
        json.field("path", file.path)
        json.field("sha256", file.sha256)
        json.endObject()
    }

    /// `date` in ISO 8601 UTC with milliseconds, e.g. `2020-04-01T08:30:00.250Z`.
    ///
    /// Computed by hand (days to civil date, proleptic Gregorian) so the
    /// text does not depend on a formatter's locale or time zone.
    /// - Parameter date: The instant.
    /// - Returns: The timestamp.
    public static func iso8601(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (days, msOfDay) = millis.quotientAndRemainder(dividingBy: 86_400_000)
        let (day, ms) = msOfDay < 0 ? (days - 1, msOfDay + 86_400_000) : (days, msOfDay)
        // Howard Hinnant's civil_from_days.
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(dayOfMonth, 2))T"
            + "\(pad(ms / 3_600_000, 2)):\(pad(ms / 60000 % 60, 2)):\(pad(ms / 1000 % 60, 2))."
            + "\(pad(ms % 1000, 3))Z"
    }
}
