import Foundation
import Testing
@testable import ThiDuaEngine

/// `ranking.csv`, `awards.csv` and `results.json` for a hand-built quarter.
struct OutputTablesTests {
    @Test func rankingCSVHasTheContractHeaderAndOneLinePerGroupInRankingOrder() {
        let bytes = CSVReports.ranking(for: OutputFixtures.quarter())
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let expected = [
            "period,ward,group_id,group_name,total,economy,culture,bonus,deduction,tier,ward_rank,district_rank,"
                + "eligible,reasons",
            "2020-Q1,Hạ Đình,g01,Tổ dân phố số 1,98.00,48.50,47.50,2.00,0.00,Xuất sắc,1,1,true,",
            "2020-Q1,Khương Đình,g02,\"'=HYPERLINK(\"\"x\"\")\",85.25,40.00,45.25,0.00,0.00,Tốt,1,2,false,"
                + "gate order_violations failed; culture below floor",
            "2020-Q1,Khương Đình,g03,\"Tổ 3, \"\"Phố Mới\"\"\",85.25,40.00,45.25,0.00,0.00,Tốt,1,2,true,",
            "2020-Q1,Hạ Đình,g04,Tổ 4,0.00,0.00,10.00,0.00,20.00,Chưa đạt,,,false,deducted",
        ].map { $0 + "\r\n" }.joined()
        #expect(OutputFixtures.text(Array(bytes.dropFirst(3))) == expected)
    }

    @Test func rankingCSVFollowsResultOrderNotRowOrder() {
        var result = OutputFixtures.quarter()
        result.order = [2, 1, 0, 3]
        let lines = OutputFixtures.text(CSVReports.ranking(for: result)).split(separator: "\r\n")
        #expect(lines.dropFirst().map { $0.split(separator: ",")[2] } == ["g03", "g02", "g01", "g04"])
    }

    @Test func rankingCSVLeavesColumnsTheYearOmitsEmpty() {
        var result = OutputFixtures.quarter()
        result.bonus = []
        result.deduction = []
        result.tierOfRow = [0, 1, 1, -1]
        let lines = OutputFixtures.text(CSVReports.ranking(for: result)).split(separator: "\r\n")
        #expect(lines[4] == "2020-Q1,Hạ Đình,g04,Tổ 4,0.00,0.00,10.00,,,,,,false,deducted")
    }

    @Test func awardsCSVListsGrantsInOrder() {
        let bytes = CSVReports.awards(for: OutputFixtures.quarter())
        let expected = "\u{FEFF}" + [
            "period,award_id,award_title,scope_unit,group_id,group_name,ward,total,district_rank",
            "2020-Q1,co-thi-dua,Cờ thi đua của UBND quận,district,g01,Tổ dân phố số 1,Hạ Đình,98.00,1",
            #"2020-Q1,dan-dau-phuong,Dẫn đầu | phường,Khương Đình,g03,"Tổ 3, ""Phố Mới""",Khương Đình,85.25,2"#,
        ].map { $0 + "\r\n" }.joined()
        #expect(OutputFixtures.text(bytes) == expected)
    }

    @Test func awardsCSVWithoutGrantsIsJustTheHeader() {
        var result = OutputFixtures.quarter()
        result.grants = []
        #expect(OutputFixtures.text(CSVReports.awards(for: result)).split(separator: "\r\n").count == 1)
    }

