import Foundation
import ScoringKit

/// Writes a report file whole or not at all: the `--json FILE` of `diff`,
/// `compare`, `explain` and `sensitivity`, and `run --timings FILE`.
public enum AtomicReportFile {
    /// Writes `bytes` to `path` atomically: into a hidden temporary file
    /// beside it (created new, written with `FileSink`), then `rename(2)`,
    /// so a reader never sees half a file, and a failed write leaves the
    /// previous file as it was and no temporary file behind. A symbolic
    /// link keeps pointing where it did: the file it names is replaced (or
    /// made, when it does not exist yet).
    /// - Parameters:
    ///   - bytes: The file's content.
    ///   - path: The file to write (replaced when it exists).
    /// - Throws: A `DiagnosticError` naming the file when it cannot be written.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try checkPath(path)
        let target = URL(fileURLWithPath: ConfigPath.canonical(path))
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(OutputDirectory.siblingName(target.lastPathComponent, "tmp")).path
        do {
            try OutputDirectory.writeFile(at: temporary, shownAs: path,
                                          hint: "check that the report's folder has room and is writable") { sink in
                try bytes.withUnsafeBytes { try sink.write($0) }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard Foundation.rename(temporary, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw DiagnosticError(at: nil, "cannot write '\(path)': \(reason)")
        }
    }
}

extension AtomicReportFile {
    /// Checks that a report can be written to `path`: its folder exists and
    /// may be written to, and `path` is not itself a folder, a pipe or a
    /// device; so that a command can refuse a bad
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
        // The file `write` replaces: a symbolic link's target (made when it
        // does not exist yet), so its folder is the one checked.
        let target = ConfigPath.canonical(path)
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticError(at: nil, "cannot write '\(path)': the folder '\(folder)' does not exist")
        }
        // Checked here, before a command's work, not when the report is
        // written at its end.
        guard access(folder, W_OK) == 0 else {
            throw DiagnosticError(at: nil, "cannot write '\(path)': the folder '\(folder)' is not writable "
                                      + "(\(String(cString: strerror(errno))))")
        }
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DiagnosticError(at: nil, "cannot write '\(path)': it is a folder", hint: "name a file, e.g. '\(path)/report.json'")
        }
        // Replaced by a rename, a pipe or a device would become a plain file.
        var info = stat()
        if stat(target, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            throw DiagnosticError(at: nil, "cannot write '\(path)': it is not a regular file (a device, a pipe or a socket)",
                                  hint: "name a file, e.g. 'report.json'")
        }
    }

    /// As ``checkPath(_:)``, and also that the report would neither replace
    /// a file the run reads nor be written into the run's output folder
    /// (which is replaced whole, so the report would break it or be lost).
    /// Paths are compared once made absolute, with symbolic links resolved.
    /// - Parameters:
    ///   - path: The report file to write later.
    ///   - inputs: The files the run reads: its configs and data files.
    ///   - folders: Folders the report must stay out of: the run's output
    ///     folder (replaced whole), the results folders `diff` reads.
    /// - Throws: A `DiagnosticError` naming the file and what is wrong.
    public static func checkPath(_ path: String, apartFrom inputs: [String], outside folders: [String] = []) throws {
        try checkPath(path)
        let report = ConfigPath.canonical(path)
        if let input = inputs.first(where: { ConfigPath.canonical($0) == report }) {
            throw DiagnosticError(at: nil, "cannot write the report to '\(path)': the run reads that file ('\(input)')",
                                  hint: "name another file")
        }
        for outside in folders {
            let folder = ConfigPath.canonical(outside)
            if report == folder || report.hasPrefix(folder + "/") {
                throw DiagnosticError(at: nil, "cannot write the report to '\(path)': it is in the folder '\(outside)', "
                                          + "which the command reads or replaces whole",
                                      hint: "write the report beside that folder")
            }
        }
    }
}
