/// Sorts rows by a 64-bit key with an LSD radix sort: 11 bits at a time,
/// stable, no comparison closure; digits that every key shares cost one
/// look at their histogram and no pass. Ranking sorts every key of 100,000
/// groups this way in about a millisecond each.
enum RadixSort {
    /// A row and its sort key.
    struct Entry {
        var key: UInt64
        var row: Int32
    }

    /// Below this many rows a comparison sort is cheaper than the eight
    /// histograms.
    private static let smallCount = 64

    /// `rows` ordered by `values[row]`, highest first; equal values in any
    /// order (ranking only looks at the gaps between neighbours).
    static func rowsDescending(_ rows: [Int32], by values: [Double]) -> [Int32] {
        var entries = rows.map { Entry(key: ~ascendingKey(values[Int($0)]), row: $0) }
        sort(&entries)
        return entries.map(\.row)
    }

    /// `rows` ordered by their `ids` compared byte by byte (code points, as
    /// `String.UTF8View.lexicographicallyPrecedes`); rows with identical ids
    /// keep their order in `rows`.
    static func rowsByID(_ rows: [Int32], ids: [String]) -> [Int32] {
        var entries = rows.map { Entry(key: prefixKey(ids[Int($0)]), row: $0) }
        sort(&entries)
        // Ids that share their first eight bytes (long ids, or ids with a
        // NUL byte) are ordered on all their bytes, run by run.
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].key == entries[start].key { end += 1 }
            if end - start > 1 {
                let run = entries[start..<end].enumerated().sorted { left, right in
                    let a = ids[Int(left.element.row)].utf8, b = ids[Int(right.element.row)].utf8
                    if a.elementsEqual(b) { return left.offset < right.offset }
                    return a.lexicographicallyPrecedes(b)
                }
                entries.replaceSubrange(start..<end, with: run.map(\.element))
            }
            start = end
        }
        return entries.map(\.row)
    }

    /// A key whose unsigned order is the order of the values (−0 as +0).
    static func ascendingKey(_ value: Double) -> UInt64 {
        let bits = (value + 0).bitPattern
        return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    }

    /// The first eight UTF-8 bytes of `id`, big-endian, zero-padded: its
    /// byte order agrees with the ids' wherever two keys differ.
    static func prefixKey(_ id: String) -> UInt64 {
        var key: UInt64 = 0, count = 0
        for byte in id.utf8 {
            key = key << 8 | UInt64(byte)
            count += 1
            if count == 8 { break }
        }
        return count == 0 ? 0 : key << (8 * (8 - count))
    }

    /// Bits of the key sorted per pass: six passes cover 64 bits, and the
    /// six histograms (12,288 counts) stay in the L1 and L2 caches.
    private static let digitBits = 11
    private static let radix = 1 << digitBits
    private static let passes = (64 + digitBits - 1) / digitBits

    /// Sorts `entries` by key, ascending and stable.
    static func sort(_ entries: inout [Entry]) {
        let count = entries.count
        guard count > smallCount else {
            entries = entries.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
                .map(\.element)
            return
        }
        let mask = UInt64(radix - 1)
        var counts = [Int](repeating: 0, count: passes * radix)
        counts.withUnsafeMutableBufferPointer { counts in
            entries.withUnsafeBufferPointer { source in
                for entry in source {
                    var key = entry.key
                    for pass in 0..<passes {
                        counts[pass &* radix &+ Int(key & mask)] &+= 1
                        key >>= UInt64(digitBits)
                    }
                }
            }
        }
        var buffer = entries
        var starts = [Int](repeating: 0, count: radix)
        for pass in 0..<passes {
            let base = pass * radix
            // Every key has the same digit here: nothing to reorder.
            if counts[base..<base + radix].contains(count) { continue }
            var total = 0
            for digit in 0..<radix {
                starts[digit] = total
                total += counts[base + digit]
            }
            let shift = UInt64(pass * digitBits)
            entries.withUnsafeBufferPointer { source in
                buffer.withUnsafeMutableBufferPointer { target in
                    starts.withUnsafeMutableBufferPointer { starts in
                        for entry in source {
                            let digit = Int((entry.key >> shift) & mask)
                            target[starts[digit]] = entry
                            starts[digit] &+= 1
                        }
                    }
                }
            }
            swap(&entries, &buffer)
        }
    }
}
