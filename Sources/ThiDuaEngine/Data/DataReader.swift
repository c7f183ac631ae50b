import ScoringKit

/// Reads a round's quarterly data file (SCORING.md §2) into a `DataSet`.
///
/// The file is UTF-8 (a leading BOM is skipped), comma-separated with
/// RFC 4180 quoting, and starts with a header naming at least `period`,
/// `ward`, `group_id` and `group_name`. Identity cells are trimmed of
/// surrounding spaces; `period` must be `YYYY-Qn`; `ward` and `group_id`
/// must not be empty; a `(period, group_id)` pair may occur once. The
/// requested indicator columns must hold finite, non-negative numbers.
///
/// Every problem is reported as `file:line:column: error: …` at the cell
/// (lines are physical lines, columns count Unicode scalars from 1). Up to
/// 20 errors are collected before reading stops.
public enum DataReader {
    /// Reads and checks the data file at `path`.
    ///
    /// - Parameters:
    ///   - path: Where to open the file.
    ///   - displayPath: The file as the user named it, used in every
    ///     message and stored as `DataSet.file`.
    ///   - numericColumns: The indicator columns to read when the header has
    ///     them; the caller reports referenced columns the header lacks.
    ///     Other non-identity columns are ignored.
    ///   - jobs: Threads to parse a large file on, in chunks; the data and
    ///     the errors are the same for any number.
    /// - Returns: The checked data, by column.
    /// - Throws: `DiagnosticError`: without a location when the file cannot
    ///   be read; otherwise with one diagnostic per problem found.
    public static func read(
        contentsOf path: String, displayPath: String, numericColumns: Set<String>, jobs: Int = 1
    ) throws -> DataSet {
        try read(contentsOf: path, displayPath: displayPath, numericColumns: numericColumns, jobs: jobs,
                 fingerprint: false, progress: nil).data
    }

    /// As `read(contentsOf:displayPath:numericColumns:jobs:)`, counting the
    /// bytes parsed in `progress`; also returns the file's size and, with
    /// `fingerprint`, the SHA-256 of the bytes parsed, for a manifest (taken
    /// when first asked for; the bytes are held until then).
    static func read(
        contentsOf path: String, displayPath: String, numericColumns: Set<String>, jobs: Int,
        fingerprint: Bool, progress: ProgressMeter?
    ) throws -> (data: DataSet, bytes: Int, digest: DataDigest?) {
        let contents: DataFileContents
        do throws(DataFileError) {
            contents = try DataFileContents.load(path: path, jobs: jobs)
        } catch {
            throw error.diagnostic(dataFile: displayPath)
        }
        let parsed = Result {
            try contents.withUnsafeBufferPointer { bytes in
                try parse(bytes: bytes, displayPath: displayPath, numericColumns: numericColumns,
                          chunks: chunkCount(byteCount: bytes.count, jobs: jobs), jobs: jobs, progress: progress)
            }
        }
        // A mapped file that changed meanwhile may have been read in part
        // before and in part after: neither its data nor its errors are
        // those of a file.
        try checkUnchanged(contents, displayPath: displayPath)
        let data = try parsed.get()
        // Hashed when the manifest is made: the digest is of the very bytes
        // evaluated, and the file is not read a second time. A mapped file's
        // bytes are the kernel's file cache, held until then; a copy (a
        // file that could not be mapped) is hashed now and let go, rather
        // than held through the run.
        guard fingerprint else { return (data, contents.count, nil) }
        let digest = DataDigest(of: contents)
        if !contents.isMapped {
            do throws(DataFileError) {
                _ = try digest.hexDigest()
            } catch {
                throw error.diagnostic(dataFile: displayPath)
            }
        }
        return (data, contents.count, digest)
    }

    /// Throws, naming the file, when `contents` changed since it was mapped.
    static func checkUnchanged(_ contents: DataFileContents, displayPath: String) throws {
        do throws(DataFileError) {
            try contents.checkUnchanged()
        } catch {
            throw error.diagnostic(dataFile: displayPath)
        }
    }

    /// Checks data already in memory, as `read(contentsOf:displayPath:numericColumns:jobs:)`
    /// does for a file.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - displayPath: The file name to use in messages and `DataSet.file`.
    ///   - numericColumns: The indicator columns to read when the header has
    ///     them.
    ///   - jobs: Threads to parse large data on, in chunks.
    /// - Returns: The checked data, by column.
    /// - Throws: `DiagnosticError` with one diagnostic per problem found.
    public static func parse(
        bytes: [UInt8], displayPath: String, numericColumns: Set<String>, jobs: Int = 1
    ) throws -> DataSet {
        try parse(bytes: bytes, displayPath: displayPath, numericColumns: numericColumns,
                  chunks: chunkCount(byteCount: bytes.count, jobs: jobs), jobs: jobs, progress: nil)
    }

    /// Parses `bytes` split into exactly `chunks` chunks (tests use this to
    /// split small inputs that `parse(bytes:displayPath:numericColumns:jobs:)`
    /// would read in one pass).
    static func parse(
        bytes: [UInt8], displayPath: String, numericColumns: Set<String>, chunks: Int, jobs: Int,
        progress: ProgressMeter?
    ) throws -> DataSet {
        try bytes.withUnsafeBufferPointer { buffer in
            try parse(bytes: buffer, displayPath: displayPath, numericColumns: numericColumns, chunks: chunks,
                      jobs: jobs, progress: progress)
        }
    }

    /// As `parse(bytes:displayPath:numericColumns:chunks:jobs:progress:)`,
    /// for bytes that stay valid during the call.
    private static func parse(
        bytes: UnsafeBufferPointer<UInt8>, displayPath: String, numericColumns: Set<String>, chunks: Int, jobs: Int,
        progress: ProgressMeter?
    ) throws -> DataSet {
        var parser = DataParser(bytes: bytes, path: displayPath, numericColumns: numericColumns)
        return try parser.parse(chunks: chunks, jobs: Parallel.threads(jobs), progress: progress)
    }

    /// Whether `bytes` parse in `chunks` chunks without falling back to one
    /// pass: the check of the chunk boundaries passed and no chunk met an
    /// error. For tests of the parallel path itself.
    static func parsesInChunks(bytes: [UInt8], numericColumns: Set<String>, chunks: Int) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = DataParser(bytes: buffer, path: "data.csv", numericColumns: numericColumns)
            var scanner = CSVScanner(bytes: buffer, start: CSVText.byteOrderMarkLength(buffer))
            var fields = [CSVField](repeating: .unused, count: 64)
            guard case .record(let header) = scanner.nextRecord(into: &fields),
                  parser.readHeader(Array(fields.prefix(header.fieldCount))) else { return false }
            parser.jobs = 2
            return parser.parseInChunks(from: scanner, count: chunks, progress: nil) != nil
        }
    }

    /// The smallest chunk worth a thread: below it, starting the chunk and
    /// joining its rows costs more than the parallel parse saves.
    static let minimumChunkBytes = 1 << 20

    /// How many chunks to parse `byteCount` bytes in with `jobs` threads:
    /// sixteen per thread, so that the threads finish close together (the
    /// last chunk runs alone: with four per thread, a national file's last
    /// 6 MB chunk kept one thread busy for some 30 ms after the other was
    /// done), but none smaller than `minimumChunkBytes`; 1 with one thread.
    static func chunkCount(byteCount: Int, jobs: Int) -> Int {
        guard jobs > 1 else { return 1 }
        return max(1, min(Parallel.threads(jobs) * 16, byteCount / minimumChunkBytes))
    }
}
