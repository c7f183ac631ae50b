/// Where one row's indicator values go: the value of column slot `s` is
/// stored at `bases[s][offset]`.
///
/// A row of a `ColumnBuilder`'s window (each base the window's first value
/// of its slot, the offset the row's first value) or, writing in place, a
/// row of the destination columns themselves (each base a column, the
/// offset the row): the row reader stores each value where it belongs
/// with one indexed store, whichever it is.
struct ValueRow {
    /// One base address per column slot.
    let bases: UnsafePointer<UnsafeMutablePointer<Double>>
    /// The row's offset from every base, in values.
    let offset: Int

    /// The value of column slot `slot` in this row.
    @inline(__always)
    subscript(slot: Int) -> Double {
        get { bases[slot][offset] }
        nonmutating set { bases[slot][offset] = newValue }
    }
}

/// Collects indicator values row by row and hands them out by column.
///
/// Rows are written into a small row-major window — appending cell by cell
/// to 20-odd column arrays paid a uniqueness check per cell — and the
/// window is moved into the columns every `windowRows` rows, while it is
/// still in cache. An earlier version kept all rows row-major and
/// transposed at the end; the second full-size array and its page faults
/// cost about 8 % of a 50 MB parse.
///
/// A chunk of a file parsed in parallel writes its rows in place instead
/// (``init(width:writingTo:)``): straight into its own stretch of columns
/// that every chunk shares, each value stored once, where it stays (moving
/// a window into the stretch cost a load and a second store per value: 3 %
/// of the samples of a national parse's profile).
struct ColumnBuilder {
    /// The builder's window and the base addresses rows are written
    /// through, in memory that does not move.
    private final class Storage {
        /// `width × rows` values, row-major.
        let window: UnsafeMutablePointer<Double>
        /// The window's first value of each slot.
        let windowBases: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
        /// Each destination column's first row, when writing in place.
        let columnBases: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
        let width: Int
        let rows: Int

        init(width: Int, rows: Int, columns: [UnsafeMutableBufferPointer<Double>]) {
            self.width = width
            self.rows = rows
            window = .allocate(capacity: max(1, width * rows))
            window.initialize(repeating: 0, count: max(1, width * rows))
            windowBases = .allocate(capacity: max(1, width))
            columnBases = .allocate(capacity: max(1, width))
            for slot in 0..<width {
                (windowBases + slot).initialize(to: window + slot)
                // A column with no rows has no address; nothing is ever
                // written through it (a builder with no room writes into
                // its window instead).
                (columnBases + slot).initialize(to: columns.isEmpty ? window : columns[slot].baseAddress ?? window)
            }
        }

        /// A storage holding the same window values, for a builder about
        /// to write to a window another copy of it shares.
        func copy() -> Storage {
            let copy = Storage(width: width, rows: rows, columns: [])
            copy.window.update(from: window, count: max(1, width * rows))
            for slot in 0..<width { copy.columnBases[slot] = columnBases[slot] }
            return copy
        }

        deinit {
            window.deallocate()
            windowBases.deallocate()
            columnBases.deallocate()
        }
    }

    /// Values per row.
    let width: Int
    /// The columns, each `rowCount` long (when not writing in place).
    private var columns: [[Double]]
    /// The most rows the destination has room for, when writing in place.
    private let capacity: Int
    /// Whether the rows go to the destination rather than to `columns`.
    private let inPlace: Bool
    /// Rows moved out of the window so far, or written in place.
    private var flushedRows = 0
    /// Whether rows were dropped for want of room in the destination.
    private(set) var overflowed = false
    private var storage: Storage
    /// The window's values of one column, contiguous, to append at once.
    private var transposed: [Double]
    private var rowsInWindow = 0
    /// Rows per window: 1,024 rows of 20-odd values stay well inside L2.
    private static let windowRows = 1024

    /// Creates a builder for rows of `width` values.
    init(width: Int) {
        self.width = width
        columns = [[Double]](repeating: [], count: width)
        capacity = .max
        inPlace = false
        storage = Storage(width: width, rows: Self.windowRows, columns: [])
        transposed = [Double](repeating: 0, count: Self.windowRows)
    }

