/// ASCII bytes the CSV grammar cares about.
enum ASCII {
    static let comma: UInt8 = 0x2C
    static let quote: UInt8 = 0x22
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
}

/// One field of a CSV record, as byte offsets into the file: no bytes are
/// copied until the reader decides what the field is.
struct CSVField {
    /// Offset of the field's first byte, its opening quote when quoted;
    /// error columns point here.
    var cellStart: Int
    /// Offset of the content's first byte (after the opening quote).
    var start: Int
    /// Offset just past the content (at the closing quote when quoted).
    var end: Int
    /// The physical line the field starts on.
    var line: Int
    /// Offset of that line's first byte, to turn `cellStart` into a column.
    var lineStart: Int
    /// Whether the field was written in quotes.
    var isQuoted: Bool
    /// Whether the quoted content holds `""` pairs that stand for one quote,
    /// so that its text must be unescaped rather than taken as is.
    var hasEscapedQuotes: Bool
}

/// A break in the CSV grammar, at a byte of the file.
struct CSVSyntaxError {
    /// What went wrong.
    enum Kind {
        /// A quote inside a field that did not start with one.
        case quoteInUnquotedField
        /// Something other than a comma or line end after a closing quote.
        case textAfterClosingQuote
        /// A quoted field still open at the end of the file.
        case unterminatedQuote
    }

    var kind: Kind
    /// The offending byte (the opening quote for `unterminatedQuote`).
    var offset: Int
    var line: Int
    var lineStart: Int
}

/// What `CSVScanner.nextRecord(into:)` found.
enum CSVScanResult {
    /// A record starting on `line`; its fields are in the caller's array.
    case record(line: Int)
    /// A record that breaks the grammar. The scanner has skipped to the next
    /// physical line (or, for an unterminated quote, to the end of the file)
    /// so that the rows after it are still checked.
    case malformed(CSVSyntaxError)
    /// No bytes left.
    case end
}

/// An RFC 4180 tokenizer over raw bytes: commas separate fields, quoted
/// fields may hold commas, `""` and line breaks, and CRLF, LF or a lone CR
/// ends a record.
///
/// It never decodes text; it tracks physical lines so that every field can
/// be located, because a quoted field spanning lines makes the record number
/// differ from the line an editor shows.
struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Offset of the next unread byte.
    private(set) var position: Int
    /// The physical line `position` is on.
    private(set) var line: Int
    /// Offset of the first byte of `line`.
    private(set) var lineStart: Int

    /// Creates a scanner starting at `start` on line 1 (after a BOM, so that
    /// columns on line 1 count from the first real character).
    init(bytes: UnsafeBufferPointer<UInt8>, start: Int) {
        self.bytes = bytes
        self.position = start
        self.line = 1
        self.lineStart = start
    }

    /// Reads the next record's fields into `fields` (emptied first; its
    /// storage is reused so that scanning allocates nothing per record).
    mutating func nextRecord(into fields: inout [CSVField]) -> CSVScanResult {
        fields.removeAll(keepingCapacity: true)
        let count = bytes.count
        guard position < count else { return .end }
        let recordLine = line
        while true {
            let cellStart = position, cellLine = line, cellLineStart = lineStart
            if position < count && bytes[position] == ASCII.quote {
                position += 1
                let contentStart = position
                var escaped = false
                while true {
                    guard position < count else {
                        return .malformed(CSVSyntaxError(
                            kind: .unterminatedQuote, offset: cellStart, line: cellLine, lineStart: cellLineStart))
                    }
                    let byte = bytes[position]
                    if byte == ASCII.quote {
                        if position + 1 < count && bytes[position + 1] == ASCII.quote {
                            escaped = true
                            position += 2
                            continue
                        }
                        break
                    }
                    if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
                        consumeLineEnd()
                    } else {
                        position += 1
                    }
                }
                fields.append(CSVField(
                    cellStart: cellStart, start: contentStart, end: position, line: cellLine,
                    lineStart: cellLineStart, isQuoted: true, hasEscapedQuotes: escaped))
                position += 1
                guard position < count else { return .record(line: recordLine) }
                let next = bytes[position]
                if next == ASCII.comma {
                    position += 1
                    continue
                }
                if next == ASCII.lineFeed || next == ASCII.carriageReturn {
                    consumeLineEnd()
                    return .record(line: recordLine)
                }
                return malformed(.textAfterClosingQuote)
            }
            while position < count {
                let byte = bytes[position]
                // Digits, letters, '.', '-' and all non-ASCII bytes lie above
                // the comma, and so above every byte that ends a field: one
                // comparison settles most bytes.
                if byte > ASCII.comma { position += 1; continue }
                if byte == ASCII.comma || byte == ASCII.lineFeed || byte == ASCII.carriageReturn
                    || byte == ASCII.quote {
                    break
                }
                position += 1
            }
            fields.append(CSVField(
                cellStart: cellStart, start: cellStart, end: position, line: cellLine,
                lineStart: cellLineStart, isQuoted: false, hasEscapedQuotes: false))
            guard position < count else { return .record(line: recordLine) }
            let next = bytes[position]
            if next == ASCII.comma {
                position += 1
            } else if next == ASCII.quote {
                return malformed(.quoteInUnquotedField)
            } else {
                consumeLineEnd()
                return .record(line: recordLine)
            }
        }
    }

    /// Steps over the line break at `position` (CRLF counts once).
    private mutating func consumeLineEnd() {
        if bytes[position] == ASCII.carriageReturn && position + 1 < bytes.count
            && bytes[position + 1] == ASCII.lineFeed {
            position += 1
        }
        position += 1
        line += 1
        lineStart = position
    }

    /// Reports the byte at `position` and resumes at the next physical line,
    /// ignoring quotes there: after a grammar error the quoting of the rest
    /// of the line cannot be trusted, and the next line most likely starts a
    /// fresh record.
    private mutating func malformed(_ kind: CSVSyntaxError.Kind) -> CSVScanResult {
        let error = CSVSyntaxError(kind: kind, offset: position, line: line, lineStart: lineStart)
        while position < bytes.count {
            let byte = bytes[position]
            if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
                consumeLineEnd()
                break
            }
            position += 1
        }
        return .malformed(error)
    }
}
