/// The identity of every row of a data file, by column: its period and ward
/// (interned indices), its line, where its record starts, its group's id
/// and name. What `DataParser` builds besides the indicator columns.
struct IdentityRows {
    var periodOfRow: [Int32] = []
    var wardOfRow: [Int32] = []
    var lineOfRow: [Int32] = []
    var startOfRow: [Int] = []
    var groupIDs: [String] = []
    var groupNames: [String] = []

    /// The memory one row takes in these arrays (its strings' own storage
    /// aside), to bound what room for many rows would reserve.
    static let bytesPerRow = 3 * MemoryLayout<Int32>.stride + MemoryLayout<Int>.stride
        + 2 * MemoryLayout<String>.stride

    /// Arrays with room for `capacity` rows, written in place by `fill`
    /// through the buffers it is given (`capacity` rows, uninitialized);
    /// each array then holds the first `n` rows, `n` being what `fill`
    /// returns.
    ///
    /// As `[[Double]].filledInPlace`, so that the chunks of a file parsed in
    /// parallel write their rows where they stay, and nothing is copied to
    /// join them.
    /// - Parameters:
    ///   - capacity: The rows to make room for.
    ///   - fill: Initializes the first `n` rows of every buffer (and no
    ///     other string) and returns `n`, at most `capacity`.
    /// - Returns: The arrays.
    static func filledInPlace(capacity: Int, _ fill: (IdentityBuffers) -> Int) -> IdentityRows {
        var rows = IdentityRows()
        var filled = 0
        // One array inside the other, so that every buffer is alive while
        // `fill` runs; each array then takes the count `fill` returned.
        rows.periodOfRow = .init(unsafeUninitializedCapacity: capacity) { period, periods in
            rows.wardOfRow = .init(unsafeUninitializedCapacity: capacity) { ward, wards in
                rows.lineOfRow = .init(unsafeUninitializedCapacity: capacity) { line, lines in
                    rows.startOfRow = .init(unsafeUninitializedCapacity: capacity) { start, starts in
                        rows.groupIDs = .init(unsafeUninitializedCapacity: capacity) { groupID, groupIDs in
                            rows.groupNames = .init(unsafeUninitializedCapacity: capacity) { groupName, groupNames in
                                filled = fill(IdentityBuffers(
                                    period: period, ward: ward, line: line, start: start,
                                    groupID: groupID, groupName: groupName))
                                precondition(filled >= 0 && filled <= capacity, "more rows written than there is room for")
                                groupNames = filled
                            }
                            groupIDs = filled
                        }
                        starts = filled
                    }
                    lines = filled
                }
                wards = filled
            }
            periods = filled
        }
        return rows
    }
}

/// Rows of the identity arrays being written in place (see
/// `IdentityRows.filledInPlace`): all of them, or one chunk's stretch.
/// Trivial columns may be written and overwritten freely; a string must be
/// initialized once, and deinitialized by whoever gives the rows up.
struct IdentityBuffers {
    let period: UnsafeMutableBufferPointer<Int32>
    let ward: UnsafeMutableBufferPointer<Int32>
    let line: UnsafeMutableBufferPointer<Int32>
    let start: UnsafeMutableBufferPointer<Int>
    let groupID: UnsafeMutableBufferPointer<String>
    let groupName: UnsafeMutableBufferPointer<String>

    /// The rows there is room for.
    var count: Int { period.count }

    /// The stretch `rows` of these rows.
    /// - Parameter rows: Rows within `0..<count`.
    /// - Returns: The same buffers, rebased to the stretch.
    func rows(_ rows: Range<Int>) -> IdentityBuffers {
        IdentityBuffers(
            period: UnsafeMutableBufferPointer(rebasing: period[rows]),
            ward: UnsafeMutableBufferPointer(rebasing: ward[rows]),
            line: UnsafeMutableBufferPointer(rebasing: line[rows]),
            start: UnsafeMutableBufferPointer(rebasing: start[rows]),
            groupID: UnsafeMutableBufferPointer(rebasing: groupID[rows]),
            groupName: UnsafeMutableBufferPointer(rebasing: groupName[rows]))
    }

    /// Writes row `row`, whose strings are not initialized yet.
    @inline(__always)
    func initialize(row: Int, period: Int32, ward: Int32, line: Int32, start: Int, groupID: String,
                    groupName: String) {
        self.period[row] = period
        self.ward[row] = ward
        self.line[row] = line
        self.start[row] = start
        self.groupID.initializeElement(at: row, to: groupID)
        self.groupName.initializeElement(at: row, to: groupName)
    }

    /// Deinitializes the strings of the first `rows` rows, which were
    /// written: for rows given up (a chunk read again, or a file read again
    /// serially).
    func deinitializeStrings(rows: Int) {
        guard rows > 0, let ids = groupID.baseAddress, let names = groupName.baseAddress else { return }
        ids.deinitialize(count: rows)
        names.deinitialize(count: rows)
    }

    /// Moves `count` rows from `source` down to `target` (below it; the
    /// stretches may overlap), leaving the strings at the rows given up
    /// uninitialized.
    func moveRows(from source: Int, count: Int, to target: Int) {
        guard count > 0, source != target else { return }
        func move<Element>(_ buffer: UnsafeMutableBufferPointer<Element>) {
            guard let base = buffer.baseAddress else { return }
            // `moveInitialize` allows overlapping regions, as `memmove` does.
            (base + target).moveInitialize(from: base + source, count: count)
        }
        move(period)
        move(ward)
        move(line)
        move(start)
        move(groupID)
        move(groupName)
    }
}
