import Testing
@testable import ThiDuaEngine

/// `IdentityRows.filledInPlace` and `IdentityBuffers`: stretches written in
/// place, closed up and given up keep every string exactly once (the names
/// are long enough to live on the heap, so a string lost or freed twice
/// shows up as a wrong value or a crash).
struct IdentityRowsTests {
    private static func name(_ row: Int) -> String { "Tổ dân phố số \(row) (một tên dài)" }

    /// Writes `rows` rows at the start of `stretch`, numbered from `first`.
    private static func write(_ stretch: IdentityBuffers, rows: Int, first: Int) {
        for row in 0..<rows {
            let number = first + row
            stretch.initialize(row: row, period: Int32(number % 4), ward: Int32(number % 7), line: Int32(number + 2),
                               start: number * 10, groupID: "ID-\(number)-a-long-group-id", groupName: name(number))
        }
    }

    @Test func stretchesWithGapsAreClosedUpInOrder() {
        // Three stretches of room 5; the chunks wrote 5, 2 and 3 rows.
        let rows = IdentityRows.filledInPlace(capacity: 15) { buffers in
            let written = [5, 2, 3]
            for (chunk, count) in written.enumerated() {
                Self.write(buffers.rows(chunk * 5 ..< chunk * 5 + 5), rows: count,
                           first: written[..<chunk].reduce(0, +))
            }
            buffers.moveRows(from: 5, count: 2, to: 5)
            buffers.moveRows(from: 10, count: 3, to: 7)
            return 10
        }
        #expect(rows.groupNames == (0..<10).map(Self.name))
        #expect(rows.groupIDs == (0..<10).map { "ID-\($0)-a-long-group-id" })
        #expect(rows.periodOfRow == (0..<10).map { Int32($0 % 4) })
        #expect(rows.wardOfRow == (0..<10).map { Int32($0 % 7) })
        #expect(rows.lineOfRow == (0..<10).map { Int32($0 + 2) })
        #expect(rows.startOfRow == (0..<10).map { $0 * 10 })
    }

    @Test func rowsGivenUpAreDeinitializedAndNothingIsKept() {
        let rows = IdentityRows.filledInPlace(capacity: 8) { buffers in
            Self.write(buffers.rows(0..<4), rows: 3, first: 0)
            Self.write(buffers.rows(4..<8), rows: 4, first: 3)
            // A chunk read again: its first strings go before it is rewritten.
            buffers.rows(4..<8).deinitializeStrings(rows: 4)
            Self.write(buffers.rows(4..<8), rows: 2, first: 100)
            // Then the whole split is given up.
            buffers.rows(0..<4).deinitializeStrings(rows: 3)
            buffers.rows(4..<8).deinitializeStrings(rows: 2)
            return 0
        }
        #expect(rows.groupNames.isEmpty && rows.groupIDs.isEmpty && rows.periodOfRow.isEmpty)
        #expect(rows.lineOfRow.isEmpty && rows.startOfRow.isEmpty && rows.wardOfRow.isEmpty)
    }
}
