import Foundation
import ScoringKit

/// The results of one thidua output folder, read back for a comparison:
/// every `<period>/results.json` inside it.
///
/// A folder counts as a thidua output when at least one of its subfolders
/// holds a `results.json`; `manifest.json` is not required, so a golden copy
/// kept without it (as in this repository's tests) reads too. Hidden entries
/// (a name starting with `.`, such as an interrupted run's temporary folder)
/// and other files are ignored.
public struct OutputSnapshot: Sendable {
    /// The folder as the user named it.
    public var folder: String
    /// Every period found, by the name of its subfolder.
    public var periods: [String: PeriodSnapshot]

    /// Creates a snapshot from known periods.
    public init(folder: String, periods: [PeriodSnapshot]) {
        self.folder = folder
        self.periods = Dictionary(periods.map { ($0.period, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Reads every period of an output folder.
    /// - Parameter folder: The folder, as the user named it.
    /// - Returns: The snapshot.
    /// - Throws: A ``DiagnosticError`` with one diagnostic per problem: the
    ///   folder is missing, is a file, holds no `results.json`, or a
    ///   `results.json` cannot be read or is invalid (its path named).
    public static func read(folder: String) throws -> OutputSnapshot {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw DiagnosticError(at: nil, "the folder '\(folder)' does not exist",
                                  hint: "give a folder written by `thidua run --out`")
        }
        guard isDirectory.boolValue else {
            throw DiagnosticError(at: nil, "'\(folder)' is a file, not a thidua output folder",
                                  hint: "give a folder written by `thidua run --out`")
        }
        let entries: [String]
        do {
            entries = try fileManager.contentsOfDirectory(atPath: folder)
        } catch {
            throw DiagnosticError(at: nil, "cannot read the folder '\(folder)': \(error.localizedDescription)")
        }
        var periods: [PeriodSnapshot] = []
        var problems: [Diagnostic] = []
        for name in entries.sorted(by: periodPrecedes) where !name.hasPrefix(".") {
            let subfolder = (folder as NSString).appendingPathComponent(name)
            guard fileManager.fileExists(atPath: subfolder, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            let file = (subfolder as NSString).appendingPathComponent("results.json")
            guard fileManager.fileExists(atPath: file) else {
                let others = OutputSet.periodFileNames.filter {
                    fileManager.fileExists(atPath: (subfolder as NSString).appendingPathComponent($0))
                }
                if !others.isEmpty {
                    problems.append(.error(at: nil, "'\(subfolder)' holds \(others.joined(separator: ", ")) but no results.json",
                                           hint: "the output is incomplete; run `thidua run` again"))
                }
                continue
            }
            do {
                periods.append(try readPeriod(file, period: name))
            } catch let error as DiagnosticError {
                problems += error.diagnostics
            }
        }
        if periods.isEmpty && problems.isEmpty {
            problems.append(.error(at: nil, "'\(folder)' is not a thidua output folder: no <period>/results.json inside",
                                   hint: "give a folder written by `thidua run --out`"))
        }
        guard problems.isEmpty else { throw DiagnosticError(problems) }
        return OutputSnapshot(folder: folder, periods: periods)
    }

    /// Reads one `results.json`.
    private static func readPeriod(_ file: String, period: String) throws -> PeriodSnapshot {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw DiagnosticError(at: nil, "cannot read '\(file)': \(error.localizedDescription)")
        }
        do {
            return try PeriodSnapshot.decode(data, period: period)
        } catch let problem as ResultsFileProblem {
            throw DiagnosticError(at: nil, "'\(file)' is not a valid thidua results.json: \(problem)")
        }
    }

    /// The order periods are reported in: by year, the quarters (or any
    /// other `YYYY-…` name) before the year itself (`2020-Q4` before
    /// `2020`), otherwise by code point.
    /// - Returns: Whether `a` comes before `b`.
    public static func periodPrecedes(_ a: String, _ b: String) -> Bool {
        func parts(_ name: String) -> (year: Substring, rest: Substring?) {
            guard let dash = name.firstIndex(of: "-") else { return (name[...], nil) }
            return (name[..<dash], name[name.index(after: dash)...])
        }
        let (left, right) = (parts(a), parts(b))
        if left.year != right.year { return left.year.utf8.lexicographicallyPrecedes(right.year.utf8) }
        switch (left.rest, right.rest) {
        case let (x?, y?): return x.utf8.lexicographicallyPrecedes(y.utf8)
        case (_?, nil): return true
        default: return false
        }
    }
}
