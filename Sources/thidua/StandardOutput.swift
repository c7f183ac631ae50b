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
    /// Holds up to a megabyte of what a command prints before writing it,
    /// when standard output is not a terminal: C's stream writes a text
    /// longer than its buffer (4 KB) straight through, and the reason a
    /// write failed is gone by the time `flushStandardOutput` looks; a
    /// command's whole output is then written, and its failure seen, there.
    static func bufferStandardOutput() {
        guard isatty(STDOUT_FILENO) == 0 else { return }
        // Glibc ignores the size unless it is given the buffer; the stream
        // uses it until the process ends, so it is never freed.
        let size = 1 << 20
        _ = setvbuf(stdout, UnsafeMutablePointer<CChar>.allocate(capacity: size), _IOFBF, size)
    }

    /// Flushes every C stream, standard output among them; when what a
    /// command printed cannot be written (a full disk behind a redirection,
    /// a closed stdout), ends the process with a message, so that no
    /// command reports success with its output lost.
    ///
    /// The reason is named only when it is known: the flush's own, or a
    /// closed descriptor. A write that failed earlier (an output longer
    /// than the buffer) shows only in the stream's error flag.
    /// - Parameter status: The exit status on failure (`thidua diff` has
    ///   its own for an error).
    static func flushStandardOutput(failingWith status: Int32 = EXIT_FAILURE) {
        errno = 0
        let flushed = fflush(nil) == 0
        guard flushed, ferror(stdout) == 0 else {
            var reason = "an earlier write to it failed"
            if !flushed && errno != 0 {
                reason = String(cString: strerror(errno))
            } else if fcntl(STDOUT_FILENO, F_GETFD) == -1 {
                reason = String(cString: strerror(errno))
            }
            error("error: cannot write to standard output: \(reason)")
            exit(status)
        }
    }
}
