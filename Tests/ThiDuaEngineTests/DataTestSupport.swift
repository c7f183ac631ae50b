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

    /// Parses `text` (UTF-8) as `data.csv`, checking that parsing it in
    /// parallel chunks gives the same data.
    static func parse(_ text: String, numeric: Set<String> = numeric) throws -> DataSet {
        try parseEveryWay(Array(text.utf8), numeric: numeric)
    }

    /// Chunk counts every parse of a test is repeated with.
    static let chunkCounts = [2, 3, 7]

    /// Parses `bytes` in one pass, then in each of `chunkCounts` chunks, and
    /// expects the same data set or the same diagnostics every time.
    /// - Returns: The one-pass result.
    /// - Throws: The one-pass error.
    static func parseEveryWay(_ bytes: [UInt8], numeric: Set<String> = numeric,
                              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> DataSet {
        let serial = outcome(bytes, numeric: numeric, chunks: 1)
        for chunks in chunkCounts {
            let chunked = outcome(bytes, numeric: numeric, chunks: chunks)
            #expect(chunked == serial, "\(chunks) chunks", sourceLocation: sourceLocation)
        }
        switch serial {
        case .data(let data): return data.data
        case .diagnostics(let diagnostics): throw DiagnosticError(diagnostics)
        }
    }

    /// What parsing gave: the data, or the diagnostics thrown.
    enum Outcome: Equatable {
        case data(ComparableDataSet)
        case diagnostics([Diagnostic])
    }

    /// The data or the diagnostics of parsing `bytes` in `chunks` chunks.
    static func outcome(_ bytes: [UInt8], numeric: Set<String>, chunks: Int) -> Outcome {
        do {
            return .data(ComparableDataSet(try DataReader.parse(
                bytes: bytes, displayPath: "data.csv", numericColumns: numeric, chunks: chunks, jobs: 2, progress: nil)))
        } catch let error as DiagnosticError {
            return .diagnostics(error.diagnostics)
        } catch {
            Issue.record("unexpected error type: \(error)")
            return .diagnostics([])
        }
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

    /// The diagnostics parsing `bytes` throws; empty when it parses. Parsing
    /// in parallel chunks must throw the same.
    static func diagnostics(bytes: [UInt8], numeric: Set<String> = numeric) -> [Diagnostic] {
        do {
            _ = try parseEveryWay(bytes, numeric: numeric)
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

/// A `DataSet` with the two results compared field by field: what parsing
/// in chunks must reproduce exactly.
struct ComparableDataSet: Equatable {
    let data: DataSet

    init(_ data: DataSet) {
        self.data = data
    }

    static func == (left: ComparableDataSet, right: ComparableDataSet) -> Bool {
        let a = left.data, b = right.data
        return a.files == b.files && a.fileOfRow == b.fileOfRow && a.rowCount == b.rowCount
            && a.periodNames == b.periodNames && a.periodOfRow == b.periodOfRow
            && a.wardNames.map { Array($0.utf8) } == b.wardNames.map { Array($0.utf8) } && a.wardOfRow == b.wardOfRow
            && a.groupIDs.map { Array($0.utf8) } == b.groupIDs.map { Array($0.utf8) }
            && a.groupNames.map { Array($0.utf8) } == b.groupNames.map { Array($0.utf8) }
            && a.lineOfRow == b.lineOfRow && a.columnNames == b.columnNames
            && a.columns.map { $0.map(\.bitPattern) } == b.columns.map { $0.map(\.bitPattern) }
            && a.headerColumns == b.headerColumns
    }
}
