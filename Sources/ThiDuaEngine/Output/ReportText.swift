/// The Markdown report while it is written: UTF-8 bytes, appended to with
/// `+=` as a `String` would be.
///
/// A national report is several MB made of tens of thousands of small,
/// mostly Vietnamese pieces. Appending a piece to a `String` re-checks and
/// updates the string's Unicode bookkeeping on every call, which cost more
/// than all else in the report; appending bytes is a copy. The bytes are
/// valid UTF-8 because every piece is a `String` or a literal.
///
/// The table rows, written tens of thousands of times, use the `append`
/// methods: literals, numbers and escaped cells go straight into the bytes,
/// without a `String` per piece.
struct ReportText: ~Copyable {
    /// The report so far.
    var buffer = ByteBuffer(capacity: 1 << 16)

    /// Appends `piece`.
    static func += (text: inout ReportText, piece: String) {
        text.buffer.append(contentsOf: piece)
    }

    /// Appends a literal, e.g. `" | "`.
    /// - Parameter literal: UTF-8 text known when compiling.
    @inline(__always)
    mutating func append(_ literal: StaticString) {
        buffer.append(literal)
    }

    /// Appends `value` in decimal, as `String(value)` writes it.
    /// - Parameter value: E.g. a rank.
    mutating func append(integer value: Int) {
        let destination = buffer.tail(reserving: DecimalText.maxLength)
        buffer.extend(by: DecimalText.writeInteger(value, to: destination))
    }

    /// Appends points with two decimals, or `—` when not finite, as
    /// ``ReportMarkdown/points(_:)`` writes them.
    /// - Parameter value: Points or a total; NaN for a missing figure.
    mutating func append(points value: Double) {
        if value.isFinite {
            TwoDecimals.append(value, to: &buffer)
        } else {
            buffer.append("—")
        }
    }

    /// Appends `text` escaped for a table cell by ``ReportMarkdown/cell(_:)``,
    /// which hands a clean text (nearly every name) back as it is, so it is
    /// copied from its own storage.
    /// - Parameter text: Text from the data or the config.
    mutating func append(cell text: String) {
        buffer.append(contentsOf: ReportMarkdown.cell(text))
    }

    /// The report as a `String`.
    var string: String {
        buffer.withBytes { String(decoding: $0, as: UTF8.self) }
    }
}
