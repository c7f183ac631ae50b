import ScoringKit
import Testing
@testable import ThiDuaEngine

/// Shared inputs and helpers for the data reader's tests.
enum DataFixture {
    /// The indicator columns the tests ask for; `fund_vnd` is deliberately
    /// absent from every header, which must not be an error here.
    static let numeric: Set<String> = ["households", "residents", "fund_vnd"]

    /// The header most tests use: identity columns, two indicators and a
    /// text column the reader must ignore.
    static let header = "period,ward,group_id,group_name,households,residents,note"

    /// A small valid file: two periods, two wards, one group in both periods.
    static let valid = """
        period,ward,group_id,group_name,households,residents,note
        2020-Q2,Phường Khương Trung,KT-01,Tổ dân phố số 1,121,452,đã kiểm tra
        2020-Q1,Phường Khương Trung,KT-01,Tổ dân phố số 1,120,450,
        2020-Q1,Phường Hạ Đình,HD-07,Tổ dân phố số 7,80.5,300,x

        """

    /// Parses `text` (UTF-8) as `data.csv`.
    static func parse(_ text: String, numeric: Set<String> = numeric) throws -> DataSet {
        try DataReader.parse(bytes: Array(text.utf8), displayPath: "data.csv", numericColumns: numeric)
    }

    /// The diagnostics parsing `bytes` throws, as `file:line:column: error:
    /// message` without hints; empty when it parses.
    static func errors(bytes: [UInt8], numeric: Set<String> = numeric) -> [String] {
        diagnostics(bytes: bytes, numeric: numeric).map { diagnostic in
            (diagnostic.location.map { "\($0): " } ?? "") + "error: \(diagnostic.message)"
        }
    }

    /// The diagnostics parsing `text` throws, formatted as `errors(bytes:)`.
    static func errors(_ text: String, numeric: Set<String> = numeric) -> [String] {
        errors(bytes: Array(text.utf8), numeric: numeric)
    }

    /// The diagnostics parsing `bytes` throws; empty when it parses.
    static func diagnostics(bytes: [UInt8], numeric: Set<String> = numeric) -> [Diagnostic] {
        do {
            _ = try DataReader.parse(bytes: bytes, displayPath: "data.csv", numericColumns: numeric)
            return []
        } catch let error as DiagnosticError {
            return error.diagnostics
        } catch {
            Issue.record("unexpected error type: \(error)")
            return []
        }
    }

    /// The hint of the only diagnostic parsing `text` throws.
    static func hint(_ text: String) -> String? {
        let found = diagnostics(bytes: Array(text.utf8), numeric: numeric)
        #expect(found.count == 1)
        return found.first?.hint
    }

    /// A one-row file whose `households` cell is `cell` (written verbatim,
    /// so quotes and spaces are the caller's).
    static func row(households cell: String) -> String {
        "\(header)\n2020-Q1,P1,G1,Tổ 1,\(cell),10,\n"
    }

    /// The `households` value of the one-row file `row(households:)` makes.
    static func households(_ cell: String) throws -> Double? {
        let data = try parse(row(households: cell))
        return data.columnIndex("households").map { data.columns[$0][0] }
    }

    /// `text` without surrounding ASCII spaces, as the reader trims cells.
    static func trimmed(_ text: String) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
