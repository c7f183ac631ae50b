import Foundation
import ScoringKit

/// One file of an output folder: its path inside the folder and its bytes.
public typealias OutputFile = (relativePath: String, bytes: [UInt8])

/// Puts a run's output folder in place all at once, so that a run that fails
/// leaves no half-written output behind (SCORING.md 4, DESIGN.md "Errors").
public enum OutputDirectory {
    /// Writes `files` under `outDir`, replacing an earlier thidua output.
    ///
    /// Everything is written first into a fresh hidden sibling folder
    /// (`.<name>.tmp-<pid>-<random>`, in the same parent so that the final
    /// step is a `rename(2)` within one file system). Then:
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
    ///   - files: The files; paths are relative, `/`-separated, without `.`
    ///     or `..` components, and distinct.
    /// - Throws: A ``DiagnosticError`` (no source location) when `outDir`
    ///   is not ours to replace, a path is invalid, or the file system fails.
    public static func writeAtomically(to outDir: String, files: [OutputFile]) throws {
        try validate(files.map(\.relativePath))
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
            for file in files {
                let url = temporary.appendingPathComponent(file.relativePath)
                try attempt("write '\(file.relativePath)'") {
                    try fileManager.createDirectory(
                        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(file.bytes).write(to: url)
                }
            }
            try checkReplaceable(target, as: outDir)
            try swap(temporary, into: target, as: outDir)
        } catch {
            try? fileManager.removeItem(at: temporary)
            removeEmpty(createdParents)
            throw error
        }
    }

    /// The ancestors of `target` that do not exist yet, deepest first.
    private static func missingAncestors(of target: URL) -> [URL] {
        var missing: [URL] = []
        var folder = target.deletingLastPathComponent()
        while folder.path != "/", !FileManager.default.fileExists(atPath: folder.path) {
            missing.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        return missing
    }

    /// Removes the folders a failed call created, deepest first; `rmdir(2)`
    /// removes only empty folders, so nothing else can be lost.
    private static func removeEmpty(_ folders: [URL]) {
        for folder in folders where Foundation.rmdir(folder.path) != 0 {
            return
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
    private static func siblingName(_ name: String, _ kind: String) -> String {
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return ".\(name).\(kind)-\(ProcessInfo.processInfo.processIdentifier)-\(random)"
    }

    /// Runs `body`, turning a file-system error into a diagnostic.
    private static func attempt(_ action: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError(at: nil, "cannot \(action): \(error.localizedDescription)")
        }
    }

    /// Refuses a target that is not ours to replace: a file, a link, or a
    /// non-empty folder without a thidua `manifest.json`.
    ///
    /// The manifest must be one thidua wrote (its first key is
    /// `"tool": "thidua"`), not just any `manifest.json`: a web project has
    /// one too, and must never be deleted by a mistyped `--out`.
    private static func checkReplaceable(_ target: URL, as outDir: String) throws {
        let fileManager = FileManager.default
        guard let attributes = try? fileManager.attributesOfItem(atPath: target.path) else { return }
        let hint = "choose a new or empty folder for --out, or remove '\(outDir)' yourself"
        switch attributes[.type] as? FileAttributeType {
        case .typeDirectory?:
            // Finder drops a `.DS_Store` into folders it merely displays.
            let entries = ((try? fileManager.contentsOfDirectory(atPath: target.path)) ?? [])
                .filter { $0 != ".DS_Store" }
            if entries.isEmpty || isThiduaManifest(target.appendingPathComponent("manifest.json")) { return }
            throw DiagnosticError(
                at: nil, "refusing to overwrite '\(outDir)': the folder is not empty and is not an earlier "
                    + "thidua output (it has no thidua manifest.json)", hint: hint)
        case .typeSymbolicLink?:
            throw DiagnosticError(at: nil, "refusing to replace '\(outDir)': it is a symbolic link",
                                  hint: "give the folder it points to, or " + hint)
        default:
            throw DiagnosticError(at: nil, "refusing to overwrite '\(outDir)': it is a file, not a folder",
                                  hint: hint)
        }
    }

    /// Whether `url` is a manifest written by thidua.
    private static func isThiduaManifest(_ url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url) else { return false }
        return String(decoding: data.prefix(256), as: UTF8.self).contains(#""tool": "thidua""#)
    }

    /// Checks that every path is relative, `/`-separated, free of empty,
    /// `.` and `..` components, and used once.
    private static func validate(_ paths: [String]) throws {
        var seen = Set<String>()
        for path in paths {
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            let valid = !path.isEmpty && !components.contains { $0.isEmpty || $0 == "." || $0 == ".." }
            guard valid, !path.contains("\0") else {
                throw DiagnosticError(at: nil, "invalid output file path '\(path)'",
                                      hint: "output paths are relative, like 2020-Q1/ranking.csv")
            }
            guard seen.insert(path).inserted else {
                throw DiagnosticError(at: nil, "the output file '\(path)' would be written twice",
                                      hint: "each period must appear once in the run")
            }
        }
    }
}
