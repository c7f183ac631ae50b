/// An RFC 4180 tokenizer over raw bytes: commas separate fields, quoted
/// fields may hold commas, `""` and line breaks, and CRLF, LF or a lone CR
/// ends a record.
///
/// It also checks that the bytes are UTF-8 as it passes them: only bytes
/// above 0x7F need a look, and a separate pass over 50 MB cost more than
/// the few Vietnamese letters per row. It tracks physical lines, because a
/// quoted field spanning lines makes the record number differ from the line
/// an editor shows.
struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Offset of the next unread byte.
    private(set) var position: Int
    /// The physical line `position` is on.
    private(set) var line: Int
    /// Offset of the first byte of `line`.
    private(set) var lineStart: Int
    /// The first byte that is not well-formed UTF-8, until it is taken.
    private var invalidUTF8: CSVPosition?
    private var sawInvalidUTF8 = false

    /// Creates a scanner starting at `start`, the beginning of line `line`
    /// (after a BOM on line 1, so that its columns count from the first
    /// real character).
    init(bytes: UnsafeBufferPointer<UInt8>, start: Int, line: Int = 1) {
        self.bytes = bytes
        self.position = start
        self.line = line
        self.lineStart = start
    }

    /// The first invalid UTF-8 byte, once, when the scanner has passed one.
    /// Only the first is reported: a file in another encoding would
    /// otherwise fill the error list with one complaint per line.
    mutating func takeInvalidUTF8() -> CSVPosition? {
        defer { invalidUTF8 = nil }
        return invalidUTF8
    }

    /// Moves past a record that another reader (`CSVFastRecord`) scanned
    /// from `position` and found to end, with one line break, at `next`.
    mutating func skipRecord(endingAt next: Int) {
        position = next
        line += 1
        lineStart = next
    }

    /// Reads the next record's fields into the start of `fields`.
    ///
    /// Fields are written through one buffer pointer per record (appending
    /// paid a uniqueness check per cell); when a record has more fields than
    /// the buffer holds, the buffer doubles and the record is scanned again.
    mutating func nextRecord(into fields: inout [CSVField]) -> CSVScanResult {
        let saved = (position, line, lineStart)
        while true {
            let result = fields.withUnsafeMutableBufferPointer { buffer in scanRecord(into: buffer) }
            if let result { return result }
            (position, line, lineStart) = saved
            fields.append(contentsOf: repeatElement(.unused, count: max(16, fields.count)))
        }
    }

    /// Scans one record into `fields`, or returns `nil` when it has more
    /// fields than `fields` holds.
    private mutating func scanRecord(into fields: UnsafeMutableBufferPointer<CSVField>) -> CSVScanResult? {
        let count = bytes.count
        guard position < count else { return .end }
        let recordLine = line, recordStart = position
        var fieldCount = 0
        func record() -> CSVScanResult {
            .record(CSVRecord(line: recordLine, start: recordStart, fieldCount: fieldCount))
        }
        while true {
            guard fieldCount < fields.count else { return nil }
            if position < count && bytes[position] == CSVByte.quote {
                let opening = CSVPosition(offset: position, line: line, lineStart: lineStart)
                guard let (end, escaped) = quotedFieldEnd(from: position + 1) else {
                    return .malformed(CSVSyntaxError(kind: .unterminatedQuote, position: opening))
                }
                fields[fieldCount] = CSVField(
                    start: opening.offset + 1, end: end, isQuoted: true, hasEscapedQuotes: escaped)
                fieldCount += 1
                position = end + 1
                guard position < count else { return record() }
                let next = bytes[position]
                if next == CSVByte.comma {
                    position += 1
                    continue
                }
                if next == CSVByte.lineFeed || next == CSVByte.carriageReturn {
                    position = lineBreak(at: position)
                    return record()
                }
                return malformed(.textAfterClosingQuote)
            }
            let start = position
            position = unquotedFieldEnd(from: start)
            fields[fieldCount] = CSVField(start: start, end: position, isQuoted: false, hasEscapedQuotes: false)
            fieldCount += 1
            guard position < count else { return record() }
            let next = bytes[position]
            if next == CSVByte.comma {
                position += 1
            } else if next == CSVByte.quote {
                return malformed(.quoteInUnquotedField)
            } else {
                position = lineBreak(at: position)
                return record()
            }
        }
    }

    /// The offset of the comma, line break, quote or end of file that ends
    /// the unquoted field starting at `start`.
    ///
    /// Works on a local index rather than `position`: stored through `self`
    /// on every byte, it was the hottest instruction of the scan.
    private mutating func unquotedFieldEnd(from start: Int) -> Int {
        let count = bytes.count
        var index = start
        // Eight bytes at a time while they last: one mask marks the bytes
        // that end a field or need a look (a comma, a line break, a quote,
        // a non-ASCII byte), so a short number costs one load and no branch
        // per byte.
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let marks = Self.fieldEndMarks(word)
                if marks == 0 {
                    index += 8
                    continue
                }
                index += marks.trailingZeroBitCount >> 3
                guard bytes[index] >= 0x80 else { return index }
                index = stepOverMultiByte(at: index)
            }
        }
        while index < count {
            let byte = bytes[index]
            // Digits, letters, '.', '-' and all non-ASCII bytes lie above the
            // comma, and so above every byte that ends a field: one
            // comparison settles most bytes.
            if byte > CSVByte.comma {
                index = byte < 0x80 ? index + 1 : stepOverMultiByte(at: index)
                continue
            }
            if byte == CSVByte.comma || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn || byte == CSVByte.quote {
                break
            }
            index += 1
        }
        return index
    }

    /// The high bit of each byte of `word` that is a comma, a line feed, a
    /// carriage return, a quote, or above 0x7F.
    ///
    /// A byte equal to `c` becomes zero in `word ^ c…c`, and zero bytes are
    /// found with the usual `(v − 0x01…01) & ~v & 0x80…80`, which can also
    /// mark bytes above a real zero (a borrow), never below it: the lowest
    /// mark, the one the scanner uses, is always a real one.
    @inline(__always)
    static func fieldEndMarks(_ word: UInt64) -> UInt64 {
        delimiterMarks(word) | (word & 0x8080_8080_8080_8080)
    }

    /// The high bit of each byte of `word` that is a comma, a line feed, a
    /// carriage return or a quote, as `fieldEndMarks` finds them (so the
    /// lowest mark is a real one): a non-ASCII byte is never marked.
    @inline(__always)
    static func delimiterMarks(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeros(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        return zeros(word ^ (ones &* UInt64(CSVByte.comma))) | zeros(word ^ (ones &* UInt64(CSVByte.lineFeed)))
            | zeros(word ^ (ones &* UInt64(CSVByte.carriageReturn))) | zeros(word ^ (ones &* UInt64(CSVByte.quote)))
    }

    /// The offset of the closing quote of the quoted field whose content
    /// starts at `start`, and whether the content holds `""`; `nil` when the
    /// file ends first. Line breaks inside count as physical lines.
    private mutating func quotedFieldEnd(from start: Int) -> (end: Int, escaped: Bool)? {
        let count = bytes.count
        var index = start
        var escaped = false
        while index < count {
            let byte = bytes[index]
            if byte == CSVByte.quote {
                guard index + 1 < count && bytes[index + 1] == CSVByte.quote else { return (index, escaped) }
                escaped = true
                index += 2
            } else if byte >= 0x80 {
                index = stepOverMultiByte(at: index)
            } else if byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn {
                index = lineBreak(at: index)
            } else {
                index += 1
            }
        }
        position = count
        return nil
    }

    /// The offset after the multi-byte sequence at `index`, or after its
    /// first byte, noted as the first invalid one, when it is not
    /// well-formed UTF-8.
    private mutating func stepOverMultiByte(at index: Int) -> Int {
        if let length = CSVText.sequenceLength(bytes, at: index) { return index + length }
        if !sawInvalidUTF8 {
            sawInvalidUTF8 = true
            invalidUTF8 = CSVPosition(offset: index, line: line, lineStart: lineStart)
        }
        return index + 1
    }

    /// The offset after the line break at `index` (CRLF counts once),
    /// starting a new line there.
    private mutating func lineBreak(at index: Int) -> Int {
        var next = index + 1
        if bytes[index] == CSVByte.carriageReturn && next < bytes.count && bytes[next] == CSVByte.lineFeed {
            next += 1
        }
        line += 1
        lineStart = next
        return next
    }

    /// Reports the byte at `position` and resumes at the next physical line,
    /// ignoring quotes there: after a grammar error the quoting of the rest
    /// of the line cannot be trusted, and the next line most likely starts a
    /// fresh record.
    private mutating func malformed(_ kind: CSVSyntaxError.Kind) -> CSVScanResult {
        let here = CSVPosition(offset: position, line: line, lineStart: lineStart)
        while position < bytes.count {
            let byte = bytes[position]
            if byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn {
                position = lineBreak(at: position)
                break
            }
            position = byte >= 0x80 ? stepOverMultiByte(at: position) : position + 1
        }
        return .malformed(CSVSyntaxError(kind: kind, position: here))
    }
}
