import ScoringKit

/// Collects the errors of one file, up to a limit, so that a committee can
/// fix many cells in one pass without a broken file flooding the terminal.
struct DataDiagnostics {
    /// The most errors kept; after it the reader stops.
    static let limit = 20

    private(set) var diagnostics: [Diagnostic] = []
    /// Set when an error beyond `limit` was found and dropped.
    private(set) var overflowed = false

    /// Whether no more errors will be kept, so reading can stop.
    var isFull: Bool { overflowed }

    /// Adds an error; beyond `limit`, marks the collection as overflowed.
    mutating func add(_ diagnostic: Diagnostic) {
        if diagnostics.count < Self.limit {
            diagnostics.append(diagnostic)
        } else {
            overflowed = true
        }
    }
}

extension DataParser {
    /// Records a CSV grammar error.
    mutating func report(_ syntax: CSVSyntaxError) {
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
        error(at: syntax.position, message, hint: hint)
    }

    /// Records the first byte that is not UTF-8, once the scanner has
    /// passed it, so that it is listed in line order with the other errors.
    mutating func reportInvalidUTF8(_ scanner: inout CSVScanner) {
        guard let position = scanner.takeInvalidUTF8() else { return }
        let byte = String(bytes[position.offset], radix: 16, uppercase: true)
        error(at: position, "the file is not valid UTF-8 (byte 0x\(byte))",
              hint: "save it as UTF-8; in Excel choose 'CSV UTF-8 (Comma delimited)'")
    }

    /// Records an error at a place whose line is known.
    mutating func error(at position: CSVPosition, _ message: String, hint: String? = nil) {
        errors.add(diagnostic(at: position, message, hint: hint))
    }

    /// An error at a place whose line is known.
    func diagnostic(at position: CSVPosition, _ message: String, hint: String? = nil) -> Diagnostic {
        let column = CSVText.column(of: position.offset, lineStart: position.lineStart, in: bytes)
        return .error(at: SourceLocation(file: path, line: position.line, column: column), message, hint: hint)
    }

    /// Records an error at the first character of `field`, a field of the
    /// current record; its line is found by counting line breaks from the
    /// record's start, which only quoted fields spanning lines make differ.
    mutating func error(at field: CSVField, _ message: String, hint: String? = nil) {
        let start = CSVPosition(offset: record.start, line: record.line, lineStart: record.start)
        error(at: CSVText.position(of: field.cellStart, in: bytes, from: start), message, hint: hint)
    }

    /// Records an error about the current record as a whole, at its first
    /// column.
    mutating func errorAtRecord(_ message: String, hint: String? = nil) {
        errors.add(.error(at: SourceLocation(file: path, line: record.line, column: 1), message, hint: hint))
    }

    /// The error to throw: the diagnostics kept plus `extra` ones found
    /// after reading, in file order, cut to the limit with a note when
    /// some were dropped so nobody mistakes the list for complete.
    func finishedWithErrors(adding extra: [Diagnostic] = []) -> DiagnosticError {
        let all = (errors.diagnostics + extra).enumerated().sorted { left, right in
            let a = left.element.location, b = right.element.location
            return (a?.line ?? 0, a?.column ?? 0, left.offset) < (b?.line ?? 0, b?.column ?? 0, right.offset)
        }
        var diagnostics = all.prefix(DataDiagnostics.limit).map(\.element)
        if errors.overflowed || all.count > DataDiagnostics.limit {
            diagnostics.append(.error(
                at: nil, "too many errors in '\(path)'; stopped after the first \(DataDiagnostics.limit)"))
        }
        return DiagnosticError(diagnostics)
    }
}
