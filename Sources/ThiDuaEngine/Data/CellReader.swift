/// Turns a field's byte range into what the reader needs from it: trimmed
/// ranges, text, the `YYYY-Qn` check.
///
/// Kept apart from `DataParser` on purpose: a non-mutating method of the
/// large parser struct, called from its mutating row loop, made Swift copy
/// the whole struct on each call (a 281-byte memcpy per cell, measured at
/// 8 % of the parse). This holds only the buffer, so copies are free.
struct CellReader {
    let bytes: UnsafeBufferPointer<UInt8>

    /// The range of `field`'s content without surrounding ASCII spaces.
    func trimmedRange(of field: CSVField) -> Range<Int> {
        var first = field.start, last = field.end
        while first < last && bytes[first] == ASCII.space { first += 1 }
        while last > first && bytes[last - 1] == ASCII.space { last -= 1 }
        return first..<last
    }

    /// The text of `field`, trimmed of surrounding ASCII spaces, with `""`
    /// turned back into `"`. Bytes are kept as written (no normalization),
    /// so Vietnamese text round-trips exactly.
    func text(of field: CSVField) -> String {
        text(in: trimmedRange(of: field), escaped: field.hasEscapedQuotes)
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
            index += slice[index] == ASCII.quote ? 2 : 1
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
