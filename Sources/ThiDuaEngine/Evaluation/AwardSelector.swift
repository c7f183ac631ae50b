import Foundation
import ScoringKit

/// Decides the awards of one evaluation (SCORING.md 3.5).
enum AwardSelector {
    /// What the selector needs to know about each row.
    struct Population {
        var ids: [String]
        var wardOfRow: [Int32]
        var wardNames: [String]
        var eligible: [Bool]
        var tierOfRow: [Int32]
        /// District rank per row; 0 = not ranked (never a candidate).
        var rank: [Int32]
        /// Ward rank per row, for messages about ward awards.
        var wardRank: [Int32]
        /// Ranked rows in ranking order.
        var order: [Int32]
    }

    /// The grants and the warnings about ties at cutoffs.
    static func select(_ awards: [AwardConfig], in population: Population, period: String)
        -> (grants: [AwardGrant], warnings: [String]) {
        var holds = [Bool](repeating: false, count: population.ids.count)
        var grants: [AwardGrant] = []
        var warnings: [String] = []
        var orderByWard = [[Int32]](repeating: [], count: population.wardNames.count)
        for row in population.order { orderByWard[Int(population.wardOfRow[Int(row)])].append(row) }

        for (awardIndex, award) in awards.enumerated() {
            let units: [(name: String, rows: [Int32])] = switch award.scope {
            case .district: [("district", population.order)]
            case .ward: zip(population.wardNames, orderByWard).map { ($0, $1) }
            }
            var taken: [(unit: String, row: Int32)] = []
            for unit in units {
                let n = unit.rows.count
                let quota = switch award.quota {
                case .count(let count): count
                // floor(n × p / 100), forgiving float noise just below a whole number.
                case .percent(let percent): Int((Double(n) * percent / 100 + Tolerance.absolute).rounded(.down))
                }
                let candidates = unit.rows.filter { row in
                    population.eligible[Int(row)] && population.tierOfRow[Int(row)] <= award.minTier && !holds[Int(row)]
                }
                var selection = Array(candidates.prefix(quota))
                if quota > 0, quota < candidates.count,
                   population.rank[Int(candidates[quota - 1])] == population.rank[Int(candidates[quota])] {
                    let tiedRank = population.rank[Int(candidates[quota - 1])]
                    let tied = candidates.filter { population.rank[Int($0)] == tiedRank }
                    switch award.tiesAtCutoff {
                    case .exclude: selection.removeAll { population.rank[Int($0)] == tiedRank }
                    case .include: selection += candidates[quota...].filter { population.rank[Int($0)] == tiedRank }
                    }
                    let names = tied.map { population.ids[Int($0)] }.joined(separator: ", ")
                    let place = award.scope == .ward
                        ? "ward rank \(population.wardRank[Int(candidates[quota - 1])]), district rank \(tiedRank)"
                        : "district rank \(tiedRank)"
                    let outcome = award.tiesAtCutoff == .exclude ? "all excluded" : "all included"
                    warnings.append("\(period): award '\(award.id)' (\(unit.name)): tie at the cutoff of \(quota) at \(place) between \(names); \(outcome) (ties_at_cutoff: \(award.tiesAtCutoff.rawValue))")
                }
                taken += selection.map { (unit.name, $0) }
            }
            for (unit, row) in taken {
                holds[Int(row)] = true
                grants.append(AwardGrant(award: awardIndex, scopeUnit: unit, row: Int(row)))
            }
        }
        return (grants, warnings)
    }
}
