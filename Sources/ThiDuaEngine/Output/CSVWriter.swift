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
/// can never start a formula. ``endRow()`` closes a line.
public struct CSVWriter: Sendable {
    /// The file so far, starting with the UTF-8 byte-order mark.
    public private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// Whether the current line has no cell yet.
    private var atLineStart = true

    /// Creates a writer holding only the byte-order mark.
    ///
    /// - Parameter capacity: Bytes to reserve, when the size is predictable.
    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

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
        CSVWriter.appendEscaped(value, to: &bytes)
    }

    /// Appends a number with exactly two decimals (see ``TwoDecimals``); an
    /// empty cell when it is not finite.
    /// - Parameter value: Points or a total.
    public mutating func points(_ value: Double) {
        separate()
        TwoDecimals.append(value, to: &bytes)
    }

    /// Appends an integer cell.
    /// - Parameter value: E.g. a rank.
    public mutating func integer(_ value: Int) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        TwoDecimals.appendDigits(UInt64(value.magnitude), to: &bytes)
    }

    /// Appends `true` or `false`.
    /// - Parameter value: The flag.
    public mutating func bool(_ value: Bool) {
        separate()
        if value {
            bytes.append(contentsOf: "true".utf8)
        } else {
            bytes.append(contentsOf: "false".utf8)
        }
    }

    /// Appends an empty cell.
    public mutating func empty() {
        separate()
    }

    /// Ends the current line with CRLF.
    public mutating func endRow() {
        bytes.append(0x0D)
        bytes.append(0x0A)
        atLineStart = true
    }

    /// Writes the separator before every cell but the first of a line.
    private mutating func separate() {
        if atLineStart {
            atLineStart = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
    }

    /// The cell text as written to the file: injection guard, then quoting.
    ///
    /// - Parameter value: The raw text.
    /// - Returns: The field exactly as it appears between separators.
    public static func escaped(_ value: String) -> String {
        var out: [UInt8] = []
        appendEscaped(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the escaped form of `value` to `out`.
    static func appendEscaped(_ value: String, to out: inout [UInt8]) {
        let utf8 = value.utf8
        var needsQuotes = false
        for byte in utf8 where byte == comma || byte == quote || byte == cr || byte == lf {
            needsQuotes = true
            break
        }
        let guarded = utf8.first.map(formulaStarts.contains) ?? false
        if needsQuotes { out.append(quote) }
        if guarded { out.append(UInt8(ascii: "'")) }
        if needsQuotes {
            for byte in utf8 {
                out.append(byte)
                if byte == quote { out.append(quote) }
            }
            out.append(quote)
        } else {
            out.append(contentsOf: utf8)
        }
    }

    /// First bytes that make a spreadsheet read a cell as a formula.
    private static let formulaStarts: Set<UInt8> = [
        UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D,
    ]
}

private let comma = UInt8(ascii: ",")
private let quote = UInt8(ascii: "\"")
private let cr: UInt8 = 0x0D
private let lf: UInt8 = 0x0A
