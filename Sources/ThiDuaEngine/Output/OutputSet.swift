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
    /// Periods are written in the order of `results`; each result's files
    /// are built independently, so the cost is linear in the number of
    /// groups.
    /// - Parameters:
    ///   - results: One result per evaluated period, in output order.
    ///   - manifest: What the run was made from.
    /// - Returns: Relative paths and bytes: four per period, then
    ///   `manifest.json`.
    public static func files(for results: [PeriodResult], manifest: Manifest) -> [OutputFile] {
        var files: [OutputFile] = []
        files.reserveCapacity(results.count * periodFileNames.count + 1)
        for result in results {
            files += periodFiles(for: result)
        }
        files.append((relativePath: manifestFileName, bytes: manifest.jsonBytes))
        return files
    }

    /// The four files of one period, under `<period>/`.
    /// - Parameter result: The evaluation.
    /// - Returns: `ranking.csv`, `awards.csv`, `results.json`, `report.md`.
    public static func periodFiles(for result: PeriodResult) -> [OutputFile] {
        let folder = result.period + "/"
        return [
            (relativePath: folder + "ranking.csv", bytes: RankingCSV.bytes(for: result)),
            (relativePath: folder + "awards.csv", bytes: AwardsCSV.bytes(for: result)),
            (relativePath: folder + "results.json", bytes: ResultsJSON.bytes(for: result)),
            (relativePath: folder + "report.md", bytes: ReportMarkdown.bytes(for: result)),
        ]
    }
}
