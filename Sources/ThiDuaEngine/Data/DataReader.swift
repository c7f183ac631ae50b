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
    public static func read(contentsOf path: String, displayPath: String, numericColumns: Set<String>) throws -> DataSet {
        let bytes: [UInt8]
        do throws(FileReadError) {
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
struct FileReadError: Error {
    /// E.g. "No such file or directory".
    var reason: String

    init(errorNumber: Int32) {
        reason = String(cString: strerror(errorNumber))
    }
}

/// The whole content of the file at `path`.
///
/// Plain POSIX calls rather than Foundation: they report the reason in the
/// system's usual words, and read straight into the array the parser uses.
private func readAllBytes(atPath path: String) throws(FileReadError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw FileReadError(errorNumber: errno) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw FileReadError(errorNumber: errno) }
    // One spare byte lets end of file show up without growing the buffer
    // when the size was right.
    var buffer = [UInt8](repeating: 0, count: max(0, Int(info.st_size)) + 1)
    var filled = 0
    while true {
        if filled == buffer.count {
            buffer.append(contentsOf: repeatElement(0, count: max(buffer.count, 65_536)))
        }
        let got = buffer.withUnsafeMutableBufferPointer { storage -> Int in
            guard let base = storage.baseAddress else { return 0 }
            return read(descriptor, base + filled, storage.count - filled)
        }
        if got < 0 {
            if errno == EINTR { continue }
            throw FileReadError(errorNumber: errno)
        }
        if got == 0 { break }
        filled += got
    }
    buffer.removeSubrange(filled...)
    return buffer
}
