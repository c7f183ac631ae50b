import ScoringKit
import Yams

extension LoadedConfig {
    /// The merged config as YAML (`thidua validate --print-effective`).
    ///
    /// Keys come in the order written (the base's first, then what variants
    /// add); scalars written in quotes stay quoted and plain ones stay plain
    /// (LibYAML quotes a plain one only where YAML requires it), so reading
    /// the text back gives the same config. Small mappings and lists of
    /// scalars are written in flow style, the rest in block style. The
    /// `round.data` paths a base wrote are rewritten relative to the folder
    /// of the first file, so the text can be saved beside it and run as is.
    /// The same tree always gives the same text.
    ///
    /// - Returns: The YAML text, after a comment naming the chain.
    /// - Throws: `DiagnosticError` if LibYAML refuses to write the tree.
    public func effectiveYAML() throws -> String {
        var header = "# Effective config of \(files.map(\.displayPath).joined(separator: " → "))\n"
        if files.count > 1 {
            header += "# (each file extends the next); paths are relative to the folder of the first.\n"
        }
        do {
            let body = try Yams.serialize(node: Self.yamsNode(rebasingData(of: root)),
                                          indent: 2, width: -1, allowUnicode: true)
            return header + body
        } catch {
            throw DiagnosticError(at: nil, "cannot write the effective config as YAML: \(error)")
        }
    }

    /// The longest flow collection, in characters, before block style is used.
    static let flowWidth = 100

    /// `root` with each `round.data` item written in another file than the
    /// first rewritten relative to the first file's folder.
    private func rebasingData(of root: ConfigNode) -> ConfigNode {
        guard let top = files.first, case .mapping(var entries) = root.kind,
              let roundIndex = entries.firstIndex(where: { $0.key == "round" }),
              case .mapping(var roundEntries) = entries[roundIndex].value.kind,
              let dataIndex = roundEntries.firstIndex(where: { $0.key == "data" })
        else { return root }
        let topDirectory = ConfigPath.directory(of: top.displayPath)
        func rebased(_ item: ConfigNode) -> ConfigNode {
            guard case .scalar(let name, let quoted) = item.kind, !item.isNull, !name.hasPrefix("/"),
                  item.location.file != top.displayPath else { return item }
            let prefix = ConfigPath.relative(from: topDirectory, to: ConfigPath.directory(of: item.location.file))
            let escaped = DataFileGlob.isPattern(name) ? DataFileGlob.escaped(prefix) : prefix
            return ConfigNode(.scalar(ConfigPath.join(escaped, name), quoted: quoted), at: item.location)
        }
        let data = roundEntries[dataIndex].value
        let rewritten = data.sequenceItems.map { ConfigNode(.sequence($0.map(rebased)), at: data.location) }
            ?? rebased(data)
        roundEntries[dataIndex].value = rewritten
        entries[roundIndex].value = ConfigNode(.mapping(roundEntries), at: entries[roundIndex].value.location)
        return ConfigNode(.mapping(entries), at: root.location)
    }

    /// The Yams node that LibYAML writes for `node`.
    private static func yamsNode(_ node: ConfigNode) -> Node {
        switch node.kind {
        case .scalar(let text, let quoted):
            // An empty plain scalar would come out as '' (text); null must stay null.
            if node.isNull { return .scalar(Node.Scalar("null", .implicit, .plain)) }
            return .scalar(Node.Scalar(text, .implicit, quoted ? .doubleQuoted : .plain))
        case .sequence(let items):
            let style: Node.Sequence.Style = isFlow(node) ? .flow : .block
            return .sequence(Node.Sequence(items.map(yamsNode), .implicit, style))
        case .mapping(let entries):
            let style: Node.Mapping.Style = isFlow(node) ? .flow : .block
            let pairs = entries.map { (Node.scalar(Node.Scalar($0.key, .implicit, .plain)), yamsNode($0.value)) }
            return .mapping(Node.Mapping(pairs, .implicit, style))
        }
    }

    /// Whether `node` fits on one line in flow style: a list of scalars, or
    /// a mapping of scalars and such lists, `flowWidth` characters at most.
    /// A list of mappings (bands, tiers) stays a block, one entry a line.
    private static func isFlow(_ node: ConfigNode) -> Bool {
        guard let width = flowLength(node, depth: 0) else { return false }
        return width <= flowWidth
    }

    /// The length of `node` in flow style, roughly; `nil` when it holds a
    /// collection nested more than two deep, a list of collections, or a
    /// scalar over one line.
    private static func flowLength(_ node: ConfigNode, depth: Int) -> Int? {
        switch node.kind {
        case .scalar(let text, let quoted):
            if text.contains("\n") { return nil }
            return text.unicodeScalars.count + (quoted ? 2 : 0)
        case .sequence(let items):
            guard depth < 2, items.allSatisfy({ $0.sequenceItems == nil && $0.mappingEntries == nil }) else {
                return nil
            }
            var total = 2
            for item in items {
                guard let length = flowLength(item, depth: depth + 1) else { return nil }
                total += length + 2
            }
            return total
        case .mapping(let entries):
            guard depth < 2 else { return nil }
            var total = 2
            for entry in entries {
                guard let length = flowLength(entry.value, depth: depth + 1) else { return nil }
                total += entry.key.unicodeScalars.count + length + 4
            }
            return total
        }
    }
}
