/// Synthetic quarterly data for a district's residential groups (tổ dân phố),
/// in the CSV format of SCORING.md section 2 — the data of the sample round.
///
/// The numbers are invented. They are shaped like Thanh Xuân's: 11 wards,
/// about 83,729 households and 293,524 residents for 300 groups, each group
/// with a latent quality (some excellent, most good, some weak) that persists
/// across quarters with noise and a trend, so that every tier, gate, floor,
/// bonus, deduction and a tie at an award cutoff occur in the sample round.
///
/// Output depends on nothing but the arguments: the generator has its own
/// seeded PRNG and uses only exact arithmetic in its distributions, so the same
/// seed gives the same bytes on every machine. Work and memory are linear in
/// the number of groups (a small profile per group); rows are streamed.
///
/// ```swift
/// let generator = SampleDataGenerator(groups: 300, periods: ["2020-Q1", "2020-Q2"], seed: 2020)
/// try generator.write(to: URL(fileURLWithPath: "thanh-xuan-2020.csv"))
/// ```
public struct SampleDataGenerator: Sendable {
    /// The CSV header: identity columns, then the indicators of SCORING.md
    /// section 2 in that table's order.
    public static let columns: [String] = ["period", "ward", "group_id", "group_name"]
        + SampleGroupProfile.indicatorColumns

    /// Households of Thanh Xuân, which `censusGroups` groups add up to.
    public static let censusHouseholds = 83_729
    /// Residents of Thanh Xuân, which `censusGroups` groups add up to.
    public static let censusResidents = 293_524
    /// The group count the census totals belong to; other counts scale them.
    public static let censusGroups = 300

    /// Number of residential groups per period.
    public let groups: Int
    /// Period labels, one block of rows each, in the given order (normally
    /// `YYYY-Qn`; the quarter number sets the fund's seasonality).
    public let periods: [String]
    /// The seed; the same seed gives the same data.
    public let seed: UInt64

    /// Creates a generator.
    ///
    /// - Parameters:
    ///   - groups: residential groups per period (a negative count is treated as 0).
    ///   - periods: period labels, e.g. `["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"]`.
    ///   - seed: any value; equal seeds give equal data.
    public init(groups: Int, periods: [String], seed: UInt64) {
        self.groups = max(0, groups)
        self.periods = periods
        self.seed = seed
    }

    /// The whole CSV as a string: the header line, then `groups` rows per
    /// period, each line ending in `\n`.
    ///
    /// - Returns: UTF-8 text without a BOM.
    public func csv() -> String {
        String(decoding: csvBytes(), as: UTF8.self)
    }

    /// The whole CSV as UTF-8 bytes (see `csv()`).
    public func csvBytes() -> [UInt8] {
        var all: [UInt8] = []
        all.reserveCapacity(96 + groups * periods.count * 150)
        stream { all.append(contentsOf: $0) }
        return all
    }

    /// Produces the CSV in chunks, for output too large to hold as one string
    /// (100,000 groups × 4 quarters is about 50 MB).
    ///
    /// - Parameters:
    ///   - chunkSize: bytes after which a chunk is handed over (chunks end on
    ///     a line break and may be slightly larger).
    ///   - sink: receives each chunk in order.
    /// - Throws: whatever `sink` throws; generation stops there.
    public func stream(chunkSize: Int = 1 << 16, into sink: ([UInt8]) throws -> Void) rethrows {
        let plan = SampleGroupPlan(groups: groups, seed: seed)
        var writer = SampleCSVWriter(capacity: max(1024, chunkSize) + 1024)
        writer.appendHeader(Self.columns)
        let wardFields = plan.wards.map { SampleCSVWriter.field($0.name) }
        let wardCodes = plan.wards.map { Array($0.code.utf8) }
        let numberWidths = plan.wards.map { max(2, String($0.groupCount).count) }
        var values = [Int](repeating: 0, count: SampleGroupProfile.indicatorColumns.count)
        for (periodIndex, period) in periods.enumerated() {
            let periodField = SampleCSVWriter.field(period)
            let quarter = Self.quarter(of: period) ?? periodIndex % 4 + 1
            for profile in plan.profiles {
                let ward = profile.ward
                profile.quarterValues(periodIndex: periodIndex, quarter: quarter,
                                      wardEffect: plan.wards[ward].effect, seed: seed, into: &values)
                writer.appendRow(period: periodField, ward: wardFields[ward], wardCode: wardCodes[ward],
                                 number: profile.number, numberWidth: numberWidths[ward], values: values)
                if writer.bytes.count >= chunkSize {
                    try sink(writer.bytes)
                    writer.bytes.removeAll(keepingCapacity: true)
                }
            }
        }
        if !writer.bytes.isEmpty { try sink(writer.bytes) }
    }

    /// The quarter number of a `YYYY-Qn` label, or nil for another label.
    static func quarter(of period: String) -> Int? {
        let bytes = Array(period.utf8)
        guard bytes.count >= 2, bytes[bytes.count - 2] == UInt8(ascii: "Q") else { return nil }
        let digit = Int(bytes[bytes.count - 1]) - Int(UInt8(ascii: "0"))
        return (1...4).contains(digit) ? digit : nil
    }
}
