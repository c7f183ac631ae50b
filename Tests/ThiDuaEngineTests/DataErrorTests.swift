import ScoringKit
import Testing
@testable import ThiDuaEngine

@Suite struct DataErrorTests {
    @Test func missingIdentityColumnsAreReportedWithDidYouMean() {
        let text = "period,phuong,groupid,group_name,households\n2020-Q1,P1,G1,Tổ 1,1\n"
        let found = DataFixture.diagnostics(bytes: Array(text.utf8))
        #expect(found.map(\.description) == [
            "data.csv:1:1: error: missing required column 'ward'\n"
                + "  hint: the header must name the columns period, ward, group_id and group_name",
            "data.csv:1:1: error: missing required column 'group_id'\n  hint: did you mean 'groupid'?",
        ])
    }

    @Test func duplicateHeaderIsReportedAtTheSecondCell() {
        let text = "period,ward,group_id,group_name,households,households\n2020-Q1,P1,G1,Tổ 1,1,2\n"
        #expect(DataFixture.errors(text) == [
            "data.csv:1:44: error: column 'households' appears twice in the header (first as field 5)",
        ])
    }

    @Test func emptyHeaderNamesAreNotDuplicates() throws {
        let data = try DataFixture.parse("period,ward,group_id,group_name,households,,\n2020-Q1,P1,G1,Tổ 1,1,,\n")
        #expect(data.headerColumns == ["period", "ward", "group_id", "group_name", "households", "", ""])
        #expect(data.columns == [[1]])
    }

    @Test func raggedRowsNameExpectedAndFoundCounts() {
        let text = "\(DataFixture.header)\n2020-Q1,P1,G1,Tổ 1,1,2\n2020-Q1,P1,G2,Tổ 2,1,2,,\n"
        #expect(DataFixture.errors(text) == [
            "data.csv:2:1: error: row has 6 fields, but the header has 7",
            "data.csv:3:1: error: row has 8 fields, but the header has 7",
        ])
    }

    @Test func periodMustBeYearDashQuarter() {
        let text = """
            \(DataFixture.header)
            2020-Q5,P1,G1,Tổ 1,1,2,
            2020q1,P1,G2,Tổ 2,1,2,
            ,P1,G3,Tổ 3,1,2,
            20-Q1,P1,G4,Tổ 4,1,2,

            """
        #expect(DataFixture.errors(text) == [
            "data.csv:2:1: error: period '2020-Q5' is not of the form YYYY-Qn with n from 1 to 4",
            "data.csv:3:1: error: period '2020q1' is not of the form YYYY-Qn with n from 1 to 4",
            "data.csv:4:1: error: period is empty",
            "data.csv:5:1: error: period '20-Q1' is not of the form YYYY-Qn with n from 1 to 4",
        ])
    }

    @Test func wardAndGroupIDMustNotBeEmpty() {
        let text = "\(DataFixture.header)\n2020-Q1,  ,G1,Tổ 1,1,2,\n2020-Q1,P1,\"\",Tổ 2,1,2,\n"
        #expect(DataFixture.errors(text) == [
            "data.csv:2:9: error: ward is empty",
            "data.csv:3:12: error: group_id is empty",
        ])
    }

    @Test func duplicateGroupInAPeriodNamesTheFirstLine() {
        let text = """
            \(DataFixture.header)
            2020-Q1,P1,G1,Tổ 1,1,2,
            2020-Q2,P1,G1,Tổ 1,1,2,
            2020-Q1,Phường Khương Đình,G1,Tổ 1 bis,1,2,

            """
        #expect(DataFixture.errors(text) == [
            "data.csv:4:28: error: group 'G1' appears twice in period 2020-Q1 (first on line 2)",
        ])
    }

    @Test func invalidUTF8IsReportedAtItsLine() {
        // "Tổ" in Windows-1258 style single bytes: 0xD4 is not followed by
        // a continuation byte.
        let bytes = Array("\(DataFixture.header)\n2020-Q1,P1,G1,Tổ 1,1,2,\n2020-Q1,P1,G2,T".utf8)
            + [0xD4, 0x20] + Array(" 2,1,2,\n".utf8)
        #expect(DataFixture.errors(bytes: bytes) == ["data.csv:3:16: error: the file is not valid UTF-8 (byte 0xD4)"])
    }

    @Test func overlongAndSurrogateEncodingsAreInvalidUTF8() {
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE1, 0x80]] {
            let bytes = Array("\(DataFixture.header)\n2020-Q1,P1,G1,".utf8) + bad + Array(",1,2,\n".utf8)
            let found = DataFixture.errors(bytes: bytes)
            #expect(found.count == 1)
            #expect(found.first?.hasPrefix("data.csv:2:15: error: the file is not valid UTF-8") == true)
        }
    }

    @Test func emptyAndHeaderOnlyFilesHaveNoRows() {
        #expect(DataFixture.errors("") == ["data.csv:1:1: error: data file is empty"])
        #expect(DataFixture.errors(bytes: [0xEF, 0xBB, 0xBF]) == ["data.csv:1:1: error: data file is empty"])
        #expect(DataFixture.errors(DataFixture.header) == ["data.csv:1:1: error: data file has a header but no rows"])
        #expect(DataFixture.errors(DataFixture.header + "\r\n\r\n") == [
            "data.csv:1:1: error: data file has a header but no rows",
        ])
    }

    @Test func blankLineBetweenRowsIsAnError() {
        let text = "\(DataFixture.header)\n2020-Q1,P1,G1,Tổ 1,1,2,\n\n2020-Q1,P1,G2,Tổ 2,1,2,\n\n"
        #expect(DataFixture.errors(text) == ["data.csv:3:1: error: blank line between rows"])
    }

    @Test func errorsStopAfterTwentyWithANote() {
        let rows = (1...30).map { "2020-Q1,P1,G\($0),Tổ,x,2," }
        let found = DataFixture.errors(([DataFixture.header] + rows).joined(separator: "\n"))
        #expect(found.count == 21)
        #expect(found[19] == "data.csv:21:19: error: column 'households': 'x' is not a number")
        #expect(found.last == "error: too many errors in 'data.csv'; stopped after the first 20")
    }

    @Test func exactlyTwentyErrorsHaveNoNote() {
        let rows = (1...20).map { "2020-Q1,P1,G\($0 + 10),Tổ,x,2," }
        let found = DataFixture.errors(([DataFixture.header] + rows).joined(separator: "\n"))
        #expect(found.count == 20)
        #expect(found.allSatisfy { !$0.contains("too many") })
    }

    @Test func everyBadCellOfARowIsReported() {
        let text = "\(DataFixture.header)\n2020-Q9,,,Tổ 1,,-2,\n"
        #expect(DataFixture.errors(text) == [
            "data.csv:2:1: error: period '2020-Q9' is not of the form YYYY-Qn with n from 1 to 4",
            "data.csv:2:9: error: ward is empty",
            "data.csv:2:10: error: group_id is empty",
            "data.csv:2:16: error: column 'households' is empty",
            "data.csv:2:17: error: column 'residents': '-2' must not be negative",
        ])
    }
}
