import Foundation
import ScoringKit
import Yams

/// Reads a YAML file into a `ConfigNode` tree that remembers where every
/// value was written.
///
/// The document is composed with Yams (LibYAML) and walked with a node
/// budget before anything is decoded: Yams expands aliases without limit, so
/// a few hundred bytes of nested aliases ("billion laughs") would otherwise
/// exhaust memory. Aliases that stay within the budget are fine.
public enum YAMLDocument {
    /// The most nodes a config may expand to. The sample round has a few
    /// hundred; a config is written by hand, so 100,000 is far beyond need.
    public static let nodeBudget = 100_000

    /// Reads and composes the YAML file at `path`.
    /// - Parameters:
    ///   - path: Where to read the file.
    ///   - displayPath: The path to print in messages.
    /// - Returns: The root node.
    /// - Throws: `DiagnosticError` for an unreadable file, invalid UTF-8,
    ///   a YAML syntax error, duplicate keys, non-text keys, an empty
    ///   document or a document over the node budget.
    public static func load(path: String, displayPath: String) throws -> ConfigNode {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be read" : "no such file"
            throw DiagnosticError(at: nil, "cannot read config file '\(displayPath)': \(reason)")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw DiagnosticError(at: SourceLocation(file: displayPath, line: 1, column: 1),
                                  "the config is not valid UTF-8", hint: "save the file as UTF-8")
        }
        return try parse(text, displayPath: displayPath)
    }

    /// Composes YAML text into a `ConfigNode` tree.
    /// - Throws: `DiagnosticError` as `load(path:displayPath:)` does.
    public static func parse(_ text: String, displayPath: String) throws -> ConfigNode {
        let root: Node?
        do {
            // Every scalar is taken as text (`ConfigNode` keeps its string and
            // whether it was quoted, and the config parser reads numbers and
            // flags itself), so Yams' type rules are not needed: the basic
            // resolver tags every scalar as a string. The default one
            // compiled seven regular expressions on every run and matched
            // every mapping key against them to look for duplicates, some
            // 3 ms, two thirds of reading the sample config. With it, keys
            // are also compared as the text the config reads: `1` and `"1"`
            // are the same key.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw diagnose(error, displayPath: displayPath)
        }
        guard let root else {
            throw DiagnosticError(at: SourceLocation(file: displayPath, line: 1, column: 1), "the config is empty")
        }
        var converter = Converter(file: displayPath, budget: nodeBudget)
        return try converter.convert(root)
    }

    private static func diagnose(_ error: YamlError, displayPath: String) -> DiagnosticError {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: displayPath, line: max(1, mark.line), column: max(1, mark.column))
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return DiagnosticError(at: at(mark), "YAML syntax: \(message)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return DiagnosticError(at: at(context.mark),
                                   "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping",
                                   hint: "each key may appear once in a mapping")
        case let .reader(problem, _, _, _):
            return DiagnosticError(at: SourceLocation(file: displayPath, line: 1, column: 1), "cannot read YAML: \(problem)")
        default:
            return DiagnosticError(at: SourceLocation(file: displayPath, line: 1, column: 1), "cannot read YAML: \(error)")
        }
    }
}

/// Turns a Yams node tree into `ConfigNode`s while counting nodes.
private struct Converter {
    let file: String
    var budget: Int

    mutating func convert(_ node: Node) throws -> ConfigNode {
        budget -= 1
        if budget < 0 {
            throw DiagnosticError(at: location(node.mark),
                                  "the config expands to more than \(YAMLDocument.nodeBudget) values",
                                  hint: "YAML aliases (*name) that nest other aliases multiply; write the values out")
        }
        switch node {
        case .scalar(let scalar):
            return ConfigNode(.scalar(scalar.string, quoted: scalar.style != .plain), at: location(scalar.mark))
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try convert(item)) }
            return ConfigNode(.sequence(items), at: location(sequence.mark))
        case .mapping(let mapping):
            var entries: [ConfigNode.Entry] = []
            entries.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw DiagnosticError(at: location(key.mark), "a key must be plain text")
                }
                let keyLocation = location(keyScalar.mark)
                entries.append(ConfigNode.Entry(key: keyScalar.string, keyLocation: keyLocation,
                                                value: try convert(value)))
            }
            return ConfigNode(.mapping(entries), at: location(mapping.mark))
        case .alias(let alias):
            throw DiagnosticError(at: location(alias.mark), "unresolved YAML alias")
        }
    }

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }
}
