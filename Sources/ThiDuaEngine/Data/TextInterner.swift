/// Gives each distinct value of a low-cardinality text column (period,
/// ward) a dense index, so rows store an `Int32` instead of a `String`.
///
/// Files are usually sorted by period and ward, so a row's value is nearly
/// always the previous row's: that is one byte comparison against the
/// previous cell. A district has a dozen wards and a year four periods, so
/// a miss is a byte search over the few known names. Past `scanLimit`
/// names (a national file has some 3,300 wards) a miss is looked up by its
/// bytes in a hash table of the names' spellings: in a file whose rows are
/// not sorted nearly every row misses, and making a `String` of the cell
/// and hashing it (Unicode-aware) for each took longer than the rest of
/// the row's parse. Only bytes that no spelling seen before matches make a
/// `String`.
struct TextInterner {
    /// Where a name was read, to compare cells against.
    private struct Occurrence {
        var start: Int
        var end: Int
        var index: Int32
    }

    /// The distinct values, in order of first appearance.
    private(set) var names: [String] = []
    private var indexOfName: [String: Int32] = [:]
    /// Where each name was first read from bytes (`nil` for a name given
    /// as text, such as a cell whose text had to be unescaped): how a
    /// chunk's names are found in the whole file's interner.
    private(set) var spans: [Range<Int>?] = []
    /// Where the first `scanLimit` names read from bytes were written.
    private var occurrences: [Occurrence] = []
    private static let scanLimit = 32
    /// Every spelling read from bytes, for lookups past `scanLimit` names.
    private var spellings = SpellingTable()
    private var previous = Occurrence(start: 0, end: 0, index: -1)

    /// The index of the text in `bytes[start..<end]`, which must be the
    /// cell's final text (no escaped quotes left in it).
    mutating func index(of bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int32 {
        if let known = knownIndex(of: bytes, start: start, end: end) { return known }
        return index(of: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self),
                     in: bytes, start: start, end: end)
    }

