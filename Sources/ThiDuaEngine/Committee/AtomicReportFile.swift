import Foundation
import ScoringKit

/// Writes a report file whole or not at all: the `--json FILE` of `diff`,
/// `compare`, `explain` and `sensitivity`, and `run --timings FILE`.
public enum AtomicReportFile {
    /// Writes `bytes` to `path` atomically: into a hidden temporary file
    /// beside it, then `rename(2)`, so a reader never sees half a file and a
    /// failed write leaves the previous file as it was.
    /// - Parameters:
    ///   - bytes: The file's content.
    ///   - path: The file to write (replaced when it exists).
    /// - Throws: A `DiagnosticError` naming the file when it cannot be written.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try checkPath(path)
        let target = URL(fileURLWithPath: path)
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(random)")
        do {
            try Data(bytes).write(to: temporary)
        } catch {
            throw DiagnosticError(at: nil, "cannot write '\(path)': \(error.localizedDescription)",
                                  hint: "check that the folder is writable")
        }
        guard Foundation.rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw DiagnosticError(at: nil, "cannot write '\(path)': \(reason)")
        }
    }
}

extension AtomicReportFile {
    /// Checks that a report can be written to `path`: its folder exists and
    /// `path` is not itself a folder; so that a command can refuse a bad
    /// report path before doing any work.
    /// - Parameter path: The report file to write later.
    /// - Throws: A `DiagnosticError` naming the file and what is wrong.
    public static func checkPath(_ path: String) throws {
        guard !path.isEmpty else {
            throw DiagnosticError(at: nil, "the report file has no name", hint: "name a file, e.g. 'report.json'")
        }
        guard !path.hasSuffix("/") else {
            throw DiagnosticError(at: nil, "cannot write '\(path)': it names a folder",
                                  hint: "name a file, e.g. '\(path)report.json'")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticError(at: nil, "cannot write '\(path)': the folder '\(folder)' does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DiagnosticError(at: nil, "cannot write '\(path)': it is a folder", hint: "name a file, e.g. '\(path)/report.json'")
        }
    }

    /// As ``checkPath(_:)``, and also that the report would neither replace
    /// a file the run reads nor be written into the run's output folder
    /// (which is replaced whole, so the report would break it or be lost).
    /// Paths are compared once made absolute, with symbolic links resolved.
    /// - Parameters:
    ///   - path: The report file to write later.
    ///   - inputs: The files the run reads: its configs and data files.
    ///   - outputFolder: The folder the run writes, if any.
    /// - Throws: A `DiagnosticError` naming the file and what is wrong.
    public static func checkPath(_ path: String, apartFrom inputs: [String], outside outputFolder: String? = nil) throws {
        try checkPath(path)
        let report = resolved(path)
        if let input = inputs.first(where: { resolved($0) == report }) {
            throw DiagnosticError(at: nil, "cannot write the report to '\(path)': the run reads that file ('\(input)')",
                                  hint: "name another file")
        }
        if let outputFolder {
            let folder = resolved(outputFolder)
            if report == folder || report.hasPrefix(folder + "/") {
                throw DiagnosticError(at: nil, "cannot write the report to '\(path)': it is in the output folder '\(outputFolder)'",
                                      hint: "the output folder is replaced whole; write the report beside it")
            }
        }
    }

    /// `path` made absolute and standardized, the symbolic links of its
    /// folder resolved (the file itself may not exist yet).
    private static func resolved(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath()
        let full = folder.appendingPathComponent(url.lastPathComponent)
        return (FileManager.default.fileExists(atPath: full.path) ? full.resolvingSymlinksInPath() : full).path
    }
}
