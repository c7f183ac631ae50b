/// Byte-level facts about a data file's text: its byte order mark, UTF-8
/// validity, and where a byte sits for people (line, and column in Unicode
/// scalars as `SourceLocation` counts them).
///
/// Positions are kept as byte offsets while reading and only turned into
/// columns when an error is reported, so valid files never pay for it.
enum SourceText {
    /// The length of a leading UTF-8 byte order mark (Excel's "CSV UTF-8"
    /// writes one), or 0.
    static func byteOrderMarkLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// The 1-based column of the byte at `offset` on the line that starts at
    /// `lineStart`: one more than the scalars before it.
    static func column(of offset: Int, lineStart: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var column = 1
        var index = lineStart
        while index < offset {
            // Continuation bytes (10xxxxxx) belong to the scalar before them.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }

    /// The physical line (CRLF, LF or a lone CR ending one, as the scanner
    /// counts) holding `offset`, and the offset where that line starts.
    static func line(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (line: Int, lineStart: Int) {
        var line = 1, lineStart = start, index = start
        while index < offset {
            let byte = bytes[index]
            index += 1
            if byte == ASCII.carriageReturn && index < offset && bytes[index] == ASCII.lineFeed {
                index += 1
            }
            if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
                line += 1
                lineStart = index
            }
        }
        return (line, lineStart)
    }

    /// The offset of the first byte from `start` on that is not part of a
    /// well-formed UTF-8 sequence (Unicode table 3-7: no overlong forms, no
    /// surrogates, nothing above U+10FFFF), or `nil` when all are.
    ///
    /// Data files are mostly ASCII digits and commas, so eight bytes are
    /// tested at a time until a non-ASCII byte shows up.
    static func firstInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = start
        while index < count {
            if index + 8 <= count
                && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            // Only the second byte has a narrowed range; the rest are plain
            // continuation bytes.
            let second = bytes[index + 1]
            guard second >= low && second <= high else { return index }
            var next = index + 2
            while next < index + length {
                guard bytes[next] & 0xC0 == 0x80 else { return index }
                next += 1
            }
            index = next
        }
        return nil
    }
}
