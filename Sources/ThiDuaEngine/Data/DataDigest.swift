import Synchronization

/// The SHA-256 of the bytes of a data file that a run parsed, for the
/// manifest, taken when the manifest asks for it.
///
/// Only the manifest, made at the end of `thidua run` (on a worker while
/// the other workers write the periods' files), needs the digest, so it is
/// taken there, once, of the bytes held since the parse: the file is not
/// read a second time, and the digest is of the very bytes evaluated. (It
/// used to be taken on a low-priority thread of its own from the parse on;
/// that thread, starved on two busy cores, was still hashing during the
/// scoring and took some 5 % from it, for no gain in a run's wall time.)
/// The bytes are held until the digest is taken or cancelled (with them, a
/// mapped file's lease: see `DataFileContents`); the reader takes the
/// digest of a file it had to copy into memory at once, so that the copy
/// is not held through the run.
final class DataDigest: Sendable {
    private struct State {
        /// The digest, or why there is none: the file changed before it was
        /// hashed (see `DataFileContents.checkUnchanged`).
        var digest: Result<String, DataFileError>?
        /// The bytes to hash, until `digest` is known or nobody needs it.
        var bytes: DataFileContents?
        /// Whether `cancel` let go of the bytes before a digest was known.
        var cancelled = false
    }

    private let state: Mutex<State>

    /// The digest of `bytes`, to be taken when first asked for.
    /// - Parameter bytes: The bytes parsed.
    init(of bytes: DataFileContents) {
        state = Mutex(State(digest: nil, bytes: bytes))
    }

    /// The lowercase hexadecimal SHA-256 of the bytes, taken now, on the
    /// calling thread, unless it was taken before (some 0.03 s for 50 MB).
    /// - Returns: 64 hex digits.
    /// - Throws: `DataFileError` when the mapped file changed before its
    ///   bytes were all hashed: the digest might not be of the bytes parsed.
    func hexDigest() throws(DataFileError) -> String {
        let (known, bytes, cancelled) = state.withLock { ($0.digest, $0.bytes, $0.cancelled) }
        if let known { return try known.get() }
        // The bytes are let go only once the digest is known, which
        // returned above, or when the digest is cancelled.
        guard !cancelled, let bytes else { preconditionFailure("the digest of cancelled data was asked for") }
        // Hashed outside the lock: a second thread asking meanwhile hashes
        // the same bytes too, and the first digest is kept.
        return try finish(Self.checked(bytes.withUnsafeBufferPointer(Fingerprint.hexDigest), of: bytes)).get()
    }

    /// `digest`, just taken of `contents`, or the error saying the file
    /// changed before it was taken.
    private static func checked(_ digest: String, of contents: DataFileContents) -> Result<String, DataFileError> {
        Result { () throws(DataFileError) -> String in
            try contents.checkUnchanged()
            return digest
        }
    }

    /// Whether the digest is known already (or known not to be had).
    var isKnown: Bool { state.withLock { $0.digest != nil } }

    /// Lets go of the bytes, for data that will never be in a manifest (a
    /// later file of the round failed); the digest may not be asked for
    /// afterwards, unless it was already known.
    func cancel() {
        let released = state.withLock { state in
            defer { state.bytes = nil }
            state.cancelled = state.digest == nil
            return state.bytes
        }
        // Freed here, outside the lock, if this was the last reference.
        _ = released
    }

    /// Keeps the first digest computed and lets go of the bytes; they are
    /// freed after the lock is released (by whichever holder of them is
    /// last).
    /// - Parameter digest: A digest just computed, or why there is none.
    /// - Returns: The digest kept.
    private func finish(_ digest: Result<String, DataFileError>) -> Result<String, DataFileError> {
        let (kept, released) = state.withLock { state in
            let kept = state.digest ?? digest
            state.digest = kept
            defer { state.bytes = nil }
            return (kept, state.bytes)
        }
        _ = released
        return kept
    }
}
