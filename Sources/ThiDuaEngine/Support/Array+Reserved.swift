extension Array {
    /// An empty array with room for `capacity` elements, for the per-row
    /// arrays of a data file, sized once from an estimate of its rows so
    /// that they are not copied on every doubling.
    ///
    /// Only reserved: the memory is touched when the values are written.
    /// Asking the kernel for 2 MB pages for these arrays and for the file's
    /// bytes (`madvise`, transparent huge pages) was tried and measured no
    /// faster on the build machine: a whole national run took the same time
    /// within 1 % over 12 alternating runs each (the kernel then zeroes
    /// whole 2 MB pages instead of faulting in 4 KB ones).
    /// - Parameter capacity: The elements to make room for.
    /// - Returns: The empty array.
    static func reserved(_ capacity: Int) -> [Element] {
        var array: [Element] = []
        array.reserveCapacity(capacity)
        return array
    }
}

extension Array where Element == [Double] {
    /// The most columns `filledInPlace` makes at once: some 360 KB of stack
    /// in a debug build, within the 512 KB of a secondary thread.
    static var maximumFilledInPlace: Int { 256 }

    /// `count` columns with room for `capacity` values each, written in
    /// place by `fill` through the buffers it is given (one per column,
    /// `capacity` long); each column then holds the first `n` values, `n`
    /// being what `fill` returns.
    ///
    /// The memory is not zeroed first: its pages are first touched by
    /// whoever writes the values (the workers that score or parse into
    /// them), in parallel, instead of all by the calling thread beforehand.
    /// - Parameters:
    ///   - count: The number of columns.
    ///   - capacity: The values each column has room for.
    ///   - fill: Writes the values; must initialize the first `n` of every
    ///     column and return `n` (at most `capacity`).
    /// - Returns: The columns.
    static func filledInPlace(
        count: Int, capacity: Int, _ fill: ([UnsafeMutableBufferPointer<Double>]) -> Int
    ) -> [[Double]] {
        filledInPlace(capacities: [Int](repeating: capacity, count: count)) { buffers in
            [Int](repeating: fill(buffers), count: count)
        }
    }

    /// Columns with room for `capacities[i]` values each, written in place
    /// by `fill` as in `filledInPlace(count:capacity:_:)`; column `i` then
    /// holds its first `n[i]` values, `n` being what `fill` returns.
    ///
    /// The columns are made one inside the other, as an array's
    /// uninitialized storage is only lent to a closure: a few stack frames
    /// per column (some 1.4 KB in a debug build), so at most
    /// `maximumFilledInPlace` columns at once (the scorer works in batches
    /// of them; a data file read for more is parsed serially).
    /// - Parameters:
    ///   - capacities: The values each column has room for.
    ///   - fill: Writes the values; must initialize the first `n[i]` of
    ///     column `i` and return `n` (one count per column, each at most
    ///     the column's capacity).
    /// - Returns: The columns.
    static func filledInPlace(
        capacities: [Int], _ fill: ([UnsafeMutableBufferPointer<Double>]) -> [Int]
    ) -> [[Double]] {
        precondition(capacities.count <= maximumFilledInPlace, "too many columns to make in one nest")
        var columns = [[Double]](repeating: [], count: capacities.count)
        var filled: [Int] = []
        var buffers: [UnsafeMutableBufferPointer<Double>] = []
        buffers.reserveCapacity(capacities.count)
        func make(_ index: Int) {
            guard index < capacities.count else {
                filled = fill(buffers)
                precondition(filled.count == capacities.count
                             && zip(filled, capacities).allSatisfy { $0 >= 0 && $0 <= $1 },
                             "more values written than there is room for")
                return
            }
            columns[index] = [Double](unsafeUninitializedCapacity: capacities[index]) { buffer, initialized in
                buffers.append(UnsafeMutableBufferPointer(rebasing: buffer[0..<capacities[index]]))
                make(index + 1)
                initialized = filled[index]
            }
        }
        make(0)
        return columns
    }
}
