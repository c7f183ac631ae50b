/// The byte ranges of a record's identity cells, as `CSVFastRecord.scan`
/// found them, untrimmed.
struct IdentityCells {
    /// The `period` cell.
    var period = 0..<0
    /// The `ward` cell.
    var ward = 0..<0
    /// The `group_id` cell.
    var groupID = 0..<0
    /// The `group_name` cell.
    var groupName = 0..<0
}

/// One pass over an ordinary data row: fields found and indicator cells
/// turned into numbers in the same pass, with no field buffer in between.
///
/// Nearly every row of a real file is ordinary: no quotes, the header's
/// number of fields, indicator cells that are short runs of digits, a line
/// break at the end; text cells in quotes (a spreadsheet's export may
/// quote every one) are taken too when the quotes hold no quote and no
/// line break. Scanning such a row through `CSVScanner` and then
/// parsing its numbers read each cell twice and stored every field's range
/// on the way. Here a numeric cell is one 8-byte load: its digits and its
/// end are found from the same word. Anything else — any other quote, invalid
/// UTF-8, a field count that does not match, a number the fast test does
/// not take, a missing line break — makes `scan` give up, and the reader
/// reads the row again the general way, which reports what is wrong. So
/// this path never decides anything the general one would decide
/// differently; it only takes the rows the general one would accept.
enum CSVFastRecord {
    /// The role of a field that is read as text and then dropped.
    static let ignored = -1
    /// The roles of the identity fields (indicator fields carry their
    /// column slot, from 0).
    static let period = -2, ward = -3, groupID = -4, groupName = -5

    /// The role of each field of `layout`: an indicator's column slot, one
    /// of the identity roles, or `ignored`.
    static func roles(of layout: HeaderLayout) -> [Int] {
        var roles = [Int](repeating: ignored, count: layout.fieldCount)
        for (slot, field) in layout.numericFields.enumerated() { roles[field] = slot }
        roles[layout.period] = period
        roles[layout.ward] = ward
        roles[layout.groupID] = groupID
        roles[layout.groupName] = groupName
        return roles
    }

