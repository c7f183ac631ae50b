/// Building config trees in code, for plugin tests and programmatic configs.
///
/// Nodes built with these factories all sit at `ConfigNode.unplaced`.
/// `laidOut(file:firstLine:)` then gives every node and key the line and
/// column it would have if the tree were written as block YAML (the text is
/// `yamlText`), so a test can assert where an error points without a YAML
/// parser:
///
/// ```swift
/// let entry = ConfigNode.map([
///     "measure": .map(["value": .str("cultural_families"), "per": .str("households")]),
///     "zero_at": .num(0.6),
///     "full_at": .num(0.6),
/// ]).laidOut()
/// // measure:
/// //   value: cultural_families
/// //   per: households
/// // zero_at: 0.6
/// // full_at: 0.6          ← the value 0.6 is at test.yaml:5:10
/// ```
extension ConfigNode {
    /// The location of a node built in code before it is laid out.
    public static let unplaced = SourceLocation(file: "<memory>", line: 1, column: 1)

    /// A plain (unquoted) scalar, e.g. `.str("households")`.
    ///
    /// - Parameters:
    ///   - text: The scalar as written; a plain `12` reads as a number.
    ///   - location: Where it was written.
    public static func str(_ text: String, at location: SourceLocation = unplaced) -> ConfigNode {
        ConfigNode(.scalar(text, quoted: false), at: location)
    }

    /// A quoted scalar, which is always text (`"12"`, `"null"`).
    ///
    /// - Parameters:
    ///   - text: The text between the quotes.
    ///   - location: Where the opening quote was written.
    public static func quoted(_ text: String, at location: SourceLocation = unplaced) -> ConfigNode {
        ConfigNode(.scalar(text, quoted: true), at: location)
    }

    /// A number scalar, written as Swift prints the value (`0.6`, `90.0`, `1e-09`).
    ///
    /// - Parameters:
    ///   - value: The number; it must be finite to read back as a number.
    ///   - location: Where it was written.
    public static func num(_ value: Double, at location: SourceLocation = unplaced) -> ConfigNode {
        ConfigNode(.scalar("\(value)", quoted: false), at: location)
    }

    /// A plain `null` scalar, which readers treat as an absent value.
    public static let null = ConfigNode(.scalar("null", quoted: false), at: unplaced)

    /// A sequence, e.g. `.list([.str("a"), .str("b")])`.
    ///
    /// - Parameters:
    ///   - items: The items in order.
    ///   - location: Where the sequence starts.
    public static func list(_ items: [ConfigNode], at location: SourceLocation = unplaced) -> ConfigNode {
        ConfigNode(.sequence(items), at: location)
    }

    /// A mapping, with its keys in the order written, e.g.
    /// `.map(["at_least": .num(0.9), "score": .num(1)])`.
    ///
    /// `KeyValuePairs` keeps the order and allows a key twice, so tests can
    /// build any mapping a YAML composer could hand over.
    ///
    /// - Parameters:
    ///   - pairs: The keys and their values.
    ///   - location: Where the mapping starts; every key gets it too.
    public static func map(_ pairs: KeyValuePairs<String, ConfigNode>,
                           at location: SourceLocation = unplaced) -> ConfigNode {
        ConfigNode(.mapping(pairs.map { Entry(key: $0.key, keyLocation: location, value: $0.value) }), at: location)
    }

    /// A mapping built from pairs computed at run time, e.g. with optional
    /// keys left out: `.map([("zero_at", .num(0.6))] + extra)`.
    ///
    /// - Parameters:
    ///   - pairs: The keys and their values, in order.
    ///   - location: Where the mapping starts; every key gets it too.
    public static func map(_ pairs: [(String, ConfigNode)], at location: SourceLocation = unplaced) -> ConfigNode {
        ConfigNode(.mapping(pairs.map { Entry(key: $0.0, keyLocation: location, value: $0.1) }), at: location)
    }

