import ScoringKit

/// Two configs of a round evaluated on the same data, compared evaluation
/// by evaluation (a quarter, or the year): whom the variant moves.
///
/// Built by ``Comparison/evaluate(base:variant:selection:jobs:)`` or, from
/// results at hand, ``ComparedEvaluation/init(base:variant:)``; rendered by
/// ``ComparisonReport``.
public struct Comparison: Sendable {
    /// The base config, as the user named it.
    public var base: String
    /// The variant config, as the user named it.
    public var variant: String
    /// The data both were evaluated on, as named.
    public var dataFiles: [String]
    /// The evaluations compared, quarters in the round's order, then the year.
    public var evaluations: [ComparedEvaluation]

    /// Creates a comparison of evaluations at hand.
    public init(base: String, variant: String, dataFiles: [String], evaluations: [ComparedEvaluation]) {
        self.base = base
        self.variant = variant
        self.dataFiles = dataFiles
        self.evaluations = evaluations
    }
}

/// One evaluation (a quarter, or the year) under the base and the variant.
public struct ComparedEvaluation: Sendable {
    /// The period, e.g. `2020-Q2`, or the year, e.g. `2020`.
    public var period: String
    /// Groups in either evaluation.
    public var groupCount: Int
    /// Every group whose results differ, by `group_id` (code-point order).
    public var differences: [GroupDifference]
    /// Agreement of the two district rankings, over the groups ranked in both.
    public var agreement: RankAgreement

    /// How many rank moves ``largestRankMoves`` lists.
    public static let rankMoveLimit = 10
}

extension ComparedEvaluation {
    /// Compares two evaluations of the same period.
    /// - Parameters:
    ///   - base: The base config's result.
    ///   - variant: The variant's result of the same period, on the same data.
    public init(base: PeriodResult, variant: PeriodResult) {
        let baseRows = Self.rows(of: base), variantRows = Self.rows(of: variant)
        let ids = Set(baseRows.keys).union(variantRows.keys).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        period = variant.period
        groupCount = ids.count
        differences = ids.compactMap { ComparedRow.difference(baseRows[$0], variantRows[$0]) }
        var x: [Double] = [], y: [Double] = []
        for id in ids {
            guard let before = baseRows[id]?.districtRank, let after = variantRows[id]?.districtRank else { continue }
            x.append(Double(before))
            y.append(Double(after))
        }
        agreement = RankAgreement(x, y)
    }

    /// Each group's row and award, by group id.
    private static func rows(of result: PeriodResult) -> [String: ComparedRow] {
        var awards: [Int: [String]] = [:]
        for grant in result.grants where result.awardDefinitions.indices.contains(grant.award) {
            awards[grant.row, default: []].append(result.awardDefinitions[grant.award].id)
        }
        var rows: [String: ComparedRow] = [:]
        for row in 0..<result.rowCount {
            // One award per group; two (never decided by thidua) are joined as `thidua diff` does.
            let award = awards[row].map { $0.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: "+") }
            rows[result.groupIDs[row]] = ComparedRow(result: result, row: row, award: award)
        }
        return rows
    }

    /// Groups whose award was gained, lost or changed, by group id.
    public var awardChanges: [GroupDifference] { differences.filter { $0.award != nil } }

    /// Groups whose tier changed, by group id.
    public var tierChanges: [GroupDifference] { differences.filter { $0.tier != nil } }

    /// The groups ranked in both whose district rank moved most: by
    /// |Δ rank| descending, then `group_id`; at most ``rankMoveLimit``.
    public var largestRankMoves: [GroupDifference] {
        let moved = differences.filter { ($0.rankDelta ?? 0) != 0 }
        let sorted = moved.sorted { a, b in
            let (da, db) = (abs(a.rankDelta ?? 0), abs(b.rankDelta ?? 0))
            return da != db ? da > db : a.groupID.utf8.lexicographicallyPrecedes(b.groupID.utf8)
        }
        return Array(sorted.prefix(Self.rankMoveLimit))
    }

    /// Counts of what differs, for the summary lines.
    public var counts: ComparisonCounts {
        var counts = ComparisonCounts()
        counts.add(self)
        return counts
    }
}

/// What differs, counted over one evaluation or all of them.
public struct ComparisonCounts: Sendable, Hashable {
    /// Evaluations compared.
    public var evaluations = 0
    /// Groups compared (summed over evaluations).
    public var groups = 0
    /// Groups whose results differ in any figure.
    public var changed = 0
    /// Groups in one evaluation only.
    public var onlyInOne = 0
    /// Totals that differ.
    public var totals = 0
    /// District ranks that differ.
    public var districtRanks = 0
    /// Ward ranks that differ.
    public var wardRanks = 0
    /// Tiers that differ.
    public var tiers = 0
    /// Eligibility that differs.
    public var eligibility = 0
    /// Awards gained, lost and changed.
    public var awardsGained = 0, awardsLost = 0, awardsChanged = 0
    /// Groups in both whose headline figures (total, ranks, tier,
    /// eligibility, award) are the same but other figures differ.
    public var otherFiguresOnly = 0
    /// The figures that differ for those groups, in ``GroupDifference/otherFigures`` order.
    public var otherFigureNames: [String] = []

    /// Adds the differences of one evaluation.
    mutating func add(_ evaluation: ComparedEvaluation) {
        evaluations += 1
        groups += evaluation.groupCount
        for difference in evaluation.differences {
            changed += 1
            if difference.kind != .changed { onlyInOne += 1 }
            if difference.total != nil { totals += 1 }
            if difference.districtRank != nil { districtRanks += 1 }
            if difference.wardRank != nil { wardRanks += 1 }
            if difference.tier != nil { tiers += 1 }
            if difference.eligible != nil { eligibility += 1 }
            switch difference.awardMove {
            case .gained?: awardsGained += 1
            case .lost?: awardsLost += 1
            case .changed?: awardsChanged += 1
            case nil: break
            }
            if difference.kind == .changed, difference.isOtherFiguresOnly {
                otherFiguresOnly += 1
                let known = Set(otherFigureNames).union(difference.otherFigures)
                otherFigureNames = GroupDifference.otherFigureOrder.filter(known.contains)
            }
        }
    }
}

extension Comparison {
    /// The counts over every evaluation.
    public var counts: ComparisonCounts {
        var counts = ComparisonCounts()
        for evaluation in evaluations { counts.add(evaluation) }
        return counts
    }
}
