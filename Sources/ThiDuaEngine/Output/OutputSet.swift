import Dispatch
import Synchronization

/// The files of one run's output folder (SCORING.md 4), as bytes, ready for
/// ``OutputDirectory/writeAtomically(to:files:)``.
///
/// For each evaluated period (a quarter, or the year): `<period>/ranking.csv`,
/// `<period>/awards.csv`, `<period>/results.json` and `<period>/report.md`;
/// then `manifest.json`. Everything but the manifest depends only on the
/// results, so it is byte-identical for the same inputs whatever the thread
/// count.
public enum OutputSet {
    /// The names of the files written for each period, in write order.
    public static let periodFileNames = ["ranking.csv", "awards.csv", "results.json", "report.md"]

    /// The name of the manifest, at the top of the output folder. Its
    /// presence marks a folder as an earlier output that a new run may
    /// replace.
    public static let manifestFileName = "manifest.json"

    /// Builds every file of the output folder.
    ///
    /// Each file of each period is built on its own (a national
    /// `results.json` takes a second or two), in parallel with
    /// `DispatchQueue.concurrentPerform`; every file goes to its own slot, so
    /// the result does not depend on scheduling. The cost is linear in the
    /// number of groups.
    /// - Parameters:
    ///   - results: One result per evaluated period, in output order.
    ///   - manifest: What the run was made from.
    /// - Returns: Relative paths and bytes: four per period (in the order of
    ///   ``periodFileNames``), then `manifest.json`.
    public static func files(for results: [PeriodResult], manifest: Manifest) -> [OutputFile] {
        let kinds = periodFileNames.count
        let slots = Mutex([[UInt8]](repeating: [], count: results.count * kinds))
        DispatchQueue.concurrentPerform(iterations: results.count * kinds) { job in
            let bytes = build(kind: job % kinds, for: results[job / kinds])
            slots.withLock { $0[job] = bytes }
        }
        // Arrays are copy-on-write: taking them out of the slots copies no bytes.
        let contents = slots.withLock { $0 }
        var files: [OutputFile] = []
        files.reserveCapacity(contents.count + 1)
        for job in contents.indices {
            let path = results[job / kinds].period + "/" + periodFileNames[job % kinds]
            files.append((relativePath: path, bytes: contents[job]))
        }
        files.append((relativePath: manifestFileName, bytes: manifest.jsonBytes))
        return files
    }

    /// The four files of one period, under `<period>/`, built one after the
    /// other.
    /// - Parameter result: The evaluation.
    /// - Returns: `ranking.csv`, `awards.csv`, `results.json`, `report.md`.
    public static func periodFiles(for result: PeriodResult) -> [OutputFile] {
        periodFileNames.indices.map { kind in
            (relativePath: result.period + "/" + periodFileNames[kind], bytes: build(kind: kind, for: result))
        }
    }

    /// Builds the file `periodFileNames[kind]` of `result`.
    private static func build(kind: Int, for result: PeriodResult) -> [UInt8] {
        switch kind {
        case 0: CSVReports.ranking(for: result)
        case 1: CSVReports.awards(for: result)
        case 2: ResultsJSON.bytes(for: result)
        default: ReportMarkdown.bytes(for: result)
        }
    }
}
