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
            dataFiles: try dataDigests(of: round.data),
            plugins: plugins, periods: periods, threadCount: jobs,
            startTime: started, durationSeconds: finished.timeIntervalSince(started))
    }

    /// The digests `DataReader` took of the data files' parsed bytes (any
    /// still being computed is computed now); for data that carries none (parsed from memory), the files read now.
    private static func dataDigests(of data: DataSet) throws -> [FileDigest] {
        let digests = data.fileDigests
        guard digests.count == data.files.count else {
            return try data.files.map { try FileDigest.ofFile(atPath: $0) }
        }
        return zip(data.files, digests).map { FileDigest(path: $0, sha256: $1) }
    }
}
