/// Appends the sample's CSV rows to a byte buffer directly: at 400,000 rows,
/// building a `String` per cell would dominate the generator's run time.
struct SampleCSVWriter {
    /// The bytes written so far (the caller drains it in chunks).
    var bytes: [UInt8]

    private static let groupNamePrefix = Array("Tổ dân phố số ".utf8)

    /// Creates a writer whose buffer is reserved for `capacity` bytes.
    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// A text cell in RFC 4180 form: quoted (with doubled quotes) only when it
    /// holds a comma, quote or line break.
    static func field(_ text: String) -> [UInt8] {
        let raw = Array(text.utf8)
        let special: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r")]
        guard raw.contains(where: special.contains) else { return raw }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        for byte in raw {
            if byte == UInt8(ascii: "\"") { quoted.append(byte) }
            quoted.append(byte)
        }
        quoted.append(UInt8(ascii: "\""))
        return quoted
    }

    /// Appends the header line.
    mutating func appendHeader(_ columns: [String]) {
        for (index, column) in columns.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: Self.field(column))
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends one group's row: `period,ward,CODE-NN,Tổ dân phố số N,values…`.
    mutating func appendRow(period: [UInt8], ward: [UInt8], wardCode: [UInt8], number: Int, numberWidth: Int,
                            values: [Int]) {
        bytes.append(contentsOf: period)
        bytes.append(UInt8(ascii: ","))
        bytes.append(contentsOf: ward)
        bytes.append(UInt8(ascii: ","))
        bytes.append(contentsOf: wardCode)
        bytes.append(UInt8(ascii: "-"))
        appendInteger(number, width: numberWidth)
        bytes.append(UInt8(ascii: ","))
        bytes.append(contentsOf: Self.groupNamePrefix)
        appendInteger(number, width: 1)
        for value in values {
            bytes.append(UInt8(ascii: ","))
            appendInteger(value, width: 1)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends a non-negative integer in decimal, zero-padded to `width` digits.
    mutating func appendInteger(_ value: Int, width: Int) {
        var remaining = value.magnitude
        var digitCount = 1
        var probe = remaining / 10
        while probe > 0 {
            digitCount += 1
            probe /= 10
        }
        let start = bytes.count
        let length = max(width, digitCount)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: length))
        var index = start + length - 1
        repeat {
            bytes[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
            index -= 1
        } while remaining > 0
    }
}
