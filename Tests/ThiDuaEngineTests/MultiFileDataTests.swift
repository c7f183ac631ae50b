import Foundation
import ScoringKit
import Testing
@testable import ThiDuaEngine

/// A round's data in several files: merged into one data set, named by a
/// list or a glob pattern, and checked across files.
@Suite struct MultiFileDataTests {
    static let q1Rows: [(String, String, String, Double, Double)] = [
        ("2020-Q1", "Kim Giang", "KG-01", 0.9, 0.8), ("2020-Q1", "Hạ Đình", "HD-01", 0.95, 0.4),
        ("2020-Q1", "Kim Giang", "KG-02", 0.5, 0.5), ("2020-Q1", "Hạ Đình", "HD-02", 0.9, 0.8),
    ]
    static let q2Rows: [(String, String, String, Double, Double)] = [
        ("2020-Q2", "Kim Giang", "KG-01", 1, 1), ("2020-Q2", "Khương Trung", "KT-01", 0.7, 0.9),
        ("2020-Q2", "Hạ Đình", "HD-01", 0.6, 0.3), ("2020-Q2", "Kim Giang", "KG-02", 0.95, 0.95),
    ]
    static let yaml = Fixture.config(awards: """
        awards:
          - { id: best, scope: district, min_tier: B, quota: { count: 2 } }
          - { id: ward-best, scope: ward, quota: { count: 1 } }
        """)

    /// Parses `text` as the data file `name`.
    static func part(_ text: String, _ name: String) throws -> DataSet {
        let config = try RoundConfigParser(registry: Fixture.registry).parse(
            root: YAMLDocument.parse(yaml, displayPath: "round.yaml"), displayPath: "round.yaml", baseDirectory: "")
        let numeric = Set(Round.knownIndicators).union(config.referencedColumns.map(\.name))
        return try DataReader.parse(bytes: Array(text.utf8), displayPath: name, numericColumns: numeric)
    }

