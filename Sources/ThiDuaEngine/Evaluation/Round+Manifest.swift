import Foundation
import ScoringKit

extension Manifest {
    /// The manifest of a run of `round`: digests of its config, of the
    /// configs it extends and of every data file (in the order read; of the
    /// bytes parsed, as `DataReader` hashed them), the plugins its entries
    /// use, and the run's figures.
    /// - Throws: `DiagnosticError` when a file can no longer be read.
    public static func make(round: Round, periods: [String], jobs: Int, started: Date, finished: Date) throws -> Manifest {
        var plugins: [PluginVersion] = []
        for (_, entry) in round.config.allEntries {
            let descriptor = type(of: entry.plugin).descriptor
            if !plugins.contains(where: { $0.name == descriptor.name }) {
                plugins.append(PluginVersion(name: descriptor.name, version: descriptor.version))
            }
        }
        return Manifest(
            toolVersion: ToolInfo.version,
            config: try FileDigest.ofFile(atPath: round.config.file),
            extendedConfigs: try round.config.configFiles.dropFirst().map { try FileDigest.ofFile(atPath: $0) },
            dataFiles: try dataDigests(of: round),
            plugins: plugins, periods: periods, threadCount: jobs,
            startTime: started, durationSeconds: finished.timeIntervalSince(started))
    }

    /// The digests taken of the data files' parsed bytes as the round was
    /// loaded (any still being computed is computed now); for a round loaded
    /// without them (`fingerprint: false`, or built from data in memory),
    /// the files read now.
    private static func dataDigests(of round: Round) throws -> [FileDigest] {
        let files = round.data.files, digests = try round.dataFileDigests
        guard digests.count == files.count else { return try files.map { try FileDigest.ofFile(atPath: $0) } }
        return zip(files, digests).map { FileDigest(path: $0, sha256: $1) }
    }
}