    /// Creates a builder that writes its rows in place, row `k` of column
    /// `c` at `destination[c][k]`, and drops the rows that do not fit
    /// (``overflowed`` then tells).
    ///
    /// - Parameters:
    ///   - width: Values per row; `destination.count`.
    ///   - destination: Each column's stretch of rows, all of one length.
    init(width: Int, writingTo destination: [UnsafeMutableBufferPointer<Double>]) {
        precondition(destination.count == width, "one destination per column")
        self.width = width
        columns = []
        capacity = destination.map(\.count).min() ?? .max
        inPlace = true
        // One row of window: where a row with no room goes, to be dropped.
        storage = Storage(width: width, rows: 1, columns: destination)
        transposed = []
    }

    /// Rows added so far (kept, when writing in place, only while there was room).
    var rowCount: Int { flushedRows + rowsInWindow }

    /// Makes room for about `rows` rows in every column. The room is only
    /// reserved, not filled: zeroing 70 MB of columns ahead of the values
    /// cost a pass over all of it.
    mutating func reserveCapacity(_ rows: Int) {
        guard !inPlace else { return }
        for slot in columns.indices where columns[slot].isEmpty {
            columns[slot] = .reserved(rows)
        }
    }

    /// Adds a row whose values `fill` writes into the row it is given
    /// (`width` values, by column slot).
    ///
    /// Slots `fill` leaves alone hold stale values; the reader only does
    /// that for rows with a bad cell, and then returns no data at all.
    /// - Returns: What `fill` returns.
    mutating func appendRow(_ fill: (ValueRow) -> Bool) -> Bool {
        let result = fill(nextRow())
        keep()
        return result
    }

    /// Adds a row whose values `fill` writes, as `appendRow(_:)`, but keeps
    /// it only when `fill` returns `true`: the fast row reader finds out
    /// that a row is not an ordinary one halfway through writing it (what
    /// it wrote is then overwritten by the next row).
    /// - Returns: What `fill` returns.
    mutating func appendRowIfKept(_ fill: (ValueRow) -> Bool) -> Bool {
        let kept = fill(nextRow())
        if kept { keep() }
        return kept
    }

    /// Takes back the row just added and kept, whose values turned out not
    /// to be wanted after all; the next row is written in its place.
    mutating func dropLastRow() {
        if inPlace {
            // A row with no room was not counted (and the chunk has failed).
            if !overflowed && flushedRows > 0 { flushedRows -= 1 }
        } else if rowsInWindow > 0 {
            // Every row kept is counted in the window until the next row
            // moves the window out.
            rowsInWindow -= 1
        }
    }

    /// The values of every row added, one array per column; empty arrays
    /// when writing in place (the rows are then in the destination).
    mutating func finish() -> [[Double]] {
        if !inPlace { flush() }
        return columns
    }

    /// Where the next row goes: its place in the destination, or in the
    /// window (its only row when the destination has no room left).
    @inline(__always)
    private mutating func nextRow() -> ValueRow {
        if inPlace {
            return flushedRows < capacity
                ? ValueRow(bases: storage.columnBases, offset: flushedRows)
                : ValueRow(bases: storage.windowBases, offset: 0)
        }
        if rowsInWindow == Self.windowRows { flush() }
        // Copies of a builder share the window until one writes to it.
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return ValueRow(bases: storage.windowBases, offset: rowsInWindow * width)
    }

    /// Counts the row `nextRow` gave, just written.
    @inline(__always)
    private mutating func keep() {
        guard inPlace else {
            rowsInWindow += 1
            return
        }
        if flushedRows < capacity {
            flushedRows += 1
        } else {
            overflowed = true
        }
    }

    /// Moves the window's rows to the columns: each column's values are
    /// gathered into one contiguous buffer and appended in one copy (a lazy
    /// `append(contentsOf:)` went through a closure per value and took 9 %
    /// of a parse).
    private mutating func flush() {
        let rows = rowsInWindow, width = self.width, window = storage.window
        flushedRows += rows
        for slot in 0..<width {
            transposed.withUnsafeMutableBufferPointer { column in
                for row in 0..<rows { column[row] = window[row * width + slot] }
            }
            transposed.withUnsafeBufferPointer { column in
                columns[slot].append(contentsOf: UnsafeBufferPointer(rebasing: column[0..<rows]))
            }
        }
        rowsInWindow = 0
    }
}
