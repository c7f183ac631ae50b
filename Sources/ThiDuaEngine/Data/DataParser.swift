import ScoringKit

/// Reads one data file's bytes into a `DataSet`, checking every cell and
/// collecting errors instead of stopping at the first.
///
/// The work is one pass over the bytes: `CSVScanner` hands over each record
/// as byte ranges (checking UTF-8 on the way), identity cells become strings
/// once per row, and indicator cells go straight from bytes to `Double` in
/// `DecimalParser`. Only the repeated-group check runs after the pass.
///
/// Parallel parsing, when a file gets large enough to want it, fits this
/// shape: split the bytes at line breaks that lie outside quotes (one cheap
/// serial pass tracking quote parity finds them), run a parser per chunk
/// with its own interners, per-row arrays and first line number (a prefix
/// count of line breaks), then concatenate the chunks in order, renumber
/// their interned periods and wards into the shared sorted lists, and run
/// the duplicate-group check over the merged rows so its "first on line"
/// still names the earliest row.
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
    var periodOfRow: [Int32] = []
    var wardOfRow: [Int32] = []
    var groupIDs: [String] = []
    var groupNames: [String] = []
    var lineOfRow: [Int32] = []
    /// Where each row's record starts, to find a cell again for an error
    /// found after reading (a repeated group).
    var startOfRow: [Int] = []
    /// The `(period, group_id)` pairs, checked for repeats at the end.
    var groupKeys = DuplicateGroups()
    /// Blank lines not yet known to be trailing: they are errors only if a
    /// row follows.
    var pendingBlankLines: [Int] = []
    /// Whether any record after the header was seen, well-formed or not.
    var sawRow = false
    /// The record being read, to locate its fields when one is wrong.
    var record = CSVRecord(line: 1, start: 0, fieldCount: 0)

    init(bytes: UnsafeBufferPointer<UInt8>, path: String, numericColumns: Set<String>) {
        self.bytes = bytes
        self.path = path
        self.numericColumns = numericColumns
        self.cells = CSVCellReader(bytes: bytes)
    }

    /// Reads the whole file.
    ///
    /// - Returns: The checked data.
    /// - Throws: `DiagnosticError` with every error found (up to the limit).
    mutating func parse() throws -> DataSet {
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

        reading: while !errors.isFull {
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
                    reserveRows(firstRowBytes: scanner.position - found.start)
                }
                readRow(fields)
            }
        }
        if !sawRow && errors.diagnostics.isEmpty {
            errors.add(.error(at: SourceLocation(file: path, line: 1, column: 1), "data file has a header but no rows"))
        }
        let repeats = repeatedGroupErrors()
        guard errors.diagnostics.isEmpty && repeats.isEmpty else { throw finishedWithErrors(adding: repeats) }
        return makeDataSet()
    }

    /// Sizes the per-row arrays once, from the size of the first row, so
    /// that the columns of a 50 MB file are not copied on every doubling.
    /// Rows of one file are much alike; when the guess is short, the arrays
    /// still grow as usual.
    private mutating func reserveRows(firstRowBytes: Int) {
        let estimate = (bytes.count - record.start) / max(1, firstRowBytes) * 9 / 8 + 16
        periodOfRow.reserveCapacity(estimate)
        wardOfRow.reserveCapacity(estimate)
        groupIDs.reserveCapacity(estimate)
        groupNames.reserveCapacity(estimate)
        lineOfRow.reserveCapacity(estimate)
        values.reserveCapacity(estimate)
        startOfRow.reserveCapacity(estimate)
        groupKeys.reserveCapacity(estimate)
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
    private mutating func makeDataSet() -> DataSet {
        let (periodNames, newPeriod) = periods.sorted()
        let (wardNames, newWard) = wards.sorted()
        return DataSet(
            file: path,
            rowCount: lineOfRow.count,
            periodNames: periodNames,
            periodOfRow: periodOfRow.map { newPeriod[Int($0)] },
            wardNames: wardNames,
            wardOfRow: wardOfRow.map { newWard[Int($0)] },
            groupIDs: groupIDs,
            groupNames: groupNames,
            lineOfRow: lineOfRow,
            columnNames: columnNames,
            columns: values.finish(),
            headerColumns: headerColumns
        )
    }
}
