/// One message about user input: an error that stops the run, or a warning
/// that is printed and lets it go on.
///
/// Its `description` is the line printed to stderr:
/// `file:line:column: error: message`, followed by an indented
/// `hint: …` line when there is a hint.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        /// The input cannot be used; the run stops and writes nothing.
        case error
        /// The input is usable but probably not what the author meant.
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// Where the problem was written, when it has a place in a file.
    public var location: SourceLocation?
    /// What is wrong, in one sentence without a trailing period.
    public var message: String
    /// How to fix it, when the tool can tell.
    public var hint: String?

    /// Creates a diagnostic.
    public init(_ severity: Severity, at location: SourceLocation?, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// Creates an error diagnostic.
    public static func error(at location: SourceLocation?, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint)
    }

    /// Creates a warning diagnostic.
    public static func warning(at location: SourceLocation?, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, hint: hint)
    }

    /// The text printed for people, e.g. `round.yaml:12:9: error: unknown key 'wieght'`.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// An error made of one or more error diagnostics, thrown when user input
/// cannot be used.
///
/// Throwing several at once lets a committee fix a whole config in one pass
/// instead of one error per run.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    /// The diagnostics, in the order they were found. Never empty.
    public var diagnostics: [Diagnostic]

    /// Creates an error from diagnostics; `diagnostics` must not be empty.
    public init(_ diagnostics: [Diagnostic]) {
        precondition(!diagnostics.isEmpty, "a DiagnosticError needs at least one diagnostic")
        self.diagnostics = diagnostics
    }

    /// Creates an error with a single diagnostic of severity `.error`.
    public init(at location: SourceLocation?, _ message: String, hint: String? = nil) {
        self.diagnostics = [.error(at: location, message, hint: hint)]
    }

    /// All diagnostics, one per line (hints indented below their error).
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
