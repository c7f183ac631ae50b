/// Collects indicator values row by row and hands them out by column.
///
/// Rows are written into a small row-major window — one buffer pointer per
/// row, since appending cell by cell to 20-odd column arrays paid a
/// uniqueness check per cell — and the window is moved into the columns
/// every `windowRows` rows, while it is still in cache. An earlier version
/// kept all rows row-major and transposed at the end; the second full-size
/// array and its page faults cost about 8 % of a 50 MB parse.
struct ColumnBuilder {
    /// Values per row.
    let width: Int
    /// The columns, each `rowCount` long.
    private var columns: [[Double]]
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
        window = [Double](repeating: 0, count: width * Self.windowRows)
        transposed = [Double](repeating: 0, count: Self.windowRows)
    }

    /// Makes room for about `rows` rows in every column. The room is only
    /// reserved, not filled: zeroing 70 MB of columns ahead of the values
    /// cost a pass over all of it.
    mutating func reserveCapacity(_ rows: Int) {
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

    /// The values of every row added, one array per column.
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
}
