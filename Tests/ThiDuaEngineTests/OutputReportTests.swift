import Testing
@testable import ThiDuaEngine

/// `report.md` for a hand-built quarter.
struct OutputReportTests {
    let report = ReportMarkdown.text(for: OutputFixtures.quarter())

    @Test func hasEverySectionInOrder() throws {
        let headings = report.split(separator: "\n").filter { $0.hasPrefix("#") }.map(String.init)
        #expect(headings == [
            "# Báo cáo kết quả thi đua — 2020-Q1",
            "## 1. Tóm tắt _(Summary)_",
            "## 2. Xếp loại theo phường _(Tiers by ward)_",
            "## 3. Khen thưởng _(Awards)_",
            "### 3.1. Cờ thi đua của UBND quận",
            "### 3.2. Dẫn đầu \\| phường",
            "### 3.3. Giấy khen",
            "## 4. Ba tổ dẫn đầu mỗi phường _(Top 3 of each ward)_",
            "### Hạ Đình",
            "### Khương Đình",
            "## 5. Cảnh báo _(Warnings)_",
        ])
    }

    @Test func summaryCountsGroupsEligibleAndTiers() {
        #expect(report.contains("- Số tổ dân phố _(groups)_: 4\n"))
        #expect(report.contains("- Đủ điều kiện _(eligible)_: 2\n"))
        #expect(report.contains("- Xếp loại _(tiers)_: Xuất sắc: 1; Tốt: 2; Chưa đạt: 1\n"))
        #expect(report.contains("- Khen thưởng đã trao _(awards granted)_: 2\n"))
    }

    @Test func tierTableHasOneRowPerWardAndADistrictTotal() {
        #expect(report.contains("| Phường _(ward)_ | Xuất sắc | Tốt | Chưa đạt | Tổng _(total)_ |\n|---|---:|---:|---:|---:|\n"))
        #expect(report.contains("| Hạ Đình | 1 | 0 | 1 | 2 |\n"))
        #expect(report.contains("| Khương Đình | 0 | 2 | 0 | 2 |\n"))
        #expect(report.contains("| **Toàn quận _(district)_** | **1** | **2** | **1** | **4** |\n"))
    }

    @Test func awardsListWinnersWithTheirScopeRankOrNone() {
        #expect(report.contains("| 1 | Tổ dân phố số 1 (g01) | Hạ Đình | 98.00 |\n"))
        #expect(report.contains("| Hạng trong phường _(ward rank)_ | Tổ dân phố _(group)_ | Phường _(ward)_ |"))
        #expect(report.contains("| 1 | Tổ 3, \"Phố Mới\" (g03) | Khương Đình | 85.25 |\n"))
        #expect(report.contains("### 3.3. Giấy khen\n\nPhạm vi _(scope)_: toàn quận _(district)_; "
            + "số tổ được khen _(winners)_: 0.\n\nKhông có _(none)_.\n"))
    }

    @Test func topOfEachWardSkipsUnrankedAndKeepsTies() {
        #expect(report.contains("### Hạ Đình\n\n| Hạng _(rank)_ | Tổ dân phố _(group)_ | Tổng điểm _(total)_ "
            + "| Xếp loại _(tier)_ |\n|---:|---|---:|---|\n| 1 | Tổ dân phố số 1 (g01) | 98.00 | Xuất sắc |\n\n"))
        #expect(report.contains("| 1 | =HYPERLINK(\"x\") (g02) | 85.25 | Tốt |\n| 1 | Tổ 3, \"Phố Mới\" (g03) | 85.25 | Tốt |\n"))
        #expect(!report.contains("(g04) | 0.00 | Chưa đạt"))
    }

    @Test func warningsAreListedOrNone() {
        #expect(report.hasSuffix("## 5. Cảnh báo _(Warnings)_\n\n- tie at the cutoff of 'giay-khen': g02, g03 share rank 2\n"))
        var quiet = OutputFixtures.quarter()
        quiet.warnings = []
        #expect(ReportMarkdown.text(for: quiet).hasSuffix("## 5. Cảnh báo _(Warnings)_\n\nKhông có _(none)_.\n"))
    }

    @Test(arguments: [("a|b", "a\\|b"), ("a\\|b", "a\\\\\\|b"), ("two\nlines", "two lines"), ("crlf\r\nx", "crlf x")])
    func escapesTableCells(raw: String, escaped: String) {
        #expect(ReportMarkdown.cell(raw) == escaped)
    }

    @Test func groupsWithoutATierGetTheirOwnColumn() {
        var result = OutputFixtures.quarter()
        result.tierOfRow = [0, 1, 1, -1]
        let text = ReportMarkdown.text(for: result)
        #expect(text.contains("| Chưa đạt | Chưa xếp loại _(no tier)_ | Tổng _(total)_ |"))
        #expect(text.contains("| Hạ Đình | 1 | 0 | 0 | 1 | 2 |\n"))
    }
}
