import ScoringKit
import Testing
@testable import ThiDuaEngine

/// The fast row reader (`CSVFastRecord`, `DataParser.readFastRow`) takes
/// only rows the general reader would accept, gives them the same values,
/// and hands every other row back untouched, so data and errors are those
/// of the general reader. It only runs from the second data row on, so
/// every input here starts with an ordinary row.
@Suite struct DataParseFastRowTests {
    /// The `households` and `residents` columns of `rows` after an ordinary
    /// first row (`2020-Q1,P1,G0,Tổ 0,1,2,`).
    private func columns(_ rows: String) throws -> (households: [Double], residents: [Double]) {
        let data = try DataFixture.parse("\(DataFixture.header)\n2020-Q1,P1,G0,Tổ 0,1,2,\n" + rows)
        let households = try #require(data.columnIndex("households"))
        let residents = try #require(data.columnIndex("residents"))
        return (Array(data.columns[households].dropFirst()), Array(data.columns[residents].dropFirst()))
    }

    @Test func numbersOfEveryShapeReadAsTheGeneralGrammarReadsThem() throws {
        let cells = ["7", "1234567", "12345678", "123456789012", "12.5", " 7 ", "1e3", "0.000125", "007",
                     "\"42\"", "0", "-0", "9007199254740993"]
        let rows = cells.enumerated().map { "2020-Q1,P1,G\($0.offset + 1),Tổ,\($0.element),3,x\n" }.joined()
        let read = try columns(rows)
        #expect(read.households == [7, 1_234_567, 12_345_678, 123_456_789_012, 12.5, 7, 1000, 0.000125, 7,
                                    42, 0, 0, 9_007_199_254_740_992])
        #expect(read.residents == Array(repeating: 3, count: cells.count))
    }

    @Test func everyLineEndAndAMissingLastLineBreak() throws {
        let rows = "2020-Q1,P1,G1,Tổ,10,11,a\r\n2020-Q1,P1,G2,Tổ,20,21,b\r2020-Q1,P1,G3,Tổ,30,31,c\n"
            + "2020-Q1,P1,G4,Tổ,40,41"
        let read = try columns(rows + ",d")
        #expect(read.households == [10, 20, 30, 40])
        #expect(read.residents == [11, 21, 31, 41])
        // The last cell is a number, ending the file with no line break.
        let text = "period,ward,group_id,group_name,households\n2020-Q1,P1,G0,Tổ,1\n2020-Q1,P1,G1,Tổ,25"
        let data = try DataFixture.parse(text)
        #expect(data.columns == [[1, 25]])
    }

    @Test func quotedAndUnicodeCellsKeepTheirText() throws {
        let text = #"""
            \#(DataFixture.header)
            2020-Q1,Phường Hạ Đình,G0,Tổ dân phố số 0,1,2,
            2020-Q1,Phường Hạ Đình,G1,"Tổ 1, ""A""",3,4,ghi chú
            2020-Q1, Phường Hạ Đình ,  G2 ,  Tổ dân phố số 2  ,5,6,😀
            2020-Q2,"Phường Khương Trung",G1,Tổ 1,7,8,"x
            y"

            """#
        let data = try DataFixture.parse(text)
        #expect(data.groupIDs == ["G0", "G1", "G2", "G1"])
        #expect(data.groupNames == ["Tổ dân phố số 0", "Tổ 1, \"A\"", "Tổ dân phố số 2", "Tổ 1"])
        #expect(data.wardNames == ["Phường Hạ Đình", "Phường Khương Trung"])
        #expect(data.lineOfRow == [2, 3, 4, 5])
        #expect(data.columns == [[1, 3, 5, 7], [2, 4, 6, 8]])
    }

    /// A row read as a file's first row (the general reader) and as a
    /// later one (the fast reader, which takes text cells in quotes when
    /// they hold no quote and no line break) gives the same data or the
    /// same errors, for rows of quoted, unquoted and broken text cells.
    @Test func quotedTextCellsReadAsTheGeneralReaderReadsThem() {
        var random = SeededRandom(seed: 4180)
        let texts = ["Tổ 1", "Tổ 1, khu A", " Tổ 2 ", "", "a\"\"b", "Phường Hạ Đình", "x\ny", "q\r", "😀", "G1",
                     "2020-Q1", " 2020-Q2 ", "P1", "\u{7FF}"]
        let numbers = ["1", "25", "\"3\"", " 4 ", "x"]
        func cell(_ text: String) -> String {
            switch random.below(8) {
            case 0: return text.contains(where: { ",\"\n\r".contains($0) }) ? "\"\(text)\"" : text
            case 1: return "\"\(text)\"x"
            case 2: return " \"\(text)\""
            case 3: return "\"\(text)\" "
            default: return "\"\(text)\""
            }
        }
        /// The last row's data, or the errors with their lines counted
        /// from the row's (`first`).
        func read(_ text: String, first: Int) -> [String] {
            switch DataFixture.outcome(Array(text.utf8), numeric: DataFixture.numeric, chunks: 1) {
            case .data(let parsed):
                let data = parsed.data, row = parsed.data.rowCount - 1
                return [data.periodNames[Int(data.periodOfRow[row])], data.wardNames[Int(data.wardOfRow[row])],
                        data.groupIDs[row], data.groupNames[row]] + data.columns.map { "\($0[row])" }
            case .diagnostics(let diagnostics):
                return diagnostics.map { diagnostic in
                    let line = diagnostic.location.map { $0.line - first } ?? -1
                    return "\(line):\(diagnostic.location?.column ?? -1): \(diagnostic.message)"
                }
            }
        }
        var fastRows = 0
        for _ in 0..<1_000 {
            let period = random.below(3) == 0 ? cell(texts[10 + random.below(2)]) : "2020-Q1"
            let row = [period, cell(texts[random.below(texts.count)]), cell("G\(random.below(3))"),
                       cell(texts[random.below(texts.count)]), numbers[random.below(numbers.count)],
                       numbers[random.below(numbers.count)], cell(texts[random.below(texts.count)])]
                .joined(separator: ",")
            let alone = read("\(DataFixture.header)\n\(row)\n", first: 2)
            let afterAnother = read("\(DataFixture.header)\n2020-Q1,P0,first,Tổ 0,1,2,\n\(row)\n", first: 3)
            #expect(alone == afterAnother, "\(row)")
            if alone.count > 4 { fastRows += 1 }
        }
        // Enough rows are valid for the comparison to cover the fast reader.
        #expect(fastRows > 60)
    }

    @Test func rowsItDeclinesAreReportedByTheGeneralReader() {
        let text = """
            \(DataFixture.header)
            2020-Q1,P1,G0,Tổ 0,1,2,
            2020-Q1,P1,G1,Tổ 1,1x,2,
            2020-Q9,P1,G2,Tổ 2,1,2,
            2020-Q1,,G3,Tổ 3,1,2,
            2020-Q1,P1, ,Tổ 4,1,2,
            2020-Q1,P1,G5,Tổ 5,-4,2,
            2020-Q1,P1,G6,Tổ 6,1,2
            2020-Q1,P1,G7,Tổ "7",1,2,
            2020-Q1,P1,G0,Tổ 0,1,2,

            """
        #expect(DataFixture.errors(text) == [
            "data.csv:3:20: error: column 'households': '1x' is not a number",
            "data.csv:4:1: error: period '2020-Q9' is not of the form YYYY-Qn with n from 1 to 4",
            "data.csv:5:9: error: ward is empty",
            "data.csv:6:12: error: group_id is empty",
            "data.csv:7:20: error: column 'households': '-4' must not be negative",
            "data.csv:8:1: error: row has 6 fields, but the header has 7",
            "data.csv:9:18: error: quote inside a field that does not start with one",
            "data.csv:10:12: error: group 'G0' appears twice in period 2020-Q1 (first on line 2)",
        ])
    }

    /// Two- and three-byte letters anywhere in a text cell, up to the last
    /// bytes of a file without a final line break, keep their text.
    @Test(arguments: ["ệ", "Tổ dân phố số 1", "Phường Khương Đình", "\u{7FF}\u{80}", "a\u{FFFD}", "x\u{10348}"])
    func multiByteLettersAtEveryPlaceKeepTheirText(name: String) throws {
        let text = "\(DataFixture.header)\n2020-Q1,P1,G0,Tổ 0,1,2,\n2020-Q1,\(name),G1,\(name),1,2,\n"
            + "2020-Q1,P1,G2,\(name),1,2,\(name)\n2020-Q1,P1,G3,\(name),1,2,\(name)"
        let data = try DataFixture.parseEveryWay(Array(text.utf8))
        #expect(data.groupNames.map { Array($0.utf8) } == ["Tổ 0", name, name, name].map { Array($0.utf8) })
        #expect(data.wardNames.map { Array($0.utf8) }.contains(Array(name.utf8)))
    }

    /// A ward cell with invalid UTF-8 (new to the interner, or a known
    /// ward's bytes with more after them) is declined by the fast reader
    /// and reported at its byte, in one pass and in chunks alike.
    @Test(arguments: [[0xC3, 0x28], [0xE1, 0xBB], [0xF0, 0x90, 0x80]] as [[UInt8]])
    func invalidUTF8InAWardIsReportedAtItsByte(invalid: [UInt8]) {
        for ward in ["P", "P1"] {
            var bytes = Array("\(DataFixture.header)\n2020-Q1,P1,G0,Tổ 0,1,2,\n2020-Q1,\(ward)".utf8)
            bytes += invalid
            bytes += Array(",G1,Tổ 1,1,2,\n2020-Q1,P1,G2,Tổ 2,1,2,\n".utf8)
            let column = 9 + ward.utf8.count
            for chunks in [1, 2, 3] {
                #expect(DataFixture.outcome(bytes, numeric: DataFixture.numeric, chunks: chunks) == .diagnostics(
                    DataFixture.diagnostics(bytes: bytes)))
            }
            #expect(DataFixture.errors(bytes: bytes) == [
                "data.csv:3:\(column): error: the file is not valid UTF-8 (byte 0x\(String(invalid[0], radix: 16, uppercase: true)))",
            ])
        }
    }

    @Test func invalidUTF8InATextCellIsReportedAtItsByte() {
        var bytes = Array("\(DataFixture.header)\n2020-Q1,P1,G0,Tổ 0,1,2,\n2020-Q1,P1,G1,T".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(",1,2,\n".utf8)
        #expect(DataFixture.errors(bytes: bytes) == [
            "data.csv:3:16: error: the file is not valid UTF-8 (byte 0xC3)",
        ])
    }

    /// A surrogate, an overlong form and a sequence cut short by the comma
    /// in the cells that become strings (`group_id`, `group_name`) are
    /// declined by the fast reader and reported at their byte.
    @Test(arguments: [
        ([0xED, 0xA0, 0x80], "", ",Tổ 1,1,2,", "data.csv:3:13: error: the file is not valid UTF-8 (byte 0xED)"),
        ([0xC0, 0xAF], "1,T", ",1,2,", "data.csv:3:16: error: the file is not valid UTF-8 (byte 0xC0)"),
        ([0xE1, 0xBB], "1,Tổ", ",1,2,", "data.csv:3:17: error: the file is not valid UTF-8 (byte 0xE1)"),
        ([0xE1, 0xBB, 0x41], "1,Tổ", ",1,2,", "data.csv:3:17: error: the file is not valid UTF-8 (byte 0xE1)"),
        ([0xDF, 0xC0], "1,", ",1,2,", "data.csv:3:15: error: the file is not valid UTF-8 (byte 0xDF)"),
    ] as [([UInt8], String, String, String)])
    func invalidUTF8InTheGroupCellsIsReportedAtItsByte(invalid: [UInt8], before: String, after: String,
                                                        error: String) {
        var bytes = Array("\(DataFixture.header)\n2020-Q1,P1,G0,Tổ 0,1,2,\n2020-Q1,P1,G\(before)".utf8)
        bytes += invalid
        bytes += Array("\(after)\n2020-Q1,P1,G4,Tổ 4,1,2,\n".utf8)
        #expect(DataFixture.errors(bytes: bytes) == [error])
    }
}
