/// Finds the rows that repeat the `(period, group_id)` pair of an earlier
/// row, once all rows are read.
///
/// Checking each row against a hash table as it was read cost about 11 %
/// of parsing a 50 MB file, nearly all of it cache misses on the table.
/// Here each row appends one `UInt64` — 32 bits of a hash of its pair
/// above its row number — and at the end the keys are radix-sorted, which
/// only streams through memory, and equal hashes are confirmed by
/// comparing the rows' ids (a real duplicate, or a rare collision).
///
/// Ids are hashed and compared as `String`s — seeded, so crafted ids cannot
/// force collisions, and with Unicode canonical equivalence, so an id typed
/// once precomposed and once decomposed is the same group here, as it is in
/// every `[String: …]` lookup later in the run. The design also suits
/// parallel parsing: chunks append their keys and the check runs once.
struct DuplicateGroups {
    /// `hash << 32 | row`, in row order until sorted.
    private var keys: [UInt64] = []

    /// Makes room for about `rows` keys.
    mutating func reserveCapacity(_ rows: Int) {
        keys.reserveCapacity(rows)
    }

    /// Notes that `row` holds group `id` in `period`. Rows are added in
    /// increasing order and are below 2^32, as rows of a file held in
    /// memory are.
    mutating func add(period: Int32, id: String, row: Int) {
        var hasher = Hasher()
        hasher.combine(period)
        hasher.combine(id)
        let hash = UInt64(truncatingIfNeeded: hasher.finalize()) >> 32
        keys.append(hash << 32 | UInt64(truncatingIfNeeded: row))
    }

    /// Every row that repeats an earlier row's pair, with the earliest row
    /// holding that pair, in row order.
    ///
    /// - Parameters:
    ///   - periodOfRow: The period of every row.
    ///   - groupIDs: The group id of every row.
    func repeats(periodOfRow: [Int32], groupIDs: [String]) -> [(row: Int, first: Int)] {
        let sorted = Self.sortedByHash(keys)
        var found: [(row: Int, first: Int)] = []
        var runStart = 0
        while runStart < sorted.count {
            var runEnd = runStart + 1
            while runEnd < sorted.count && sorted[runEnd] >> 32 == sorted[runStart] >> 32 { runEnd += 1 }
            // Within a run rows ascend, so the first match is the earliest.
            for later in runStart + 1 ..< runEnd {
                let row = Int(sorted[later] & 0xFFFF_FFFF)
                for earlier in runStart..<later {
                    let other = Int(sorted[earlier] & 0xFFFF_FFFF)
                    if periodOfRow[other] == periodOfRow[row] && groupIDs[other] == groupIDs[row] {
                        found.append((row, other))
                        break
                    }
                }
            }
            runStart = runEnd
        }
        return found.sorted { $0.row < $1.row }
    }

    /// `keys` stably sorted by their upper 32 bits: four counting passes of
    /// one byte each, so rows stay ascending among equal hashes.
    private static func sortedByHash(_ keys: [UInt64]) -> [UInt64] {
        var source = keys
        var target = [UInt64](repeating: 0, count: keys.count)
        for shift in stride(from: UInt64(32), to: 64, by: 8) {
            var starts = [Int](repeating: 0, count: 257)
            for key in source { starts[Int((key >> shift) & 0xFF) + 1] += 1 }
            for digit in 0..<256 { starts[digit + 1] += starts[digit] }
            for key in source {
                let digit = Int((key >> shift) & 0xFF)
                target[starts[digit]] = key
                starts[digit] += 1
            }
            swap(&source, &target)
        }
        return source
    }
}
