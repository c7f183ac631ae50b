import Testing
@testable import ThiDuaEngine

/// The cheaper write paths against what they replace, each required to
/// write the same bytes:
///
/// - ``NumberCache``'s look-up-first path (`slot(for:column:)`, then
///   `append(_:slot:hit:to:)`), which `results.json` uses to look up a
///   whole line's numbers before writing any: `Double.description`'s text
///   whether the slots hit or miss;
/// - ``ByteTable/init(rowCount:order:render:)``, which renders every row
///   into one buffer and moves the pieces from there straight to output
///   order: whole pieces, in ranking order, however large the buffer grows
///   and whatever rows are empty or missing;
/// - ``TwoDecimals``, which rounds away from the half by truncating
///   fraction + ½ instead of comparing: `printf("%.2f")`'s text either side
///   of the margin around ½ and of whole hundredths.
struct OutputSpeedPathTests {
    /// What the probe-then-append path writes for `lines`, each line's
    /// values one per column, all probed before any is appended.
    static func probed(_ lines: [[Double]], columns: Int) -> String {
        let cache = NumberCache(columns: columns)
        var buffer = ByteBuffer(capacity: 64)
        for line in lines {
            let slots = line.enumerated().map { cache.slot(for: $0.element, column: $0.offset) }
            let hits = line.indices.map { slots[$0][0] == line[$0].bitPattern }
            for (column, value) in line.enumerated() {
                cache.append(value, slot: slots[column], hit: hits[column], to: &buffer)
                buffer.append(UInt8(ascii: " "))
            }
        }
        return OutputFixtures.text(buffer.array)
    }

    @Test func probedLinesWriteWhatDescriptionWrites() {
        var generator = SeededRandom(seed: 11)
        let repeated = [0.95, 1.0 / 3.0, 18.333333333333332, 20.0, 1.0, 0.5]
        // Three columns: one that always hits, one that mostly misses, one mixed;
        // the same value in two columns of a line, too.
        let lines: [[Double]] = (0..<30_000).map { index in
            let rare = Double(Int.random(in: 1...1_000_000, using: &generator)) / 7
            let common = repeated[Int.random(in: 0..<repeated.count, using: &generator)]
            return [common, rare, index % 2 == 0 ? common : rare]
        }
        let edges: [[Double]] = [
            [.nan, .infinity, -0.0], [0.0, 1e-7, 1e300], [92_431_845_152_700.375, 0.1 + 0.2, -1.0 / 3.0],
        ]
        let all = lines + edges + lines
        #expect(Self.probed(all, columns: 3) == OutputSpeedTests.described(all.flatMap { $0 }))
    }

    @Test func probeOfAnEmptyTableHitsZeroOnly() {
        let cache = NumberCache(columns: 1)
        // Every slot starts as 0.0 → `0.0`, so zero hits and anything else misses.
        #expect(cache.slot(for: 0, column: 0)[0] == (0.0).bitPattern)
        #expect(cache.slot(for: 2.5, column: 0)[0] != (2.5).bitPattern)
        #expect(Self.probed([[0], [2.5], [2.5]], columns: 1) == "0.0 2.5 2.5 ")
    }

    /// The pieces of `table` as text.
    static func pieces(_ table: borrowing ByteTable) -> [String] {
        (0..<table.count).map { OutputFixtures.text(Array(table.bytes($0))) }
    }

    @Test func piecesLargerThanTheFirstBufferComeOutWholeInRankingOrder() {
        var result = OutputFixtures.quarter()
        result.order = [3, 1, 0, 2]
        // Row 1 alone outgrows the buffer's first 64 KB several times over.
        let texts = ["a", String(repeating: "xyz", count: 100_000), "", "row three"]
        let table = ByteTable(rowCount: texts.count, order: OutputOrder(result)) { row, buffer in
            buffer.append(contentsOf: texts[row])
        }
        #expect(Self.pieces(table) == [texts[3], texts[1], texts[0], texts[2]])
    }

    @Test func noRowsRenderedGivesEmptyPieces() {
        var result = OutputFixtures.quarter()
        result.order = [2, 0, 1, 3]
        let table = ByteTable(rowCount: 0, order: OutputOrder(result)) { _, buffer in
            buffer.append(contentsOf: "never")
        }
        #expect(table.count == 4)
        #expect(Self.pieces(table) == ["", "", "", ""])
    }

    @Test func valuesNearTheMarginAroundAHalfRoundAsPrintf() {
        var mismatches: [Double] = []
        for cents in stride(from: -200_000, through: 200_000, by: 37) {
            for offset in [-2e-6, -1.1e-6, -0.9e-6, 0.9e-6, 1.1e-6, 2e-6, -0.49, 0.49, 0.4999, -0.4999] {
                let value = (Double(cents) + 0.5 + offset) / 100
                if TwoDecimals.string(value) != TwoDecimals.printf(value) { mismatches.append(value) }
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test func valuesBesideWholeHundredthsRoundAsPrintf() {
        var mismatches: [Double] = []
        for cents in stride(from: -100_000, through: 100_000, by: 13) {
            let value = Double(cents) / 100
            for neighbour in [value, value.nextUp, value.nextDown, value.nextUp.nextUp, value.nextDown.nextDown]
            where TwoDecimals.string(neighbour) != TwoDecimals.printf(neighbour) {
                mismatches.append(neighbour)
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }
}
