import Foundation
import ScoringKit
@testable import ThiDuaEngine

/// Configs and variants written to a temporary folder, for the tests of
/// `extends`.
struct VariantFixture {
    /// A base config with every kind of list a variant merges: two
    /// contents (one with two criteria), a bonus, a gate, tiers, awards
    /// and a year block.
    static let base = """
        round: { id: test, title: "Vòng thử", data: data.csv, periods: [2020-Q1, 2020-Q2] }
        contents:
          - id: c1
            points: 60
            criteria:
              - { id: k1, plugin: linear, weight: 2, measure: { value: s1 }, zero_at: 0, full_at: 1 }
              - { id: k3, plugin: linear, measure: { value: s2 }, zero_at: 0, full_at: 1 }
          - id: c2
            points: 40
            criteria:
              - { id: k2, plugin: linear, measure: { value: s2 }, zero_at: 0, full_at: 1 }
        bonuses:
          - { id: b1, plugin: bonus, measure: { value: s1 }, points_per: 5, max: 3 }
        gates:
          - { id: g1, plugin: gate, measure: { value: s2 }, at_least: 0.35, reason: "quá thấp" }
        tiers:
          - { name: A, min: 90 }
          - { name: B, min: 50 }
          - { name: C, min: 0 }
        ranking: { tie_break: [c2] }
        awards:
          - { id: best, scope: district, min_tier: B, quota: { count: 2 } }
          - { id: ward-best, scope: ward, quota: { count: 1 } }
        year:
          awards:
            - { id: year-best, scope: district, min_tier: B, quota: { count: 1 } }

        """

    /// Both quarters of `MultiFileDataTests`, in one file.
    static let data = Fixture.csv(MultiFileDataTests.q1Rows + MultiFileDataTests.q2Rows)

    /// The folder holding the files.
    let folder: URL

    /// Writes `files` (relative path → text) to a fresh folder.
    init(_ files: [String: String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-variants-\(UUID().uuidString)")
        for (path, text) in files {
            try write(text, to: path)
        }
    }

    /// Writes one more file.
    func write(_ text: String, to path: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Removes the folder.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The absolute path of `path`.
    func path(_ path: String) -> String {
        folder.appendingPathComponent(path).path
    }

    /// The chain of `path` merged, with messages naming files relative to
    /// the folder (`variant.yaml:3:5`).
    func load(_ path: String) throws -> LoadedConfig {
        try ConfigLoader.load(path: self.path(path), displayPath: path)
    }

    /// The round of `path`, with data.
    func round(_ path: String) throws -> Round {
        try Round.load(configPath: self.path(path), registry: Fixture.registry)
    }

    /// Every output file of every quarter and the year, as bytes.
    func outputs(_ path: String) throws -> [String: [UInt8]] {
        let round = try round(path)
        let evaluator = Evaluator(round: round, jobs: 2)
        let quarters = try evaluator.evaluate()
        var files: [String: [UInt8]] = [:]
        for result in quarters + [evaluator.evaluateYear(quarters: quarters)] {
            for file in OutputSet.periodFiles(for: result) { files[file.relativePath] = file.bytes }
        }
        return files
    }

    /// The errors of loading and checking `path`, as printed.
    func errors(_ path: String) -> [String] {
        do {
            _ = try RoundConfigParser(registry: Fixture.registry).parse(load(path))
            return []
        } catch let error as DiagnosticError {
            return error.diagnostics.filter { $0.severity == .error }.map(\.description)
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    /// `text` with each `(old, new)` replaced; every `old` must occur once.
    static func edit(_ text: String, _ replacements: [(String, String)]) -> String {
        replacements.reduce(text) { text, replacement in
            precondition(text.components(separatedBy: replacement.0).count == 2, "not once: \(replacement.0)")
            return text.replacingOccurrences(of: replacement.0, with: replacement.1)
        }
    }
}

extension ConfigNode {
    /// How many nodes the tree holds.
    var nodeCount: Int {
        switch kind {
        case .scalar: 1
        case .sequence(let items): 1 + items.reduce(0) { $0 + $1.nodeCount }
        case .mapping(let entries): 1 + entries.reduce(0) { $0 + $1.value.nodeCount }
        }
    }
}
