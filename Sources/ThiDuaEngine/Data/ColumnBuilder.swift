/// Collects indicator values row by row and hands them out by column.
///
/// Rows are written into a small row-major window — one buffer pointer per
/// row, since appending cell by cell to 20-odd column arrays paid a
/// uniqueness check per cell — and the window is moved into the columns
/// every `windowRows` rows, while it is still in cache. An earlier version
/// kept all rows row-major and transposed at the end; the second full-size
/// array and its page faults cost about 8 % of a 50 MB parse.
///
/// A chunk of a file parsed in parallel writes its rows in place instead:
/// into its own stretch of columns that every chunk shares
/// (``init(width:writingTo:)``), so no chunk's values are copied
/// again to join them.
struct ColumnBuilder {
    /// Values per row.
    let width: Int
    /// The columns, each `rowCount` long (when not writing in place).
    private var columns: [[Double]]
    /// Where each column's rows go when writing in place: the chunk's
    /// stretch of each shared column.
    private let destination: [UnsafeMutableBufferPointer<Double>]
    /// The most rows `destination` has room for.
    private let capacity: Int
    /// Whether the rows go to `destination` rather than to `columns`.
    private let inPlace: Bool
    /// Rows moved out of the window so far.
    private var flushedRows = 0
    /// Whether rows were dropped for want of room in `destination`.
    private(set) var overflowed = false
    private var window: [Double]
    /// The window's values of one column, contiguous, to append at once.
    private var transposed: [Double]
    private var rowsInWindow = 0
    /// Rows per window: 1,024 rows of 20-odd values stay well inside L2.
    private static let windowRows = 1024

    /// Creates a builder for rows of `width` values.
    init(width: Int) {
        self.width = width
        columns = [[Double]](repeating: [], count: width)
        destination = []
        capacity = .max
        inPlace = false
        window = [Double](repeating: 0, count: width * Self.windowRows)
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
        self.destination = destination
        capacity = destination.map(\.count).min() ?? .max
        inPlace = true
        window = [Double](repeating: 0, count: width * Self.windowRows)
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

    /// Adds a row whose values `fill` writes into the buffer it is given
    /// (`width` values, in column order).
    ///
    /// Slots `fill` leaves alone hold stale values; the reader only does
    /// that for rows with a bad cell, and then returns no data at all.
    /// - Returns: What `fill` returns.
    mutating func appendRow(_ fill: (UnsafeMutableBufferPointer<Double>) -> Bool) -> Bool {
        if rowsInWindow == Self.windowRows { flush() }
        let base = rowsInWindow * width
        rowsInWindow += 1
        return window.withUnsafeMutableBufferPointer { buffer in
            fill(UnsafeMutableBufferPointer(rebasing: buffer[base..<base + width]))
        }
    }

    /// Adds a row whose values `fill` writes, as `appendRow(_:)`, but keeps
    /// it only when `fill` returns `true`: the fast row reader finds out
    /// that a row is not an ordinary one halfway through writing it.
    /// - Returns: What `fill` returns.
    mutating func appendRowIfKept(_ fill: (UnsafeMutableBufferPointer<Double>) -> Bool) -> Bool {
        if rowsInWindow == Self.windowRows { flush() }
        let base = rowsInWindow * width
        let kept = window.withUnsafeMutableBufferPointer { buffer in
            fill(UnsafeMutableBufferPointer(rebasing: buffer[base..<base + width]))
        }
        if kept { rowsInWindow += 1 }
        return kept
    }

    /// The values of every row added, one array per column; empty arrays
    /// when writing in place (the rows are then in the destination).
    mutating func finish() -> [[Double]] {
        flush()
        return columns
    }

    /// Moves the window's rows to the columns: each column's values are
    /// gathered into one contiguous buffer and appended in one copy (a lazy
    /// `append(contentsOf:)` went through a closure per value and took 9 %
    /// of a parse).
    private mutating func flush() {
        let rows = rowsInWindow, width = self.width
        guard !inPlace else { return flushInPlace() }
        flushedRows += rows
        let window = self.window
        window.withUnsafeBufferPointer { source in
            for slot in 0..<width {
                transposed.withUnsafeMutableBufferPointer { column in
                    for row in 0..<rows { column[row] = source[row * width + slot] }
                }
                transposed.withUnsafeBufferPointer { column in
                    columns[slot].append(contentsOf: UnsafeBufferPointer(rebasing: column[0..<rows]))
                }
            }
        }
        rowsInWindow = 0
    }

    /// Moves the window's rows to their places in `destination`, or drops
    /// them when they do not fit.
    private mutating func flushInPlace() {
        let rows = rowsInWindow, width = self.width, start = flushedRows
        rowsInWindow = 0
        guard !overflowed, rows <= capacity - start else {
            overflowed = true
            return
        }
        flushedRows += rows
        window.withUnsafeBufferPointer { source in
            for slot in 0..<width {
                let column = destination[slot]
                for row in 0..<rows { column[start + row] = source[row * width + slot] }
            }
        }
    }
}