    /// Scans the record starting at `start`, writing its indicator values
    /// into `values` (by slot) and its identity ranges into `identity`.
    ///
    /// - Returns: The offset just past the record's line break, or `nil`
    ///   when the row is not an ordinary one (then `values` and `identity`
    ///   hold partial results that the caller drops).
    @inline(__always)
    static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, roles: UnsafeBufferPointer<Int>,
        values: ValueRow, identity: inout IdentityCells
    ) -> Int? {
        let count = bytes.count, last = roles.count - 1
        guard last >= 0 else { return nil }
        var index = start
        for field in 0...last {
            let role = roles[field]
            let end: Int
            if role >= 0 {
                guard let found = numberField(bytes, from: index) else { return nil }
                values[role] = found.value
                end = found.end
            } else {
                // The identity cells become strings or interned names, whose
                // decoding checks their UTF-8 (the caller declines the row
                // when it is not valid); other text cells are checked here.
                let content: Range<Int>
                if index < count && bytes[index] == CSVByte.quote {
                    guard let closing = quotedTextEnd(bytes, from: index + 1, checkingUTF8: role == ignored)
                    else { return nil }
                    content = (index + 1)..<closing
                    end = closing + 1
                } else {
                    guard let found = textFieldEnd(bytes, from: index, checkingUTF8: role == ignored) else { return nil }
                    content = index..<found
                    end = found
                }
                switch role {
                case period: identity.period = content
                case ward: identity.ward = content
                case groupID: identity.groupID = content
                case groupName: identity.groupName = content
                default: break
                }
            }
            guard end < count else { return nil }
            let terminator = bytes[end]
            if field < last {
                guard terminator == CSVByte.comma else { return nil }
                index = end + 1
            } else {
                // Both field readers stop only at a comma, a line feed or a
                // carriage return, so anything but a comma ends the line.
                guard terminator != CSVByte.comma else { return nil }
                if terminator == CSVByte.carriageReturn && end + 1 < count && bytes[end + 1] == CSVByte.lineFeed {
                    return end + 2
                }
                return end + 1
            }
        }
        return nil
    }

    /// Reads the indicator cell at `start`: its value and where it ends (its
    /// comma or line break), or `nil` when it is not a usable number or
    /// holds a quote or a non-ASCII byte.
    ///
    /// One to seven digits followed by a field end are read from a single
    /// 8-byte load, as `DecimalParser` reads them; the first byte that is
    /// not a digit gives the cell's length. Other cells are found byte by
    /// byte and handed to `DecimalParser`, so the value is the same either
    /// way.
    @inline(__always)
    private static func numberField(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int)
        -> (end: Int, value: Double)? {
        let count = bytes.count
        if start + 8 <= count, let base = bytes.baseAddress {
            let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: start, as: UInt64.self))
            let digits = word ^ 0x3030_3030_3030_3030
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            let nonDigit = (((digits & low7) &+ 0x7676_7676_7676_7676) | digits) & ~low7
            let length = nonDigit.trailingZeroBitCount >> 3
            if length > 0 && length < 8 {
                let end = start + length, next = base[end]
                if next == CSVByte.comma || next == CSVByte.lineFeed || next == CSVByte.carriageReturn {
                    return (end, Double(DecimalParser.eightDigitsValue(digits << (64 - 8 * length))))
                }
            }
        }
        var end = start
        while end < count {
            let byte = bytes[end]
            if byte == CSVByte.comma || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn { break }
            // A quote or a non-ASCII byte is never part of a number; the
            // general reader says which error it is.
            guard byte != CSVByte.quote && byte < 0x80 else { return nil }
            end += 1
        }
        guard case .value(let parsed) = DecimalParser.parse(bytes, start: start, end: end) else { return nil }
        return (end, parsed)
    }

    /// The offset of the comma or line break (or the end of the file) that
    /// ends the unquoted text field at `start`, eight bytes at a time,
    /// checking its UTF-8 on the way when `checkingUTF8` (otherwise its
    /// other bytes are not looked at); `nil` at a quote or an invalid byte.
    @inline(__always)
    private static func textFieldEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                                     checkingUTF8: Bool) -> Int? {
        let count = bytes.count
        var index = start
        guard let base = bytes.baseAddress else { return nil }
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self))
            // Without the check, non-ASCII bytes are not marked.
            let marks = checkingUTF8 ? CSVScanner.fieldEndMarks(word) : CSVScanner.delimiterMarks(word)
            if marks == 0 {
                index += 8
                continue
            }
            // The lowest mark is always a real one (see `fieldEndMarks`).
            index += marks.trailingZeroBitCount >> 3
            let byte = base[index]
            if byte < 0x80 { return byte == CSVByte.quote ? nil : index }
            // Vietnamese letters are two-byte sequences (lead C2…DF) or
            // three-byte ones whose second byte is any continuation byte
            // (lead E1…EC: U+1EA0…U+1EF9 are E1 BA/BB …): checked here,
            // without a call; the rest, and the end of the file, by
            // `sequenceLength`.
            if index + 2 < count {
                let second = base[index + 1], third = base[index + 2]
                if byte &- 0xC2 <= 0xDF - 0xC2 && second & 0xC0 == 0x80 {
                    index += 2
                    continue
                }
                if byte &- 0xE1 <= 0xEC - 0xE1 && second & 0xC0 == 0x80 && third & 0xC0 == 0x80 {
                    index += 3
                    continue
                }
            }
            guard let length = CSVText.sequenceLength(bytes, at: index) else { return nil }
            index += length
        }
        while index < count {
            let byte = base[index]
            if byte == CSVByte.comma || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn { return index }
            if byte == CSVByte.quote { return nil }
            guard let next = offset(after: index, in: bytes, checkingUTF8: checkingUTF8) else { return nil }
            index = next
        }
        return index
    }

    /// The offset just past the character at `index` of a text cell: the
    /// next byte, or (when `checkingUTF8` and the byte is not ASCII) past
    /// its well-formed UTF-8 sequence; `nil` when it is not one.
    @inline(__always)
    private static func offset(after index: Int, in bytes: UnsafeBufferPointer<UInt8>, checkingUTF8: Bool) -> Int? {
        guard checkingUTF8 && bytes[index] >= 0x80 else { return index + 1 }
        return CSVText.sequenceLength(bytes, at: index).map { index + $0 }
    }

    /// The offset of the closing quote of the quoted text field whose
    /// content starts at `start`, when that content holds no quote and no
    /// line break (checking its UTF-8 on the way when `checkingUTF8`) and
    /// the closing quote is followed by a comma or a line break, as the
    /// general reader reads such a field; `nil` otherwise (an escaped
    /// quote, a line break in quotes, text after the closing quote, the end
    /// of the file), and the general reader reads the row.
    @inline(__always)
    private static func quotedTextEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                                      checkingUTF8: Bool) -> Int? {
        let count = bytes.count
        var index = start
        while index < count {
            let byte = bytes[index]
            if byte == CSVByte.quote {
                guard index + 1 < count else { return nil }
                let next = bytes[index + 1]
                guard next == CSVByte.comma || next == CSVByte.lineFeed || next == CSVByte.carriageReturn
                else { return nil }
                return index
            }
            if byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn { return nil }
            guard let next = offset(after: index, in: bytes, checkingUTF8: checkingUTF8) else { return nil }
            index = next
        }
        return nil
    }
}
