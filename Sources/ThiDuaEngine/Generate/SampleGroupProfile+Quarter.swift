extension SampleGroupProfile {
    /// The indicator columns, in the order of SCORING.md section 2.
    static let indicatorColumns = [
        "households", "residents", "working_age", "employed", "poor_households", "near_poor_households",
        "fund_vnd", "cultural_families", "children_school_age", "children_in_school", "cultural_models",
        "waste_sorting_households", "cleanup_campaigns", "order_violations", "security_incidents",
        "serious_incidents", "disputes", "disputes_mediated", "meetings_held", "meeting_households",
        "petitions_beyond_level",
    ]

    /// Fund contributions by quarter: Tết in Q1 and the "Tháng cao điểm vì
    /// người nghèo" (17 October – 18 November) in Q4 bring most of the money.
    static let fundSeason: [Double] = [1.2, 0.6, 0.6, 1.8]

    /// Quality gained by every group per quarter as the campaign takes hold.
    static let districtDrift = 0.008

    /// Writes the group's indicators for one quarter into `values` (one entry
    /// per `indicatorColumns`), all non-negative integers that respect the
    /// columns' relations (employed ≤ working_age, mediated ≤ disputes, …).
    ///
    /// - Parameters:
    ///   - periodIndex: position of the period in the run (0 = first); quality
    ///     follows the group's trend along it.
    ///   - quarter: 1–4, for seasonal fund contributions.
    ///   - wardEffect: the ward's pull on quality.
    ///   - seed: the run's seed.
    func quarterValues(periodIndex: Int, quarter: Int, wardEffect: Double, seed: UInt64, into values: inout [Int]) {
        var random = SampleRandom(seed: seed, stream: stream, substream: UInt64(periodIndex) + 1)
        // The movement matures over the year (districtDrift), each group
        // follows its own trend, and a quarter-wide shock moves all contents
        // together (a good or bad quarter) on top of each content's own noise.
        let base = quality + wardEffect + (trend + Self.districtDrift) * Double(periodIndex) + 0.025 * random.normal()
        func level(_ offset: Double) -> Double {
            min(1, max(0, base + offset + 0.03 * random.normal()))
        }
        let economy = level(offsets.economy)
        let culture = level(offsets.culture)
        let environment = level(offsets.environment)
        let lawOrder = level(offsets.lawOrder)
        let democracy = level(offsets.democracy)

        func share(_ total: Int, _ rate: Double) -> Int {
            min(total, max(0, Int((Double(total) * rate).rounded())))
        }
        func clamp(_ x: Double, _ low: Double, _ high: Double) -> Double { min(high, max(low, x)) }

        let households = self.households
        let residents = max(households, Int((Double(households) * residentsPerHousehold
                                             * (1 + 0.004 * random.normal())).rounded()))
        let workingAge = share(residents, workingAgeShare)
        let employed = share(workingAge, clamp(0.82 + 0.15 * economy + 0.008 * random.normal(), 0.5, 0.998))
        let sizeFactor = Double(households) / 280
        let poor = min(households, random.poisson(0.8 * sizeFactor * povertyPropensity * (1.25 - economy)))
        let nearPoor = min(households - poor,
                           random.poisson(1.3 * sizeFactor * povertyPropensity * (1.25 - economy)))

        // Thousand VND per household this quarter; weak groups sometimes
        // collect nothing outside the peak quarters.
        let season = Self.fundSeason[(quarter - 1) % 4]
        var fundThousands = Int((Double(households) * generosity * (4 + 26 * economy) * season
                                 * random.uniform(0.8, 1.2)).rounded())
        if random.chance((1 - economy) * (season < 1 ? 0.25 : 0.05)) { fundThousands = 0 }

        let culturalFamilies = share(households, clamp(0.73 + 0.24 * culture + 0.008 * random.normal(), 0, 0.995))
        let schoolAge = share(residents, schoolAgeShare)
        let inSchool = share(schoolAge, clamp(1 - (1 - culture) * 0.04 * random.uniform(0.5, 1.5), 0, 1))
        var models = modelBase
        if random.chance(0.2) { models += random.chance(0.5 + 0.3 * (culture - 0.5)) ? 1 : -1 }
        models = max(0, models)

        let sorting = share(households, clamp(0.20 + 0.70 * environment + 0.02 * random.normal(), 0, 0.99))
        let cleanups = random.binomial(3, 0.45 + 0.55 * environment) + (random.chance(0.15 * environment) ? 1 : 0)
        let violations = random.poisson(2.5 * sizeFactor * (1.05 - environment))

        let incidents = random.poisson(1.6 * Double(residents) / 1000 * (1.1 - lawOrder))
        let serious = random.binomial(incidents, 0.03 + 0.10 * (1 - lawOrder))
        let disputes = random.poisson(disputeRate * sizeFactor)
        let mediated = random.binomial(disputes, 0.55 + 0.45 * lawOrder)

        let meetings = democracy < 0.15 && random.chance(0.5) ? 0 : 1 + random.binomial(2, 0.3 + 0.7 * democracy)
        let attendance = meetings == 0
            ? 0 : share(households, clamp(0.58 + 0.34 * democracy + 0.02 * random.normal(), 0, 0.98))
        let weakness = 1 - democracy
        let petitions = random.poisson(0.02 + petitionPropensity + 1.2 * weakness * weakness * weakness)

        values[0] = households
        values[1] = residents
        values[2] = workingAge
        values[3] = employed
        values[4] = poor
        values[5] = nearPoor
        values[6] = fundThousands * 1000
        values[7] = culturalFamilies
        values[8] = schoolAge
        values[9] = inSchool
        values[10] = models
        values[11] = sorting
        values[12] = cleanups
        values[13] = violations
        values[14] = incidents
        values[15] = serious
        values[16] = disputes
        values[17] = mediated
        values[18] = meetings
        values[19] = attendance
        values[20] = petitions
    }
}
