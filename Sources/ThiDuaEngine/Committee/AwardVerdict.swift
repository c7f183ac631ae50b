import ScoringKit

/// Whether one group won one award in one evaluation, and if not exactly why.
public struct AwardVerdict: Sendable {
    /// Why a group did or did not win.
    public enum Outcome: Sendable, Equatable {
        /// It won.
        case won
        /// It already holds this earlier award (precedence: one award each).
        case holdsAward(String)
        /// Not ranked (the year, for a group missing a quarter).
        case notRanked
        /// Not eligible; the reasons are the verdict's `reasons`.
        case notEligible
        /// Its tier is below the award's `min_tier`.
        case tierTooLow(tier: String, minTier: String)
        /// It tied at the cutoff with `others` and `ties_at_cutoff: exclude`
        /// dropped them all.
        case tieAtCutoff(rank: Int, others: [String])
        /// The quota went to better-ranked candidates: `pointsBehind` the
        /// last winner `lastWinner` of its unit; both `nil` when nobody won.
        case outsideQuota(pointsBehind: Double?, lastWinner: String?)
    }

    /// The award's id and title.
    public var awardID: String, title: String
    /// `district` or `ward`.
    public var scope: AwardScope
    /// The unit: `district` or the ward's name.
    public var unit: String
    /// Ranked groups of the unit (n) and the quota (q) there.
    public var unitSize: Int, quota: Int
    /// The group's rank in the unit (district or ward rank); `nil` when not ranked.
    public var rankInUnit: Int?
    /// The outcome.
    public var outcome: Outcome
    /// For `.notEligible`: the result's reasons.
    public var reasons: [String]

    /// Whether the group won the award.
    public var won: Bool { outcome == .won }

    /// The verdict in words, e.g. `not won: outside the quota of 45, 0.42 points behind the last winner KG-03`.
    public var text: String {
        let place = rankInUnit.map { "\(scope == .ward ? "ward" : "district") rank \($0) of \(unitSize)" } ?? "not ranked"
        switch outcome {
        case .won:
            return "won (\(place); quota \(quota))"
        case .holdsAward(let earlier):
            return "not won: already holds the earlier award '\(earlier)' (one award per group)"
        case .notRanked:
            return "not won: not ranked" + (reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")")
        case .notEligible:
            return "not won: not eligible: " + reasons.joined(separator: "; ")
        case .tierTooLow(let tier, let minTier):
            return "not won: tier \(tier) is below the award's minimum tier \(minTier)"
        case .tieAtCutoff(let rank, let others):
            return "not won: tied at \(scope == .ward ? "ward" : "district") rank \(rank) at the cutoff of \(quota) "
                + "with \(others.joined(separator: ", ")); ties_at_cutoff: exclude drops all of them"
        case .outsideQuota(let behind?, let last?):
            return "not won: outside the quota of \(quota) (\(place)), "
                + "\(CommitteeText.points(behind)) points behind the last winner \(last)"
        case .outsideQuota:
            return "not won: the quota is \(quota) in \(unit) (\(CommitteeText.plural(unitSize, "ranked group")))"
        }
    }
}

