import Foundation

/// What one group got in one evaluation, as far as a committee compares two
/// runs: its total, ranks, tier, eligibility and award.
public struct GroupSnapshot: Sendable, Hashable {
    /// The group's id, unique within the period.
    public var groupID: String
    /// The ward it belongs to.
    public var ward: String
    /// Its total at full precision; `nil` when the file holds `null`.
    public var total: Double?
    /// Its rank in the district; `nil` when not ranked (the year, for a
    /// group missing a quarter).
    public var districtRank: Int?
    /// Its rank in its ward; `nil` when not ranked.
    public var wardRank: Int?
    /// Its tier; `nil` when it has none.
    public var tier: String?
    /// Whether it may receive an award.
    public var eligible: Bool
    /// The id of the award it received, or `nil`. Two awards for one group
    /// (never written by thidua) are joined with `+`, in id order.
    public var award: String?

    /// Creates a snapshot from known values.
    public init(
        groupID: String, ward: String, total: Double?, districtRank: Int?, wardRank: Int?,
        tier: String?, eligible: Bool, award: String? = nil
    ) {
        self.groupID = groupID
        self.ward = ward
        self.total = total
        self.districtRank = districtRank
        self.wardRank = wardRank
        self.tier = tier
        self.eligible = eligible
        self.award = award
    }
}

/// One `<period>/results.json` of an output folder, reduced to what
/// ``ResultsDiff`` compares.
public struct PeriodSnapshot: Sendable, Hashable {
    /// The period: the name of its folder (`2020-Q1`, or `2020` for the year).
    public var period: String
    /// Every group of the file, by group id.
    public var groups: [String: GroupSnapshot]

    /// Creates a snapshot from known groups.
    public init(period: String, groups: [GroupSnapshot]) {
        self.period = period
        self.groups = Dictionary(groups.map { ($0.groupID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Reads a `results.json` (SCORING.md 4, or the year's variant with
    /// `null` ranks and without `criteria`, `bonus`, `deduction`).
    ///
    /// Only the keys compared are checked; others (`contents`, `criteria`,
    /// `warnings`, …) are ignored, so a later format that adds keys still
    /// reads.
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - period: The name of the folder it lies in.
    /// - Returns: The snapshot.
    /// - Throws: ``ResultsFileProblem`` saying what is wrong and where in
    ///   the document.
    public static func decode(_ data: Data, period: String) throws -> PeriodSnapshot {
        let file: ResultsFile
        do {
            file = try JSONDecoder().decode(ResultsFile.self, from: data)
        } catch let error as DecodingError {
            throw ResultsFileProblem(error)
        }
        var groups: [String: GroupSnapshot] = [:]
        for (index, group) in file.groups.enumerated() {
            let snapshot = GroupSnapshot(
                groupID: group.groupID, ward: group.ward, total: group.total,
                districtRank: group.districtRank, wardRank: group.wardRank,
                tier: group.tier, eligible: group.eligible)
            guard groups.updateValue(snapshot, forKey: group.groupID) == nil else {
                throw ResultsFileProblem("groups[\(index)]: the group '\(group.groupID)' is listed twice")
            }
        }
        var awards: [String: [String]] = [:]
        for (index, award) in file.awards.enumerated() {
            guard groups[award.groupID] != nil else {
                throw ResultsFileProblem(
                    "awards[\(index)]: the award '\(award.awardID)' goes to '\(award.groupID)', which is not among the groups")
            }
            awards[award.groupID, default: []].append(award.awardID)
        }
        for (groupID, ids) in awards {
            groups[groupID]?.award = ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: "+")
        }
        return PeriodSnapshot(period: period, groups: Array(groups.values))
    }
}

/// The part of `results.json` that a comparison reads.
private struct ResultsFile: Decodable {
    struct Group: Decodable {
        var groupID: String
        var ward: String
        var total: Double?
        var tier: String?
        var eligible: Bool
        var wardRank: Int?
        var districtRank: Int?

        enum CodingKeys: String, CodingKey {
            case groupID = "group_id", ward, total, tier, eligible
            case wardRank = "ward_rank", districtRank = "district_rank"
        }
    }

    struct Award: Decodable {
        var awardID: String
        var groupID: String

        enum CodingKeys: String, CodingKey {
            case awardID = "award_id", groupID = "group_id"
        }
    }

    var period: String
    var groups: [Group]
    var awards: [Award]
}
