import ScoringKit

/// Reads one data file's bytes into a `DataSet`, checking every cell and
/// collecting errors instead of stopping at the first.
///
/// The work is one pass over the bytes: `CSVScanner` hands over each record
/// as byte ranges, identity cells become strings once per row, and indicator
/// cells go straight from bytes to `Double` in `DecimalParser`.
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
    let cells: CellReader
    var errors = DiagnosticCollector()

    var headerColumns: [String] = []
    var layout = HeaderLayout()
    var columnNames: [String] = []
    /// Indicator values row by row (`values[row * columnNames.count + slot]`),
    /// possibly followed by unused zeros: written once per row instead of
    /// appended once per cell, and transposed into columns at the end.
    var values: [Double] = []

    var periods = TextInterner()
    var wards = TextInterner()
    var periodOfRow: [Int32] = []
    var wardOfRow: [Int32] = []
    var groupIDs: [String] = []
    var groupNames: [String] = []
    var lineOfRow: [Int32] = []
    /// Each group's first row in a period, to name it when the group turns
    /// up again.
    var groupIndex = GroupIndex(expectedRows: 0)
    /// Blank lines not yet known to be trailing: they are errors only if a
    /// row follows.
    var pendingBlankLines: [Int] = []
    /// Whether any record after the header was seen, well-formed or not.
    var sawRow = false

    init(bytes: UnsafeBufferPointer<UInt8>, path: String, numericColumns: Set<String>) {
        self.bytes = bytes
        self.path = path
        self.numericColumns = numericColumns
        self.cells = CellReader(bytes: bytes)
    }

    /// Reads the whole file.
    ///
    /// - Returns: The checked data.
    /// - Throws: `DiagnosticError` with every error found (up to the limit).
    mutating func parse() throws -> DataSet {
        let start = SourceText.byteOrderMarkLength(bytes)
        let encoding = SourceText.scanEncoding(of: bytes, from: start)
        if let offset = encoding.firstInvalidUTF8 {
            let (line, lineStart) = SourceText.line(of: offset, in: bytes, from: start)
            let byte = String(bytes[offset], radix: 16, uppercase: true)
            error(line: line, offset: offset, lineStart: lineStart, "the file is not valid UTF-8 (byte 0x\(byte))",
                  hint: "save it as UTF-8; in Excel choose 'CSV UTF-8 (Comma delimited)'")
        }
        var scanner = CSVScanner(bytes: bytes, start: start)
        var fields: [CSVField] = []
        fields.reserveCapacity(64)

        switch scanner.nextRecord(into: &fields) {
        case .end:
            errors.add(.error(at: SourceLocation(file: path, line: 1, column: 1), "data file is empty",
                              hint: "the first line must be the header: period,ward,group_id,group_name,…"))
            throw finishedWithErrors()
        case .malformed(let syntax):
            report(syntax)
            throw finishedWithErrors()
        case .record:
            guard readHeader(fields) else { throw finishedWithErrors() }
        }
        reserveRows(encoding.lineFeeds)

        reading: while !errors.isFull {
            switch scanner.nextRecord(into: &fields) {
            case .end:
                break reading
            case .malformed(let syntax):
                reportPendingBlankLines()
                sawRow = true
                report(syntax)
            case .record(let line):
                if fields.allSatisfy({ !$0.isQuoted && $0.start == $0.end }) {
                    pendingBlankLines.append(line)
                    continue
                }
                reportPendingBlankLines()
                sawRow = true
                readRow(fields, line: line)
            }
        }
        if !sawRow && errors.diagnostics.isEmpty {
            errors.add(.error(at: SourceLocation(file: path, line: 1, column: 1), "data file has a header but no rows"))
        }
        guard errors.diagnostics.isEmpty else { throw finishedWithErrors() }
        return makeDataSet()
    }

    /// Sizes the per-row arrays and the group index once, from an upper
    /// bound on the rows, so that a 50 MB file is not copied on every
    /// doubling and the index is never rehashed.
    private mutating func reserveRows(_ estimate: Int) {
        periodOfRow.reserveCapacity(estimate)
        wardOfRow.reserveCapacity(estimate)
        groupIDs.reserveCapacity(estimate)
        groupNames.reserveCapacity(estimate)
        lineOfRow.reserveCapacity(estimate)
        values = [Double](repeating: 0, count: estimate * columnNames.count)
        groupIndex = GroupIndex(expectedRows: estimate)
    }

    /// Blank lines followed by a row are not trailing, so they are errors:
    /// guessing what a gap in the middle of the data meant is not safe.
    private mutating func reportPendingBlankLines() {
        for line in pendingBlankLines {
            errors.add(.error(at: SourceLocation(file: path, line: line, column: 1), "blank line between rows",
                              hint: "delete it; only blank lines at the end of the file are ignored"))
        }
        pendingBlankLines.removeAll()
    }

    /// Records a CSV grammar error.
    private mutating func report(_ syntax: CSVSyntaxError) {
        let message: String, hint: String
        switch syntax.kind {
        case .quoteInUnquotedField:
            message = "quote inside a field that does not start with one"
            hint = "put the whole field in quotes and double the quotes inside it: \"a \"\"b\"\"\""
        case .textAfterClosingQuote:
            message = "text after the closing quote of a field"
            hint = "a quoted field ends at its closing quote; double any quote inside it"
        case .unterminatedQuote:
            message = "quoted field is never closed"
            hint = "add the closing quote; everything after this quote was read as one field"
        }
        error(line: syntax.line, offset: syntax.offset, lineStart: syntax.lineStart, message, hint: hint)
    }

    /// Records an error at the byte `offset` of physical line `line`.
    mutating func error(line: Int, offset: Int, lineStart: Int, _ message: String, hint: String? = nil) {
        let column = SourceText.column(of: offset, lineStart: lineStart, in: bytes)
        errors.add(.error(at: SourceLocation(file: path, line: line, column: column), message, hint: hint))
    }

    /// Records an error at the first character of `field`.
    mutating func error(at field: CSVField, _ message: String, hint: String? = nil) {
        error(line: field.line, offset: field.cellStart, lineStart: field.lineStart, message, hint: hint)
    }

    /// The error to throw: every diagnostic kept, plus a note when some were
    /// dropped so nobody mistakes the list for complete.
    private func finishedWithErrors() -> DiagnosticError {
        var diagnostics = errors.diagnostics
        if errors.overflowed {
            diagnostics.append(.error(
                at: nil, "too many errors in '\(path)'; stopped after the first \(DiagnosticCollector.limit)"))
        }
        return DiagnosticError(diagnostics)
    }

    /// Renumbers periods and wards into sorted order and packs the result.
    private func makeDataSet() -> DataSet {
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
            columns: transposedValues(),
            headerColumns: headerColumns
        )
    }

    /// `values` as one array per indicator column.
    ///
    /// Done in blocks of rows small enough to stay in cache, so the
    /// row-major array is read once rather than once per column.
    private func transposedValues() -> [[Double]] {
        let width = columnNames.count, rows = lineOfRow.count
        var columns = [[Double]](repeating: [Double](repeating: 0, count: rows), count: width)
        let block = 1024
        values.withUnsafeBufferPointer { source in
            for blockStart in stride(from: 0, to: rows, by: block) {
                let blockEnd = min(rows, blockStart + block)
                for slot in 0..<width {
                    columns[slot].withUnsafeMutableBufferPointer { column in
                        for row in blockStart..<blockEnd {
                            column[row] = source[row * width + slot]
                        }
                    }
                }
            }
        }
        return columns
    }
}
