import Foundation
@testable import ThiDuaEngine

/// Small hand-built results and scratch folders shared by the output tests.
enum OutputFixtures {
    /// Four groups in two wards: a clear winner, two groups tied on every
    /// key (one with a formula-like name), and an unranked group with a
    /// negative zero and a deduction.
    static func quarter() -> PeriodResult {
        PeriodResult(
            period: "2020-Q1",
            groupIDs: ["g01", "g02", "g03", "g04"],
            groupNames: ["Tổ dân phố số 1", "=HYPERLINK(\"x\")", "Tổ 3, \"Phố Mới\"", "Tổ 4"],
            wardOfRow: [0, 1, 1, 0],
            wardNames: ["Hạ Đình", "Khương Đình"],
            contentIDs: ["economy", "culture"],
            contentPoints: [[48.5, 40, 40, -0.0], [47.5, 45.25, 45.25, 10.004]],
            criterionIDs: ["fund", "families", "models"],
            achievements: [[1, 0.5, 0.5, 0], [0.9, 0.25, 0.25, 0.1], [0.95, 1, 1, 0]],
            bonus: [2, 0, 0, 0],
            deduction: [0, 0, 0, 20],
            total: [98, 85.25, 85.25, 0],
            tierNames: ["Xuất sắc", "Tốt", "Chưa đạt"],
            tierOfRow: [0, 1, 1, 2],
            eligible: [true, false, true, false],
            reasons: [[], ["gate order_violations failed", "culture below floor"], [], ["deducted"]],
            wardRank: [1, 1, 1, 0],
            districtRank: [1, 2, 2, 0],
            order: [0, 1, 2, 3],
            awardDefinitions: [
                AwardDefinition(id: "co-thi-dua", title: "Cờ thi đua của UBND quận", scope: .district, minTier: 0),
                AwardDefinition(id: "dan-dau-phuong", title: "Dẫn đầu | phường", scope: .ward, minTier: 1),
                AwardDefinition(id: "giay-khen", title: "Giấy khen", scope: .district, minTier: 1),
            ],
            grants: [
                AwardGrant(award: 0, scopeUnit: "district", row: 0),
                AwardGrant(award: 1, scopeUnit: "Khương Đình", row: 2),
            ],
            warnings: ["tie at the cutoff of 'giay-khen': g02, g03 share rank 2"]
        )
    }

    /// A manifest with fixed values.
    static func manifest() -> Manifest {
        Manifest(
            toolVersion: "0.1.0",
            config: .init(path: "Configs/thanh-xuan-2020.yaml", sha256: String(repeating: "a", count: 64)),
            extendedConfigs: [.init(path: "Configs/base.yaml", sha256: String(repeating: "c", count: 64))],
            dataFiles: [.init(path: "Configs/data/thanh-xuan-2020.csv", sha256: String(repeating: "b", count: 64))],
            plugins: [.init(name: "bonus", version: "1.0.0"), .init(name: "linear", version: "1.0.0")],
            periods: ["2020-Q1"],
            threadCount: 2,
            startTime: Date(timeIntervalSince1970: 1_585_729_800.25),
            durationSeconds: 0.5
        )
    }

    /// A fresh, empty scratch folder; the caller removes it.
    static func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("thidua-output-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The UTF-8 text of `bytes`, for comparisons.
    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
