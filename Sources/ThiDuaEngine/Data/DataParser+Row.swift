import ScoringKit

extension DataParser {
    /// Checks the current record, whose fields start `fields`, and appends
    /// it to the columns.
    ///
    /// A record with the wrong field count is reported and skipped whole:
    /// its cells cannot be matched to columns. Otherwise every cell is
    /// checked, so a row with several bad cells reports them all. A row
    /// with bad cells is still stored, to keep the arrays aligned; a file
    /// with any error never becomes a `DataSet`.
    mutating func readRow(_ fields: [CSVField]) {
        guard record.fieldCount == layout.fieldCount else {
            let found = record.fieldCount
            errorAtRecord(
                "row has \(found) field\(found == 1 ? "" : "s"), but the header has \(layout.fieldCount)",
                hint: found > layout.fieldCount ? "a text cell that contains a comma must be in quotes" : nil)
            return
        }

        let periodIndex = readPeriod(fields[layout.period])
        let wardField = fields[layout.ward]
        let wardRange = cells.trimmedRange(of: wardField)
        var wardIndex: Int32 = 0
        if wardRange.isEmpty {
            error(at: wardField, "ward is empty", hint: "every row must name its ward (phường)")
        } else if wardField.hasEscapedQuotes {
            wardIndex = wards.index(of: cells.text(in: wardRange, escaped: true))
        } else {
            wardIndex = wards.index(of: bytes, start: wardRange.lowerBound, end: wardRange.upperBound)
        }
        let groupField = fields[layout.groupID]
        let groupID = cells.text(of: groupField)
        var key = DuplicateGroups.noKey
        if groupID.isEmpty {
            error(at: groupField, "group_id is empty", hint: "every row must carry its group's id")
        } else if periodIndex != nil {
            key = DuplicateGroups.hash(id: groupID)
        }
        appendIdentity(period: periodIndex ?? 0, ward: wardIndex, groupID: groupID,
                       groupName: cells.text(of: fields[layout.groupName]), key: key,
                       line: record.line, start: record.start)
        if !writeNumbers(fields) {
            for slot in layout.numericFields.indices {
                reportBadNumber(fields[layout.numericFields[slot]], column: columnNames[slot])
            }
        }
    }

    /// Reads the record at the scanner's position when it is an ordinary,
    /// valid row, appending it to the columns exactly as `readRow` would,
    /// and moves the scanner past it.
    ///
    /// The row must pass every check `readRow` makes — a `YYYY-Qn` period,
    /// a ward and a group id that are not empty, usable numbers — before
    /// anything is appended, so a row this declines leaves the parser as it
    /// was, and the caller reads it the general way, which reports why.
    /// Only called once a first row was read (the arrays are reserved then)
    /// and while no blank lines are pending (they would be errors now).
    ///
    /// - Parameters:
    ///   - scanner: Positioned at the record's start, the start of a line.
    ///   - roles: `CSVFastRecord.roles(of: layout)`.
    /// - Returns: Whether the row was read.
    mutating func readFastRow(_ scanner: inout CSVScanner, roles: UnsafeBufferPointer<Int>) -> Bool {
        let start = scanner.position
        let bytes = self.bytes, cells = self.cells
        var identity = IdentityCells()
        var next = 0
        let kept = values.appendRowIfKept { row in
            guard let end = CSVFastRecord.scan(bytes, from: start, roles: roles, values: row, identity: &identity)
            else { return false }
            identity.period = cells.trimmedRange(of: identity.period)
            identity.ward = cells.trimmedRange(of: identity.ward)
            identity.groupID = cells.trimmedRange(of: identity.groupID)
            guard cells.isPeriod(identity.period), !identity.ward.isEmpty, !identity.groupID.isEmpty else {
                return false
            }
            next = end
            return true
        }
        guard kept else { return false }

        // The ward, id and name were not checked for valid UTF-8 (their
        // decoding checks them): a row with an invalid one is given back,
        // its values taken back, and read again the general way.
        guard let wardIndex = wards.indexIfValid(of: bytes, start: identity.ward.lowerBound,
                                                 end: identity.ward.upperBound),
              let groupID = cells.exactText(in: identity.groupID),
              let groupName = cells.exactText(in: cells.trimmedRange(of: identity.groupName)) else {
            values.dropLastRow()
            return false
        }
        // A `YYYY-Qn` cell is ASCII.
        let periodIndex = periods.index(of: bytes, start: identity.period.lowerBound, end: identity.period.upperBound)
        appendIdentity(period: periodIndex, ward: wardIndex, groupID: groupID, groupName: groupName,
                       key: DuplicateGroups.hash(id: groupID), line: scanner.line, start: start)
        scanner.skipRecord(endingAt: next)
        return true
    }

