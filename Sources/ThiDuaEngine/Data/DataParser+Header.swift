import ScoringKit

/// Which header field holds what: found once from the header, then used to
/// pick cells out of every row by position.
struct HeaderLayout {
    /// The number of fields every row must have.
    var fieldCount = 0
    /// Field positions of the identity columns.
    var period = 0
    var ward = 0
    var groupID = 0
    var groupName = 0
    /// Field position of each indicator column read; entry `j` fills
    /// `DataParser.columns[j]`.
    var numericFields: [Int] = []
}

extension DataParser {
    /// The identity columns every data file must have, in the order
    /// SCORING.md lists them.
    static let identityColumns = ["period", "ward", "group_id", "group_name"]

    /// Reads the header record: names, duplicates, identity columns, and the
    /// indicator columns to read.
    ///
    /// - Returns: `false` when an identity column is missing, since no row
    ///   can be checked without them; other header errors still let the rows
    ///   be checked, so that one run reports them all.
    mutating func readHeader(_ fields: [CSVField]) -> Bool {
        headerColumns = fields.map { text(of: $0) }
        layout.fieldCount = fields.count
        var fieldOfName: [String: Int] = [:]
        for (index, name) in headerColumns.enumerated() {
            // Spreadsheets export stray empty columns with no name; they
            // carry nothing the reader uses, so they are not duplicates.
            guard !name.isEmpty else { continue }
            if let first = fieldOfName[name] {
                error(at: fields[index], "column '\(name)' appears twice in the header (first as field \(first + 1))",
                      hint: "rename or delete one of them")
                continue
            }
            fieldOfName[name] = index
        }

        var missing = false
        for name in Self.identityColumns where fieldOfName[name] == nil {
            missing = true
            let hint = Suggestions.didYouMean(name, in: headerColumns.filter { !$0.isEmpty })
                ?? "the header must name the columns period, ward, group_id and group_name"
            errors.add(.error(at: SourceLocation(file: path, line: 1, column: 1),
                              "missing required column '\(name)'", hint: hint))
        }
        guard !missing else { return false }
        layout.period = fieldOfName["period"] ?? 0
        layout.ward = fieldOfName["ward"] ?? 0
        layout.groupID = fieldOfName["group_id"] ?? 0
        layout.groupName = fieldOfName["group_name"] ?? 0

        for (index, name) in headerColumns.enumerated()
        where numericColumns.contains(name) && fieldOfName[name] == index && !Self.identityColumns.contains(name) {
            layout.numericFields.append(index)
            columnNames.append(name)
        }
        columns = columnNames.map { _ in [] }
        return true
    }

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
}
