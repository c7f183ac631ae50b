/// RFC 4180 quoting and the CSV-injection guard (SCORING.md 4), on bytes.
///
/// A national `ranking.csv` escapes half a million names and ids, nearly
/// all plain; the text is scanned once and, when clean, copied in one
/// piece. Only `"`, `,`, CR and LF force quotes, and they are all ASCII, so
/// scanning UTF-8 bytes never splits a character.
extension CSVWriter {
    /// The cell text as written to the file: injection guard, then quoting.
    ///
    /// - Parameter value: The raw text.
    /// - Returns: The field exactly as it appears between separators.
    public static func escaped(_ value: String) -> String {
        String(decoding: escapedBytes(value), as: UTF8.self)
    }

    /// The cell as bytes, for ``escapedCell(_:)``: escape a text once when
    /// it repeats on every line (the period, a ward, a tier).
    ///
    /// - Parameter value: The raw text.
    /// - Returns: The field's UTF-8 bytes exactly as they appear in the file.
    public static func escapedBytes(_ value: String) -> [UInt8] {
        var buffer = ByteBuffer(capacity: value.utf8.count + 8)
        value.withUTF8Bytes { appendEscaped($0, to: &buffer) }
        return buffer.array
    }

    /// Appends `parts` joined by `; ` (the `reasons` of SCORING.md 4),
    /// escaped as ``CSVWriter/text(_:)`` escapes the joined text, without
    /// building it.
    ///
    /// - Parameters:
    ///   - parts: The texts to join; none or one is a plain text cell.
    ///   - buffer: UTF-8 output buffer.
    static func appendJoined(_ parts: [String], to buffer: inout ByteBuffer) {
        guard parts.count > 1 else {
            (parts.first ?? "").withUTF8Bytes { appendEscaped($0, to: &buffer) }
            return
        }
        // Each part's bytes are scanned through a pointer: iterating a
        // `String.UTF8View` byte by byte cost more than the rest of a row.
        var special = false
        var quotes = false
        for part in parts {
            let found = part.withUTF8Bytes { specials(in: $0) }
            special = special || found.special
            quotes = quotes || found.quotes
        }
        // The joined text starts with the first part, or with "; " when that is empty.
        let guarded = parts[0].utf8.first.map(startsFormula) ?? false
        if special { buffer.append(quote) }
        if guarded { buffer.append(UInt8(ascii: "'")) }
        for index in parts.indices {
            if index > 0 { buffer.append("; ") }
            guard quotes else {
                buffer.append(contentsOf: parts[index])
                continue
            }
            parts[index].withUTF8Bytes { utf8 in
                for byte in utf8 {
                    buffer.append(byte)
                    if byte == quote { buffer.append(quote) }
                }
            }
        }
        if special { buffer.append(quote) }
    }

    /// Whether `utf8` holds a byte that forces quotes (`special`), and
    /// whether one of them is a double quote, which must be doubled.
    @inline(__always)
    static func specials(in utf8: UnsafeRawBufferPointer) -> (special: Bool, quotes: Bool) {
        var special = false
        for byte in utf8 where byte == comma || byte == quote || byte == cr || byte == lf {
            special = true
            if byte == quote { return (true, true) }
        }
        return (special, false)
    }

    /// Appends the escaped form of the UTF-8 text `utf8` to `buffer`.
    @inline(__always)
    static func appendEscaped(_ utf8: UnsafeRawBufferPointer, to buffer: inout ByteBuffer) {
        let (special, quotes) = specials(in: utf8)
        let guarded = utf8.first.map(startsFormula) ?? false
        if special { buffer.append(quote) }
        if guarded { buffer.append(UInt8(ascii: "'")) }
        if quotes {
            for byte in utf8 {
                buffer.append(byte)
                if byte == quote { buffer.append(quote) }
            }
        } else {
            buffer.append(utf8)
        }
        if special { buffer.append(quote) }
    }

    /// Whether a cell starting with `byte` would be read as a formula:
    /// `=`, `+`, `-`, `@`, tab or carriage return.
    @inline(__always)
    static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }
}

private let comma = UInt8(ascii: ",")
private let quote = UInt8(ascii: "\"")
private let cr: UInt8 = 0x0D
private let lf: UInt8 = 0x0A
