/// Per-row columns of a ``PeriodResult`` rearranged in output (ranking)
/// order, so the writers read them front to back.
///
/// The writers go through the groups in ranking order, which jumps around
/// the row order at random. Read straight from twenty columns of a national
/// result (some 16 MB), nearly every value is a cache miss, and the misses
/// cost more than formatting the numbers. Here each column is read in row
/// order, front to back, and each value stored at its output position
/// (``OutputOrder/positions``): stores do not stall the processor as loads
/// do.
///
/// The values live in one block of memory that this non-copyable value
/// owns, so reading one is a load, with no reference counting of the
/// arrays in the writers' innermost loops.
///
/// A column may cover fewer rows than the result has (the year leaves out
/// bonus and deduction): ``value(_:at:row:)`` is `nil` for a row the column
/// does not cover, as ``PeriodResult/rowValue(_:_:)`` is.
struct OrderedColumns<Value: BitwiseCopyable>: ~Copyable {
    /// Output positions (rows of the result).
    let count: Int
    /// Columns.
    let width: Int
    /// The values, column after column, each in output order; `filler`
    /// where a column does not cover the row.
    private let values: UnsafeMutablePointer<Value>
    /// How many rows each original column covers.
    private let covered: UnsafeMutablePointer<Int>

    /// Gathers `columns` in output order.
    ///
    /// - Parameters:
    ///   - columns: Per-row values, each maybe shorter than the result.
    ///   - order: The output order.
    ///   - filler: Stored for rows a column does not cover; never read.
    init(_ columns: [[Value]], order: OutputOrder, filler: Value) {
        count = order.rows.count
        width = columns.count
        values = .allocate(capacity: max(1, count * width))
        covered = .allocate(capacity: max(1, width))
        for (index, column) in columns.enumerated() {
            covered[index] = column.count
            let target = values + index * count
            column.withUnsafeBufferPointer { source in
                guard let positions = order.positions else {
                    for (position, row) in order.rows.enumerated() {
                        (target + position).initialize(to: row < source.count ? source[row] : filler)
                    }
                    return
                }
                if source.count < count { target.initialize(repeating: filler, count: count) }
                positions.withUnsafeBufferPointer { positions in
                    for row in 0..<min(source.count, positions.count) {
                        (target + positions[row]).initialize(to: source[row])
                    }
                }
            }
        }
    }

    deinit {
        values.deallocate()
        covered.deallocate()
    }

    /// The value of `column` at output `position`, whose row is `row`;
    /// `nil` when the column does not cover `row`.
    @inline(__always)
    func value(_ column: Int, at position: Int, row: Int) -> Value? {
        row < covered[column] ? values[column * count + position] : nil
    }

    /// The value of `column` at `position`, for a column known to cover
    /// the row (see ``covers(_:row:)``).
    @inline(__always)
    subscript(column: Int, position: Int) -> Value {
        values[column * count + position]
    }

    /// Whether `column` covers `row`.
    @inline(__always)
    func covers(_ column: Int, row: Int) -> Bool {
        row < covered[column]
    }
}

extension OrderedColumns where Value == Int32 {
    /// The rank in `column` at `position`, or `nil` when not ranked (0) or
    /// not covered, as ``PeriodResult/rankValue(_:_:)``.
    @inline(__always)
    func rank(_ column: Int, at position: Int, row: Int) -> Int? {
        guard let rank = value(column, at: position, row: row), rank > 0 else { return nil }
        return Int(rank)
    }
}

/// The order the writers list a period's groups in: by ranking
/// (`PeriodResult.order`), or as stored while a result is being built.
struct OutputOrder: Sendable {
    /// The row at each output position.
    let rows: [Int]
    /// The output position of each row (the inverse of ``rows``), or `nil`
    /// when `rows` is not a permutation of the rows (a result built by
    /// hand): then columns are read in output order instead.
    let positions: [Int]?

    /// The output order of `result`.
    init(_ result: PeriodResult) {
        rows = result.outputOrder
        var positions = [Int](repeating: -1, count: rows.count)
        var isPermutation = true
        for (position, row) in rows.enumerated() {
            guard row >= 0, row < positions.count, positions[row] < 0 else {
                isPermutation = false
                break
            }
            positions[row] = position
        }
        self.positions = isPermutation ? positions : nil
    }
}

/// What `ranking.csv` and `results.json` both write of every group,
/// gathered once per file in output order: the order itself, the ids and
/// names, and the integer columns.
struct RankedRows: ~Copyable {
    /// The output order.
    let order: OutputOrder
    /// Group ids and names, in output order.
    let ids, names: ByteTable
    /// Integer columns ``ward``, ``tier``, ``wardRank``, ``districtRank``
    /// and ``eligible`` (1 or 0).
    let integers: OrderedColumns<Int32>
    /// Columns of ``integers``.
    static let ward = 0, tier = 1, wardRank = 2, districtRank = 3, eligible = 4

    /// Gathers the rows of `result`.
    init(_ result: PeriodResult) {
        order = OutputOrder(result)
        ids = ByteTable(result.groupIDs, order: order)
        names = ByteTable(result.groupNames, order: order)
        integers = OrderedColumns(
            [result.wardOfRow, result.tierOfRow, result.wardRank, result.districtRank,
             result.eligible.map { Int32($0 ? 1 : 0) }],
            order: order, filler: -1)
    }

    /// Each content's points; an empty column for a content without any
    /// (a result built by hand), which covers no row.
    static func contentColumns(of result: PeriodResult) -> [[Double]] {
        result.contentIDs.indices.map { $0 < result.contentPoints.count ? result.contentPoints[$0] : [] }
    }
}
