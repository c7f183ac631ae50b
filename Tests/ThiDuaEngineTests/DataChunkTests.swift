import ScoringKit
import Testing
@testable import ThiDuaEngine

/// Parsing in parallel chunks (`DataParser+Chunks.swift`) gives the data
/// and the errors of a one-pass parse, byte for byte, whatever the number
/// of chunks and wherever their boundaries fall.
@Suite struct DataChunkTests {
    /// The chunk counts tried on each input.
    static let counts = [1, 2, 3, 4, 5, 7, 8, 13, 16, 31, 64]

    /// Expects every chunk count to give what one pass gives.
    private func expectSameEveryWay(_ bytes: [UInt8], counts: [Int] = counts,
                                    sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let serial = DataFixture.outcome(bytes, numeric: DataFixture.numeric, chunks: 1)
        for chunks in counts {
            let chunked = DataFixture.outcome(bytes, numeric: DataFixture.numeric, chunks: chunks)
            #expect(chunked == serial, "\(chunks) chunks", sourceLocation: sourceLocation)
        }
    }

    /// The sample data's rows, header first, as lines.
    private func sampleLines(groups: Int = 120) -> [String] {
        let csv = SampleDataGenerator(groups: groups, periods: ["2020-Q1", "2020-Q2"], seed: 79).csv()
        return csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func sampleDataParsesTheSameInAnyNumberOfChunks() throws {
        let bytes = SampleDataGenerator(groups: 300, periods: ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"],
                                        seed: 79).csvBytes()
        let numeric = Set(Round.knownIndicators)
        let serial = DataFixture.outcome(bytes, numeric: numeric, chunks: 1)
        guard case .data(let data) = serial else {
            Issue.record("the sample data does not parse")
            return
        }
        #expect(data.data.rowCount == 1200)
        #expect(DataReader.parsesInChunks(bytes: bytes, numericColumns: numeric, chunks: 8))
        for chunks in Self.counts {
            #expect(DataFixture.outcome(bytes, numeric: numeric, chunks: chunks) == serial, "\(chunks) chunks")
        }
    }

    @Test func quotedLineBreaksWhereChunksWouldSplit() {
        // Every row's name spans three physical lines, with CRLF inside and
        // between rows: most boundaries land inside a quoted cell.
        var text = DataFixture.header + "\r\n"
        for row in 1...200 {
            text += "2020-Q1,P\(row % 7),G\(row),\"Tổ \(row)\r\n(ghi chú)\nhết\",\(row),\(row * 3),\"x, \"\"y\"\"\"\r\n"
        }
        expectSameEveryWay(Array(text.utf8))
        // The boundaries inside quotes are found and moved, not given up on.
        for chunks in [2, 7, 31] {
            #expect(DataReader.parsesInChunks(bytes: Array(text.utf8), numericColumns: DataFixture.numeric,
                                              chunks: chunks))
        }
    }

    @Test func lineEndsOfEveryKindAndTrailingBlankLines() {
        let ends = ["\n", "\r\n", "\r"]
        var text = DataFixture.header + "\n"
        for row in 1...150 { text += "2020-Q2,P1,G\(row),Tổ \(row),1,2,\(ends[row % 3])" }
        text += "\n\r\n\n"
        expectSameEveryWay(Array(text.utf8))
        #expect(DataReader.parsesInChunks(bytes: Array(text.utf8), numericColumns: DataFixture.numeric, chunks: 13))
    }

    @Test func aFileOfMostlyBlankLinesIsReadSeriallyNotReservedForEveryLine() {
        // Two million trailing blank lines: room for a row per line would be
        // many times the file's size, so the chunks give way to one pass.
        var text = DataFixture.header + "\n"
        for row in 1...50 { text += "2020-Q1,P1,G\(row),Tổ \(row),1,2,x\n" }
        text += String(repeating: "\n", count: 2_000_000)
        let bytes = Array(text.utf8)
        #expect(!DataReader.parsesInChunks(bytes: bytes, numericColumns: DataFixture.numeric, chunks: 4))
        expectSameEveryWay(bytes, counts: [2, 4])
        // Also with no indicator column read: the ids, names and lines alone
        // would reserve some 50 bytes a line.
        #expect(!DataReader.parsesInChunks(bytes: bytes, numericColumns: [], chunks: 4))
    }

    @Test func errorsAreTheSameWhateverTheChunks() {
        let lines = sampleLines()
        // A bad cell every 13 rows: more than 20 errors, so the cap and its
        // note must come out the same.
        var bad = lines
        for row in stride(from: 5, to: bad.count - 1, by: 13) {
            bad[row] = bad[row].replacingOccurrences(of: ",Tổ dân phố", with: ",Tổ dân phố \"x\"")
        }
        expectSameEveryWay(Array(bad.joined(separator: "\n").utf8))

        #expect(!DataReader.parsesInChunks(bytes: Array(bad.joined(separator: "\n").utf8),
                                           numericColumns: DataFixture.numeric, chunks: 4),
                "a file with errors is read again in one pass")

        var few = lines
        few[40] = few[40].replacingOccurrences(of: "2020-Q", with: "2020-Z")
        few[170] = ""
        expectSameEveryWay(Array(few.joined(separator: "\n").utf8))

        var repeated = lines
        repeated[200] = repeated[3]
        repeated[230] = repeated[3]
        expectSameEveryWay(Array(repeated.joined(separator: "\n").utf8))
    }

    @Test func invalidUTF8AndAnUnterminatedQuoteLateInTheFile() {
        let lines = sampleLines()
        var bytes = Array(lines[0..<150].joined(separator: "\n").utf8) + [0x0A]
        bytes += Array(lines[150].utf8) + [0xC3, 0x28, 0x0A]
        bytes += Array(lines[151..<200].joined(separator: "\n").utf8) + [0x0A]
        bytes += Array("2020-Q1,P1,G-late,\"never closed,1,2\n".utf8)
        bytes += Array(lines[200...].joined(separator: "\n").utf8)
        expectSameEveryWay(bytes)
    }

    /// More indicator columns than are read in chunks: the file is read
    /// serially, with the same data (made in one nest of thousands of
    /// closures, the chunks' columns could overflow the stack).
    @Test(arguments: [200, 3_000])
    func aFileOfThousandsOfColumnsIsReadSerially(columns: Int) {
        let names = (0..<columns).map { "c\($0)" }
        var text = "period,ward,group_id,group_name," + names.joined(separator: ",") + "\n"
        for group in 0..<40 {
            text += "2020-Q1,P1,G\(group),Tổ," + names.indices.map { "\(($0 + group) % 7)" }.joined(separator: ",") + "\n"
        }
        let bytes = Array(text.utf8), numeric = Set(names)
        #expect(DataReader.parsesInChunks(bytes: bytes, numericColumns: numeric, chunks: 4)
                == (columns <= [[Double]].maximumFilledInPlace))
        let serial = DataFixture.outcome(bytes, numeric: numeric, chunks: 1)
        #expect(DataFixture.outcome(bytes, numeric: numeric, chunks: 4) == serial)
        guard case .data(let data) = serial else {
            Issue.record("the file does not parse")
            return
        }
        #expect(data.data.columns.count == columns
                && data.data.columns[columns - 1][39] == Double((columns - 1 + 39) % 7))
    }

    @Test func manyWardsInRowsOfNoOrderParseTheSameInChunks() {
        // More wards than the interner scans (32), rows in no order, and a
        // ward spelled decomposed in some rows: chunks find their wards in
        // the file's interner by the bytes they read them from.
        var random = SeededRandom(seed: 31)
        var lines: [String] = []
        for period in ["2020-Q1", "2020-Q2"] {
            for group in 0..<400 {
                let ward = group % 60 == 7 && random.below(2) == 0 ? "Phu\u{031B}o\u{031B}\u{0300}ng 7" : "Phường \(group % 60)"
                lines.append("\(period),\(ward),G\(group),Tổ \(group),\(random.below(500)),\(random.below(2000)),n")
            }
        }
        for index in lines.indices.reversed() { lines.swapAt(index, random.below(index + 1)) }
        let text = DataFixture.header + "\n" + lines.joined(separator: "\n") + "\n"
        expectSameEveryWay(Array(text.utf8))
        guard case .data(let data) = DataFixture.outcome(Array(text.utf8), numeric: DataFixture.numeric, chunks: 8) else {
            Issue.record("the file does not parse")
            return
        }
        // One ward however it is spelled, named as first written.
        #expect(data.data.wardNames.count == 60)
        #expect(data.data.rowCount == 800)
    }

    @Test func randomFilesParseTheSameInChunks() {
        // Small files from a grammar of the troublesome cases: quoted cells
        // with commas, quotes and line breaks, blank lines, every line end,
        // stray quotes, ragged rows, bad numbers and repeated groups.
        var random = SeededRandom(seed: 2020)
        let cells = ["1", "2.5", "0", "\"3\"", "x", "-1", "", " 4 "]
        let names = ["Tổ 1", "\"Tổ, 2\"", "\"a\r\nb\"", "\"q \"\"r\"\"\"", "\"c\nd\re\"", "t\"u", "Phường"]
        let ends = ["\n", "\r\n", "\r"]
        for _ in 0..<150 {
            var text = (random.below(4) == 0 ? "\u{FEFF}" : "") + DataFixture.header + ends[random.below(3)]
            for _ in 0..<(1 + random.below(40)) {
                switch random.below(20) {
                case 0: text += ends[random.below(3)]
                case 1: text += "2020-Q1,P1,G1,Tổ,1,2" + ends[random.below(3)]
                default:
                    let period = random.below(12) == 0 ? "2020-Q9" : "2020-Q\(1 + random.below(2))"
                    text += "\(period),P\(random.below(3)),G\(random.below(30)),\(names[random.below(names.count)]),"
                    text += "\(cells[random.below(cells.count)]),\(cells[random.below(cells.count)]),n"
                    text += ends[random.below(3)]
                }
            }
            expectSameEveryWay(Array(text.utf8), counts: [1, 2, 3, 5, 8, 12])
        }
    }

    @Test func aChunkWritesItsValuesInPlaceAndNoticesWhenTheyDoNotFit() {
        var storage = [Double](repeating: -1, count: 2 * 3)
        storage.withUnsafeMutableBufferPointer { all in
            let columns = [UnsafeMutableBufferPointer(rebasing: all[0..<3]),
                           UnsafeMutableBufferPointer(rebasing: all[3..<6])]
            var fits = ColumnBuilder(width: 2, writingTo: columns.map { UnsafeMutableBufferPointer(rebasing: $0[1..<3]) })
            for row in 0..<2 {
                _ = fits.appendRow { values in
                    values[0] = Double(row)
                    values[1] = Double(10 + row)
                    return true
                }
            }
            #expect(fits.finish().isEmpty)
            #expect(!fits.overflowed && fits.rowCount == 2)
            var tooMany = ColumnBuilder(width: 2, writingTo: columns.map { UnsafeMutableBufferPointer(rebasing: $0[0..<1]) })
            for _ in 0..<2 { _ = tooMany.appendRow { $0[0] = 7; $0[1] = 7; return true } }
            _ = tooMany.finish()
            #expect(tooMany.overflowed)
        }
        // Each column's stretch holds the rows written; the overflowing
        // builder wrote the row it had room for, and nothing past it.
        #expect(storage == [7, 0, 1, 7, 10, 11])
    }

    /// A builder's copies keep their own rows: the window they share is
    /// copied by the first of them to write to it, past a window's worth of
    /// rows too.
    @Test func copiesOfABuilderKeepTheirOwnRows() {
        var first = ColumnBuilder(width: 2)
        _ = first.appendRow { $0[0] = 1; $0[1] = 2; return true }
        var second = first
        for row in 0..<1_500 {
            _ = first.appendRow { $0[0] = Double(row); $0[1] = 0; return true }
            _ = second.appendRowIfKept { $0[0] = -1; $0[1] = Double(row); return row % 2 == 0 }
        }
        let firstColumns = first.finish(), secondColumns = second.finish()
        #expect(firstColumns[0] == [1] + (0..<1_500).map(Double.init))
        #expect(firstColumns[1] == [2] + [Double](repeating: 0, count: 1_500))
        #expect(secondColumns[0] == [1] + [Double](repeating: -1, count: 750))
        #expect(secondColumns[1] == [2] + stride(from: 0, to: 1_500, by: 2).map(Double.init))
    }

    @Test func manyJobsOnASmallFileReadItInOnePass() throws {
        #expect(DataReader.chunkCount(byteCount: 100_000, jobs: 8) == 1)
        #expect(DataReader.chunkCount(byteCount: 48_000_000, jobs: 1) == 1)
        #expect(DataReader.chunkCount(byteCount: 48_000_000, jobs: 2) == 32)
        #expect(DataReader.chunkCount(byteCount: 5_000_000, jobs: 2) == 4)
        let data = try DataReader.parse(bytes: Array(DataFixture.valid.utf8), displayPath: "data.csv",
                                        numericColumns: DataFixture.numeric, jobs: 8)
        #expect(data.rowCount == 3)
    }
}
