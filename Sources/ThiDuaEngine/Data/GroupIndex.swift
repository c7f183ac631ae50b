/// Finds the first row of a `(period, group_id)` pair, to report
/// duplicates.
///
/// A `[GroupKey: Int]` dictionary took about 11 % of parsing a 50 MB file:
/// every row missed the cache on a table of 24-byte String keys. This table
/// is open addressing over one `UInt64` per slot — the row plus 32 bits of
/// the hash as a tag — so a lookup is usually one cache line, and the row's
/// strings are compared only when the tags match (a real duplicate, or a
/// one-in-four-billion collision). The hash is the standard library's
/// seeded `Hasher` over the id's raw UTF-8, so crafted ids cannot force
/// collisions and bytes are compared exactly (no Unicode equivalence).
struct GroupIndex {
    /// `0` is empty; otherwise `tag << 32 | (row + 1)`.
    private var slots: [UInt64]
    private var count = 0

    /// Creates an index sized for about `expectedRows` groups.
    init(expectedRows: Int) {
        var capacity = 16
        while !Self.fits(expectedRows, capacity) { capacity *= 2 }
        slots = [UInt64](repeating: 0, count: capacity)
    }

    /// Whether `count` entries stay within a load factor of 3/4: linear
    /// probing is still short there, and a smaller table misses the cache
    /// less, which is what a lookup's time is made of.
    private static func fits(_ count: Int, _ capacity: Int) -> Bool {
        count * 4 <= capacity * 3
    }

    /// Records that `row` holds group `id` in `period`, unless an earlier
    /// row already does.
    ///
    /// - Parameters:
    ///   - periodOfRow: The period of every row recorded so far, to confirm
    ///     a tag match.
    ///   - groupIDs: The group id of every row recorded so far.
    /// - Returns: The earlier row, or `nil` when `row` is the first.
    mutating func insert(period: Int32, id: String, row: Int, periodOfRow: [Int32], groupIDs: [String]) -> Int? {
        if !Self.fits(count + 1, slots.count) { grow() }
        let tag = Self.tag(period: period, id: id)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: tag) & mask
        while slots[slot] != 0 {
            let entry = slots[slot]
            if entry >> 32 == tag {
                let other = Int(entry & 0xFFFF_FFFF) - 1
                if periodOfRow[other] == period && groupIDs[other].utf8.elementsEqual(id.utf8) {
                    return other
                }
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = tag << 32 | UInt64(row + 1)
        count += 1
        return nil
    }

    /// Doubles the table. Slots are chosen from the tag alone, so entries
    /// move without their keys being hashed again.
    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry != 0 {
            var slot = Int(truncatingIfNeeded: entry >> 32) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// The high 32 bits of a seeded hash of the pair over the id's raw
    /// UTF-8; they pick the slot and tag the entry.
    private static func tag(period: Int32, id: String) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(period)
        var id = id
        id.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        return UInt64(truncatingIfNeeded: hasher.finalize()) >> 32
    }
}
