import Foundation
import ScoringKit

/// An ``OutputSink`` that writes a new file with `write(2)`, part by part.
///
/// ``OutputDirectory`` creates one for each file of the temporary output
/// folder and closes it once the writer is done; the file is created with
/// `O_EXCL`, so it never writes into a file that something else made.
public struct FileSink: OutputSink {
    /// The open file.
    private let descriptor: Int32
    /// The file's path inside the output folder, for error messages.
    public let relativePath: String
    /// What an error message suggests.
    private let hint: String
    /// What an error about a file of the output folder suggests.
    public static let outputFolderHint = "check that the output folder's disk has room and is writable"
    /// Bytes written so far.
    public private(set) var byteCount = 0

    /// Creates the file `path`, which must not exist yet.
    ///
    /// - Parameters:
    ///   - path: Where to create the file.
    ///   - relativePath: Its path inside the output folder (or as the user
    ///     named it), for messages.
    ///   - hint: What an error message suggests.
    /// - Throws: A ``DiagnosticError`` naming `relativePath` when the file
    ///   cannot be created.
    public init(creating path: String, relativePath: String, hint: String = outputFolderHint) throws(DiagnosticError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw FileSink.failure("create", relativePath, hint) }
        self.descriptor = descriptor
        self.relativePath = relativePath
        self.hint = hint
    }

    /// Writes `buffer`'s bytes to the file and empties it.
    ///
    /// - Parameter buffer: The next part of the file.
    /// - Throws: A ``DiagnosticError`` naming the file when the disk
    ///   refuses (full, quota, I/O error).
    public mutating func drain(_ buffer: inout ByteBuffer) throws(DiagnosticError) {
        let written = buffer.withBytes { bytes in FileSink.writeAll(bytes, to: descriptor) }
        try count(written, of: buffer.count)
        buffer.removeAll()
    }

    /// Writes `bytes` to the file.
    ///
    /// - Parameter bytes: The next part of the file.
    /// - Throws: A ``DiagnosticError`` naming the file when the disk
    ///   refuses (full, quota, I/O error).
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(DiagnosticError) {
        try count(FileSink.writeAll(bytes, to: descriptor), of: bytes.count)
    }

    /// Adds `written` bytes to ``byteCount``; throws when they are fewer
    /// than the `count` asked for (`errno` says why).
    private mutating func count(_ written: Int, of count: Int) throws(DiagnosticError) {
        byteCount += written
        guard written == count else { throw FileSink.failure("write", relativePath, hint) }
    }

    /// Closes the file.
    ///
    /// - Throws: A ``DiagnosticError`` when `close(2)` reports an error
    ///   (some file systems report a failed write only there).
    public func close() throws(DiagnosticError) {
        guard Foundation.close(descriptor) == 0 else { throw FileSink.failure("write", relativePath, hint) }
    }

    /// Writes all of `bytes`, retrying after partial writes and signals.
    ///
    /// - Returns: The number of bytes written: less than `bytes.count` only
    ///   on an error, which `errno` describes.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int {
        guard let start = bytes.baseAddress else { return 0 }
        var done = 0
        while done < bytes.count {
            let result = Foundation.write(descriptor, start + done, bytes.count - done)
            if result > 0 {
                done += result
            } else if result < 0, errno == EINTR {
                continue
            } else {
                if result == 0 { errno = EIO }
                break
            }
        }
        return done
    }

    /// A diagnostic for a failed file operation, with `errno`'s reason.
    private static func failure(_ action: String, _ relativePath: String, _ hint: String) -> DiagnosticError {
        let reason = String(cString: strerror(errno))
        return DiagnosticError(at: nil, "cannot \(action) '\(relativePath)': \(reason)", hint: hint)
    }
}
