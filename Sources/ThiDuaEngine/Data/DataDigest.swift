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
/// lowest priority: that thread uses a core only while the run leaves one
/// idle, and parsing is not slowed by it (hashing a national 50 MB file
/// alongside the parse took about a tenth of the read phase).
///
/// Asking for a digest that is not done yet does not wait for that thread,
/// which a busy machine may starve: the asking thread hashes the bytes
/// itself, at its own priority, and the background thread gives up at its
/// next megabyte. Either way the digest is of the same bytes. The bytes
/// are held until a digest is done.
public final class DataDigest: Sendable {
    private struct State {
        var digest: String?
        /// The bytes to hash, until `digest` is known.
        var bytes: [UInt8]
    }

    private let state: Mutex<State>
    /// Set once someone asked for the digest before it was done.
    private let abandoned = Atomic<Bool>(false)

    /// A digest of `bytes`: with `background`, started on a low-priority
    /// thread of its own and returned at once; otherwise computed now, on
    /// the calling thread.
    init(of bytes: [UInt8], background: Bool) {
        guard background else {
            state = Mutex(State(digest: Fingerprint.hexDigest(bytes), bytes: []))
            return
        }
        state = Mutex(State(digest: nil, bytes: bytes))
        let thread = Thread { [self] in hashInBackground() }
        thread.name = "thidua data digest"
        thread.start()
    }

    /// A digest of `bytes` left to whoever first asks for it (for tests of
    /// a digest asked for before the background thread is done).
    init(deferring bytes: [UInt8]) {
        state = Mutex(State(digest: nil, bytes: bytes))
    }

    /// The lowercase hexadecimal SHA-256 of the bytes; computed now, on the
    /// calling thread, if the background thread is not done yet.
    public var hexDigest: String {
        let (known, bytes) = state.withLock { ($0.digest, $0.bytes) }
        if let known { return known }
        abandoned.store(true, ordering: .relaxed)
        return finish(Fingerprint.hexDigest(bytes))
    }

    /// Hashes the bytes a megabyte at a time at the lowest priority,
    /// giving up as soon as someone else hashes them.
    private func hashInBackground() {
        Self.lowerPriorityOfThisThread()
        let bytes = state.withLock { $0.bytes }
        var hasher = SHA256()
        var offset = 0
        while offset < bytes.count {
            if abandoned.load(ordering: .relaxed) { return }
            let end = min(bytes.count, offset + Fingerprint.chunkSize)
            bytes[offset..<end].withUnsafeBytes { hasher.update(bufferPointer: $0) }
            offset = end
        }
        _ = finish(Fingerprint.hex(hasher.finalize()))
    }

    /// Keeps the first digest computed and lets go of the bytes.
    /// - Returns: The digest kept.
    private func finish(_ digest: String) -> String {
        state.withLock { state in
            let kept = state.digest ?? digest
            state.digest = kept
            state.bytes = []
            return kept
        }
    }

    /// Gives the calling thread the lowest scheduling priority. On Linux
    /// the nice value is a thread's own (`setpriority` with `PRIO_PROCESS`
    /// and 0 changes only the caller), and this thread ends with its work;
    /// elsewhere it is left as it is, since the value is the process's.
    private static func lowerPriorityOfThisThread() {
        #if os(Linux)
        // Raising one's own nice value needs no privilege; were it refused,
        // the digest would only be taken at the usual priority.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #endif
    }
}
