import Testing
@testable import ThiDuaEngine

/// `LineBreaks.lineStarts` counts what a byte-by-byte reading counts, for
/// every kind of line end, wherever it falls against the 64-byte blocks,
/// and never looks at bytes from the end of its range on.
@Suite struct LineBreaksTests {
    /// The lines starting in `bytes[start..<end]`, one byte at a time: the
    /// definition the vector code has to match.
    private static func referenceLineStarts(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        guard start < end else { return 0 }
        var count = 1
        for index in start..<(end - 1) {
            let byte = bytes[index]
            if byte == 0x0A || (byte == 0x0D && bytes[index + 1] != 0x0A) { count += 1 }
        }
        return count
    }

    private static func lineStarts(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        bytes.withUnsafeBufferPointer { LineBreaks.lineStarts(in: $0, from: start, to: end) }
    }

    /// Expects the count of `bytes[start..<end]` to be the reference's.
    private func expectAsReference(_ bytes: [UInt8], from start: Int, to end: Int,
                                   sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(Self.lineStarts(bytes, from: start, to: end) == Self.referenceLineStarts(bytes, from: start, to: end),
                "\(start)..<\(end) of \(bytes.count) bytes", sourceLocation: sourceLocation)
    }

    /// Expects every sub-range of `bytes` starting at 0, and the whole
    /// buffer, to count as the reference does.
    private func expectAsReferenceForEveryEnd(_ bytes: [UInt8],
                                              sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for end in 0...bytes.count { expectAsReference(bytes, from: 0, to: end, sourceLocation: sourceLocation) }
    }

    private static func text(_ string: String) -> [UInt8] { Array(string.utf8) }

    @Test func emptyRangesHaveNoLines() {
        #expect(Self.lineStarts([], from: 0, to: 0) == 0)
        let bytes = Self.text("a\nb\n")
        for offset in 0...bytes.count { #expect(Self.lineStarts(bytes, from: offset, to: offset) == 0) }
        #expect(Self.lineStarts(bytes, from: 3, to: 1) == 0)
    }

    @Test func oneByteIsOneLineWhateverTheByte() {
        let bytes = Self.text("a\n\r,\"")
        for offset in bytes.indices { #expect(Self.lineStarts(bytes, from: offset, to: offset + 1) == 1) }
    }

    @Test func lineFeedsOnly() {
        let bytes = Self.text(String(repeating: "ab,cd\n", count: 50) + String(repeating: "\n", count: 200))
        #expect(Self.lineStarts(bytes, from: 0, to: bytes.count) == 250)
        expectAsReferenceForEveryEnd(bytes)
    }

    @Test func crlfOnlyCountsOneBreakPerPair() {
        let bytes = Self.text(String(repeating: "row,1\r\n", count: 40) + String(repeating: "\r\n", count: 100))
        #expect(Self.lineStarts(bytes, from: 0, to: bytes.count) == 140)
        expectAsReferenceForEveryEnd(bytes)
    }

    @Test func loneCarriageReturnsOnly() {
        let bytes = Self.text(String(repeating: "row,1\r", count: 40) + String(repeating: "\r", count: 100))
        #expect(Self.lineStarts(bytes, from: 0, to: bytes.count) == 140)
        expectAsReferenceForEveryEnd(bytes)
    }

    @Test func mixedLineEnds() {
        let ends = ["\n", "\r\n", "\r", "\n\r", "\r\r\n", "\n\n"]
        var text = ""
        for row in 0..<120 { text += "\"r\(row)\",\(row)\(ends[row % ends.count])" }
        let bytes = Self.text(text)
        expectAsReferenceForEveryEnd(bytes)
        for start in stride(from: 0, to: bytes.count, by: 7) { expectAsReference(bytes, from: start, to: bytes.count) }
    }

    @Test func carriageReturnAsTheLastByteIsNotABreak() {
        for length in [1, 2, 63, 64, 65, 66, 127, 128, 129, 200] {
            let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length - 1) + [0x0D]
            #expect(Self.lineStarts(bytes, from: 0, to: bytes.count) == 1, "\(length) bytes")
            // The same bytes twice: the first final CR is now a lone one.
            #expect(Self.lineStarts(bytes + bytes, from: 0, to: 2 * length) == 2, "\(length) bytes twice")
        }
    }

    @Test func crlfEndingTheRangeIsNoBreak() {
        // The CR at `end - 2` looks at the LF at `end - 1`: one pair, and
        // nothing after it starts a line in the range.
        for length in [2, 3, 64, 65, 66, 67, 128, 129, 130, 131, 300] {
            let bytes = [UInt8](repeating: UInt8(ascii: ","), count: length - 2) + [0x0D, 0x0A]
            #expect(Self.lineStarts(bytes, from: 0, to: bytes.count) == 1, "\(length) bytes")
            let twice = bytes + bytes
            #expect(Self.lineStarts(twice, from: 0, to: twice.count) == 2, "\(length) bytes twice")
        }
    }

    @Test func crlfAcrossEveryBlockOffset() {
        for offset in 0..<130 {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 260)
            bytes[offset] = 0x0D
            bytes[offset + 1] = 0x0A
            #expect(Self.lineStarts(bytes, from: 0, to: bytes.count) == 2, "CRLF at \(offset)")
            expectAsReference(bytes, from: 0, to: bytes.count)
            // Also with a lone CR and a lone LF at the same place.
            var lone = bytes
            lone[offset + 1] = UInt8(ascii: "a")
            #expect(Self.lineStarts(lone, from: 0, to: lone.count) == 2, "CR at \(offset)")
            lone[offset] = 0x0A
            #expect(Self.lineStarts(lone, from: 0, to: lone.count) == 2, "LF at \(offset)")
            // And with the range starting at every offset up to the pair.
            for start in [0, 1, offset / 2, offset] { expectAsReference(bytes, from: start, to: offset + 3) }
            for end in (offset + 1)...(offset + 3) { expectAsReference(bytes, from: 0, to: end) }
        }
    }