    /// A copy of the tree in which every node and key carries the place it
    /// has in `yamlText`, the tree written as block YAML.
    ///
    /// Mappings put one key per line, nested collections are indented by
    /// two spaces, a mapping inside a list starts on the `- ` line, and empty
    /// collections are written `{}` and `[]`. A collection's location is its
    /// first key or `-`, as a YAML composer reports it.
    ///
    /// - Parameters:
    ///   - file: The file name the locations carry.
    ///   - firstLine: The line the text starts on.
    /// - Returns: The same tree with real locations.
    public func laidOut(file: String = "test.yaml", firstLine: Int = 1) -> ConfigNode {
        var layout = BlockLayout(file: file, firstLine: firstLine)
        return layout.place(self, column: 1)
    }

    /// The tree written as block YAML, line for line as `laidOut` places it;
    /// useful in a failing test's message.
    public var yamlText: String {
        var layout = BlockLayout(file: "", firstLine: 1)
        _ = layout.place(self, column: 1)
        return layout.lines.joined(separator: "\n")
    }
}

/// Writes a tree as block YAML and records where each node landed.
///
/// Invariant: the text is being written at the end of the last line, and
/// columns count Unicode scalars, as `SourceLocation` does.
private struct BlockLayout {
    let file: String
    let firstLine: Int
    var lines: [String] = [""]

    init(file: String, firstLine: Int) {
        self.file = file
        self.firstLine = firstLine
    }

    private var here: SourceLocation {
        SourceLocation(file: file, line: firstLine + lines.count - 1, column: currentColumn)
    }

    private var currentColumn: Int { (lines.last?.unicodeScalars.count ?? 0) + 1 }

    private mutating func write(_ text: String) {
        lines[lines.count - 1] += text
    }

    /// Starts a new line indented so that the next text lands at `column`.
    private mutating func newLine(at column: Int) {
        lines.append(String(repeating: " ", count: column - 1))
    }

    /// Writes `node` at the current position, which is `column`, and returns it located.
    mutating func place(_ node: ConfigNode, column: Int) -> ConfigNode {
        let start = here
        switch node.kind {
        case .scalar(let text, let quoted):
            write(quoted ? "\"" + escaped(text) + "\"" : text)
            return ConfigNode(node.kind, at: start)
        case .sequence(let items) where items.isEmpty:
            write("[]")
            return ConfigNode(node.kind, at: start)
        case .mapping(let entries) where entries.isEmpty:
            write("{}")
            return ConfigNode(node.kind, at: start)
        case .sequence(let items):
            var placed: [ConfigNode] = []
            for (index, item) in items.enumerated() {
                if index > 0 { newLine(at: column) }
                write("- ")
                placed.append(place(item, column: column + 2))
            }
            return ConfigNode(.sequence(placed), at: start)
        case .mapping(let entries):
            var placed: [ConfigNode.Entry] = []
            for (index, entry) in entries.enumerated() {
                if index > 0 { newLine(at: column) }
                let keyLocation = here
                write(entry.key + ":")
                let value: ConfigNode
                if isBlockCollection(entry.value) {
                    newLine(at: column + 2)
                    value = place(entry.value, column: column + 2)
                } else {
                    write(" ")
                    value = place(entry.value, column: currentColumn)
                }
                placed.append(ConfigNode.Entry(key: entry.key, keyLocation: keyLocation, value: value))
            }
            return ConfigNode(.mapping(placed), at: start)
        }
    }

    /// Non-empty collections go on the lines below their key; everything
    /// else fits on the key's line.
    private func isBlockCollection(_ node: ConfigNode) -> Bool {
        switch node.kind {
        case .scalar: false
        case .sequence(let items): !items.isEmpty
        case .mapping(let entries): !entries.isEmpty
        }
    }

    /// Backslashes and quotes are the only characters a double-quoted
    /// YAML scalar cannot hold as they are; ScoringKit avoids Foundation.
    private func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "\\" || character == "\"" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