    /// The index of the name whose bytes, as written before, are those of
    /// `bytes[start..<end]`: the previous cell's, or any spelling's seen
    /// before; `nil` when none is.
    @inline(__always)
    private mutating func knownIndex(of bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int32? {
        if previous.index >= 0 && Self.equal(bytes, previous, start, end) { return previous.index }
        if names.count <= Self.scanLimit {
            for occurrence in occurrences where Self.equal(bytes, occurrence, start, end) {
                previous = Occurrence(start: start, end: end, index: occurrence.index)
                return occurrence.index
            }
            return nil
        }
        guard let index = spellings.index(of: bytes, start: start, end: end) else { return nil }
        previous = Occurrence(start: start, end: end, index: index)
        return index
    }

    /// The index of `text`, the text of `bytes[start..<end]` that no byte
    /// comparison found, adding it when new.
    private mutating func index(of text: String, in bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int32 {
        // A byte miss can still be a known name written in another Unicode
        // form; the String dictionary treats those as one, as String
        // equality does everywhere else.
        let known = indexOfName[text]
        let index = known ?? self.index(of: text)
        if known == nil {
            spans[Int(index)] = start..<end
            if occurrences.count < Self.scanLimit {
                occurrences.append(Occurrence(start: start, end: end, index: index))
            }
        }
        // Every spelling, so that another form of a known name is found by
        // its bytes the next time as well.
        spellings.insert(index, bytes: bytes, start: start, end: end)
        previous = Occurrence(start: start, end: end, index: index)
        return index
    }

    /// As `index(of:start:end:)`, for bytes not yet checked to be valid
    /// UTF-8 (the fast row reader's): `nil`, and nothing added, when they
    /// are not a name seen before and not valid UTF-8. Bytes equal to a
    /// name seen before are taken as that name: in a file that is read
    /// without errors, every name seen was valid.
    mutating func indexIfValid(of bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int32? {
        if let known = knownIndex(of: bytes, start: start, end: end) { return known }
        guard let text = CSVCellReader(bytes: bytes).exactText(in: start..<end) else { return nil }
        return index(of: text, in: bytes, start: start, end: end)
    }

    /// The index of `text`, adding it when new. Used directly for cells
    /// whose text had to be unescaped, which have no byte range to reuse.
    mutating func index(of text: String) -> Int32 {
        if let index = indexOfName[text] { return index }
        let index = Int32(names.count)
        names.append(text)
        spans.append(nil)
        indexOfName[text] = index
        return index
    }

    /// The index of `name`, the name `other` gave index `index` to, adding
    /// it when new: looked up by the bytes it was read from when `other`
    /// read it from the same `bytes` (a chunk of the same file), otherwise
    /// as text.
    mutating func index(ofNameAt index: Int, of other: TextInterner, in bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard let span = other.spans[index] else { return self.index(of: other.names[index]) }
        return self.index(of: bytes, start: span.lowerBound, end: span.upperBound)
    }

    /// Whether `bytes[start..<end]` repeats the bytes of `occurrence`.
    private static func equal(
        _ bytes: UnsafeBufferPointer<UInt8>, _ occurrence: Occurrence, _ start: Int, _ end: Int
    ) -> Bool {
        // Names of a column often differ only at the end ("2020-Q1",
        // "2020-Q2"): the last byte rejects most mismatches at once.
        guard end - start == occurrence.end - occurrence.start else { return false }
        guard start == end || bytes[end - 1] == bytes[occurrence.end - 1] else { return false }
        return CSVText.sameBytes(UnsafeBufferPointer(rebasing: bytes[start..<end]),
                                 UnsafeBufferPointer(rebasing: bytes[occurrence.start..<occurrence.end]))
    }

    /// The names sorted by `String` `<`, and for each index handed out the
    /// index of its name in that order, to renumber rows in one pass.
    func sorted() -> (names: [String], newIndex: [Int32]) {
        let order = names.indices.sorted { names[$0] < names[$1] }
        var newIndex = [Int32](repeating: 0, count: names.count)
        for (position, old) in order.enumerated() {
            newIndex[old] = Int32(position)
        }
        return (order.map { names[$0] }, newIndex)
    }

    /// The spellings of names read from bytes, found by their bytes: open
    /// addressing with linear probing over a power-of-two number of slots,
    /// at most half of them used. The hash is seeded per process (from
    /// `Hasher`), so that crafted names cannot be made to collide; it
    /// decides only where a spelling is kept, never an index.
    private struct SpellingTable {
        private struct Slot {
            var hash: UInt64
            var occurrence: Occurrence
        }

        private var slots: [Slot?] = []
        private var count = 0
        private let seed: UInt64 = {
            var hasher = Hasher()
            hasher.combine(0x7468_6964_7561 as UInt64)
            return UInt64(UInt(bitPattern: hasher.finalize()))
        }()

        /// The index of the spelling `bytes[start..<end]`, if it was inserted.
        func index(of bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int32? {
            guard !slots.isEmpty else { return nil }
            let hash = Self.hash(bytes, start, end, seed: seed)
            let mask = slots.count - 1
            var position = Int(truncatingIfNeeded: hash) & mask
            while let slot = slots[position] {
                if slot.hash == hash && TextInterner.equal(bytes, slot.occurrence, start, end) {
                    return slot.occurrence.index
                }
                position = (position + 1) & mask
            }
            return nil
        }

        /// Keeps `bytes[start..<end]` as a spelling of name `index`, unless
        /// that spelling is kept already.
        mutating func insert(_ index: Int32, bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
            if (count + 1) * 2 > slots.count { grow() }
            let hash = Self.hash(bytes, start, end, seed: seed)
            let mask = slots.count - 1
            var position = Int(truncatingIfNeeded: hash) & mask
            // The spelling's slot, or the empty one that ends its probe.
            while let slot = slots[position] {
                if slot.hash == hash && TextInterner.equal(bytes, slot.occurrence, start, end) { return }
                position = (position + 1) & mask
            }
            slots[position] = Slot(hash: hash, occurrence: Occurrence(start: start, end: end, index: index))
            count += 1
        }

        private mutating func grow() {
            let old = slots
            slots = [Slot?](repeating: nil, count: max(64, old.count * 2))
            let mask = slots.count - 1
            for case let slot? in old {
                var position = Int(truncatingIfNeeded: slot.hash) & mask
                while slots[position] != nil { position = (position + 1) & mask }
                slots[position] = slot
            }
        }

        /// A hash of `bytes[start..<end]`, eight bytes at a time.
        private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, seed: UInt64) -> UInt64 {
            var hash = seed ^ (UInt64(end - start) &* 0x9E37_79B9_7F4A_7C15)
            // Never nil when the range is not empty: `bytes` holds it.
            guard start < end, let base = bytes.baseAddress else { return hash }
            let raw = UnsafeRawPointer(base)
            var offset = start
            while end - offset >= 8 {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash >> 31
                offset += 8
            }
            while offset < end {
                hash = (hash ^ UInt64(base[offset])) &* 0x0000_0100_0000_01B3
                offset += 1
            }
            hash = (hash ^ (hash >> 32)) &* 0x94D0_49BB_1331_11EB
            return hash ^ (hash >> 29)
        }
    }
}
