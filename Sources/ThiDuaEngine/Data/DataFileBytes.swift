#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ScoringKit
import Synchronization

/// Why the operating system refused a file, as `strerror` words it.
struct DataFileError: Error {
    /// E.g. "No such file or directory".
    var reason: String

    init(errorNumber: Int32) {
        reason = String(cString: strerror(errorNumber))
    }

    /// An error in thidua's own words.
    init(reason: String) {
        self.reason = reason
    }

    /// The error as reported for the data file `displayPath` (named as the
    /// user named it), without a location: the reader's, the digest's and
    /// the manifest's one wording.
    func diagnostic(dataFile displayPath: String) -> DiagnosticError {
        DiagnosticError(at: nil, "cannot read data file '\(displayPath)': \(reason)")
    }
}

/// Reads a whole data file into memory.
///
/// Plain POSIX calls rather than Foundation: they report the reason in the
/// system's usual words, and read straight into uninitialized array
/// storage (zero-filling 50 MB first, then overwriting it, was measurable).
/// A large regular file is read in parts on several threads with `pread`:
/// most of the cost of reading a file the system has cached is mapping the
/// pages of the new array, and that spreads over threads.
enum DataFileBytes {
    /// Below this size a file is read on one thread.
    static let parallelBytes = 4 << 20

    /// The whole content of the file at `path`.
    /// - Parameters:
    ///   - path: The file.
    ///   - jobs: Threads to read a large regular file on.
    /// - Throws: `DataFileError` when the file cannot be opened or read.
    static func contents(ofFile path: String, jobs: Int = 1) throws(DataFileError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw DataFileError(errorNumber: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw DataFileError(errorNumber: errno) }
        let size = max(0, Int(info.st_size))
        if jobs > 1, size >= parallelBytes, (info.st_mode & S_IFMT) == S_IFREG,
           // No part smaller than a megabyte, however many threads.
           let content = try readInParts(descriptor, size: size, jobs: min(jobs, size >> 20)) {
            return content
        }
        return try readSequentially(descriptor, sizeHint: size)
    }

    /// The file read in `jobs` parts of its `size` bytes, or `nil` when it
    /// turns out longer or shorter than that (it changed meanwhile: it is
    /// then read again from the start, sequentially).
    private static func readInParts(_ descriptor: Int32, size: Int, jobs: Int) throws(DataFileError) -> [UInt8]? {
        let failure = Mutex<Int32>(0)
        var complete = true
        let content = [UInt8](unsafeUninitializedCapacity: size) { buffer, filled in
            filled = 0
            guard let base = buffer.baseAddress else { return }
            // Safe to share: each part writes only its own range of the
            // buffer, and the buffer outlives the parts, because
            // `Parallel.map` returns only once every part is read.
            nonisolated(unsafe) let start = base
            let got = Parallel.map(jobs, jobs: jobs) { part -> Int in
                let from = size * part / jobs, to = size * (part + 1) / jobs
                var offset = from
                while offset < to {
                    let read = pread(descriptor, start + offset, to - offset, off_t(offset))
                    if read > 0 {
                        offset += read
                    } else if read == 0 {
                        break
                    } else if errno != EINTR {
                        let error = errno
                        failure.withLock { $0 = error }
                        break
                    }
                }
                return offset - from
            }
            complete = got.reduce(0, +) == size
            // Only a fully read buffer counts as initialized.
            filled = complete ? size : 0
        }
        let error = failure.withLock { $0 }
        guard error == 0 else { throw DataFileError(errorNumber: error) }
        var extra: UInt8 = 0
        guard complete, pread(descriptor, &extra, 1, off_t(size)) == 0 else { return nil }
        return content
    }

    /// The file read from its current offset (its start: `readInParts` uses
    /// `pread`, which leaves the offset alone) to its end, in one read when
    /// it has the size `sizeHint`.
    private static func readSequentially(_ descriptor: Int32, sizeHint: Int) throws(DataFileError) -> [UInt8] {
        var content: [UInt8] = []
        // One byte more than the size lets the end of the file show up without
        // another round; a file that grew meanwhile is read on in chunks.
        var chunkSize = sizeHint + 1
        while true {
            var failure: Int32 = 0
            let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, filled in
                filled = 0
                guard let base = buffer.baseAddress else { return }
                while filled < buffer.count {
                    let got = read(descriptor, base + filled, buffer.count - filled)
                    if got > 0 {
                        filled += got
                    } else if got == 0 {
                        return
                    } else if errno != EINTR {
                        failure = errno
                        return
                    }
                }
            }
            guard failure == 0 else { throw DataFileError(errorNumber: failure) }
            if content.isEmpty { content = chunk } else { content.append(contentsOf: chunk) }
            if chunk.count < chunkSize { return content }
            chunkSize = max(chunkSize, 65_536)
        }
    }
}
