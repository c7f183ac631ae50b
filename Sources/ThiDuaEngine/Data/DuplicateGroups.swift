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
/// parallel parsing: chunks hash their rows' ids and make their keys, and
/// the keys are partitioned, sorted and searched in parallel.
struct DuplicateGroups {
    /// `hash << 32 | row`, in parts: rows ascend within a part and from
    /// one part to the next. One part when the keys are added one by one;
    /// one per chunk when chunks of a file made them in parallel.
    private var parts: [[UInt64]]

    /// No keys yet; add them with `add(period:id:row:)` or
    /// `add(period:idHash:row:)`.
    init() {
        parts = [[]]
    }

    /// The keys of all rows, in parts (see `parts`).
    /// - Parameter parts: Keys made by `key(period:idHash:row:)`, at least
    ///   one part (which may be empty).
    init(parts: [[UInt64]]) {
        precondition(!parts.isEmpty, "keys come in one part at least")
        self.parts = parts
    }

    /// Makes room for about `rows` keys.
    mutating func reserveCapacity(_ rows: Int) {
        parts[parts.count - 1].reserveCapacity(rows)
    }

    /// A value `hash(id:)` never returns, for rows that have no pair to
    /// check (their period or id is unusable and already reported).
    static let noKey = UInt64.max

    /// The hash of a `group_id`, which a reader may compute where it reads
    /// the id (in a parallel chunk) and combine with the row's final period
    /// index later, in `key(period:idHash:row:)`.
    static func hash(id: String) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(id)
        return UInt64(truncatingIfNeeded: hasher.finalize()) & ~(1 << 63)
    }

    /// Notes that `row` holds group `id` in `period`. Rows are added in
    /// increasing order and are below 2^32, as rows of a file held in
    /// memory are.
    mutating func add(period: Int32, id: String, row: Int) {
        add(period: period, idHash: Self.hash(id: id), row: row)
    }

    /// Notes that `row` holds the group whose id hashes to `idHash` (see
    /// `hash(id:)`) in `period`; as `add(period:id:row:)`.
    mutating func add(period: Int32, idHash: UInt64, row: Int) {
        parts[parts.count - 1].append(Self.key(period: period, idHash: idHash, row: row))
    }

    /// The key of `row`, holding the group whose id hashes to `idHash` in
    /// `period`: 32 bits of a hash of the pair above the row number (below
    /// 2^32, as rows of a file held in memory are).
    /// - Parameters:
    ///   - period: The row's period, as the check's `periodOfRow` has it.
    ///   - idHash: `hash(id:)` of the row's `group_id`.
    ///   - row: The row's number in the whole file.
    /// - Returns: The key.
    @inline(__always)
    static func key(period: Int32, idHash: UInt64, row: Int) -> UInt64 {
        // Mix the period in (a multiply and a xor-shift spread it over the
        // upper bits) so that one group's rows of different periods rarely
        // share a hash; equal hashes are confirmed by comparing anyway.
        var mixed = idHash &+ UInt64(UInt32(bitPattern: period)) &* 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ (mixed >> 31)) &* 0xBF58_476D_1CE4_E5B9
        return (mixed & 0xFFFF_FFFF_0000_0000) | UInt64(truncatingIfNeeded: row)
    }

    /// Every row that repeats an earlier row's pair, with the earliest row
    /// holding that pair, in row order.
    ///
    /// The keys are first split by the top byte of their hash into 256
    /// partitions (a pair's rows all land in one), which are then sorted
    /// and searched on their own, on up to `jobs` threads; what is found
    /// does not depend on the threads.
    /// - Parameters:
    ///   - periodOfRow: The period of every row.
    ///   - groupIDs: The group id of every row.
    ///   - jobs: Threads to search the partitions on.
    func repeats(periodOfRow: [Int32], groupIDs: [String], jobs: Int = 1) -> [(row: Int, first: Int)] {
        let (keys, partitions) = Self.partitioned(parts, jobs: jobs)
        let found = Parallel.map(partitions.count, jobs: jobs) { index -> [Repeat] in
            let sorted = Self.sortedByHash(keys[partitions[index]])
            var found: [Repeat] = []
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
                            found.append(Repeat(row: row, first: other))
                            break
                        }
                    }
                }
                runStart = runEnd
            }
            return found
        }
        return found.joined().sorted { $0.row < $1.row }.map { ($0.row, $0.first) }
    }

    /// A row that repeats the pair of an earlier row, `first`.
    private struct Repeat: Sendable {
        var row: Int
        var first: Int
    }

    /// The keys of every part in one array, grouped by the top byte of
    /// their hash into 256 partitions, each keeping the keys' order (rows
    /// ascending); and the range of each partition.
    ///
    /// Each part's keys are counted by partition, and then copied to their
    /// places, on up to `jobs` threads: part `k`'s keys of partition `p`
    /// follow those of the parts before it, so where each key goes does
    /// not depend on the threads.
    private static func partitioned(_ parts: [[UInt64]], jobs: Int) -> (keys: [UInt64], partitions: [Range<Int>]) {
        let counts = Parallel.map(parts.count, jobs: jobs) { part -> [Int] in
            var counts = [Int](repeating: 0, count: 256)
            for key in parts[part] { counts[Int(key >> 56)] += 1 }
            return counts
        }
        var partitions: [Range<Int>] = []
        var next = [[Int]](repeating: [], count: parts.count)
        var offset = 0
        for partition in 0..<256 {
            let start = offset
            for part in parts.indices {
                next[part].append(offset)
                offset += counts[part][partition]
            }
            partitions.append(start..<offset)
        }
        let keys = [UInt64](unsafeUninitializedCapacity: offset) { buffer, initialized in
            // Safe to share: part `k` writes only the slots `next[k]` hands
            // it, `counts[k][p]` of them from `next[k][p]`, which no other
            // part is given; `Parallel.map` returns once every part is done.
            nonisolated(unsafe) let shared = buffer
            let starts = next
            _ = Parallel.map(parts.count, jobs: jobs) { part in
                var slot = starts[part]
                for key in parts[part] {
                    let partition = Int(key >> 56)
                    shared[slot[partition]] = key
                    slot[partition] += 1
                }
            }
            initialized = offset
        }
        return (keys, partitions)
    }

    /// `keys` of one partition stably sorted by the rest of their hash (bits
    /// 32 to 55): three counting passes of one byte each, so rows stay
    /// ascending among equal hashes.
    private static func sortedByHash(_ keys: ArraySlice<UInt64>) -> [UInt64] {
        var source = Array(keys)
        var target = [UInt64](repeating: 0, count: keys.count)
        for shift in stride(from: UInt64(32), to: 56, by: 8) {
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