    /// Appends a row's identity and whereabouts to the per-row arrays (its
    /// indicator values go to `values` on their own).
    @inline(__always)
    private mutating func appendIdentity(period: Int32, ward: Int32, groupID: String, groupName: String,
                                         key: UInt64, line: Int, start: Int) {
        keyOfRow.append(key)
        if let stretch = identityStretch {
            guard rowsInStretch < stretch.count else {
                stretchOverflowed = true
                return
            }
            stretch.initialize(row: rowsInStretch, period: period, ward: ward, line: Int32(clamping: line),
                               start: start, groupID: groupID, groupName: groupName)
            rowsInStretch += 1
            return
        }
        identity.periodOfRow.append(period)
        identity.wardOfRow.append(ward)
        identity.groupIDs.append(groupID)
        identity.groupNames.append(groupName)
        identity.lineOfRow.append(Int32(clamping: line))
        identity.startOfRow.append(start)
    }

    /// The errors for rows that repeat an earlier row's group in the same
    /// period, at the repeat's `group_id` cell; no more than can be shown.
    func repeatedGroupErrors() -> [Diagnostic] {
        let keys = duplicateKeys ?? {
            var keys = DuplicateGroups()
            keys.reserveCapacity(keyOfRow.count)
            for (row, key) in keyOfRow.enumerated() where key != DuplicateGroups.noKey {
                keys.add(period: identity.periodOfRow[row], idHash: key, row: row)
            }
            return keys
        }()
        let repeats = keys.repeats(periodOfRow: identity.periodOfRow, groupIDs: identity.groupIDs, jobs: jobs)
        var fields = [CSVField](repeating: .unused, count: layout.fieldCount + 1)
        return repeats.prefix(DataDiagnostics.limit + 1).map { repeated in
            // Scan the row's record again to find its group_id cell.
            let line = Int(identity.lineOfRow[repeated.row]), start = identity.startOfRow[repeated.row]
            var scanner = CSVScanner(bytes: bytes, start: start, line: line)
            _ = scanner.nextRecord(into: &fields)
            let recordStart = CSVPosition(offset: start, line: line, lineStart: start)
            let cell = CSVText.position(of: fields[layout.groupID].cellStart, in: bytes, from: recordStart)
            let period = periods.names[Int(identity.periodOfRow[repeated.row])]
            return diagnostic(
                at: cell,
                "group '\(identity.groupIDs[repeated.row])' appears twice in period \(period) "
                    + "(first on line \(identity.lineOfRow[repeated.first]))",
                hint: "each group has one row per period")
        }
    }

    /// Adds the row's indicator values to `values`.
    ///
    /// - Returns: Whether every cell was a usable number; when not, the
    ///   caller reports the bad ones (rare, so they are parsed again).
    private mutating func writeNumbers(_ fields: [CSVField]) -> Bool {
        let numericFields = layout.numericFields
        let bytes = cells.bytes
        return values.appendRow { row in
            var valid = true
            for slot in numericFields.indices {
                let field = fields[numericFields[slot]]
                if case .value(let value) = DecimalParser.parse(bytes, start: field.start, end: field.end) {
                    row[slot] = value
                } else {
                    valid = false
                }
            }
            return valid
        }
    }

    /// The interned index of a `YYYY-Qn` period cell, or `nil` (after
    /// reporting) when the cell is not one.
    private mutating func readPeriod(_ field: CSVField) -> Int32? {
        let range = cells.trimmedRange(of: field)
        guard !range.isEmpty else {
            error(at: field, "period is empty", hint: "write the period as YYYY-Qn, e.g. 2020-Q1")
            return nil
        }
        guard cells.isPeriod(range) else {
            error(at: field, "period '\(cells.text(of: field))' is not of the form YYYY-Qn with n from 1 to 4",
                  hint: "write the period as YYYY-Qn, e.g. 2020-Q1")
            return nil
        }
        return periods.index(of: bytes, start: range.lowerBound, end: range.upperBound)
    }

    /// Reports why an indicator cell is not a usable number; a good cell
    /// is left alone. Only runs for rows with a bad cell, so re-parsing is
    /// cheaper than carrying results out of the fast loop.
    private mutating func reportBadNumber(_ field: CSVField, column: String) {
        let result = DecimalParser.parse(cells.bytes, start: field.start, end: field.end)
        let written = cells.text(in: cells.trimmedRange(of: field), escaped: false)
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
    }
}