    @Test func bytesFromTheEndOnAreNotCounted() {
        // Line feeds past `end`, and a CR at `end - 1` whose LF is at `end`.
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 99) + [0x0D] + [UInt8](repeating: 0x0A, count: 100)
        #expect(Self.lineStarts(bytes, from: 0, to: 100) == 1)
        #expect(Self.lineStarts(bytes, from: 0, to: 101) == 1)
        #expect(Self.lineStarts(bytes, from: 0, to: 102) == 2)
        #expect(Self.lineStarts(bytes, from: 0, to: bytes.count) == 100)
        // A range of line feeds ending early, long enough for whole blocks.
        let feeds = [UInt8](repeating: 0x0A, count: 400)
        for end in [1, 64, 65, 66, 130, 200, 399] {
            #expect(Self.lineStarts(feeds, from: 0, to: end) == end, "first \(end) of 400")
        }
    }

    @Test func longRunsAddUpPastTheLaneCounters() {
        // More than 255 blocks of breaks in every byte: the 8-bit lane
        // counters are added up before they wrap.
        let feeds = [UInt8](repeating: 0x0A, count: 64 * 600 + 17)
        #expect(Self.lineStarts(feeds, from: 0, to: feeds.count) == feeds.count)
        let returns = [UInt8](repeating: 0x0D, count: 64 * 300 + 5)
        #expect(Self.lineStarts(returns, from: 3, to: returns.count) == returns.count - 3)
    }

    @Test func randomRangesOfCSVBytesCountAsTheReference() {
        var random = SeededRandom(seed: 20_241_128)
        let alphabet = Self.text("a,\n\r\"")
        for _ in 0..<4000 {
            let length = random.below(301)
            let bytes = (0..<length).map { _ in alphabet[random.below(alphabet.count)] }
            let start = random.below(length + 1)
            let end = start + random.below(length - start + 1)
            expectAsReference(bytes, from: start, to: end)
            expectAsReference(bytes, from: 0, to: length)
        }
    }
}
