/// Byte-level facts about a data file's text: its byte order mark, UTF-8
/// sequences, and where a byte sits for people (line, and column in Unicode
/// scalars as `SourceLocation` counts them).
///
/// Positions are kept as byte offsets while reading and only turned into
/// columns when an error is reported, so valid files never pay for it.
enum CSVText {
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

    /// The place of the byte at `offset`, found by counting line breaks
    /// (CRLF, LF or a lone CR, as the scanner does) from a known `start`.
    static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: CSVPosition) -> CSVPosition {
        var line = start.line, lineStart = start.lineStart, index = start.offset
        while index < offset {
            let byte = bytes[index]
            index += 1
            if byte == CSVByte.carriageReturn && index < offset && bytes[index] == CSVByte.lineFeed {
                index += 1
            }
            if byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn {
                line += 1
                lineStart = index
            }
        }
        return CSVPosition(offset: offset, line: line, lineStart: lineStart)
    }

    /// Whether `left` and `right` hold the same bytes, compared eight at
    /// a time.
    @inline(__always)
    static func sameBytes(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = left.count
        guard count == right.count else { return false }
        guard count > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress else { return true }
        let leftRaw = UnsafeRawPointer(leftBase), rightRaw = UnsafeRawPointer(rightBase)
        var offset = 0
        while offset + 8 <= count {
            guard leftRaw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                == rightRaw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
            offset += 8
        }
        while offset < count {
            guard leftBase[offset] == rightBase[offset] else { return false }
            offset += 1
        }
        return true
    }

    /// The length of the well-formed multi-byte sequence at `index`, or
    /// `nil` when the bytes there are not one.
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
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

/// Turns a field's byte range into what the reader needs from it: trimmed
/// ranges, text, the `YYYY-Qn` check.
///
/// Kept apart from `DataParser` on purpose: a non-mutating method of the
/// large parser struct, called from its mutating row loop, made Swift copy
/// the whole struct on each call (a 281-byte memcpy per cell, measured at
/// 8 % of the parse). This holds only the buffer, so copies are free.
struct CSVCellReader {
    let bytes: UnsafeBufferPointer<UInt8>

    /// The range of `field`'s content without surrounding ASCII spaces.
    func trimmedRange(of field: CSVField) -> Range<Int> {
        trimmedRange(of: field.start..<field.end)
    }

    /// `range` without surrounding ASCII spaces.
    func trimmedRange(of range: Range<Int>) -> Range<Int> {
        var first = range.lowerBound, last = range.upperBound
        while first < last && bytes[first] == CSVByte.space { first += 1 }
        while last > first && bytes[last - 1] == CSVByte.space { last -= 1 }
        return first..<last
    }

    /// The text of `field`, trimmed of surrounding ASCII spaces, with `""`
    /// turned back into `"`. Bytes are kept as written (no normalization),
    /// so Vietnamese text round-trips exactly.
    func text(of field: CSVField) -> String {
        text(in: trimmedRange(of: field), escaped: field.hasEscapedQuotes)
    }

    /// The text of `bytes[range]` when those bytes are valid UTF-8, else
    /// `nil`: for the fast row reader, which leaves the check of the cells
    /// it turns into strings to the decoding (it checks every byte anyway)
    /// instead of checking them twice.
    ///
    /// Decoding replaces an invalid sequence with U+FFFD, so the text is
    /// the cell's exactly when its UTF-8 is the cell's bytes. (The standard
    /// `String(validating:as:)` says the same in one call; it was tried
    /// here and measured slower over a national file's parse.)
    @inline(__always)
    func exactText(in range: Range<Int>) -> String? {
        var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        let exact = text.withUTF8 { utf8 in
            CSVText.sameBytes(utf8, UnsafeBufferPointer(rebasing: bytes[range]))
        }
        return exact ? text : nil
    }

    /// The text of `bytes[range]`, unescaping `""` when `escaped`.
    func text(in range: Range<Int>, escaped: Bool) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        guard escaped else { return String(decoding: slice, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(slice.count)
        var index = 0
        while index < slice.count {
            unescaped.append(slice[index])
            // The scanner only marks fields whose quotes come in pairs.
            index += slice[index] == CSVByte.quote ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// Whether `bytes[range]` is four digits, `-Q` and a quarter 1…4.
    func isPeriod(_ range: Range<Int>) -> Bool {
        guard range.count == 7 else { return false }
        let start = range.lowerBound
        for offset in 0..<4 where bytes[start + offset] &- UInt8(ascii: "0") >= 10 {
            return false
        }
        return bytes[start + 4] == UInt8(ascii: "-") && bytes[start + 5] == UInt8(ascii: "Q")
            && (UInt8(ascii: "1")...UInt8(ascii: "4")).contains(bytes[start + 6])
    }
}
