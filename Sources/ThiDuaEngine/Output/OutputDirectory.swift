import Foundation
import ScoringKit

/// One file of an output folder: its path inside the folder and its bytes.
public typealias OutputFile = (relativePath: String, bytes: [UInt8])

/// Puts a run's output folder in place all at once, so that a run that fails
/// leaves no half-written output behind (SCORING.md 4, DESIGN.md "Errors").
public enum OutputDirectory {
    /// Writes `files`, already in memory, under `outDir`, replacing an
    /// earlier thidua output; see
    /// ``writeAtomically(to:paths:jobs:write:fileWritten:)``.
    ///
    /// - Parameters:
    ///   - outDir: The output folder, as the user named it.
    ///   - files: The files; paths are relative, `/`-separated, without `.`
    ///     or `..` components, and distinct.
    /// - Throws: A ``DiagnosticError`` (no source location) when `outDir`
    ///   is not ours to replace, a path is invalid, or the file system fails.
    public static func writeAtomically(to outDir: String, files: [OutputFile]) throws {
        try writeAtomically(to: outDir, paths: files.map(\.relativePath), jobs: 1) { index, sink in
            var buffer = ByteBuffer(capacity: files[index].bytes.count)
            buffer.append(files[index].bytes)
            try sink.drain(&buffer)
        }
    }

    /// Writes the files `paths` under `outDir`, each made by `write` straight
    /// into its file, replacing an earlier thidua output.
    ///
    /// Everything is written first into a fresh hidden sibling folder
    /// (`.<name>.tmp-<pid>-<random>`, in the same parent so that the final
    /// step is a `rename(2)` within one file system), up to `jobs` files at a
    /// time, in the order of `paths` (put the largest first). Then:
    ///
    /// - `outDir` missing: the temporary folder is renamed to `outDir`;
    /// - `outDir` empty (a `.DS_Store` aside), or an earlier output (it holds
    ///   a `manifest.json` written by thidua): it is renamed aside, the
    ///   temporary folder renamed into its place, and the old folder
    ///   deleted. Readers see the old or the new output, never a mix;
    /// - anything else (a file, a link, a folder with other contents): the
    ///   call refuses, before writing anything.
    ///
    /// On any failure the temporary folder (and any parent folder this call
    /// created) is removed and an earlier output is left as it was. Files
    /// are not `fsync`ed: the guarantee is about failed runs, not power cuts.
    /// - Parameters:
    ///   - outDir: The output folder, as the user named it.
    ///   - paths: The files' paths: relative, `/`-separated, without `.` or
    ///     `..` components, and distinct.
    ///   - jobs: How many files to write at the same time (at least 1).
    ///   - write: Writes file `index` (of `paths`) to the sink; called once
    ///     per file, from several threads at once.
    ///   - fileWritten: Called with `index` once file `index` is complete,
    ///     e.g. to count progress.
    /// - Throws: A ``DiagnosticError`` (no source location) when `outDir`
    ///   is not ours to replace, a path is invalid, the file system fails,
    ///   or `write` throws (the first failing file's error).
    public static func writeAtomically(
        to outDir: String, paths: [String], jobs: Int,
        write: @Sendable (_ index: Int, _ sink: inout FileSink) throws -> Void,
        fileWritten: @Sendable (_ index: Int) -> Void = { _ in }
    ) throws {
        try validate(paths)
        let target = URL(fileURLWithPath: outDir).standardizedFileURL
        let name = target.lastPathComponent
        guard target.path != "/", !name.isEmpty, name != ".", name != ".." else {
            throw DiagnosticError(at: nil, "cannot use '\(outDir)' as the output folder",
                                  hint: "name a folder, e.g. --out results")
        }
        try checkReplaceable(target, as: outDir)
        let fileManager = FileManager.default
        let parent = target.deletingLastPathComponent()
        let createdParents = missingAncestors(of: target)
        let temporary = parent.appendingPathComponent(siblingName(name, "tmp"))
        do {
            try attempt("create the folder '\(parent.path)'") {
                try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            }
            try attempt("create the temporary folder '\(temporary.path)'") {
                try fileManager.createDirectory(at: temporary, withIntermediateDirectories: false)
            }
        } catch {
            removeEmpty(createdParents)
            throw error
        }
        do {
            try writeFiles(paths, into: temporary, jobs: jobs, write: write, fileWritten: fileWritten)
            try checkReplaceable(target, as: outDir)
            try swap(temporary, into: target, as: outDir)
        } catch {
            try? fileManager.removeItem(at: temporary)
            removeEmpty(createdParents)
            throw error
        }
    }

    /// Moves `temporary` to `target`, setting an existing `target` aside
    /// first and deleting it once the new folder is in place.
    private static func swap(_ temporary: URL, into target: URL, as outDir: String) throws {
        guard FileManager.default.fileExists(atPath: target.path) else {
            try rename(temporary, target, outDir)
            return
        }
        let aside = target.deletingLastPathComponent()
            .appendingPathComponent(siblingName(target.lastPathComponent, "old"))
        try rename(target, aside, outDir)
        do {
            try rename(temporary, target, outDir)
        } catch {
            try? rename(aside, target, outDir)
            throw error
        }
        // The new output is in place; a leftover hidden `.old` folder is
        // harmless, so failing to delete it does not fail the run.
        try? FileManager.default.removeItem(at: aside)
    }

    /// `rename(2)`, with a diagnostic on failure.
    private static func rename(_ from: URL, _ to: URL, _ outDir: String) throws {
        guard Foundation.rename(from.path, to.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw DiagnosticError(at: nil, "cannot move '\(from.path)' to '\(to.path)': \(reason)",
                                  hint: "check that '\(outDir)' and its parent folder are writable")
        }
    }

    /// A hidden sibling name, `.<name>.<kind>-<pid>-<random>`.
    static func siblingName(_ name: String, _ kind: String) -> String {
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return ".\(name).\(kind)-\(ProcessInfo.processInfo.processIdentifier)-\(random)"
    }

    /// Runs `body`, turning a file-system error into a diagnostic.
    static func attempt(_ action: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError(at: nil, "cannot \(action): \(error.localizedDescription)")
        }
    }
}
