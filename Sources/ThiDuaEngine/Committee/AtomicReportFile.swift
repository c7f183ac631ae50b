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
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticError(at: nil, "cannot write '\(path)': the folder '\(folder)' does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DiagnosticError(at: nil, "cannot write '\(path)': it is a folder", hint: "name a file, e.g. '\(path)/report.json'")
        }
    }
}
