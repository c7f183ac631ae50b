import Foundation
import ScoringKit

/// A config file merged with the chain of files it extends.
public struct LoadedConfig: Sendable {
    /// One file of the chain.
    public struct File: Sendable, Hashable {
        /// The path to open.
        public var path: String
        /// The path as messages print it; the `file` of its nodes' locations.
        public var displayPath: String
    }

    /// The merged tree, without `extends`. Every node keeps the location
    /// where it was written, in whichever file of the chain that is.
    public var root: ConfigNode
    /// The chain: the file asked for first, then the one it extends, and so
    /// on to the file that extends nothing.
    public var files: [File]
    /// What the merge could not do (removing an id that is not inherited,
    /// an id given twice, …), each at the variant's line; the tree is merged
    /// as far as it could be, so that the config's own checks can still run
    /// and every error is reported at once.
    public var problems: [Diagnostic]

    /// The folder (to open) of the file whose display path is `displayPath`;
    /// `nil` for a file not in the chain.
    func directory(ofFile displayPath: String) -> String? {
        files.first { $0.displayPath == displayPath }.map { ConfigPath.directory(of: $0.path) }
    }
}

/// Reads a round config and the configs it extends, and merges them
/// (README "Config variants").
///
/// `extends: FILE` at the top of a config names the config it is a variant
/// of, relative to the naming file's folder. The chain is followed to a file
/// that extends nothing, then merged from there with `ConfigMerge`: the base
/// first, each variant onto what it extends. Each file is composed with the
/// node budget of `YAMLDocument`, so the merged tree is bounded by the sum.
public enum ConfigLoader {
    /// Reads the config at `path` and every config it extends, and merges them.
    ///
    /// - Parameters:
    ///   - path: The config file to read.
    ///   - displayPath: The path to print in messages (defaults to `path`).
    /// - Returns: The merged tree, the chain of files and the merge's problems.
    /// - Throws: `DiagnosticError` for a file that cannot be read or composed
    ///   (at the `extends` that names it), an `extends` that is not one file
    ///   name, and a cycle (naming the chain).
    public static func load(path: String, displayPath: String? = nil) throws -> LoadedConfig {
        var files: [LoadedConfig.File] = []
        var identities: [String] = []
        var trees: [ConfigNode] = []
        var next = LoadedConfig.File(path: path, displayPath: displayPath ?? path)
        var namedAt: SourceLocation?
        while true {
            let identity = ConfigPath.canonical(next.path)
            if identities.contains(identity) {
                let chain = (files + [next]).map(\.displayPath).joined(separator: " → ")
                throw DiagnosticError(at: namedAt, "'extends' makes a cycle: \(chain)",
                                      hint: "a config cannot extend itself, directly or through other configs")
            }
            let (tree, extends) = try split(read(next, namedAt: namedAt))
            identities.append(identity)
            files.append(next)
            trees.append(tree)
            guard let extends, let name = extends.scalarText else { break }
            next = base(named: name, by: next)
            namedAt = extends.location
        }
        var merge = ConfigMerge()
        var merged = merge.merge(nil, trees[trees.count - 1])
        for tree in trees.dropLast().reversed() {
            merged = merge.merge(merged, tree)
        }
        return LoadedConfig(root: merged, files: files, problems: merge.problems)
    }

    /// Composes one file; a file that cannot be opened is reported at the
    /// `extends` that names it.
    private static func read(_ file: LoadedConfig.File, namedAt: SourceLocation?) throws -> ConfigNode {
        do {
            return try YAMLDocument.load(path: file.path, displayPath: file.displayPath)
        } catch let error as DiagnosticError where namedAt != nil && error.diagnostics.first?.location == nil {
            let reason = FileManager.default.fileExists(atPath: file.path) ? "it cannot be read" : "no such file"
            throw DiagnosticError(at: namedAt, "'extends' names '\(file.displayPath)': \(reason)",
                                  hint: "the path is relative to the folder of the config that names it")
        }
    }

    /// The tree without its top-level `extends`, and the `extends` value.
    private static func split(_ root: ConfigNode) throws -> (ConfigNode, ConfigNode?) {
        guard let entries = root.mappingEntries, let entry = root["extends"] else { return (root, nil) }
        guard entry.value.scalarText?.isEmpty == false else {
            throw DiagnosticError(at: entry.value.location,
                                  "'extends' must name one config file, not \(entry.value.shapeDescription)",
                                  hint: "write e.g. extends: ../thanh-xuan-2020.yaml (relative to this file)")
        }
        return (ConfigNode(.mapping(entries.filter { $0.key != "extends" }), at: root.location), entry.value)
    }

    /// The file `name` (an `extends` value) names, seen from `file`.
    ///
    /// `..` is folded away (`Configs/variants/../x.yaml` → `Configs/x.yaml`)
    /// when the folded path is the same file, so messages stay short; behind
    /// a symbolic link the path is kept as it is.
    private static func base(named name: String, by file: LoadedConfig.File) -> LoadedConfig.File {
        let path = ConfigPath.join(ConfigPath.directory(of: file.path), name)
        let display = ConfigPath.join(ConfigPath.directory(of: file.displayPath), name)
        let folded = ConfigPath.folded(path)
        guard ConfigPath.canonical(folded) == ConfigPath.canonical(path) else {
            return LoadedConfig.File(path: path, displayPath: display)
        }
        return LoadedConfig.File(path: folded, displayPath: ConfigPath.folded(display))
    }
}
