/// Ready-made pieces of output (a quoted ward name, a key with its
/// punctuation), made once per file and copied into every line.
///
/// The pieces live in one block of memory that this non-copyable value
/// owns, so copying one is a `memcpy`, with no reference counting of an
/// array of arrays in the writers' innermost loops.
struct ByteTable: ~Copyable {
    /// Number of pieces.
    let count: Int
    /// The pieces, one after the other.
    private let storage: UnsafeMutablePointer<UInt8>
    /// Where piece `i` starts; piece `i` ends where piece `i + 1` starts.
    private let starts: UnsafeMutablePointer<Int>

    /// Stores `pieces`.
    ///
    /// - Parameter pieces: The bytes of each piece.
    init(_ pieces: [[UInt8]]) {
        count = pieces.count
        let total = pieces.reduce(0) { $0 + $1.count }
        storage = .allocate(capacity: max(1, total))
        starts = .allocate(capacity: pieces.count + 1)
        var offset = 0
        for (index, piece) in pieces.enumerated() {
            starts[index] = offset
            piece.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { (storage + offset).initialize(from: base, count: source.count) }
            }
            offset += piece.count
        }
        starts[pieces.count] = offset
    }

    /// Stores the UTF-8 bytes of `texts` in output order: piece `p` is the
    /// text of row `order.rows[p]` (empty where `texts` has no such row).
    ///
    /// The texts are read in row order and copied to their output place,
    /// so the names of a national run (which live all over the heap in
    /// ranking order) are read front to back; see ``OrderedColumns``.
    /// - Parameters:
    ///   - texts: Per-row texts, e.g. the group names.
    ///   - order: The output order.
    init(_ texts: [String], order: OutputOrder) {
        let rows = order.rows
        count = rows.count
        starts = .allocate(capacity: rows.count + 1)
        let lengths = texts.map(\.utf8.count)
        var total = 0
        for (position, row) in rows.enumerated() {
            starts[position] = total
            total += row < lengths.count ? lengths[row] : 0
        }
        starts[rows.count] = total
        storage = .allocate(capacity: max(1, total))
        func copy(_ text: String, to position: Int) {
            let target = storage + starts[position]
            text.withUTF8Bytes { source in
                if let base = source.baseAddress { UnsafeMutableRawPointer(target).copyMemory(from: base, byteCount: source.count) }
            }
        }
        if let positions = order.positions {
            for row in 0..<min(texts.count, positions.count) { copy(texts[row], to: positions[row]) }
        } else {
            for (position, row) in rows.enumerated() where row < texts.count { copy(texts[row], to: position) }
        }
    }

    /// Stores `rowCount` pieces made by `render`, one per row, in output
    /// order: piece `p` is the piece of row `order.rows[p]`, empty where
    /// there is no such row.
    ///
    /// For per-row text the writers would otherwise read through nested
    /// arrays of strings (each row's reasons): rendered once, in row order,
    /// so the strings are read front to back, and the writers' loops copy
    /// bytes without touching (and reference counting) the arrays.
    ///
    /// Made in row order, then moved to output order in one tight loop,
    /// so the writers read the pieces front to back, as they read
    /// ``OrderedColumns``: the year's reasons are some 20 MB, and read in
    /// ranking order they cost a cache miss or more per line.
    /// - Parameters:
    ///   - rowCount: The number of rows `render` can make.
    ///   - order: The output order.
    ///   - render: Appends the piece of row `i` to the buffer.
    init(rowCount: Int, order: OutputOrder, render: (Int, inout ByteBuffer) -> Void) {
        // Rendered into one buffer and moved from there, not through a
        // row-order `ByteTable`: that was one more full copy (and fresh
        // pages) of the year's 20 MB of reasons.
        var rendered = ByteBuffer(capacity: 1 << 16)
        var rowStarts = [Int](repeating: 0, count: rowCount + 1)
        for row in 0..<rowCount {
            rowStarts[row] = rendered.count
            render(row, &rendered)
        }
        rowStarts[rowCount] = rendered.count
        let rows = order.rows
        count = rows.count
        starts = .allocate(capacity: rows.count + 1)
        var total = 0
        for (position, row) in rows.enumerated() {
            starts[position] = total
            total += row >= 0 && row < rowCount ? rowStarts[row + 1] - rowStarts[row] : 0
        }
        starts[rows.count] = total
        storage = .allocate(capacity: max(1, total))
        let target = UnsafeMutableRawPointer(storage)
        let offsets = starts
        rendered.withBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            for (position, row) in rows.enumerated() where row >= 0 && row < rowCount {
                let start = rowStarts[row]
                target.advanced(by: offsets[position])
                    .copyMemory(from: base + start, byteCount: rowStarts[row + 1] - start)
            }
        }
    }

    deinit {
        storage.deallocate()
        starts.deallocate()
    }

    /// Whether there is a piece `index`.
    @inline(__always)
    func contains(_ index: Int) -> Bool {
        index >= 0 && index < count
    }

    /// The bytes of piece `index` (which must exist), valid while the table
    /// is.
    @inline(__always)
    func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        let start = starts[index]
        return UnsafeRawBufferPointer(start: storage + start, count: starts[index + 1] - start)
    }

    /// Appends piece `index` (which must exist) to `buffer`.
    @inline(__always)
    func append(_ index: Int, to buffer: inout ByteBuffer) {
        let start = starts[index]
        buffer.append(UnsafeRawBufferPointer(start: storage + start, count: starts[index + 1] - start))
    }
}
