#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation
import Synchronization

/// The SHA-256 of the bytes of a data file that a run parsed, for the
/// manifest, which may still be being computed.
///
/// Only the manifest, written at the end of `thidua run`, needs the digest,
/// so with two jobs or more it is taken on a thread of its own at the
/// lowest priority (on Linux a nice value of 19, elsewhere the background
/// quality of service), so that parsing is not slowed by it (hashing a
/// national 50 MB file alongside the parse took about a tenth of the read
/// phase). Its 0.03 s are not saved: on two cores, busy almost throughout a
/// run, the later phases give them up instead, and a national run's wall
/// time measured the same either way.
///
/// Asking for a digest that is not done yet does not wait for that thread,
/// which a busy machine may starve: the asking thread hashes the bytes
/// itself, at its own priority, and the background thread gives up at its
/// next megabyte. Either way the digest is of the same bytes. The bytes
/// are held until a digest is done or the digest is cancelled (with them,
/// a mapped file's lease: see `DataFileContents`).
final class DataDigest: Sendable {
    private struct State {
        /// The digest, or why there is none: the file changed while it was
        /// hashed (see `DataFileContents.checkUnchanged`).
        var digest: Result<String, DataFileError>?
        /// The bytes to hash, until `digest` is known or nobody needs it.
        var bytes: DataFileContents?
        /// Whether `cancel` let go of the bytes before a digest was known.
        var cancelled = false
    }

    /// The smallest file hashed on a thread of its own (with more than one
    /// job): below it, hashing (some 2 ms for 4 MB) costs less than a thread.
    static let backgroundBytes = 4 << 20

    private let state: Mutex<State>
    /// Set once someone took over the hashing, or cancelled it.
    private let abandoned = Atomic<Bool>(false)

    /// The digest of `bytes`, computed now on the calling thread.
    /// - Parameter bytes: The bytes parsed.
    init(hashing bytes: DataFileContents) {
        state = Mutex(State(digest: Self.checked(bytes.withUnsafeBufferPointer(Fingerprint.hexDigest), of: bytes),
                            bytes: nil))
    }

    /// The digest of `bytes`, started on a low-priority thread of its own;
    /// returns at once.
    /// - Parameter bytes: The bytes parsed.
    init(hashingInBackground bytes: DataFileContents) {
        state = Mutex(State(digest: nil, bytes: bytes))
        let thread = Thread { [self] in hashInBackground() }
        // Honoured where the platform maps it to a priority (Darwin); on
        // Linux the thread lowers its own nice value.
        thread.qualityOfService = .background
        thread.start()
    }

    /// The digest of `bytes`, left to whoever first asks for it (for tests
    /// of a digest asked for before the background thread is done).
    /// - Parameter bytes: The bytes parsed.
    init(deferring bytes: DataFileContents) {
        state = Mutex(State(digest: nil, bytes: bytes))
    }

    /// The lowercase hexadecimal SHA-256 of the bytes; computed now, on the
    /// calling thread, if the background thread is not done yet (some
    /// 0.03 s for 50 MB).
    /// - Returns: 64 hex digits.
    /// - Throws: `DataFileError` when the mapped file changed before its
    ///   bytes were all hashed: the digest might not be of the bytes parsed.
    func hexDigest() throws(DataFileError) -> String {
        let (known, bytes, cancelled) = state.withLock { ($0.digest, $0.bytes, $0.cancelled) }
        if let known { return try known.get() }
        // The bytes are let go only once the digest is known, which
        // returned above, or when the digest is cancelled.
        guard !cancelled, let bytes else { preconditionFailure("the digest of cancelled data was asked for") }
        abandoned.store(true, ordering: .relaxed)
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

    /// Stops the background hashing and lets go of the bytes, for data that
    /// will never be in a manifest (the parse failed); the digest may not
    /// be asked for afterwards, unless it was already known.
    func cancel() {
        abandoned.store(true, ordering: .relaxed)
        let released = state.withLock { state in
            defer { state.bytes = nil }
            state.cancelled = state.digest == nil
            return state.bytes
        }
        // Freed here, outside the lock, if this was the last reference.
        _ = released
    }

    /// Hashes the bytes a megabyte at a time at the lowest priority,
    /// giving up as soon as someone else hashes them or cancels.
    private func hashInBackground() {
        Self.lowerPriorityOfThisThread()
        guard let contents = state.withLock({ $0.bytes }) else { return }
        var hasher = SHA256()
        let complete = contents.withUnsafeBufferPointer { bytes in
            var offset = 0
            while offset < bytes.count {
                if abandoned.load(ordering: .relaxed) { return false }
                let end = min(bytes.count, offset + Fingerprint.chunkSize)
                hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[offset..<end])))
                offset = end
            }
            return true
        }
        guard complete else { return }
        // Cancelled before this thread even looked at the bytes (they are
        // gone then): no digest, rather than the empty input's.
        guard !abandoned.load(ordering: .relaxed) else { return }
        _ = finish(Self.checked(Fingerprint.hex(hasher.finalize()), of: contents))
    }

    /// Keeps the first digest computed and lets go of the bytes; they are
    /// freed after the lock is released (by whichever holder of them is
    /// last), so a low-priority thread never frees 50 MB while holding it.
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

    /// Gives the calling thread the lowest scheduling priority. On Linux
    /// the nice value is a thread's own (`setpriority` with `PRIO_PROCESS`
    /// and 0 changes only the caller), and this thread ends with its work;
    /// elsewhere the value is the process's, so it is left alone.
    private static func lowerPriorityOfThisThread() {
        // Raising one's own nice value needs no privilege; were it refused,
        // the digest would only be taken at the usual priority.
        #if os(Linux) && canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #elseif os(Linux) && canImport(Musl)
        _ = setpriority(PRIO_PROCESS, 0, 19)
        #endif
    }
}
