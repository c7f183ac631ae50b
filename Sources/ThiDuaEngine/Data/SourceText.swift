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

    /// What one pass over the file's bytes found.
    struct EncodingScan {
        /// The first byte that is not well-formed UTF-8, if any.
        var firstInvalidUTF8: Int?
        /// Line feeds seen (up to the invalid byte, if any): an upper bound
        /// on the rows of an LF or CRLF file, to size arrays once.
        var lineFeeds: Int
    }

    /// Checks that the bytes from `start` on are well-formed UTF-8 (Unicode
    /// table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF)
    /// and counts line feeds on the way.
    ///
    /// Data files are mostly ASCII digits and commas, so eight bytes are
    /// taken at a time until a non-ASCII byte shows up.
    static func scanEncoding(of bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> EncodingScan {
        guard let base = bytes.baseAddress else { return EncodingScan(firstInvalidUTF8: nil, lineFeeds: 0) }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var lineFeeds = 0
        var index = start
        while index < count {
            if index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & ~low7 == 0 {
                    // Exact per-byte zero test (no borrow between bytes): the
                    // high bit of a byte of `found` is set iff that byte of
                    // `word` is a line feed.
                    let diff = word ^ 0x0A0A_0A0A_0A0A_0A0A
                    let found = ~(((diff & low7) &+ low7) | diff | low7)
                    lineFeeds += found.nonzeroBitCount
                    index += 8
                    continue
                }
            }
            let lead = bytes[index]
            if lead < 0x80 {
                if lead == ASCII.lineFeed { lineFeeds += 1 }
                index += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: index) else {
                return EncodingScan(firstInvalidUTF8: index, lineFeeds: lineFeeds)
            }
            index += length
        }
        return EncodingScan(firstInvalidUTF8: nil, lineFeeds: lineFeeds)
    }

    /// The length of the well-formed multi-byte sequence at `index`, or
    /// `nil` when the bytes there are not one.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch bytes[index] {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        // Only the second byte has a narrowed range; the rest are plain
        // continuation bytes.
        let second = bytes[index + 1]
        guard second >= low && second <= high else { return nil }
        for next in index + 2 ..< index + length where bytes[next] & 0xC0 != 0x80 {
            return nil
        }
        return length
    }
}
