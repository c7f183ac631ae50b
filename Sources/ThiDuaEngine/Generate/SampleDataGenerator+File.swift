import Foundation

extension SampleDataGenerator {
    /// A file the generator could not write.
    public struct WriteError: Error, CustomStringConvertible {
        /// The file that was to be written.
        public var path: String
        /// Why it failed, for people.
        public var reason: String

        /// `error: cannot write PATH: REASON`.
        public var description: String { "error: cannot write \(path): \(reason)" }
    }

    /// Streams the CSV into a file, replacing it only once the data is
    /// complete: rows go to a temporary file beside it, which is then moved
    /// into place, so a failed run never leaves half a data set behind.
    ///
    /// - Parameter url: the file to write; its folder must exist.
    /// - Throws: `WriteError` when the file cannot be created, written or moved.
    public func write(to url: URL) throws {
        let fileManager = FileManager.default
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        guard fileManager.createFile(atPath: temporary.path, contents: nil) else {
            let folder = temporary.deletingLastPathComponent().path
            throw WriteError(path: url.path, reason: "cannot create a file in \(folder)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try stream(chunkSize: 1 << 20) { try handle.write(contentsOf: $0) }
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
        } catch {
            try? fileManager.removeItem(at: temporary)
            throw WriteError(path: url.path, reason: error.localizedDescription)
        }
        // rename(2) replaces an existing file in one step; Foundation's
        // replaceItemAt fails on Linux when the destination exists.
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fileManager.removeItem(at: temporary)
            throw WriteError(path: url.path, reason: reason)
        }
    }
}
