import ScoringKit

/// A validated award round (SCORING.md 3): what to read, how to score,
/// classify, rank and award. Built by `RoundConfigParser`.
public struct RoundConfig: Sendable {
    /// The config file as the user named it.
    public var file: String
    /// The config files read: `file` first, then the config it extends
    /// (`extends`), and so on; `[file]` for a config that extends nothing.
    public var configFiles: [String]
    /// `round.id`.
    public var id: String
    /// `round.title` (defaults to the id).
    public var title: String
    /// `round.data`: the data files or patterns, in the order written,
    /// resolved relative to the config file; patterns are expanded by
    /// `Round.load`.
    public var dataFiles: [DataFileReference]
    /// `round.periods`, in the order written; "previous period" follows it.
    public var periods: [String]
    /// Where each period was written.
    public var periodLocations: [SourceLocation]
    /// The contents, in config order.
    public var contents: [ContentConfig]
    /// `bonuses`.
    public var bonuses: [EntryConfig]
    /// `bonus_cap`; `nil` means no cap.
    public var bonusCap: Double?
    /// `deductions`.
    public var deductions: [EntryConfig]
    /// `gates`.
    public var gates: [EntryConfig]
    /// `content_floor`, a fraction in [0, 1]; `nil` means no floor.
    public var contentFloor: Double?
    /// `tiers`, best first; minimums strictly descending, the last is 0.
    public var tiers: [TierConfig]
    /// `ranking.tie_break`, as indices into `contents`.
    public var tieBreak: [Int]
    /// `awards`, in order of precedence.
    public var awards: [AwardConfig]
    /// The `year:` block; `nil` when the config has none.
    public var year: YearConfig?
    /// Every award of the round: the quarters' awards, then the year's.
    public var allAwards: [AwardConfig] { awards + (year?.awards ?? []) }
    /// Warnings found while reading (e.g. points not summing to 100).
    public var warnings: [Diagnostic]

    /// Every criterion of every content, in config order.
    public var criteria: [EntryConfig] { contents.flatMap(\.criteria) }
}

/// A data file named by a config or by `--data`: one file, or a glob
/// pattern that stands for the files it matches.
public struct DataFileReference: Sendable, Hashable {
    /// The path to open (relative to the working directory, or absolute);
    /// for a pattern, the `glob(3)` pattern to expand, with any pattern
    /// characters of the config's folder escaped.
    public var path: String
    /// The path (or pattern) to print in messages.
    public var displayPath: String
    /// Where the config names it; `nil` for `--data` on the command line.
    public var location: SourceLocation?
    /// Whether `path` is a pattern (it holds `*`, `?` or `[`), expanded
    /// when the round is loaded.
    public var isPattern: Bool

    /// Creates a reference.
    /// - Parameters:
    ///   - path: The file to open, or the pattern to expand.
    ///   - displayPath: The same as the user should read it.
    ///   - location: Where the config names it, if it does.
    ///   - isPattern: Whether `path` is a `glob(3)` pattern (default `false`).
    public init(path: String, displayPath: String, location: SourceLocation?, isPattern: Bool = false) {
        self.path = path
        self.displayPath = displayPath
        self.location = location
        self.isPattern = isPattern
    }
}

/// One of the campaign's contents (nội dung) with its criteria.
public struct ContentConfig: Sendable {
    /// `id`, e.g. `culture`.
    public var id: String
    /// `title`.
    public var title: String
    /// `points`: the content's share of the 100-point table.
    public var points: Double
    /// `criteria`, each a criterion-role plugin.
    public var criteria: [EntryConfig]
    /// Where the content was written.
    public var location: SourceLocation
}

/// One entry under `criteria`, `bonuses`, `deductions` or `gates`: the
/// core's keys plus the plugin built from the rest.
public struct EntryConfig: Sendable {
    /// `id`.
    public var id: String
    /// `title` (defaults to the id).
    public var title: String
    /// `plugin`, the registered name.
    public var pluginName: String
    /// `weight` relative to sibling criteria (default 1, > 0).
    public var weight: Double
    /// The plugin instance built from the entry's other keys.
    public var plugin: any ScoringPlugin
    /// Where the entry was written.
    public var location: SourceLocation
    /// The entry as written, to point at a column name in messages.
    public var node: ConfigNode
}

/// The year-end round (SCORING.md 5): its presence makes `thidua run`
/// evaluate the year as a whole after the quarters.
public struct YearConfig: Sendable {
    /// `min_tier_every_period`: every quarter's tier must be this one or
    /// better for the group to be eligible for the year; an index into
    /// `RoundConfig.tiers`, `nil` when not set.
    public var minTierEveryPeriod: Int?
    /// `awards` of the year; `nil` to use the round's `awards`.
    public var awards: [AwardConfig]?
    /// Where the block was written.
    public var location: SourceLocation
}

/// One tier (xếp loại).
public struct TierConfig: Sendable, Hashable {
    /// `name`, e.g. `Xuất sắc`.
    public var name: String
    /// `min`: the lowest total in this tier.
    public var min: Double
}

/// One award category (SCORING.md 3.5).
public struct AwardConfig: Sendable {
    /// How many groups an award may go to in one unit.
    public enum Quota: Sendable, Hashable {
        /// `quota: { count: N }`.
        case count(Int)
        /// `quota: { percent: P }`: floor(n × P / 100).
        case percent(Double)
    }

    /// What to do when the last group taken ties with the next candidate.
    public enum TiePolicy: String, Sendable, Hashable, CaseIterable {
        /// Drop every candidate of the tied rank (the default).
        case exclude
        /// Take every candidate of the tied rank.
        case include
    }

    /// `id`.
    public var id: String
    /// `title`.
    public var title: String
    /// `scope`: `district` or `ward`.
    public var scope: AwardScope
    /// `min_tier`, an index into `RoundConfig.tiers`.
    public var minTier: Int
    /// `quota`.
    public var quota: Quota
    /// `ties_at_cutoff` (default `exclude`).
    public var tiesAtCutoff: TiePolicy
    /// Where the award was written.
    public var location: SourceLocation
}
