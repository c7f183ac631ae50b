import ArgumentParser
import Foundation
import ScoringKit

/// Writing to the terminal: results to stdout, diagnostics to stderr.
enum Console {
    /// Writes `text` and a newline to stderr.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints each diagnostic to stderr.
    static func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { error(diagnostic.description) }
    }

    /// Runs `body`; a `DiagnosticError` is printed to stderr and becomes exit
    /// status 1, so user errors never show as crashes or stack traces.
    static func reportingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DiagnosticError {
            report(error.diagnostics)
            let count = error.diagnostics.filter { $0.severity == .error }.count
            if count > 1 { self.error("\(count) errors") }
            throw ExitCode(1)
        }
    }
}
