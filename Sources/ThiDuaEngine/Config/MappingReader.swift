import ScoringKit

/// Collects diagnostics while a config is read, so that one run reports
/// every problem it can find.
final class DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    func error(_ location: SourceLocation?, _ message: String, hint: String? = nil) {
        add(.error(at: location, message, hint: hint))
    }

    func warning(_ location: SourceLocation?, _ message: String, hint: String? = nil) {
        add(.warning(at: location, message, hint: hint))
    }

    /// Runs `body`, recording a thrown `DiagnosticError` instead of
    /// propagating it; returns `nil` then.
    func attempt<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as DiagnosticError {
            error.diagnostics.forEach(add)
        } catch {
            self.error(nil, "\(error)")
        }
        return nil
    }
}

/// Reads one mapping of the config strictly: unknown keys are errors with a
/// "did you mean", and typed getters record errors at the offending value.
struct MappingReader {
    let node: ConfigNode
    let entries: [ConfigNode.Entry]
    let context: String
    let sink: DiagnosticSink

    /// Returns `nil` (after recording an error) when `node` is not a mapping.
    /// - Parameters:
    ///   - context: How to name the mapping in messages, e.g. `round`.
    ///   - allowed: The keys it may hold; others are reported.
    ///   - pluginKeys: When non-nil, keys outside `allowed` are passed on (the
    ///     plugin's parameters) instead of being reported.
    init?(_ node: ConfigNode, context: String, allowed: [String], sink: DiagnosticSink, passThrough: Bool = false) {
        guard let entries = node.mappingEntries else {
            sink.error(node.location, "\(context) must be a mapping, not \(node.shapeDescription)")
            return nil
        }
        self.node = node
        self.entries = entries
        self.context = context
        self.sink = sink
        if !passThrough {
            for entry in entries where !allowed.contains(entry.key) {
                sink.error(entry.keyLocation, "unknown key '\(entry.key)' in \(context)",
                           hint: Suggestions.didYouMean(entry.key, in: allowed)
                               ?? "the keys of \(context) are: \(allowed.joined(separator: ", "))")
            }
        }
    }

    /// The value of `key` unless absent or null.
    func value(_ key: String) -> ConfigNode? {
        guard let entry = node[key], !entry.value.isNull else { return nil }
        return entry.value
    }

    /// A required value; records "missing key" at the mapping otherwise.
    func required(_ key: String, hint: String? = nil) -> ConfigNode? {
        guard let value = value(key) else {
            sink.error(node.location, "\(context) is missing '\(key)'", hint: hint)
            return nil
        }
        return value
    }

    func text(_ key: String) -> String? {
        value(key).flatMap { value in sink.attempt { try value.text("'\(key)'") } }
    }

    func requiredText(_ key: String, hint: String? = nil) -> String? {
        required(key, hint: hint).flatMap { value in sink.attempt { try value.text("'\(key)'") } }
    }

    func number(_ key: String) -> Double? {
        value(key).flatMap { value in sink.attempt { try value.number("'\(key)'") } }
    }

    func requiredNumber(_ key: String, hint: String? = nil) -> Double? {
        required(key, hint: hint).flatMap { value in sink.attempt { try value.number("'\(key)'") } }
    }

    /// The items of a list value; records an error when it is not a list.
    func list(_ key: String) -> [ConfigNode]? {
        guard let value = value(key) else { return nil }
        guard let items = value.sequenceItems else {
            sink.error(value.location, "'\(key)' must be a list, not \(value.shapeDescription)")
            return nil
        }
        return items
    }

    /// The value of `key` as one of `choices`, with a "did you mean".
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, of type: T.Type) -> T? where T.RawValue == String {
        guard let value = value(key), let text = sink.attempt({ try value.text("'\(key)'") }) else { return nil }
        if let choice = T(rawValue: text) { return choice }
        let names = T.allCases.map(\.rawValue)
        sink.error(value.location, "'\(key)' must be one of \(names.joined(separator: ", ")), not '\(text)'",
                   hint: Suggestions.didYouMean(text, in: names))
        return nil
    }
}
