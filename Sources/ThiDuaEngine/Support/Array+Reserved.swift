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
