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
    /// column `j` of `DataParser.values`.
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
        headerColumns = fields.map { cells.text(of: $0) }
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
        values = ColumnBuilder(width: columnNames.count)
        return true
    }
}
