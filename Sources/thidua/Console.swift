import ArgumentParser
import Foundation
import ScoringKit
import ThiDuaEngine

/// Writing to the terminal: results to stdout, diagnostics to stderr.
enum Console {
    /// Writes `text` and a newline to stderr.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Ends the process with status 0 at once, its output streams flushed,
    /// without releasing what `keeping` holds.
    ///
    /// A national run ends holding about a million strings and arrays (the
    /// data, every period's results). Released one by one on the way out,
    /// they cost one thread a tenth of a second or more, for memory the
    /// kernel takes back at exit in one go anyway; compilers skip that
    /// cleanup for the same reason. Call it only when every file is
    /// written and closed and everything is printed.
    ///
    /// Standard output that cannot be written ends the process with status 1
    /// and a message instead (see `flushStandardOutput`).
    /// - Parameter keeping: The caller's large values (its results): kept
    ///   alive up to here, since the compiler may otherwise release them
    ///   after their last use, one by one, before the exit. Forgetting one
    ///   costs time, never correctness.
    static func exitWithoutCleanup<T>(keeping: T) -> Never {
        withExtendedLifetime(keeping) {
            flushStandardOutput()
            exit(EXIT_SUCCESS)
        }
    }

    /// Prints the warnings of `results` (ties at an award's cutoff) to stderr.
    static func reportWarnings(of results: [PeriodResult]) {
        for warning in results.flatMap(\.warnings) { error("warning: \(warning)") }
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