extension AwardVerdict {
    /// The verdict of every award of `result` for `row`: the reason of the
    /// award decision that lists the row as passed over when there is one,
    /// otherwise derived by the rules of SCORING.md 3.5 in the selector's
    /// order (an earlier award, eligibility, tier, then the quota).
    static func verdicts(for row: Int, in result: PeriodResult) -> [AwardVerdict] {
        let ward = Int(result.wardOfRow[row])
        var held: [Int: Int] = [:]  // row → the award it won
        for grant in result.grants where held[grant.row] == nil { held[grant.row] = grant.award }
        let ranked = result.order.map(Int.init).filter { result.districtRank[$0] > 0 }
        return result.awardDefinitions.enumerated().map { index, award in
            let unit = award.scope == .district ? "district" : result.wardNames[ward]
            let decision = result.decisions.first { $0.award == index && $0.unit == unit }
            let unitRows = award.scope == .district ? ranked : ranked.filter { Int(result.wardOfRow[$0]) == ward }
            let rank = result.districtRank[row] > 0
                ? Int(award.scope == .district ? result.districtRank[row] : result.wardRank[row]) : nil
            var verdict = AwardVerdict(
                awardID: award.id, title: award.title, scope: award.scope, unit: unit,
                unitSize: decision?.unitSize ?? unitRows.count, quota: decision?.quota ?? 0, rankInUnit: rank,
                outcome: .won, reasons: [])
            let context = Context(result: result, row: row, award: index, unitRows: unitRows, held: held,
                                  decision: decision)
            if held[row] == index { return verdict }
            let listed = decision?.passedOver.first { $0.row == row }?.reason
            verdict.outcome = listed.map(context.outcome) ?? context.derivedOutcome(ranked: rank != nil)
            if verdict.outcome == .notEligible || verdict.outcome == .notRanked { verdict.reasons = result.reasons[row] }
            return verdict
        }
    }

    /// What deciding one award for one row looks at.
    private struct Context {
        let result: PeriodResult
        let row: Int
        let award: Int
        /// The ranked rows of the award's unit, in ranking order.
        let unitRows: [Int]
        /// Row → the award it won.
        let held: [Int: Int]
        let decision: AwardDecision?

        /// The decision's reason, with its details filled in.
        func outcome(_ reason: PassedOver.Reason) -> Outcome {
            switch reason {
            case .notEligible: .notEligible
            case .tierTooLow: tierTooLow
            case .holdsAward(let earlier): .holdsAward(result.awardDefinitions[earlier].id)
            case .tieAtCutoff: tieAtCutoff ?? outsideQuota
            case .outsideQuota: outsideQuota
            }
        }

        /// The reason found by the selector's rules, for a row the decision does not list.
        func derivedOutcome(ranked: Bool) -> Outcome {
            if let earlier = held[row], earlier < award { return .holdsAward(result.awardDefinitions[earlier].id) }
            if !ranked { return .notRanked }
            if !result.eligible[row] { return .notEligible }
            if result.tierOfRow[row] > result.awardDefinitions[award].minTier { return tierTooLow }
            return tieAtCutoff ?? outsideQuota
        }

        private var tierTooLow: Outcome {
            .tierTooLow(tier: result.tierNames[Int(result.tierOfRow[row])],
                        minTier: result.tierNames[Int(result.awardDefinitions[award].minTier)])
        }

        /// The tie dropped at the cutoff, when the row is one of the tied:
        /// the candidate at the quota's last place did not win and shares
        /// the row's rank.
        private var tieAtCutoff: Outcome? {
            let minTier = result.awardDefinitions[award].minTier
            let candidates = unitRows.filter { other in
                result.eligible[other] && result.tierOfRow[other] <= minTier && (held[other].map { $0 >= award } ?? true)
            }
            let quota = decision?.quota ?? 0
            guard quota > 0, quota <= candidates.count else { return nil }
            let atCutoff = candidates[quota - 1]
            let cutoffRank = result.districtRank[atCutoff]
            guard result.districtRank[row] == cutoffRank, !(decision?.winners.contains(atCutoff) ?? false) else {
                return nil
            }
            let others = candidates.filter { result.districtRank[$0] == cutoffRank && $0 != row }
            let shown = result.awardDefinitions[award].scope == .district ? cutoffRank : result.wardRank[row]
            return .tieAtCutoff(rank: Int(shown), others: others.map { result.groupIDs[$0] })
        }

        private var outsideQuota: Outcome {
            guard let last = decision?.winners.last else { return .outsideQuota(pointsBehind: nil, lastWinner: nil) }
            return .outsideQuota(pointsBehind: result.total[last] - result.total[row], lastWinner: result.groupIDs[last])
        }
    }
}
