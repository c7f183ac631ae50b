import Foundation
import ScoringKit

/// The checks that keep ``OutputDirectory`` from touching what is not its
/// own: someone else's folder, a path outside the output folder, a parent
/// folder it did not create.
extension OutputDirectory {
    /// The ancestors of `target` that do not exist yet, deepest first.
    static func missingAncestors(of target: URL) -> [URL] {
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
    static func removeEmpty(_ folders: [URL]) {
        for folder in folders where Foundation.rmdir(folder.path) != 0 {
            return
        }
    }

    /// Refuses a target that is not ours to replace: a file, a link, or a
    /// non-empty folder without a thidua `manifest.json`.
    ///
    /// The manifest must be one thidua wrote (its first key is
    /// `"tool": "thidua"`), not just any `manifest.json`: a web project has
    /// one too, and must never be deleted by a mistyped `--out`.
    static func checkReplaceable(_ target: URL, as outDir: String) throws {
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
    static func isThiduaManifest(_ url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url) else { return false }
        return String(decoding: data.prefix(256), as: UTF8.self).contains(#""tool": "thidua""#)
    }

    /// Checks that every path is relative, `/`-separated, free of empty,
    /// `.` and `..` components, and used once.
    static func validate(_ paths: [String]) throws {
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
