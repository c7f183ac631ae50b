/// Wall time of each phase of a run, as `thidua run --timings FILE` writes
/// it, for benchmarks and for finding what a slow run spent its time on.
///
/// The phases follow the data through a run: ``Phase/read`` the config and
/// the data files, ``Phase/validate`` them against each other,
/// ``Phase/prepare`` every plugin on every period, ``Phase/score`` every
/// group, ``Phase/aggregateRank`` (totals, eligibility, tiers, ranking, and
/// the year's aggregation), ``Phase/award``, and ``Phase/write`` every
/// output file. A phase that runs once per period is summed over periods.
/// `thidua run` ranks and awards the year while the quarters' files are
/// written, so that part of ``Phase/aggregateRank`` and ``Phase/award``
/// overlaps ``Phase/write``, and the phases may add up to more than
/// ``total``.
/// Times are measured with a monotonic clock (`ContinuousClock`), so a
/// change of the system clock during a run does not distort them.
public struct PhaseTimings: Sendable, Hashable {
    /// A phase of `thidua run`, named as in the JSON file.
    public enum Phase: String, Sendable, Hashable, CaseIterable {
        /// Reading and parsing the config and the data files (the data is
        /// hashed for the manifest during `write`).
        case read
        /// Cross-checks of the config against the data (columns, periods).
        case validate
        /// Splitting the data by period and every plugin's `prepare`.
        case prepare
        /// Scoring every group with every plugin, in parallel.
        case score
        /// Totals, eligibility, tiers and ranking, the year's included.
        case aggregateRank = "aggregate_rank"
        /// Deciding the awards.
        case award
        /// Building and writing every output file, the manifest included.
        case write
    }

    /// Seconds spent in each phase; a phase that did not run is absent.
    public var seconds: [Phase: Double]
    /// Seconds from the start of the run to the end of the last phase,
    /// including what lies between phases (printing warnings, the summary).
    public var total: Double
    /// Data rows read, over every data file.
    public var rows: Int
    /// Bytes of data read, over every data file.
    public var inputBytes: Int
    /// Worker threads (`--jobs`).
    public var jobs: Int
    /// Evaluations written: the quarters, plus the year when it is evaluated.
    public var periods: Int

    /// Creates timings from known figures.
    public init(seconds: [Phase: Double], total: Double, rows: Int, inputBytes: Int, jobs: Int, periods: Int) {
        self.seconds = seconds
        self.total = total
        self.rows = rows
        self.inputBytes = inputBytes
        self.jobs = jobs
        self.periods = periods
    }

    /// The seconds of `phase`, 0 when it did not run.
    public subscript(phase: Phase) -> Double {
        seconds[phase] ?? 0
    }

    /// The timings as a JSON object: every phase in run order (`read` …
    /// `write`, 0 for one that did not run), then `total`, `rows`,
    /// `input_bytes`, `jobs` and `periods`; one member per line, keys in
    /// that fixed order.
    public var jsonBytes: [UInt8] {
        var members = Phase.allCases.map { ($0.rawValue, Self.decimal(self[$0])) }
        members += [
            ("total", Self.decimal(total)), ("rows", String(rows)), ("input_bytes", String(inputBytes)),
            ("jobs", String(jobs)), ("periods", String(periods)),
        ]
        let body = members.map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n")
        return Array("{\n\(body)\n}\n".utf8)
    }

    /// Seconds with six decimals (a microsecond), enough for any phase
    /// and never in exponent form, which some JSON readers dislike.
    private static func decimal(_ value: Double) -> String {
        let micros = Int((max(0, value) * 1_000_000).rounded())
        let fraction = String(micros % 1_000_000)
        return "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}