    @Test func resultsJSONHoldsEveryFigureInOrderOneLinePerGroupAndAward() throws {
        let expected = #"""
            {
              "period": "2020-Q1",
              "groups": [
                {"group_id":"g01","ward":"Hạ Đình","group_name":"Tổ dân phố số 1","total":98.0,"contents":{"economy":48.5,"culture":47.5},"criteria":{"fund":1.0,"families":0.9,"models":0.95},"bonus":2.0,"deduction":0.0,"tier":"Xuất sắc","eligible":true,"reasons":[],"ward_rank":1,"district_rank":1},
                {"group_id":"g02","ward":"Khương Đình","group_name":"=HYPERLINK(\"x\")","total":85.25,"contents":{"economy":40.0,"culture":45.25},"criteria":{"fund":0.5,"families":0.25,"models":1.0},"bonus":0.0,"deduction":0.0,"tier":"Tốt","eligible":false,"reasons":["gate order_violations failed","culture below floor"],"ward_rank":1,"district_rank":2},
                {"group_id":"g03","ward":"Khương Đình","group_name":"Tổ 3, \"Phố Mới\"","total":85.25,"contents":{"economy":40.0,"culture":45.25},"criteria":{"fund":0.5,"families":0.25,"models":1.0},"bonus":0.0,"deduction":0.0,"tier":"Tốt","eligible":true,"reasons":[],"ward_rank":1,"district_rank":2},
                {"group_id":"g04","ward":"Hạ Đình","group_name":"Tổ 4","total":0.0,"contents":{"economy":0.0,"culture":10.004},"criteria":{"fund":0.0,"families":0.1,"models":0.0},"bonus":0.0,"deduction":20.0,"tier":"Chưa đạt","eligible":false,"reasons":["deducted"],"ward_rank":null,"district_rank":null}
              ],
              "awards": [
                {"award_id":"co-thi-dua","award_title":"Cờ thi đua của UBND quận","group_id":"g01","scope_unit":"district"},
                {"award_id":"dan-dau-phuong","award_title":"Dẫn đầu | phường","group_id":"g03","scope_unit":"Khương Đình"}
              ],
              "warnings": [
                "tie at the cutoff of 'giay-khen': g02, g03 share rank 2"
              ]
            }

            """#
        #expect(OutputFixtures.text(ResultsJSON.bytes(for: OutputFixtures.quarter())) == expected)
    }

    @Test func resultsJSONWritesEmptyListsOnTheKeysLine() {
        var result = OutputFixtures.quarter()
        result.grants = []
        result.warnings = []
        let text = OutputFixtures.text(ResultsJSON.bytes(for: result))
        #expect(text.hasSuffix("\n  ],\n  \"awards\": [],\n  \"warnings\": []\n}\n"))
    }

    @Test func resultsJSONParsesWithTheContractKeys() throws {
        let data = Data(ResultsJSON.bytes(for: OutputFixtures.quarter()))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let groups = try #require(root["groups"] as? [[String: Any]])
        #expect(groups.map { $0["group_id"] as? String } == ["g01", "g02", "g03", "g04"])
        #expect(groups[3]["district_rank"] is NSNull)
        #expect((groups[1]["reasons"] as? [String])?.count == 2)
        let awards = try #require(root["awards"] as? [[String: Any]])
        #expect(awards.map { $0["award_id"] as? String } == ["co-thi-dua", "dan-dau-phuong"])
        #expect(awards[1]["scope_unit"] as? String == "Khương Đình")
        #expect(awards[1]["group_id"] as? String == "g03")
    }

    @Test func resultsJSONLeavesOutColumnsTheYearOmits() {
        var result = OutputFixtures.quarter()
        result.achievements = []
        result.bonus = []
        result.deduction = []
        let text = OutputFixtures.text(ResultsJSON.bytes(for: result))
        #expect(!text.contains("\"criteria\""))
        #expect(!text.contains("\"bonus\""))
        #expect(text.contains("\"contents\""))
    }

    @Test func outputsAreByteIdenticalAcrossCalls() {
        let result = OutputFixtures.quarter()
        #expect(CSVReports.ranking(for: result) == CSVReports.ranking(for: result))
        #expect(ResultsJSON.bytes(for: result) == ResultsJSON.bytes(for: result))
        #expect(ReportMarkdown.bytes(for: result) == ReportMarkdown.bytes(for: result))
    }
}
