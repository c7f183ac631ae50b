/// Every group of the sample, in output order (ward by ward, then by number),
/// with its profile scaled so the district adds up to the census.
struct SampleGroupPlan {
    /// The wards.
    let wards: [SampleWardPlan.Ward]
    /// One profile per group, in output order.
    let profiles: [SampleGroupProfile]

    /// Latent quality of the twins: high enough to lead their weak ward for
    /// the ward award, and near the district commendations' cutoff, but not so
    /// high that a district award usually takes them first.
    static let twinQuality = 0.77
    /// How far below the twins the other groups of their ward stay, in latent quality.
    static let twinMargin = 0.22

    /// Plans `groups` groups for `seed`.
    init(groups: Int, seed: UInt64) {
        let wardPlan = SampleWardPlan(groups: groups, seed: seed)
        var profiles: [SampleGroupProfile] = []
        profiles.reserveCapacity(groups)
        for (wardIndex, ward) in wardPlan.wards.enumerated() {
            let twins = Self.twinNumbers(of: ward)
            let firstStream = profiles.count
            for number in stride(from: 1, through: ward.groupCount, by: 1) {
                // The second twin reuses the first one's stream, so both draw
                // exactly the same numbers in every quarter.
                let streamNumber = twins.map { number == $0.second ? $0.first : number } ?? number
                var profile = SampleGroupProfile(ward: wardIndex, number: number,
                                                 stream: UInt64(firstStream + streamNumber - 1), seed: seed)
                if let twins, number == twins.first || number == twins.second {
                    // Typical, steady traits keep the twins' totals in a
                    // narrow band from quarter to quarter and seed to seed.
                    profile.quality = Self.twinQuality
                    profile.offsets = SampleContentValues(economy: 0.02, culture: 0.04, environment: 0.04,
                                                          lawOrder: 0.08, democracy: 0.04)
                    profile.trend = 0
                    profile.povertyPropensity = 0.5
                    profile.generosity = 1.1
                    profile.modelBase = 2
                    profile.disputeRate = 0.8
                    profile.petitionPropensity = 0
                } else if twins != nil {
                    // The twins' ward is kept below them, so that they lead it.
                    profile.quality = min(profile.quality, Self.twinQuality - Self.twinMargin)
                }
                profiles.append(profile)
            }
        }
        Self.scaleToCensus(&profiles, groups: groups)
        wards = wardPlan.wards
        self.profiles = profiles
    }

    /// The numbers of a ward's twin pair, when it has one (wards of at least
    /// four groups that the ward plan marks).
    static func twinNumbers(of ward: SampleWardPlan.Ward) -> (first: Int, second: Int)? {
        guard ward.hasTwins, ward.groupCount >= 4 else { return nil }
        return (3, max(4, ward.groupCount * 2 / 3 + 1))
    }

    /// Scales households and residents per household so that the totals are
    /// the census totals, pro rata to the group count. Every group is scaled
    /// by the same factors, so twins stay identical.
    private static func scaleToCensus(_ profiles: inout [SampleGroupProfile], groups: Int) {
        guard !profiles.isEmpty else { return }
        let share = Double(groups) / Double(SampleDataGenerator.censusGroups)
        let rawHouseholds = profiles.reduce(0.0) { $0 + Double($1.households) }
        let householdFactor = Double(SampleDataGenerator.censusHouseholds) * share / rawHouseholds
        var residents = 0.0
        for index in profiles.indices {
            profiles[index].households = max(30, Int((Double(profiles[index].households) * householdFactor).rounded()))
            residents += Double(profiles[index].households) * profiles[index].residentsPerHousehold
        }
        let residentFactor = Double(SampleDataGenerator.censusResidents) * share / residents
        for index in profiles.indices {
            profiles[index].residentsPerHousehold *= residentFactor
        }
    }
}
