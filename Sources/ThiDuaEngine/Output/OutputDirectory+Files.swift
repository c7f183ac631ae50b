import Dispatch
import Foundation
import ScoringKit
import Synchronization

extension OutputDirectory {
    /// Writes every file of `paths` into `folder` (the temporary folder),
    /// up to `jobs` at a time.
    ///
    /// The subfolders are made first, one after the other, so no two
    /// workers race to make the same one. Then `jobs` workers take the next
    /// file in the order of `paths` until none is left or one has failed;
    /// each file is created (it must not exist), written by `write` through
    /// a ``FileSink`` and closed. What a file holds depends only on `write`,
    /// never on which worker wrote it or when.
    /// - Parameters:
    ///   - paths: The files, validated.
    ///   - folder: The temporary folder, empty.
    ///   - jobs: The most files written at once.
    ///   - write: Writes file `index` to its sink.
    ///   - fileWritten: Called once each file is complete.
    /// - Throws: A ``DiagnosticError`` for the first file (in `paths` order)
    ///   that failed; the caller removes the folder.
    static func writeFiles(
        _ paths: [String], into folder: URL, jobs: Int,
        write: @Sendable (_ index: Int, _ sink: inout FileSink) throws -> Void,
        fileWritten: @Sendable (_ index: Int) -> Void
    ) throws {
        var made: Set<String> = []
        for path in paths {
            guard let slash = path.lastIndex(of: "/") else { continue }
            let subfolder = String(path[..<slash])
            guard made.insert(subfolder).inserted else { continue }
            try attempt("create the folder '\(subfolder)'") {
                try FileManager.default.createDirectory(
                    at: folder.appendingPathComponent(subfolder), withIntermediateDirectories: true)
            }
        }
        let next = Atomic<Int>(0)
        let failure = Mutex<(index: Int, error: any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, paths.count))) { _ in
            while failure.withLock({ $0 == nil }) {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < paths.count else { return }
                do {
                    try writeFile(at: folder.appendingPathComponent(paths[index]).path, shownAs: paths[index]) {
                        try write(index, &$0)
                    }
                    fileWritten(index)
                } catch {
                    failure.withLock { first in
                        if first.map({ index < $0.index }) ?? true { first = (index, error) }
                    }
                }
            }
        }
        guard let (index, error) = failure.withLock({ $0 }) else { return }
        if let error = error as? DiagnosticError { throw error }
        throw DiagnosticError(at: nil, "cannot write '\(paths[index])': \(error.localizedDescription)")
    }

    /// Creates the file `path`, which must not exist yet, lets `body` write
    /// it, and closes it (also when `body` fails).
    /// - Parameters:
    ///   - path: Where to create the file.
    ///   - shownAs: The file as messages name it.
    ///   - hint: What an error message suggests.
    ///   - body: Writes the file.
    static func writeFile(
        at path: String, shownAs: String, hint: String = FileSink.outputFolderHint,
        _ body: (inout FileSink) throws -> Void
    ) throws {
        var sink = try FileSink(creating: path, relativePath: shownAs, hint: hint)
        do {
            try body(&sink)
        } catch {
            try? sink.close()
            throw error
        }
        try sink.close()
    }
}