    /// Every output file of every period, as bytes.
    static func outputs(_ round: Round) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for result in try Evaluator(round: round, jobs: 2).evaluate() {
            for file in OutputSet.periodFiles(for: result) { files[file.relativePath] = file.bytes }
        }
        return files
    }

    /// The diagnostics `body` throws, as printed.
    static func errors(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let error as DiagnosticError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    // MARK: merging

    @Test func twoQuarterFilesScoreExactlyLikeOneFile() throws {
        let single = try Fixture.round(Self.yaml, Fixture.csv(Self.q1Rows + Self.q2Rows))
        let merged = try DataSet.merging([
            Self.part(Fixture.csv(Self.q1Rows), "2020-Q1.csv"), Self.part(Fixture.csv(Self.q2Rows), "2020-Q2.csv"),
        ])
        let round = Round(config: single.config, data: merged, warnings: [])
        let expected = try Evaluator(round: single, jobs: 1).evaluate()
        let actual = try Evaluator(round: round, jobs: 1).evaluate()
        #expect(actual.map(\.total) == expected.map(\.total))
        #expect(actual.map(\.achievements) == expected.map(\.achievements))
        #expect(actual.map(\.order) == expected.map(\.order))
        #expect(actual.map(\.wardNames) == expected.map(\.wardNames))
        #expect(actual.map(\.grants) == expected.map(\.grants))
        #expect(try Self.outputs(round) == Self.outputs(single))
    }

    @Test func mergeReinternsPeriodsAndWardsInSortedOrderAndKeepsEachRowsFile() throws {
        let data = try DataSet.merging([
            Self.part(Fixture.csv(Self.q2Rows), "q2.csv"), Self.part(Fixture.csv(Self.q1Rows), "q1.csv"),
        ])
        #expect(data.rowCount == 8)
        #expect(data.files == ["q2.csv", "q1.csv"])
        #expect(data.file == "q2.csv, q1.csv")
        #expect(data.periodNames == ["2020-Q1", "2020-Q2"])
        #expect(data.wardNames == ["Hạ Đình", "Khương Trung", "Kim Giang"])
        #expect(data.periodOfRow == [1, 1, 1, 1, 0, 0, 0, 0])
        #expect(data.wardOfRow.map { data.wardNames[Int($0)] }
            == (Self.q2Rows + Self.q1Rows).map(\.1))
        #expect(data.fileOfRow == [0, 0, 0, 0, 1, 1, 1, 1])
        #expect(data.lineOfRow == [2, 3, 4, 5, 2, 3, 4, 5])
        #expect(data.location(ofRow: 5).description == "q1.csv:3:1")
        #expect(data.columnNames == ["s1", "s2"])
        #expect(data.columns[0] == (Self.q2Rows + Self.q1Rows).map(\.3))
    }

    @Test func canonicallyEquivalentWardsAcrossFilesAreOneWardSpeltAsTheEarlierFile() throws {
        let precomposed = "H\u{1EA1} \u{0110}\u{00EC}nh", decomposed = "Ha\u{0323} \u{0110}i\u{0300}nh"
        let data = try DataSet.merging([
            Self.part(Fixture.csv([("2020-Q1", precomposed, "HD-01", 1, 1)]), "a.csv"),
            Self.part(Fixture.csv([("2020-Q2", decomposed, "HD-01", 1, 1)]), "b.csv"),
        ])
        #expect(data.wardNames.count == 1)
        #expect(Array(data.wardNames[0].unicodeScalars) == Array(precomposed.unicodeScalars))
        #expect(data.wardOfRow == [0, 0])
    }

    @Test func onlyColumnsEveryFileHasAreKept() throws {
        let a = try Self.part(Fixture.csv([("2020-Q1", "W", "a", 1, 1)], extraHeader: ",households,note",
                                          extra: [",10,x"]), "a.csv")
        let b = try Self.part(Fixture.csv([("2020-Q2", "W", "a", 1, 1)]), "b.csv")
        let data = try DataSet.merging([a, b])
        #expect(a.columnNames == ["s1", "s2", "households"])
        #expect(data.columnNames == ["s1", "s2"])
        #expect(data.headerColumns == ["period", "ward", "group_id", "group_name", "s1", "s2", "households", "note"])
    }

    @Test func groupRepeatedAcrossFilesIsAnErrorNamingBothPlaces() throws {
        let a = try Self.part(Fixture.csv(Self.q1Rows), "a.csv")
        let b = try Self.part(Fixture.csv([("2020-Q2", "Kim Giang", "KG-01", 1, 1),
                                           ("2020-Q1", "Kim Giang", "KG-02", 1, 1)]), "b.csv")
        let errors = Self.errors { _ = try DataSet.merging([a, b]) }
        #expect(errors == [
            "b.csv:3:1: error: duplicate group 'KG-02' in period 2020-Q1\n"
                + "  hint: first at a.csv:4; each group has one row per period, across all data files",
        ])
    }

    @Test func evaluationErrorPointsAtTheRowsOwnFile() throws {
        let yaml = Fixture.config().replacingOccurrences(
            of: "measure: { value: s2 }", with: "measure: { value: s2, per: s1 }")
        let config = try RoundConfigParser(registry: Fixture.registry).parse(
            root: YAMLDocument.parse(yaml, displayPath: "round.yaml"), displayPath: "round.yaml", baseDirectory: "")
        let data = try DataSet.merging([
            Self.part(Fixture.csv(Self.q1Rows), "q1.csv"),
            Self.part(Fixture.csv([("2020-Q2", "W", "a", 1, 1), ("2020-Q2", "W", "zero", 0, 1)]), "q2.csv"),
        ])
        let evaluator = Evaluator(round: Round(config: config, data: data, warnings: []), jobs: 1)
        let errors = Self.errors { _ = try evaluator.evaluate(periods: ["2020-Q2"]) }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("q2.csv:3:1: error: 2020-Q2: group 'zero' (W): criterion 'k2':") == true)
    }

    // MARK: files named by the config

    /// A fresh folder holding `files` (relative path → text).
    static func folder(_ files: [String: String], name: String = "round") throws -> URL {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("thidua-multi-\(UUID().uuidString)").appendingPathComponent(name)
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    /// The sample config with `data:` set to `data` (YAML text).
    static func config(data: String) -> String {
        yaml.replacingOccurrences(of: "data: data.csv", with: "data: \(data)")
    }

    /// `line:column` of the first `text` in `config` (plus `offset` columns).
    static func place(of text: String, in config: String, offset: Int = 0) -> String {
        for (index, line) in config.components(separatedBy: "\n").enumerated() {
            if let range = line.range(of: text) {
                return "\(index + 1):\(line.unicodeScalars.distance(from: line.startIndex, to: range.lowerBound) + 1 + offset)"
            }
        }
        return "not found"
    }

    static func load(_ folder: URL, dataPaths: [String] = [], fingerprint: Bool = false) throws -> Round {
        try Round.load(configPath: folder.appendingPathComponent("round.yaml").path, dataPaths: dataPaths,
                       registry: Fixture.registry, fingerprint: fingerprint)
    }

    static let quarterFiles = [
        "data/2020-Q2.csv": Fixture.csv(q2Rows), "data/2020-Q1.csv": Fixture.csv(q1Rows),
        "data/notes.txt": "not data", "data/2020-Q9.csv/readme.txt": "a folder the pattern matches",
    ]

    @Test func configListsSeveralFilesInTheOrderWritten() throws {
        let folder = try Self.folder(Self.quarterFiles.merging(
            ["round.yaml": Self.config(data: "[data/2020-Q2.csv, data/2020-Q1.csv]")]) { $1 })
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let round = try Self.load(folder, fingerprint: true)
        #expect(round.data.files == ["data/2020-Q2.csv", "data/2020-Q1.csv"].map { folder.path + "/" + $0 })
        // Hashed only when asked for (for a manifest).
        #expect(try Self.load(folder).dataFileDigests.isEmpty)
        #expect(try round.dataFileDigests == ["data/2020-Q2.csv", "data/2020-Q1.csv"].map {
            Fingerprint.hexDigest(Array(Self.quarterFiles[$0, default: ""].utf8))
        })
        #expect(round.data.rowCount == 8)
        #expect(round.data.periodNames == ["2020-Q1", "2020-Q2"])
    }

    @Test(arguments: ["data/2020-Q*.csv", "\"data/2020-Q?.csv\"", "'data/2020-Q[0-4].csv'"])
    func configGlobReadsTheMatchesInSortedOrderSkippingFolders(pattern: String) throws {
        let folder = try Self.folder(Self.quarterFiles.merging(["round.yaml": Self.config(data: pattern)]) { $1 })
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let round = try Self.load(folder)
        #expect(round.data.files == ["data/2020-Q1.csv", "data/2020-Q2.csv"].map { folder.path + "/" + $0 })
        #expect(round.config.dataFiles.map(\.isPattern) == [true])
    }

    @Test func patternCharactersInTheConfigsFolderAreLiteral() throws {
        let folder = try Self.folder(Self.quarterFiles.merging(["round.yaml": Self.config(data: "data/*.csv")]) { $1 },
                                     name: "[draft] round?")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let round = try Self.load(folder)
        #expect(round.data.files == ["data/2020-Q1.csv", "data/2020-Q2.csv"].map { folder.path + "/" + $0 })
    }

    @Test func nameWithPatternCharactersThatIsAFileAndMatchesNothingIsReadAsIs() throws {
        let folder = try Self.folder([
            "round.yaml": Self.config(data: "'quý [1].csv'"),
            "quý [1].csv": Fixture.csv(Self.q1Rows + Self.q2Rows),
            "Báo cáo [2020]/q2.csv": Fixture.csv(Self.q2Rows),
        ])
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        #expect(try Self.load(folder).data.files == [folder.path + "/quý [1].csv"])
        let literal = folder.path + "/Báo cáo [2020]/q2.csv"
        let errors = Self.errors { _ = try Self.load(folder, dataPaths: [literal]) }
        #expect(errors.first?.contains("the data '\(literal)' has no rows for period '2020-Q1'") == true)
    }

    @Test func quarterFilesInEitherOrderGiveTheSameOutput() throws {
        let folder = try Self.folder(Self.quarterFiles.merging(
            ["round.yaml": Self.config(data: "[data/2020-Q2.csv, data/2020-Q1.csv]")]) { $1 })
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let listed = try Self.load(folder)
        let globbed = try Self.load(folder, dataPaths: [folder.path + "/data/2020-Q*.csv"])
        #expect(globbed.data.files.map { ($0 as NSString).lastPathComponent } == ["2020-Q1.csv", "2020-Q2.csv"])
        #expect(try Self.outputs(listed) == Self.outputs(globbed))
        let again = try Self.load(folder, dataPaths: [folder.path + "/data/2020-Q*.csv"])
        #expect(again.data.groupIDs == globbed.data.groupIDs && again.data.fileOfRow == globbed.data.fileOfRow)
    }

    @Test func aFileNamedTwiceIsReadOnce() throws {
        let folder = try Self.folder(Self.quarterFiles.merging(
            ["round.yaml": Self.config(data: "[data/2020-Q1.csv, data/2020-Q*.csv]")]) { $1 })
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let round = try Self.load(folder)
        #expect(round.data.files == ["data/2020-Q1.csv", "data/2020-Q2.csv"].map { folder.path + "/" + $0 })
    }

    @Test func patternMatchingNothingIsAnErrorAtItsPlaceInTheConfig() throws {
        let yaml = Self.config(data: "[data/2020-Q1.csv, data/2021-Q*.csv]")
        let folder = try Self.folder(Self.quarterFiles.merging(["round.yaml": yaml]) { $1 })
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let errors = Self.errors { _ = try Self.load(folder) }
        let config = folder.appendingPathComponent("round.yaml").path
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix(
            "\(config):\(Self.place(of: "data/2021", in: yaml)): error: no data file matches the pattern '\(folder.path)/data/2021-Q*.csv'") == true)
    }

    @Test func dataOptionPatternMatchingNothingNamesTheOption() throws {
        let folder = try Self.folder(Self.quarterFiles.merging(["round.yaml": Self.config(data: "data/2020-Q1.csv")]) { $1 })
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let pattern = folder.path + "/data/*.xlsx"
        let errors = Self.errors { _ = try Self.load(folder, dataPaths: [pattern]) }
        #expect(errors.first?.hasPrefix("error: --data '\(pattern)': no file matches the pattern") == true)
    }

    @Test func emptyDataListIsAConfigError() {
        let errors = Fixture.configErrors(Self.config(data: "[]"))
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix(
            "round.yaml:\(Self.place(of: "[]", in: Self.config(data: "[]"))): error: 'data' must name at least one file") == true)
    }

    @Test func missingReferencedColumnInOneFileIsReportedAtTheConfigNamingTheFile() throws {
        let q2WithoutS2 = Fixture.csv(Self.q2Rows).replacingOccurrences(of: ",s2\n", with: ",S2\n")
        let folder = try Self.folder([
            "round.yaml": Self.config(data: "[a.csv, b.csv]"),
            "a.csv": Fixture.csv(Self.q1Rows, extraHeader: ",households", extra: Self.q1Rows.map { _ in ",10" }),
            "b.csv": q2WithoutS2,
        ])
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let errors = Self.errors { _ = try Self.load(folder) }
        let config = folder.appendingPathComponent("round.yaml").path
        #expect(errors == [
            "\(config):\(Self.place(of: "value: s2", in: Self.yaml, offset: 7)): error: criterion 'k2': the data file '\(folder.path)/b.csv' has no column 's2'\n"
                + "  hint: '\(folder.path)/b.csv' has 'S2'; every data file must have each column the config reads "
                + "('\(folder.path)/a.csv' has it)",
        ])
    }

    @Test func knownIndicatorInOnlySomeFilesIsNotUsedUnlessReferenced() throws {
        let folder = try Self.folder([
            "round.yaml": Self.config(data: "[a.csv, b.csv]"),
            "a.csv": Fixture.csv(Self.q1Rows, extraHeader: ",households", extra: Self.q1Rows.map { _ in ",10" }),
            "b.csv": Fixture.csv(Self.q2Rows),
        ])
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let round = try Self.load(folder)
        #expect(round.data.columnNames == ["s1", "s2"])
        #expect(round.data.headerColumns.contains("households"))
    }

    @Test func errorsOfEveryFileAreReportedTogether() throws {
        let yaml = Self.config(data: "[a.csv, b.csv, missing.csv]")
        let folder = try Self.folder([
            "round.yaml": yaml,
            "a.csv": Fixture.csv(Self.q1Rows).replacingOccurrences(of: ",0.95,", with: ",-1,"),
            "b.csv": Fixture.csv(Self.q2Rows).replacingOccurrences(of: ",0.7,", with: ",x,"),
        ])
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let errors = Self.errors { _ = try Self.load(folder) }
        let config = folder.appendingPathComponent("round.yaml").path
        #expect(errors.count == 3)
        #expect(errors.count == 3 && errors[0].hasPrefix("\(folder.path)/a.csv:3:"))
        #expect(errors.count == 3 && errors[1].hasPrefix("\(folder.path)/b.csv:3:"))
        #expect(errors.count == 3 && errors[2].hasPrefix(
            "\(config):\(Self.place(of: "missing.csv", in: yaml)): error: cannot read data file '\(folder.path)/missing.csv'"))
    }

    @Test func manifestListsEveryDataFileWithItsDigest() throws {
        let folder = try Self.folder(Self.quarterFiles.merging(["round.yaml": Self.config(data: "data/2020-Q?.csv")]) { $1 })
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        // The digests taken as the data was parsed, or (data loaded without) of the files read again.
        for fingerprint in [true, false] {
            let round = try Self.load(folder, fingerprint: fingerprint)
            let manifest = try Manifest.make(round: round, periods: round.config.periods, jobs: 1,
                                             started: Date(timeIntervalSince1970: 0),
                                             finished: Date(timeIntervalSince1970: 1))
            #expect(manifest.dataFiles.map(\.path) == round.data.files)
            #expect(manifest.dataFiles.map(\.sha256) == [Self.q1Rows, Self.q2Rows].map {
                Fingerprint.hexDigest(Array(Fixture.csv($0).utf8))
            })
        }
    }
}
