/// ASCII bytes the CSV grammar cares about.
enum CSVByte {
    static let comma: UInt8 = 0x2C
    static let quote: UInt8 = 0x22
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
}

/// One field of a CSV record, as byte offsets into the file: no bytes are
/// copied until the reader decides what the field is.
///
/// It carries no line number: fields are located only when one is wrong,
/// by counting line breaks from the start of their record, which keeps the
/// per-cell work of a valid file to two offsets.
struct CSVField {
    /// Offset of the content's first byte (after the opening quote).
    var start: Int
    /// Offset just past the content (at the closing quote when quoted).
    var end: Int
    /// Whether the field was written in quotes.
    var isQuoted: Bool
    /// Whether the quoted content holds `""` pairs that stand for one quote,
    /// so that its text must be unescaped rather than taken as is.
    var hasEscapedQuotes: Bool

    /// Offset of the field's first byte, its opening quote when quoted;
    /// error columns point here.
    var cellStart: Int { isQuoted ? start - 1 : start }

    /// A placeholder for unused slots of a field buffer.
    static let unused = CSVField(start: 0, end: 0, isQuoted: false, hasEscapedQuotes: false)
}

/// Where a record lies: its fields are the first `fieldCount` entries of
/// the buffer `CSVScanner.nextRecord(into:)` filled.
struct CSVRecord {
    /// The physical line the record starts on.
    var line: Int
    /// Offset of its first byte, which is also the start of that line.
    var start: Int
    var fieldCount: Int
}

/// A place in the file found while scanning, with its line already known.
struct CSVPosition {
    var offset: Int
    var line: Int
    var lineStart: Int
}

/// A break in the CSV grammar.
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
    var position: CSVPosition
}

/// What `CSVScanner.nextRecord(into:)` found.
enum CSVScanResult {
    /// A well-formed record.
    case record(CSVRecord)
    /// A record that breaks the grammar. The scanner has skipped to the next
    /// physical line (or, for an unterminated quote, to the end of the file)
    /// so that the rows after it are still checked.
    case malformed(CSVSyntaxError)
    /// No bytes left.
    case end
}
