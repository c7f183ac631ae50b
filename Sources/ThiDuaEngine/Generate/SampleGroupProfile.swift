/// What stays the same about one residential group across the quarters of the
/// sample: its size, make-up, and latent quality (how well the movement is run
/// there), from which each quarter's indicators are drawn with noise.
struct SampleGroupProfile {
    /// Index of the ward in `SampleWardPlan.wards`.
    var ward: Int
    /// The group's number within its ward (1-based), as in `Tổ dân phố số 7`.
    var number: Int
    /// The random stream the group draws from; twins share one.
    var stream: UInt64
    /// Households (constant over the year).
    var households: Int
    /// Residents per household (before each quarter's small drift).
    var residentsPerHousehold: Double
    /// Share of residents of working age.
    var workingAgeShare: Double
    /// Share of residents of school age.
    var schoolAgeShare: Double
    /// Latent quality in about [0, 1]: most groups good, some excellent, some weak.
    var quality: Double
    /// Per-content strengths and weaknesses around `quality`, so that a group
    /// can be good overall yet fall below the floor on one content.
    var offsets: SampleContentValues
    /// Change of quality per quarter: some groups improve, some slip.
    var trend: Double
    /// How prone the group is to poverty (its population's make-up).
    var povertyPropensity: Double
    /// How generously it gives to the "Vì người nghèo" fund.
    var generosity: Double
    /// Cultural models it runs in a typical quarter.
    var modelBase: Int
    /// Disputes per quarter per 280 households, on average.
    var disputeRate: Double
    /// Extra petitions beyond level per quarter, on average (a chronic grievance).
    var petitionPropensity: Double

    /// Residents per household in Thanh Xuân: 293,524 residents / 83,729 households.
    static let censusResidentsPerHousehold = 293_524.0 / 83_729.0

    /// Draws the profile of the group whose stream is `stream`; `households`
    /// is left raw here and scaled by the caller to the census total.
    init(ward: Int, number: Int, stream: UInt64, seed: UInt64) {
        var random = SampleRandom(seed: seed, stream: stream, substream: SampleRandom.profileSubstream)
        self.ward = ward
        self.number = number
        self.stream = stream
        // Inner-city groups range from ~120 to ~520 households, most near 280.
        households = Int((120 + 400 * (random.unit() + random.unit() + random.unit()) / 3).rounded())
        residentsPerHousehold = min(4.6, max(2.6, Self.censusResidentsPerHousehold + 0.25 * random.normal()))
        workingAgeShare = random.uniform(0.58, 0.68)
        schoolAgeShare = random.uniform(0.13, 0.18)

        // The mixture that gives every tier: excellent, good, weak groups.
        let kind = random.unit()
        if kind < 0.10 {
            quality = 0.88 + 0.04 * random.normal()
        } else if kind < 0.88 {
            quality = 0.70 + 0.10 * random.normal()
        } else {
            quality = 0.32 + 0.10 * random.normal()
        }
        offsets = SampleContentValues(
            economy: 0.08 * random.normal(), culture: 0.08 * random.normal(),
            environment: 0.08 * random.normal(), lawOrder: 0.08 * random.normal(),
            democracy: 0.08 * random.normal())
        trend = 0.015 * random.normal()
        povertyPropensity = random.uniform(0.3, 2.0)
        generosity = random.uniform(0.6, 1.4)
        modelBase = random.poisson(0.6 + 2.6 * max(0, quality))
        disputeRate = random.uniform(0.4, 2.2)
        // A few groups carry a long-running grievance whose households keep
        // petitioning past the ward, whatever the group's quality.
        petitionPropensity = random.chance(0.03) ? 2.5 : 0
    }
}

/// One number per content of the campaign (the five nội dung).
struct SampleContentValues {
    var economy: Double
    var culture: Double
    var environment: Double
    var lawOrder: Double
    var democracy: Double
}
