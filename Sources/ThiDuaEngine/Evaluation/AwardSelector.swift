import Foundation
import ScoringKit

/// Decides the awards of one evaluation (SCORING.md 3.5).
enum AwardSelector {
    /// How many groups below the last winner a decision lists as passed over.
    static let passedOverBelowCutoff = 5
    /// The most groups a decision lists as passed over.
    static let passedOverLimit = 20

    /// What the selector needs to know about each row.
    struct Population {
        var ids: [String]
        var wardOfRow: [Int32]
        var wardNames: [String]
        var eligible: [Bool]
        var tierOfRow: [Int32]
        var total: [Double]
        /// District rank per row; 0 = not ranked (never a candidate).
        var rank: [Int32]
        /// Ward rank per row: ties of a ward award are decided on it.
        var wardRank: [Int32]
        /// Ranked rows in ranking order.
        var order: [Int32]
        /// Each ward's ranked rows in the ward's ranking order.
        var wardOrder: [[Int32]]
    }

    /// What the selector decided.
    struct Outcome {
        var grants: [AwardGrant] = []
        var decisions: [AwardDecision] = []
        var warnings: [String] = []
    }

    /// Decides every award in order of precedence, one award per group.
    static func select(_ awards: [AwardConfig], in population: Population, period: String) -> Outcome {
        // The award each row holds, or -1; and scratch marks for `decide`,
        // cleared after each unit (a `Set` per unit hashed every row it
        // looked up, and a district unit has them all).
        var held = [Int32](repeating: -1, count: population.ids.count)
        var marks = [UInt8](repeating: 0, count: population.ids.count)
        var outcome = Outcome()

        for (awardIndex, award) in awards.enumerated() {
            let units: [(name: String, rows: [Int32])] = switch award.scope {
            case .district: [("district", population.order)]
            case .ward: zip(population.wardNames, population.wardOrder).map { ($0, $1) }
            }
            var taken: [(unit: String, row: Int32)] = []
            for unit in units {
                let decision = decide(award, index: awardIndex, unit: unit, population: population, held: held,
                                      marks: &marks, period: period, warnings: &outcome.warnings)
                taken += decision.winners.map { (unit.name, Int32($0)) }
                outcome.decisions.append(decision)
            }
            for (unit, row) in taken {
                held[Int(row)] = Int32(awardIndex)
                outcome.grants.append(AwardGrant(award: awardIndex, scopeUnit: unit, row: Int(row)))
            }
        }
        return outcome
    }

    /// `marks` bits for `decide`: a winner of the unit, a candidate dropped
    /// by a tie at the cutoff.
    private static let winnerMark: UInt8 = 1, excludedMark: UInt8 = 2

    private static func decide(_ award: AwardConfig, index: Int, unit: (name: String, rows: [Int32]),
                               population: Population, held: [Int32], marks: inout [UInt8], period: String,
                               warnings: inout [String]) -> AwardDecision {
        let n = unit.rows.count
        let quota = switch award.quota {
        case .count(let count): count
        // floor(n × p / 100), forgiving float noise just below a whole number.
        case .percent(let percent): Int((Double(n) * percent / 100 + Tolerance.absolute).rounded(.down))
        }
        let eligible = population.eligible, tierOfRow = population.tierOfRow, minTier = award.minTier
        // Candidates in ranking order, with their positions in the unit.
        var candidates: [Int32] = [], positions: [Int] = []
        for (position, row) in unit.rows.enumerated()
        where eligible[Int(row)] && tierOfRow[Int(row)] <= minTier && held[Int(row)] < 0 {
            candidates.append(row)
            positions.append(position)
        }
        // Each unit is ranked on its own (SCORING.md 3.5): a ward's ties are
        // ties of its ward ranking.
        let rank = award.scope == .ward ? population.wardRank : population.rank
        var selection = Array(candidates.prefix(quota))
        // The last candidate that won or was dropped by a tie.
        var lastCandidate = min(quota, candidates.count) - 1
        var tied: [Int32] = []
        if quota > 0, quota < candidates.count,
           rank[Int(candidates[quota - 1])] == rank[Int(candidates[quota])] {
            let tiedRank = rank[Int(candidates[quota - 1])]
            for (candidate, row) in candidates.enumerated() where rank[Int(row)] == tiedRank {
                tied.append(row)
                lastCandidate = candidate
            }
            switch award.tiesAtCutoff {
            case .exclude:
                selection.removeAll { rank[Int($0)] == tiedRank }
                for row in tied { marks[Int(row)] |= excludedMark }
            case .include:
                selection += candidates[quota...].filter { rank[Int($0)] == tiedRank }
            }
            let names = tied.map { population.ids[Int($0)] }.joined(separator: ", ")
            let place = award.scope == .ward
                ? "ward rank \(tiedRank), district rank \(population.rank[Int(candidates[quota - 1])])"
                : "district rank \(tiedRank)"
            let outcome = award.tiesAtCutoff == .exclude ? "all excluded" : "all included"
            warnings.append("\(period): award '\(award.id)' (\(unit.name)): tie at the cutoff of \(quota) at \(place) between \(names); \(outcome) (ties_at_cutoff: \(award.tiesAtCutoff.rawValue))")
        }
        for row in selection { marks[Int(row)] |= winnerMark }

        // The groups that came close: every non-winner ranked above the last
        // winner (or the tied ones) — but those already holding an earlier
        // award, which the report lists under that award — and a few just
        // below the cutoff, whatever their reason.
        let lastPosition = lastCandidate >= 0 ? positions[lastCandidate] : -1
        let lastWinnerTotal = selection.last.map { population.total[Int($0)] }
        var passedOver: [PassedOver] = []
        for (position, row) in unit.rows.prefix(lastPosition + 1 + passedOverBelowCutoff).enumerated()
        where marks[Int(row)] & winnerMark == 0 && (position > lastPosition || held[Int(row)] < 0) {
            guard passedOver.count < passedOverLimit else { break }
            let reason: PassedOver.Reason
            if held[Int(row)] >= 0 {
                reason = .holdsAward(Int(held[Int(row)]))
            } else if !eligible[Int(row)] {
                reason = .notEligible
            } else if tierOfRow[Int(row)] > minTier {
                reason = .tierTooLow
            } else if marks[Int(row)] & excludedMark != 0 {
                reason = .tieAtCutoff
            } else {
                reason = .outsideQuota(pointsBehind: lastWinnerTotal.map { $0 - population.total[Int(row)] })
            }
            passedOver.append(PassedOver(row: Int(row), reason: reason))
        }
        for row in selection { marks[Int(row)] = 0 }
        for row in tied { marks[Int(row)] = 0 }
        return AwardDecision(award: index, unit: unit.name, unitSize: n, quota: quota,
                             winners: selection.map(Int.init), passedOver: passedOver)
    }
}
