#if canImport(Glibc)
// C's `stdout` is a global variable, which Swift 6 counts as shared mutable
// state; this file only reads it, once every command has finished printing
// (one thread), so the import is marked as predating concurrency checking.
// Kept apart from Foundation, whose own import of the C library would not
// be so marked.
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

extension Console {
    /// Flushes every C stream, standard output among them; when what a
    /// command printed cannot be written (a full disk behind a redirection,
    /// a closed stdout), ends the process with status 1 and a message, so
    /// that no command reports success with its output lost.
    ///
    /// A long text is written by `print` straight through, not buffered, so
    /// a write that failed then shows only in the stream's error flag.
    static func flushStandardOutput() {
        guard fflush(nil) == 0, ferror(stdout) == 0 else {
            let reason = errno == 0 ? "write error" : String(cString: strerror(errno))
            error("error: cannot write to standard output: \(reason)")
            exit(EXIT_FAILURE)
        }
    }
}
