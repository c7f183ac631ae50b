import Testing
@testable import ThiDuaEngine

/// `CSVWriter`: byte-order mark, RFC 4180 quoting, CRLF, injection guard.
struct WriterCSVTests {
    @Test func startsWithByteOrderMarkAndEndsLinesWithCRLF() {
        var csv = CSVWriter()
        csv.text("a")
        csv.text("b")
        csv.endRow()
        csv.integer(1)
        csv.endRow()
        #expect(csv.bytes == [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1\r\n".utf8))
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("Tổ dân phố số 1", "Tổ dân phố số 1"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
    ])
    func quotesFieldsAsRFC4180Requires(raw: String, written: String) {
        #expect(CSVWriter.escaped(raw) == written)
    }

    @Test(arguments: [
        ("=1+2", "'=1+2"),
        ("+84 912 345 678", "'+84 912 345 678"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "\"'\rcmd\""),
        ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
        ("a=b", "a=b"),
        (" =x", " =x"),
    ])
    func guardsTextCellsAgainstFormulaInjection(raw: String, written: String) {
        #expect(CSVWriter.escaped(raw) == written)
    }

    @Test func writesNumbersBooleansAndEmptyCellsUnguarded() {
        var csv = CSVWriter()
        csv.points(-0.0)
        csv.points(84.99999999999999)
        csv.integer(-3)
        csv.integer(0)
        csv.bool(true)
        csv.bool(false)
        csv.empty()
        csv.points(.nan)
        csv.endRow()
        #expect(OutputFixtures.text(Array(csv.bytes.dropFirst(3))) == "0.00,85.00,-3,0,true,false,,\r\n")
    }

    @Test func emptyLineIsJustCRLF() {
        var csv = CSVWriter()
        csv.empty()
        csv.endRow()
        #expect(Array(csv.bytes.dropFirst(3)) == [0x0D, 0x0A])
    }
}
