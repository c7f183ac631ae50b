/// A node of a round config, as the core read it from YAML, with the place
/// each value was written.
///
/// Plugins receive their parameters as `ConfigNode`s so that they can report
/// errors at the right line without depending on a YAML library.
public struct ConfigNode: Sendable, Hashable {
    /// The shape of a node.
    public enum Kind: Sendable, Hashable {
        /// A scalar. `quoted` is true when it was written in quotes, which
        /// makes `null`, `true` or `12` plain text.
        case scalar(String, quoted: Bool)
        /// A sequence (`[a, b]` or a block list).
        case sequence([ConfigNode])
        /// A mapping, with its entries in the order they were written.
        case mapping([Entry])
    }

    /// One `key: value` pair of a mapping.
    public struct Entry: Sendable, Hashable {
        /// The key's text.
        public var key: String
        /// Where the key was written.
        public var keyLocation: SourceLocation
        /// The value.
        public var value: ConfigNode

        /// Creates an entry.
        public init(key: String, keyLocation: SourceLocation, value: ConfigNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    /// The node's content.
    public var kind: Kind
    /// Where the node starts.
    public var location: SourceLocation

    /// Creates a node.
    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// A word for the node's shape, for messages: "a number", "a list", ….
    public var shapeDescription: String {
        switch kind {
        case .scalar(let text, let quoted):
            if !quoted && isNullText(text) { return "null" }
            if !quoted && Double(text) != nil { return "a number" }
            return "text '\(text)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// The entries when the node is a mapping.
    public var mappingEntries: [Entry]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    /// The items when the node is a sequence.
    public var sequenceItems: [ConfigNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// The text when the node is a scalar that is not `null`.
    public var scalarText: String? {
        if case .scalar(let text, let quoted) = kind, quoted || !isNullText(text) { return text }
        return nil
    }

    /// The entry for `key` when the node is a mapping.
    public subscript(key: String) -> Entry? {
        mappingEntries?.first { $0.key == key }
    }

    /// True for an unquoted `null`, `~` or empty scalar.
    public var isNull: Bool {
        if case .scalar(let text, let quoted) = kind { return !quoted && isNullText(text) }
        return false
    }
}

private func isNullText(_ text: String) -> Bool {
    text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
}

// MARK: - Typed reading

extension ConfigNode {
    /// The node as a finite number.
    ///
    /// - Parameter what: How to name the value in the error, e.g. `'zero_at'`.
    /// - Throws: `DiagnosticError` at the node when it is not a finite number.
    public func number(_ what: String) throws -> Double {
        if case .scalar(let text, _) = kind, let value = Self.parseNumber(text) {
            return value
        }
        throw DiagnosticError(at: location, "\(what) must be a number, not \(shapeDescription)")
    }

    /// The node as text (a scalar that is not `null`).
    ///
    /// - Throws: `DiagnosticError` at the node when it is a list, a mapping or null.
    public func text(_ what: String) throws -> String {
        if let text = scalarText { return text }
        throw DiagnosticError(at: location, "\(what) must be text, not \(shapeDescription)")
    }

    /// The node as one name or a list of names: `col` or `[col_a, col_b]`.
    ///
    /// - Throws: `DiagnosticError` when an item is not text or the list is empty.
    public func textList(_ what: String) throws -> [String] {
        if let items = sequenceItems {
            guard !items.isEmpty else {
                throw DiagnosticError(at: location, "\(what) must name at least one column")
            }
            return try items.map { try $0.text(what) }
        }
        return [try text(what)]
    }

    /// Parses a YAML number: decimal, with optional sign, fraction and
    /// exponent. Rejects NaN and infinities, which are never valid here.
    public static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingASCIISpaces()
        guard let first = trimmed.unicodeScalars.first,
              first == "-" || first == "+" || first == "." || ("0"..."9").contains(first),
              let value = Double(trimmed), value.isFinite
        else { return nil }
        return value
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    func trimmingASCIISpaces() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        // `start` exists, so a last non-space scalar exists too.
        let end = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) ?? start
        return String(scalars[start...end])
    }
}
