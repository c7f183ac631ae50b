/// JSON strings and numbers as bytes, shared by ``JSONWriter`` and the
/// compact lines of ``ResultsJSON``, so both write the same text for the
/// same value.
///
/// Strings are UTF-8 with only `"`, `\` and control characters escaped, so
/// Vietnamese text stays readable. Numbers use Swift's shortest round-trip
/// form (`95.0`, `0.1`, `1e-05`, exactly `Double.description`, written by
/// ``ShortestDouble`` without a `String`), which reads back as the same
/// `Double`; NaN and infinities, which JSON cannot hold, are `null`, and
/// −0.0 is `0.0`.
enum JSONText {
    /// Appends `value` as a JSON number (see the type's discussion).
    ///
    /// - Parameters:
    ///   - value: The number.
    ///   - buffer: UTF-8 output buffer.
    @inline(__always)
    static func appendNumber(_ value: Double, to buffer: inout ByteBuffer) {
        let destination = buffer.tail(reserving: ShortestDouble.maxLength)
        buffer.extend(by: writeNumber(value, to: destination))
    }

    /// Writes `value` as a JSON number at `destination`, which has room for
    /// ``ShortestDouble/maxLength`` bytes.
    ///
    /// A pointer rather than a buffer, so that ``NumberCache`` can keep a
    /// copy of the text it just wrote without reading the buffer back.
    /// - Returns: The number of bytes written.
    @inline(__always)
    static func writeNumber(_ value: Double, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        if !value.isFinite {
            destination[0] = UInt8(ascii: "n")
            destination[1] = UInt8(ascii: "u")
            destination[2] = UInt8(ascii: "l")
            destination[3] = UInt8(ascii: "l")
            return 4
        }
        if value == 0 {
            destination[0] = UInt8(ascii: "0")
            destination[1] = UInt8(ascii: ".")
            destination[2] = UInt8(ascii: "0")
            return 3
        }
        return ShortestDouble.write(value, to: destination)
    }

    /// Appends `value` as a JSON number to an array of bytes, as
    /// ``writeNumber(_:to:)`` writes it.
    static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ShortestDouble.maxLength) { scratch in
            guard let start = scratch.baseAddress else { return }
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: writeNumber(value, to: start)))
        }
    }

    /// Appends `value` as a quoted, escaped JSON string.
    ///
    /// Names and ids rarely need escaping, so the text is first scanned
    /// and, when clean, copied in one piece.
    /// - Parameters:
    ///   - value: The text.
    ///   - buffer: UTF-8 output buffer.
    @inline(__always)
    static func appendQuoted(_ value: String, to buffer: inout ByteBuffer) {
        value.withUTF8Bytes { appendQuoted(utf8: $0, to: &buffer) }
    }

    /// Appends the UTF-8 text `utf8` as a quoted, escaped JSON string.
    ///
    /// - Parameters:
    ///   - utf8: The text's bytes.
    ///   - buffer: UTF-8 output buffer.
    @inline(__always)
    static func appendQuoted(utf8: UnsafeRawBufferPointer, to buffer: inout ByteBuffer) {
        buffer.append(UInt8(ascii: "\""))
        if utf8.contains(where: needsEscape) {
            for byte in utf8 { appendEscaped(byte, to: &buffer) }
        } else {
            buffer.append(utf8)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// `value` as a quoted JSON string, for text written many times.
    ///
    /// - Parameter value: The text.
    /// - Returns: The UTF-8 bytes, quotes included.
    static func quoted(_ value: String) -> [UInt8] {
        var buffer = ByteBuffer(capacity: value.utf8.count + 8)
        appendQuoted(value, to: &buffer)
        return buffer.array
    }

    /// Whether a UTF-8 byte must be escaped inside a JSON string.
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Appends one byte of a string, escaped when JSON requires it.
    private static func appendEscaped(_ byte: UInt8, to buffer: inout ByteBuffer) {
        switch byte {
        case UInt8(ascii: "\""): buffer.append(#"\""#)
        case UInt8(ascii: "\\"): buffer.append(#"\\"#)
        case 0x0A: buffer.append(#"\n"#)
        case 0x0D: buffer.append(#"\r"#)
        case 0x09: buffer.append(#"\t"#)
        case 0x08: buffer.append(#"\b"#)
        case 0x0C: buffer.append(#"\f"#)
        case 0..<0x20:
            buffer.append(#"\u00"#)
            buffer.append(JSONWriter.hexDigits[Int(byte >> 4)])
            buffer.append(JSONWriter.hexDigits[Int(byte & 0x0F)])
        default: buffer.append(byte)
        }
    }
}
