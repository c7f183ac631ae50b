import ScoringKit
import Testing
@testable import ThiDuaEngine

@Suite struct CSVQuotingTests {
    @Test func quotedFieldsHoldCommasNewlinesAndDoubledQuotes() throws {
        let text = """
            \(DataFixture.header)
            2020-Q1,"Phường Khương Trung","KT-01","Tổ 1, ngõ 5 ""Khu A""
            phố Vũ Trọng Phụng","12","3",
            2020-Q1,P2,G2,"",4,5,"ghi chú
            nhiều
            dòng"
            2020-Q1,P2,G3,x,6,7,

            """
        let data = try DataFixture.parse(text)
        #expect(data.groupNames == ["Tổ 1, ngõ 5 \"Khu A\"\nphố Vũ Trọng Phụng", "", "x"])
        #expect(data.wardNames == ["P2", "Phường Khương Trung"])
        #expect(data.lineOfRow == [2, 4, 7])
        #expect(data.columns == [[12, 4, 6], [3, 5, 7]])
    }

    @Test func quotedFieldKeepsCarriageReturnLineBreak() throws {
        let text = "\(DataFixture.header)\r\n2020-Q1,P1,G1,\"a\r\nb\",1,2,\r\n2020-Q1,P1,G2,c,1,2,\r\n"
        let data = try DataFixture.parse(text)
        #expect(data.groupNames == ["a\r\nb", "c"])
        #expect(data.lineOfRow == [2, 4])
    }

    @Test func errorsAfterMultilineFieldUsePhysicalLines() {
        let text = "\(DataFixture.header)\n2020-Q1,P1,G1,\"Tổ\n1\",abc,2,\n2020-Q1,P1,G2,Tổ 2,-1,2,\n"
        #expect(DataFixture.errors(text) == [
            "data.csv:3:4: error: column 'households': 'abc' is not a number",
            "data.csv:4:20: error: column 'households': '-1' must not be negative",
        ])
    }

    @Test func unterminatedQuoteIsReportedWhereItOpened() {
        let text = "\(DataFixture.header)\n2020-Q1,P1,G1,Tổ 1,1,2,\n"
            + "2020-Q1,P1,G2,\"Tổ 2,1,2,\n2020-Q1,P1,G3,Tổ 3,1,2,\n"
        #expect(DataFixture.errors(text) == ["data.csv:3:15: error: quoted field is never closed"])
    }

    @Test func quoteInsideUnquotedFieldIsAnError() {
        let text = "\(DataFixture.header)\n2020-Q1,P1,G\"1,Tổ 1,1,2,\n2020-Q1,P1,G2,Tổ 2,x,2,\n"
        #expect(DataFixture.errors(text) == [
            "data.csv:2:13: error: quote inside a field that does not start with one",
            "data.csv:3:20: error: column 'households': 'x' is not a number",
        ])
    }

    @Test func spaceBeforeOpeningQuoteIsAnError() {
        let text = "\(DataFixture.header)\n2020-Q1,P1,G1, \"Tổ 1, khu A\",1,2,\n"
        #expect(DataFixture.errors(text) == [
            "data.csv:2:16: error: quote inside a field that does not start with one",
        ])
    }

    @Test func textAfterClosingQuoteIsAnError() {
        let text = "\(DataFixture.header)\n2020-Q1,P1,G1,\"Tổ 1\" khu A,1,2,\n"
        #expect(DataFixture.errors(text) == ["data.csv:2:21: error: text after the closing quote of a field"])
    }

    @Test func quotingErrorsCarryHints() {
        #expect(DataFixture.hint("\(DataFixture.header)\n2020-Q1,P1,G\"1,Tổ 1,1,2,\n")?.contains("double") == true)
        #expect(DataFixture.hint("\(DataFixture.header)\n2020-Q1,P1,G1,\"Tổ 1,1,2,\n")?.contains("closing") == true)
    }

    @Test func quotedHeaderNamesAreUnquoted() throws {
        let text = "\"period\",\"ward\",\"group_id\",\"group_name\",\"households\"\n2020-Q1,P1,G1,Tổ 1,9\n"
        let data = try DataFixture.parse(text)
        #expect(data.columnNames == ["households"])
        #expect(data.columns == [[9]])
    }

    @Test func quotedNumberWithThousandsSeparatorIsNotANumber() {
        #expect(DataFixture.errors(DataFixture.row(households: "\"1,234\"")) == [
            "data.csv:2:20: error: column 'households': '1,234' is not a number",
        ])
        #expect(DataFixture.hint(DataFixture.row(households: "\"1,234\""))?.contains("thousands") == true)
    }

    @Test func unquotedThousandsSeparatorMakesRowRagged() {
        #expect(DataFixture.errors(DataFixture.row(households: "1,234")) == [
            "data.csv:2:1: error: row has 8 fields, but the header has 7",
        ])
    }
}
