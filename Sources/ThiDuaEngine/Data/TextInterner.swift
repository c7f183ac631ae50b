import ScoringKit

/// Gives each distinct value of a low-cardinality text column (period,
/// ward) a dense index, so rows store an `Int32` instead of a `String`.
///
/// Files are usually sorted by period and ward, so the value of a row is
/// nearly always the previous row's: that case is a byte comparison against
/// the previous cell, with no `String` and no hashing.
struct TextInterner {
    /// The distinct values, in order of first appearance.
    private(set) var names: [String] = []
    private var indexOfName: [String: Int32] = [:]
    private var previousStart = 0
    private var previousEnd = 0
    private var previousIndex: Int32 = -1

    /// The index of the text in `bytes[start..<end]`, which must be the
    /// cell's final text (no escaped quotes left in it).
    mutating func index(of bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int32 {
        if previousIndex >= 0 && end - start == previousEnd - previousStart {
            var offset = 0
            while start + offset < end && bytes[start + offset] == bytes[previousStart + offset] {
                offset += 1
            }
            if start + offset == end { return previousIndex }
        }
        let index = self.index(of: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        previousStart = start
        previousEnd = end
        previousIndex = index
        return index
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

/// Collects the errors of one file, up to a limit, so that a committee can
/// fix many cells in one pass without a broken file flooding the terminal.
struct DiagnosticCollector {
    /// The most errors kept; after it the reader stops.
    static let limit = 20

    private(set) var diagnostics: [Diagnostic] = []
    /// Set when an error beyond `limit` was found and dropped.
    private(set) var overflowed = false

    /// Whether no more errors will be kept, so reading can stop.
    var isFull: Bool { overflowed }

    /// Adds an error; beyond `limit`, marks the collection as overflowed.
    mutating func add(_ diagnostic: Diagnostic) {
        if diagnostics.count < Self.limit {
            diagnostics.append(diagnostic)
        } else {
            overflowed = true
        }
    }
}
