/// The parameters of one config entry that belong to its plugin: every key of
/// the entry except the core's `id`, `title`, `plugin` and `weight`.
///
/// A plugin reads them in its initializer with the typed accessors below;
/// each accessor throws a `DiagnosticError` that points at the offending
/// value. After the initializer returns, the core reports every key the
/// plugin did not read as an unknown key, with a "did you mean" drawn from
/// the plugin's declared parameters, so plugins need not check for strays.
///
/// This is a reference type because reading marks keys as used; it lives
/// only while one plugin instance is being built, on one thread.
public final class PluginParameters {
    /// The entry's id, for messages (`criterion 'cultural_family_rate'`).
    public let entryID: String
    /// Where the entry starts; errors about a missing key point here.
    public let location: SourceLocation
    private let entries: [ConfigNode.Entry]
    private var used: Set<String> = []

    /// Creates parameters from the plugin's share of an entry.
    /// - Parameters:
    ///   - entryID: The entry's `id`.
    ///   - location: Where the entry starts.
    ///   - entries: The entry's keys other than the core's.
    public init(entryID: String, location: SourceLocation, entries: [ConfigNode.Entry]) {
        self.entryID = entryID
        self.location = location
        self.entries = entries
    }

    /// The raw node of `key`, or `nil` when the key is absent or `null`.
    /// Marks the key as read.
    public func node(_ key: String) -> ConfigNode? {
        used.insert(key)
        guard let entry = entries.first(where: { $0.key == key }), !entry.value.isNull else { return nil }
        return entry.value
    }

    /// The node of a key that must be present.
    /// - Throws: `DiagnosticError` at the entry when the key is missing.
    public func requiredNode(_ key: String, hint: String? = nil) throws -> ConfigNode {
        guard let node = node(key) else {
            throw DiagnosticError(at: location, "\(entryID): missing required key '\(key)'", hint: hint)
        }
        return node
    }

    /// A required number.
    public func number(_ key: String) throws -> Double {
        try requiredNode(key).number("'\(key)'")
    }

    /// An optional number, `nil` when absent.
    public func optionalNumber(_ key: String) throws -> Double? {
        try node(key)?.number("'\(key)'")
    }

    /// An optional text, `nil` when absent.
    public func optionalText(_ key: String) throws -> String? {
        try node(key)?.text("'\(key)'")
    }

    /// A required measure (see `Measure`).
    public func measure(_ key: String = "measure") throws -> Measure {
        try Measure(node: requiredNode(key, hint: "write e.g. \(key): { value: cultural_families, per: households }"))
    }

    /// The keys that were given but never read, in the order written.
    public var unreadEntries: [ConfigNode.Entry] {
        entries.filter { !used.contains($0.key) }
    }

    /// An error at the value of `key` (or at the entry when the key is
    /// absent), for a plugin's own checks: `throw parameters.error(at: "full_at", "…")`.
    public func error(at key: String?, _ message: String, hint: String? = nil) -> DiagnosticError {
        let at = key.flatMap { key in entries.first { $0.key == key }?.value.location } ?? location
        return DiagnosticError(at: at, message, hint: hint)
    }
}
