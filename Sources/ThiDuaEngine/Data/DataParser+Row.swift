import ScoringKit

extension DataParser {
    /// Checks one data record and appends it to the columns.
    ///
    /// A record with the wrong field count is reported and skipped whole:
    /// its cells cannot be matched to columns. Otherwise every cell is
    /// checked, so a row with several bad cells reports them all. Values of
    /// bad cells are stored as 0 only to keep the arrays aligned; a file
    /// with any error never becomes a `DataSet`.
    mutating func readRow(_ fields: [CSVField], line: Int) {
        guard fields.count == layout.fieldCount else {
            let found = fields.count
            errors.add(.error(
                at: SourceLocation(file: path, line: line, column: 1),
                "row has \(found) field\(found == 1 ? "" : "s"), but the header has \(layout.fieldCount)",
                hint: found > layout.fieldCount ? "a text cell that contains a comma must be in quotes" : nil))
            return
        }

        let periodIndex = readPeriod(fields[layout.period])
        let wardField = fields[layout.ward]
        let wardRange = trimmedRange(of: wardField)
        var wardIndex: Int32 = 0
        if wardRange.isEmpty {
            error(at: wardField, "ward is empty", hint: "every row must name its ward (phường)")
        } else if wardField.hasEscapedQuotes {
            wardIndex = wards.index(of: text(in: wardRange, escaped: true))
        } else {
            wardIndex = wards.index(of: bytes, start: wardRange.lowerBound, end: wardRange.upperBound)
        }
        let groupField = fields[layout.groupID]
        let groupID = text(of: groupField)
        if groupID.isEmpty {
            error(at: groupField, "group_id is empty", hint: "every row must carry its group's id")
        } else if let periodIndex {
            let key = GroupKey(period: periodIndex, groupID: groupID)
            if let firstLine = firstLineOfGroup[key] {
                error(at: groupField,
                      "group '\(groupID)' appears twice in period \(periods.names[Int(periodIndex)]) "
                          + "(first on line \(firstLine))",
                      hint: "each group has one row per period")
            } else {
                firstLineOfGroup[key] = line
            }
        }

        periodOfRow.append(periodIndex ?? 0)
        wardOfRow.append(wardIndex)
        groupIDs.append(groupID)
        groupNames.append(text(of: fields[layout.groupName]))
        lineOfRow.append(Int32(clamping: line))
        for slot in layout.numericFields.indices {
            columns[slot].append(readNumber(fields[layout.numericFields[slot]], column: slot))
        }
    }

    /// The interned index of a `YYYY-Qn` period cell, or `nil` (after
    /// reporting) when the cell is not one.
    private mutating func readPeriod(_ field: CSVField) -> Int32? {
        let range = trimmedRange(of: field)
        guard !range.isEmpty else {
            error(at: field, "period is empty", hint: "write the period as YYYY-Qn, e.g. 2020-Q1")
            return nil
        }
        guard isPeriod(range) else {
            let written = text(of: field)
            error(at: field, "period '\(written)' is not of the form YYYY-Qn with n from 1 to 4",
                  hint: "write the period as YYYY-Qn, e.g. 2020-Q1")
            return nil
        }
        return periods.index(of: bytes, start: range.lowerBound, end: range.upperBound)
    }

    /// Whether `bytes[range]` is four digits, `-Q` and a quarter 1…4.
    private func isPeriod(_ range: Range<Int>) -> Bool {
        guard range.count == 7 else { return false }
        let start = range.lowerBound
        for offset in 0..<4 where bytes[start + offset] &- UInt8(ascii: "0") >= 10 {
            return false
        }
        return bytes[start + 4] == UInt8(ascii: "-") && bytes[start + 5] == UInt8(ascii: "Q")
            && (UInt8(ascii: "1")...UInt8(ascii: "4")).contains(bytes[start + 6])
    }

    /// The value of an indicator cell, or 0 after reporting why it is not a
    /// usable number.
    private mutating func readNumber(_ field: CSVField, column slot: Int) -> Double {
        let result = DecimalParser.parse(bytes, start: field.start, end: field.end)
        if case .value(let value) = result { return value }
        let column = columnNames[slot]
        let written = text(in: trimmedRange(of: field), escaped: false)
        switch result {
        case .value:
            break
        case .empty:
            error(at: field, "column '\(column)' is empty", hint: "write 0 when there is nothing to count")
        case .negative:
            error(at: field, "column '\(column)': '\(written)' must not be negative")
        case .notFinite:
            error(at: field, "column '\(column)': '\(written)' is not a finite number")
        case .notANumber:
            let hint = written.contains(",")
                ? "write numbers without thousands separators and with '.' as the decimal point"
                : "write a plain number such as 12 or 12.5"
            error(at: field, "column '\(column)': '\(written)' is not a number", hint: hint)
        }
        return 0
    }
}
