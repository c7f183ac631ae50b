import BuiltinPlugins
import ScoringKit
@testable import ThiDuaEngine

/// Small rounds built in memory for the rule tests.
enum Fixture {
    static let registry = PluginRegistry(BuiltinPlugins.all)

    /// A config whose criteria read columns `s1` and `s2` directly as
    /// achievements (linear from 0 to 1), so tests control every score.
    static func config(
        points: (Double, Double) = (60, 40),
        extra: String = "",
        tiers: String = """
            tiers:
              - { name: A, min: 90 }
              - { name: B, min: 50 }
              - { name: C, min: 0 }
            """,
        tieBreak: String = "ranking: { tie_break: [c2] }",
        awards: String = "awards: []"
    ) -> String {
        """
        round: { id: test, data: data.csv, periods: [2020-Q1, 2020-Q2] }
        contents:
          - id: c1
            points: \(points.0)
            criteria:
              - { id: k1, plugin: linear, measure: { value: s1 }, zero_at: 0, full_at: 1 }
          - id: c2
            points: \(points.1)
            criteria:
              - { id: k2, plugin: linear, measure: { value: s2 }, zero_at: 0, full_at: 1 }
        \(extra)
        \(tiers)
        \(tieBreak)
        \(awards)
        """
    }

    /// CSV text for rows `(period, ward, id, s1, s2)`, plus optional columns.
    static func csv(_ rows: [(String, String, String, Double, Double)], extraHeader: String = "",
                    extra: [String] = []) -> String {
        var lines = ["period,ward,group_id,group_name,s1,s2" + extraHeader]
        for (index, row) in rows.enumerated() {
            let tail = index < extra.count ? extra[index] : ""
            lines.append("\(row.0),\(row.1),\(row.2),Tổ \(row.2),\(row.3),\(row.4)\(tail)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses `yaml` and `csv` into a round, without files.
    static func round(_ yaml: String, _ csv: String) throws -> Round {
        let root = try YAMLDocument.parse(yaml, displayPath: "round.yaml")
        let config = try RoundConfigParser(registry: registry).parse(root: root, displayPath: "round.yaml", baseDirectory: "")
        let numeric = Set(Round.knownIndicators).union(config.referencedColumns.map(\.name))
        let data = try DataReader.parse(bytes: Array(csv.utf8), displayPath: "data.csv", numericColumns: numeric)
        return Round(config: config, data: data, warnings: config.warnings)
    }

    /// Evaluates `period` of the round made of `yaml` and `csv`.
    static func evaluate(_ yaml: String, _ csv: String, period: String = "2020-Q1", jobs: Int = 1) throws -> PeriodResult {
        let results = try Evaluator(round: round(yaml, csv), jobs: jobs).evaluate(periods: [period])
        return results[0]
    }

    /// The errors a config produces, as printed.
    static func configErrors(_ yaml: String) -> [String] {
        do {
            let root = try YAMLDocument.parse(yaml, displayPath: "round.yaml")
            _ = try RoundConfigParser(registry: registry).parse(root: root, displayPath: "round.yaml", baseDirectory: "")
            return []
        } catch let error as DiagnosticError {
            return error.diagnostics.filter { $0.severity == .error }.map(\.description)
        } catch {
            return ["unexpected: \(error)"]
        }
    }
}

extension PeriodResult {
    /// The row of `id`.
    func row(_ id: String) -> Int {
        guard let row = groupIDs.firstIndex(of: id) else { preconditionFailure("no group \(id)") }
        return row
    }

    /// Group ids holding award `awardID`, in output order.
    func winners(_ awardID: String) -> [String] {
        grants.filter { awardDefinitions[$0.award].id == awardID }.map { groupIDs[$0.row] }
    }

    /// Group ids in ranking order.
    var rankedIDs: [String] { order.map { groupIDs[Int($0)] } }
}
