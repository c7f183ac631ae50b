import ScoringKit

/// Reads one data file's bytes into a `DataSet`, checking every cell and
/// collecting errors instead of stopping at the first.
///
/// The work is one pass over the bytes: `CSVScanner` hands over each record
/// as byte ranges (checking UTF-8 on the way), identity cells become strings
/// once per row, and indicator cells go straight from bytes to `Double` in
/// `DecimalParser`. Only the repeated-group check runs after the pass.
///
/// A large file is parsed in parallel chunks (`DataParser+Chunks.swift`):
/// each chunk is read by its own copy of the parser, straight into its own
/// stretch of the final arrays, so the chunks are in file order as soon as
/// they are read. A chunk stops at
/// its first error, and then the file is read again serially, so that the
/// errors reported — their text, order and the 20-error cap — are those of
/// the serial reading whatever the number of chunks.
struct DataParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let path: String
    let numericColumns: Set<String>
    let cells: CSVCellReader
    var errors = DataDiagnostics()

    var headerColumns: [String] = []
    var layout = HeaderLayout()
    var columnNames: [String] = []
    /// The indicator values, by column.
    var values = ColumnBuilder(width: 0)

    var periods = TextInterner()
    var wards = TextInterner()
    /// Each row's period, ward, line, group id and name, and where its
    /// record starts (to find a cell again for an error found after
    /// reading: a repeated group).
    var identity = IdentityRows()
    /// The hash of each row's `group_id`, for the check of repeated
    /// `(period, group_id)` pairs at the end; `DuplicateGroups.noKey` for a
    /// row without a usable period or id.
    var keyOfRow: [UInt64] = []
    /// The keys of the check for repeated pairs, when the chunks made them
    /// as they were joined (then `keyOfRow` is left empty).
    var duplicateKeys: DuplicateGroups?
    /// Blank lines not yet known to be trailing: they are errors only if a
    /// row follows.
    var pendingBlankLines: [Int] = []
    /// Whether any record after the header was seen, well-formed or not.
    var sawRow = false
    /// The record being read, to locate its fields when one is wrong.
    var record = CSVRecord(line: 1, start: 0, fieldCount: 0)
    /// Threads for the work on all rows (chunks, the repeated-group check).
    var jobs = 1
    /// Where a chunk of a file writes its rows' identity: its stretch of
    /// the final arrays, instead of the arrays above (`keyOfRow` aside).
    var identityStretch: IdentityBuffers?
    /// Rows written to `identityStretch`.
    var rowsInStretch = 0
    /// Whether rows were dropped for want of room in `identityStretch`.
    var stretchOverflowed = false

    init(bytes: UnsafeBufferPointer<UInt8>, path: String, numericColumns: Set<String>) {
        self.bytes = bytes
        self.path = path
        self.numericColumns = numericColumns
        self.cells = CSVCellReader(bytes: bytes)
    }

    /// Reads the whole file.
    ///
    /// - Parameters:
    ///   - chunks: How many chunks to split the rows into, to parse them in
    ///     parallel; 1 reads them in one pass on the calling thread.
    ///   - jobs: The most threads the chunks are parsed on.
    ///   - progress: Counts the bytes read, for a display.
    /// - Returns: The checked data.
    /// - Throws: `DiagnosticError` with every error found (up to the limit).
    mutating func parse(chunks: Int = 1, jobs: Int = 1, progress: ProgressMeter? = nil) throws -> DataSet {
        self.jobs = jobs
        var scanner = CSVScanner(bytes: bytes, start: CSVText.byteOrderMarkLength(bytes))
        var fields = [CSVField](repeating: .unused, count: 64)

        let header = scanner.nextRecord(into: &fields)
        reportInvalidUTF8(&scanner)
        switch header {
        case .end:
            errors.add(.error(at: SourceLocation(file: path, line: 1, column: 1), "data file is empty",
                              hint: "the first line must be the header: period,ward,group_id,group_name,…"))
            throw finishedWithErrors()
        case .malformed(let syntax):
            report(syntax)
            throw finishedWithErrors()
        case .record(let found):
            record = found
            guard readHeader(Array(fields.prefix(found.fieldCount))) else { throw finishedWithErrors() }
        }

        if chunks > 1 && errors.diagnostics.isEmpty,
           let columns = parseInChunks(from: scanner, count: chunks, progress: progress) {
            return try finish(columns: columns)
        }
        progress?.begin("reading \(path)", total: bytes.count, unit: .bytes)
        progress?.advance(by: scanner.position)
        readRows(&scanner, until: bytes.count, progress: progress)
        if !sawRow && errors.diagnostics.isEmpty {
            errors.add(.error(at: SourceLocation(file: path, line: 1, column: 1), "data file has a header but no rows"))
        }
        return try finish(columns: values.finish())
    }

    /// Reads the records from the scanner's position up to the first one
    /// that starts at or after `end`, or until the error limit.
    ///
    /// - Parameters:
    ///   - scanner: Where to read; left after the last record read.
    ///   - end: Where to stop: the end of the file, or of a chunk.
    ///   - stopAtFirstError: For a chunk: stop at its first error (the file
    ///     is then read again serially).
    ///   - progress: Counts the bytes read, every few thousand records.
    mutating func readRows(_ scanner: inout CSVScanner, until end: Int, stopAtFirstError: Bool = false,
                           progress: ProgressMeter? = nil) {
        var fields = [CSVField](repeating: .unused, count: max(64, layout.fieldCount + 1))
        let roleArray = CSVFastRecord.roles(of: layout)
        let roles = UnsafeMutableBufferPointer<Int>.allocate(capacity: roleArray.count)
        _ = roles.initialize(from: roleArray)
        defer { roles.deallocate() }
        var records = 0
        var reported = scanner.position
        reading: while !errors.isFull && scanner.position < end {
            records += 1
            if records & 4095 == 0, let progress {
                progress.advance(by: scanner.position - reported)
                reported = scanner.position
            }
            if sawRow && pendingBlankLines.isEmpty && readFastRow(&scanner, roles: UnsafeBufferPointer(roles)) {
                continue
            }
            let next = scanner.nextRecord(into: &fields)
            reportInvalidUTF8(&scanner)
            switch next {
            case .end:
                break reading
            case .malformed(let syntax):
                reportPendingBlankLines()
                sawRow = true
                report(syntax)
            case .record(let found):
                record = found
                if fields.prefix(found.fieldCount).allSatisfy({ !$0.isQuoted && $0.start == $0.end }) {
                    pendingBlankLines.append(found.line)
                    continue
                }
                reportPendingBlankLines()
                if !sawRow {
                    sawRow = true
                    reserveRows(firstRowBytes: scanner.position - found.start, bytesLeft: end - found.start)
                }
                readRow(fields)
            }
            if stopAtFirstError && !errors.diagnostics.isEmpty { break reading }
        }
        progress?.advance(by: scanner.position - reported)
    }

    /// Checks for repeated groups and packs the rows read, or throws every
    /// error found.
    private mutating func finish(columns: [[Double]]) throws -> DataSet {
        let repeats = repeatedGroupErrors()
        guard errors.diagnostics.isEmpty && repeats.isEmpty else { throw finishedWithErrors(adding: repeats) }
        return makeDataSet(columns: columns)
    }

    /// Sizes the per-row arrays once, from the size of the first row, so
    /// that the columns of a 50 MB file are not copied on every doubling.
    /// Rows of one file are much alike; when the guess is short, the arrays
    /// still grow as usual.
    private mutating func reserveRows(firstRowBytes: Int, bytesLeft: Int) {
        let estimate = bytesLeft / max(1, firstRowBytes) * 9 / 8 + 16
        keyOfRow = .reserved(estimate)
        guard identityStretch == nil else { return }
        identity.periodOfRow = .reserved(estimate)
        identity.wardOfRow = .reserved(estimate)
        identity.groupIDs = .reserved(estimate)
        identity.groupNames = .reserved(estimate)
        identity.lineOfRow = .reserved(estimate)
        values.reserveCapacity(estimate)
        identity.startOfRow = .reserved(estimate)
    }

    /// Blank lines followed by a row are not trailing, so they are errors:
    /// guessing what a gap in the middle of the data meant is not safe.
    mutating func reportPendingBlankLines() {
        for line in pendingBlankLines {
            errors.add(.error(at: SourceLocation(file: path, line: line, column: 1), "blank line between rows",
                              hint: "delete it; only blank lines at the end of the file are ignored"))
        }
        pendingBlankLines.removeAll()
    }

    /// Renumbers periods and wards into sorted order and packs the result.
    private mutating func makeDataSet(columns: [[Double]]) -> DataSet {
        let (periodNames, newPeriod) = periods.sorted()
        let (wardNames, newWard) = wards.sorted()
        return DataSet(
            file: path,
            rowCount: identity.lineOfRow.count,
            periodNames: periodNames,
            periodOfRow: identity.periodOfRow.map { newPeriod[Int($0)] },
            wardNames: wardNames,
            wardOfRow: identity.wardOfRow.map { newWard[Int($0)] },
            groupIDs: identity.groupIDs,
            groupNames: identity.groupNames,
            lineOfRow: identity.lineOfRow,
            columnNames: columnNames,
            columns: columns,
            headerColumns: headerColumns
        )
    }
}
