/// A streaming JSON writer with a fixed layout, so that the same values
/// always give the same bytes.
///
/// Keys come out in the order they are written (never a dictionary's
/// order), indented by two spaces, `"key": value`, one member per line;
/// an empty object or array is `{}` or `[]`. Strings and numbers are
/// written by ``JSONText``: UTF-8 with only `"`, `\` and control characters
/// escaped, numbers in Swift's shortest round-trip form (`95.0`, `0.1`,
/// `1e-05`), NaN and infinities as `null`, −0.0 as `0.0`.
///
/// Calls must nest properly: a value inside an object follows a ``key(_:)``.
public struct JSONWriter: Sendable {
    /// The document so far.
    public private(set) var bytes: [UInt8] = []
    /// Members written so far in each open container, innermost last.
    private var counts: [Int] = []
    /// Whether a key has been written and its value is due.
    private var afterKey = false

    /// Creates an empty writer.
    ///
    /// - Parameter capacity: Bytes to reserve, when the size is predictable.
    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Ends the document with a newline and returns it.
    ///
    /// Call it once, after the outermost value; the bytes are handed over
    /// without a copy (a national `results.json` is some 150 MB).
    /// - Returns: The finished document.
    public mutating func finish() -> [UInt8] {
        assert(counts.isEmpty && !afterKey, "finish() before the document is complete")
        bytes.append(0x0A)
        return bytes
    }

    /// Opens an object (`{`).
    public mutating func beginObject() {
        prepareValue()
        bytes.append(UInt8(ascii: "{"))
        counts.append(0)
    }

    /// Closes the innermost object (`}`).
    public mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    /// Opens an array (`[`).
    public mutating func beginArray() {
        prepareValue()
        bytes.append(UInt8(ascii: "["))
        counts.append(0)
    }

    /// Closes the innermost array (`]`).
    public mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// Writes a member's key; the next call writes its value.
    /// - Parameter name: The key.
    public mutating func key(_ name: String) {
        assert(!afterKey, "two keys in a row")
        prepareValue()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        afterKey = true
    }

    /// Writes a string value.
    /// - Parameter value: The text.
    public mutating func string(_ value: String) {
        prepareValue()
        appendString(value)
    }

    /// Writes a number at full precision; `null` when it is not finite.
    /// - Parameter value: The number.
    public mutating func number(_ value: Double) {
        prepareValue()
        JSONText.appendNumber(value, to: &bytes)
    }

    /// Writes an integer.
    /// - Parameter value: The integer.
    public mutating func integer(_ value: Int) {
        prepareValue()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes `true` or `false`.
    /// - Parameter value: The flag.
    public mutating func bool(_ value: Bool) {
        prepareValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Writes `null`.
    public mutating func null() {
        prepareValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Writes an array of strings.
    /// - Parameter values: The strings, in order.
    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// The separator, line break and indentation before a key or value.
    private mutating func prepareValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = counts.indices.last else { return }
        if counts[last] > 0 { bytes.append(UInt8(ascii: ",")) }
        counts[last] += 1
        newline(depth: counts.count)
    }

    /// Closes a container, on its own line unless it is empty.
    private mutating func close(_ bracket: UInt8) {
        assert(!afterKey, "a key without a value")
        let members = counts.popLast() ?? 0
        if members > 0 { newline(depth: counts.count) }
        bytes.append(bracket)
    }

    /// A line break followed by two spaces per level.
    private mutating func newline(depth: Int) {
        bytes.append(0x0A)
        var remaining = 2 * depth
        while remaining > 0 {
            let chunk = min(remaining, JSONWriter.spaces.count)
            bytes.append(contentsOf: JSONWriter.spaces[0..<chunk])
            remaining -= chunk
        }
    }

    /// Appends `value` as a quoted, escaped JSON string (``JSONText``).
    private mutating func appendString(_ value: String) {
        bytes.append(contentsOf: JSONText.quoted(value))
    }

    /// Spaces for indentation, copied in slices.
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 32)

    /// Lowercase hexadecimal digits, for `\u00XX` escapes and SHA-256 digests.
    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
