import Testing
@testable import ThiDuaEngine

/// `TextInterner` past its first 32 names, where cells are found again by
/// their bytes in a table of spellings instead of by a scan.
@Suite struct TextInternerTests {
    /// `texts` written one after the other, and the byte range of each.
    private func laidOut(_ texts: [String]) -> (bytes: [UInt8], ranges: [Range<Int>]) {
        var bytes: [UInt8] = [], ranges: [Range<Int>] = []
        for text in texts {
            let start = bytes.count
            bytes += Array(text.utf8)
            ranges.append(start..<bytes.count)
            bytes.append(UInt8(ascii: ","))
        }
        return (bytes, ranges)
    }

    /// The index of each range's text, interned in the order given.
    private func indices(_ interner: inout TextInterner, _ bytes: [UInt8], _ ranges: [Range<Int>]) -> [Int32] {
        bytes.withUnsafeBufferPointer { buffer in
            ranges.map { interner.index(of: buffer, start: $0.lowerBound, end: $0.upperBound) }
        }
    }

    @Test func manyNamesAreFoundAgainByTheirBytes() {
        let names = (0..<100).map { "Phường \($0)" }
        var random = SeededRandom(seed: 7)
        let again = (0..<1_000).map { _ in names[random.below(names.count)] }
        let (bytes, ranges) = laidOut(names + again + [""])
        var interner = TextInterner()
        let found = indices(&interner, bytes, ranges)
        #expect(interner.names == names + [""])
        #expect(found == (0..<100).map(Int32.init) + again.map { Int32(names.firstIndex(of: $0) ?? -1) } + [100])
        #expect(interner.spans.count == 101)
    }

    @Test func anotherSpellingOfAKnownNameIsThatName() {
        // "Phường 5" precomposed, then decomposed (ư as u and a horn, ờ as o, a horn and a grave).
        let names = (0..<40).map { "Phường \($0)" }
        let decomposed = "Phu\u{031B}o\u{031B}\u{0300}ng 5"
        #expect(Array(decomposed.utf8) != Array(names[5].utf8) && decomposed == names[5])
        let (bytes, ranges) = laidOut(names + [decomposed, names[6], decomposed, "Phường 40"])
        var interner = TextInterner()
        let found = indices(&interner, bytes, ranges)
        #expect(found.suffix(4) == [5, 6, 5, 40])
        // The name keeps its first spelling.
        #expect(Array(interner.names[5].utf8) == Array(names[5].utf8))
        #expect(interner.names.count == 41)
    }

    /// A chunk's names, found in the file's interner by the bytes the
    /// chunk read them from, or as text when it had none.
    @Test func aChunksNamesAreFoundByTheirBytes() {
        let names = (0..<50).map { "P\($0)" }
        let (bytes, ranges) = laidOut(names + names.reversed())
        var first = TextInterner(), second = TextInterner()
        _ = indices(&first, bytes, Array(ranges[0..<30]))
        _ = indices(&second, bytes, Array(ranges[50...]))
        _ = second.index(of: "Tổ \"A\"")
        var file = TextInterner()
        let mapped = bytes.withUnsafeBufferPointer { buffer in
            [first, second].map { chunk in
                chunk.names.indices.map { file.index(ofNameAt: $0, of: chunk, in: buffer) }
            }
        }
        #expect(file.names == Array(names[0..<30]) + names[30...].reversed() + ["Tổ \"A\""])
        #expect(mapped[0] == (0..<30).map(Int32.init))
        #expect(mapped[1] == second.names.map { Int32(file.names.firstIndex(of: $0) ?? -1) })
        #expect(file.spans.last == .some(nil))
    }
}
