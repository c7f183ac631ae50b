/// Gives each distinct value of a low-cardinality text column (period,
/// ward) a dense index, so rows store an `Int32` instead of a `String`.
///
/// Files are usually sorted by period and ward, so a row's value is nearly
/// always the previous row's: that is one byte comparison against the
/// previous cell. A district has a dozen wards and a year four periods, so
/// a miss is a byte search over the few known names. Only past
/// `scanLimit` names does a miss make a `String` and hash it.
struct TextInterner {
    /// A name's first occurrence in the file, to compare cells against.
    private struct Occurrence {
        var start: Int
        var end: Int
        var index: Int32
    }

    /// The distinct values, in order of first appearance.
    private(set) var names: [String] = []
    private var indexOfName: [String: Int32] = [:]
    /// Where the first `scanLimit` names read from bytes were written.
    private var occurrences: [Occurrence] = []
    private static let scanLimit = 32
    private var previous = Occurrence(start: 0, end: 0, index: -1)

    /// The index of the text in `bytes[start..<end]`, which must be the
    /// cell's final text (no escaped quotes left in it).
    mutating func index(of bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int32 {
        if let known = knownIndex(of: bytes, start: start, end: end) { return known }
        return index(of: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self),
                     start: start, end: end)
    }

    /// The index of the name whose bytes, as written before, are those of
    /// `bytes[start..<end]`: the previous cell's, or (while there are few
    /// names) any name's first occurrence; `nil` when none is.
    @inline(__always)
    private mutating func knownIndex(of bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int32? {
        if previous.index >= 0 && Self.equal(bytes, previous, start, end) { return previous.index }
        guard names.count <= Self.scanLimit else { return nil }
        for occurrence in occurrences where Self.equal(bytes, occurrence, start, end) {
            previous = Occurrence(start: start, end: end, index: occurrence.index)
            return occurrence.index
        }
        return nil
    }

    /// The index of `text`, the text of `bytes[start..<end]` that no byte
    /// comparison found, adding it when new.
    private mutating func index(of text: String, start: Int, end: Int) -> Int32 {
        // A byte miss can still be a known name written in another Unicode
        // form; the String dictionary treats those as one, as String
        // equality does everywhere else.
        let known = indexOfName[text]
        let index = known ?? self.index(of: text)
        if known == nil && occurrences.count < Self.scanLimit {
            occurrences.append(Occurrence(start: start, end: end, index: index))
        }
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
        return index(of: text, start: start, end: end)
    }

    /// The index of `text`, adding it when new. Used directly for cells
    /// whose text had to be unescaped, which have no byte range to reuse.
    mutating func index(of text: String) -> Int32 {
        if let index = indexOfName[text] { return index }
        let index = Int32(names.count)
        names.append(text)
        indexOfName[text] = index
        return index
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
}
