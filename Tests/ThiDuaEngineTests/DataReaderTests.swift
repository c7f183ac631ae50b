import Foundation
import ScoringKit
import Testing
@testable import ThiDuaEngine

@Suite struct DataReaderTests {
    @Test func readsValidFileIntoSortedInternedColumns() throws {
        let data = try DataFixture.parse(DataFixture.valid)
        #expect(data.file == "data.csv")
        #expect(data.rowCount == 3)
        #expect(data.periodNames == ["2020-Q1", "2020-Q2"])
        #expect(data.periodOfRow == [1, 0, 0])
        #expect(data.wardNames == ["Phường Hạ Đình", "Phường Khương Trung"])
        #expect(data.wardOfRow == [1, 1, 0])
        #expect(data.groupIDs == ["KT-01", "KT-01", "HD-07"])
        #expect(data.groupNames == ["Tổ dân phố số 1", "Tổ dân phố số 1", "Tổ dân phố số 7"])
        #expect(data.lineOfRow == [2, 3, 4])
        #expect(data.columnNames == ["households", "residents"])
        #expect(data.columns == [[121, 120, 80.5], [452, 450, 300]])
        #expect(data.headerColumns == ["period", "ward", "group_id", "group_name", "households", "residents", "note"])
        #expect(data.columnIndex("residents") == 1)
        #expect(data.columnIndex("note") == nil)
        #expect(data.columnIndex("fund_vnd") == nil)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let plain = try DataFixture.parse(DataFixture.valid)
        let withBOM = try DataReader.parse(
            bytes: [0xEF, 0xBB, 0xBF] + Array(DataFixture.valid.utf8),
            displayPath: "data.csv", numericColumns: DataFixture.numeric)
        #expect(withBOM.headerColumns.first == "period")
        #expect(withBOM.groupNames == plain.groupNames)
        #expect(withBOM.columns == plain.columns)
    }

    @Test func byteOrderMarkDoesNotShiftColumns() {
        let text = "period,ward,group_id,group_name,ward\n2020-Q1,P1,G1,Tổ 1,P1\n"
        #expect(DataFixture.errors(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8)) == [
            "data.csv:1:33: error: column 'ward' appears twice in the header (first as field 2)",
        ])
    }

    @Test func crlfLineEndsAndMissingFinalNewline() throws {
        let text = DataFixture.valid.split(separator: "\n").joined(separator: "\r\n")
        let data = try DataFixture.parse(text)
        #expect(data.rowCount == 3)
        #expect(data.lineOfRow == [2, 3, 4])
        #expect(data.groupNames.last == "Tổ dân phố số 7")
        #expect(data.columns[1] == [452, 450, 300])
    }

    @Test func crlfErrorsKeepPhysicalLines() {
        let text = "\(DataFixture.header)\r\n2020-Q1,P1,G1,Tổ 1,1,2,\r\n2020-Q1,P1,G2,Tổ 2,x,2,\r\n"
        #expect(DataFixture.errors(text) == ["data.csv:3:20: error: column 'households': 'x' is not a number"])
    }

    @Test func trailingBlankLinesAreIgnored() throws {
        let data = try DataFixture.parse(DataFixture.valid + "\n\r\n,,,,,,\n")
        #expect(data.rowCount == 3)
    }

    @Test func vietnameseTextRoundTripsWithoutNormalization() throws {
        // "Đình" spelt with a combining grave (NFD) must stay NFD: the
        // reader reports what the file says and never normalizes.
        let decomposed = "Phu\u{031B}o\u{031B}\u{0300}ng Ha\u{0323} Đi\u{0300}nh"
        let name = "Tổ dân phố số 5 \"Hòa Bình\""
        let quoted = "\"Tổ dân phố số 5 \"\"Hòa Bình\"\"\""
        let text = "\(DataFixture.header)\n2020-Q1,\(decomposed),HĐ-05,\(quoted),1,2,\n"
        let data = try DataFixture.parse(text)
        #expect(Array(data.wardNames[0].unicodeScalars) == Array(decomposed.unicodeScalars))
        #expect(Array(data.groupNames[0].utf8) == Array(name.utf8))
        #expect(data.groupIDs == ["HĐ-05"])
    }

    @Test func sameGroupInDifferentPeriodsIsAllowed() throws {
        let data = try DataFixture.parse(DataFixture.valid)
        #expect(data.groupIDs.filter { $0 == "KT-01" }.count == 2)
    }

    @Test func identityCellsAreTrimmedAndExtraColumnsIgnored() throws {
        let text = "period , ward,group_id,group_name,note,households\n 2020-Q3 , P1 ,\" G1 \", Tổ 1 ,\"a, b\",5\n"
        let data = try DataFixture.parse(text)
        #expect(data.headerColumns == ["period", "ward", "group_id", "group_name", "note", "households"])
        #expect(data.periodNames == ["2020-Q3"])
        #expect(data.wardNames == ["P1"])
        #expect(data.groupIDs == ["G1"])
        #expect(data.groupNames == ["Tổ 1"])
        #expect(data.columnNames == ["households"])
        #expect(data.columns == [[5]])
    }

    @Test func numericColumnsFollowHeaderOrderNotRequestOrder() throws {
        let text = "residents,period,ward,group_id,group_name,households\n7,2020-Q1,P1,G1,Tổ 1,3\n"
        let data = try DataFixture.parse(text)
        #expect(data.columnNames == ["residents", "households"])
        #expect(data.columns == [[7], [3]])
    }

    @Test func readsFileFromDisk() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("thidua-data-reader-\(UInt64.random(in: 0...UInt64.max)).csv").path
        try Data(DataFixture.valid.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = try DataReader.read(contentsOf: path, displayPath: "quy1.csv", numericColumns: DataFixture.numeric)
        #expect(data.file == "quy1.csv")
        #expect(data.rowCount == 3)
        // The manifest's digest, taken of the bytes parsed when it is asked for.
        #expect(try DataReader.read(contentsOf: path, displayPath: "quy1.csv", numericColumns: [], jobs: 1,
                                    fingerprint: false, progress: nil).digest == nil)
        let mapped = try DataFileContents.load(path: path, jobs: 1).isMapped
        for jobs in [1, 2] {
            let again = try DataReader.read(contentsOf: path, displayPath: "quy1.csv", numericColumns: [], jobs: jobs,
                                            fingerprint: true, progress: nil)
            // A mapped file's, not before the manifest asks for it; a copy's at once.
            #expect(again.digest?.isKnown == !mapped)
            #expect(try again.digest?.hexDigest() == Fingerprint.hexDigest(Array(DataFixture.valid.utf8)))
            #expect(again.digest?.isKnown == true)
        }
    }

    @Test func unreadableFileIsReportedWithoutLocation() {
        #expect {
            try DataReader.read(contentsOf: "/nonexistent/quy1.csv", displayPath: "data/quy1.csv", numericColumns: [])
        } throws: { error in
            guard let error = error as? DiagnosticError, let only = error.diagnostics.first else { return false }
            return error.diagnostics.count == 1 && only.location == nil
                && only.message == "cannot read data file 'data/quy1.csv': No such file or directory"
        }
        #expect(throws: DiagnosticError.self) {
            try DataReader.read(contentsOf: "/tmp", displayPath: "tmp", numericColumns: [])
        }
    }
}
