#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
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
    /// - Returns: The checked data, by column.
    /// - Throws: `DiagnosticError`: without a location when the file cannot
    ///   be read; otherwise with one diagnostic per problem found.
    public static func read(
        contentsOf path: String, displayPath: String, numericColumns: Set<String>
    ) throws -> DataSet {
        let bytes: [UInt8]
        do throws(DataFileError) {
            bytes = try readAllBytes(atPath: path)
        } catch {
            throw DiagnosticError(at: nil, "cannot read data file '\(displayPath)': \(error.reason)")
        }
        return try parse(bytes: bytes, displayPath: displayPath, numericColumns: numericColumns)
    }

    /// Checks data already in memory, as `read(contentsOf:displayPath:numericColumns:)`
    /// does for a file.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - displayPath: The file name to use in messages and `DataSet.file`.
    ///   - numericColumns: The indicator columns to read when the header has
    ///     them.
    /// - Returns: The checked data, by column.
    /// - Throws: `DiagnosticError` with one diagnostic per problem found.
    public static func parse(bytes: [UInt8], displayPath: String, numericColumns: Set<String>) throws -> DataSet {
        try bytes.withUnsafeBufferPointer { buffer in
            var parser = DataParser(bytes: buffer, path: displayPath, numericColumns: numericColumns)
            return try parser.parse()
        }
    }
}

/// Why the operating system refused a file, as `strerror` words it.
struct DataFileError: Error {
    /// E.g. "No such file or directory".
    var reason: String

    init(errorNumber: Int32) {
        reason = String(cString: strerror(errorNumber))
    }
}

/// The whole content of the file at `path`.
///
/// Plain POSIX calls rather than Foundation: they report the reason in the
/// system's usual words, and read straight into uninitialized array
/// storage (zero-filling 50 MB first, then overwriting it, was measurable).
private func readAllBytes(atPath path: String) throws(DataFileError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw DataFileError(errorNumber: errno) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw DataFileError(errorNumber: errno) }
    var content: [UInt8] = []
    // One byte more than the size lets the end of the file show up without
    // another round; a file that grew meanwhile is read on in chunks.
    var chunkSize = max(0, Int(info.st_size)) + 1
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
