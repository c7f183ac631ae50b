/// Builds a CSV file the way committees' spreadsheets read it: UTF-8 with a
/// byte-order mark, RFC 4180 quoting, CRLF line ends, and text cells guarded
/// against CSV injection.
///
/// Line ends are CRLF because RFC 4180 says so; Excel, LibreOffice and every
/// CSV library read both.
///
/// Cells are added left to right with ``text(_:)`` (anything that came from
/// a user: names, ids, reasons) or with the unguarded writers for values the
/// tool prints itself (``points(_:)``, ``integer(_:)``, ``bool(_:)``), which
/// can never start a formula; a text that repeats on many lines (a ward, a
/// tier) can be escaped once with ``escapedBytes(_:)`` and written with
/// ``escapedCell(_:)``. ``endRow()`` closes a line. A national file is
/// handed to an ``OutputSink`` part by part with ``drainIfFull(into:)``.
public struct CSVWriter: ~Copyable {
    /// The file so far (or since the last hand-over).
    private var buffer: ByteBuffer
    /// Whether the current line has no cell yet.
    private var atLineStart = true

    /// Creates a writer holding only the byte-order mark.
    ///
    /// - Parameter capacity: Bytes to reserve, when the size is predictable.
    public init(capacity: Int = 4096) {
        buffer = ByteBuffer(capacity: capacity)
        buffer.append([0xEF, 0xBB, 0xBF])
    }

    /// The bytes written and not yet handed to a sink.
    public var bytes: [UInt8] { buffer.array }

    /// Appends a text cell, guarded against CSV injection and quoted as
    /// RFC 4180 requires.
    ///
    /// A cell that begins with `=`, `+`, `-`, `@`, tab or carriage return
    /// gets a leading `'`, so no spreadsheet runs it as a formula. A cell
    /// that contains a comma, a double quote, CR or LF is enclosed in double
    /// quotes, with inner quotes doubled.
    /// - Parameter value: The cell's text.
    public mutating func text(_ value: String) {
        separate()
        value.withUTF8Bytes { CSVWriter.appendEscaped($0, to: &buffer) }
    }

    /// Appends a text cell given as UTF-8 bytes, escaped as ``text(_:)``
    /// escapes it.
    /// - Parameter utf8: The cell's text.
    mutating func text(utf8: UnsafeRawBufferPointer) {
        separate()
        CSVWriter.appendEscaped(utf8, to: &buffer)
    }

    /// Appends a cell already escaped by ``escapedBytes(_:)``.
    /// - Parameter cell: The cell's bytes, as they appear in the file.
    public mutating func escapedCell(_ cell: [UInt8]) {
        separate()
        buffer.append(cell)
    }

    /// Appends piece `index` of `cells`, cells already escaped by
    /// ``escapedBytes(_:)``.
    /// - Parameters:
    ///   - index: Which piece; it must exist.
    ///   - cells: The escaped cells.
    mutating func escapedCell(_ index: Int, of cells: borrowing ByteTable) {
        separate()
        cells.append(index, to: &buffer)
    }

    /// Appends a number with exactly two decimals (see ``TwoDecimals``); an
    /// empty cell when it is not finite.
    /// - Parameter value: Points or a total.
    public mutating func points(_ value: Double) {
        separate()
        TwoDecimals.append(value, to: &buffer)
    }

    /// Appends an integer cell.
    /// - Parameter value: E.g. a rank.
    public mutating func integer(_ value: Int) {
        separate()
        let destination = buffer.tail(reserving: DecimalText.maxLength)
        buffer.extend(by: DecimalText.writeInteger(value, to: destination))
    }

    /// Appends `true` or `false`.
    /// - Parameter value: The flag.
    public mutating func bool(_ value: Bool) {
        separate()
        buffer.append(value ? "true" : "false")
    }

    /// Appends an empty cell.
    public mutating func empty() {
        separate()
    }

    /// Ends the current line with CRLF.
    public mutating func endRow() {
        buffer.append(0x0D)
        buffer.append(0x0A)
        atLineStart = true
    }

    /// Hands the bytes written so far to `sink` once they fill a chunk.
    ///
    /// - Parameter sink: Where the file goes.
    /// - Throws: What the sink throws.
    public mutating func drainIfFull<Sink: OutputSink>(into sink: inout Sink) throws(Sink.Failure) {
        try sink.drainIfFull(&buffer)
    }

    /// Hands every byte written so far to `sink`; call it once at the end.
    ///
    /// - Parameter sink: Where the file goes.
    /// - Throws: What the sink throws.
    public mutating func drain<Sink: OutputSink>(into sink: inout Sink) throws(Sink.Failure) {
        try sink.drain(&buffer)
    }

    /// Writes the separator before every cell but the first of a line.
    @inline(__always)
    private mutating func separate() {
        if atLineStart {
            atLineStart = false
        } else {
            buffer.append(UInt8(ascii: ","))
        }
    }
}
