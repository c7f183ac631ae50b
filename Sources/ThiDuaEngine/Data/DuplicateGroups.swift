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
/// parallel parsing: chunks hash their rows' ids, and the check runs once
/// over all rows, its partitions in parallel.
struct DuplicateGroups {
    /// `hash << 32 | row`, in row order until sorted.
    private var keys: [UInt64] = []

    /// Makes room for about `rows` keys.
    mutating func reserveCapacity(_ rows: Int) {
        keys.reserveCapacity(rows)
    }

    /// A value `hash(id:)` never returns, for rows that have no pair to
    /// check (their period or id is unusable and already reported).
    static let noKey = UInt64.max

    /// The hash of a `group_id`, which a reader may compute where it reads
    /// the id (in a parallel chunk) and combine with the row's final period
    /// index later, in `add(period:idHash:row:)`.
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
        // Mix the period in (a multiply and a xor-shift spread it over the
        // upper bits) so that one group's rows of different periods rarely
        // share a hash; equal hashes are confirmed by comparing anyway.
        var mixed = idHash &+ UInt64(UInt32(bitPattern: period)) &* 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ (mixed >> 31)) &* 0xBF58_476D_1CE4_E5B9
        keys.append((mixed & 0xFFFF_FFFF_0000_0000) | UInt64(truncatingIfNeeded: row))
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
        let partitions = Self.partitioned(keys)
        let found = Parallel.map(partitions.count, jobs: jobs) { index -> [Repeat] in
            let sorted = Self.sortedByHash(partitions[index])
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

    /// `keys` split by the top byte of their hash, each partition keeping
    /// the keys' order (rows ascending).
    private static func partitioned(_ keys: [UInt64]) -> [[UInt64]] {
        var counts = [Int](repeating: 0, count: 256)
        for key in keys { counts[Int(key >> 56)] += 1 }
        var partitions = counts.map { count -> [UInt64] in
            var partition: [UInt64] = []
            partition.reserveCapacity(count)
            return partition
        }
        for key in keys { partitions[Int(key >> 56)].append(key) }
        return partitions
    }

    /// `keys` of one partition stably sorted by the rest of their hash (bits
    /// 32 to 55): three counting passes of one byte each, so rows stay
    /// ascending among equal hashes.
    private static func sortedByHash(_ keys: [UInt64]) -> [UInt64] {
        var source = keys
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
