import Foundation
import Testing

/// The shipped config variants through the binary: each runs, and
/// `validate --print-effective` prints YAML that runs the same.
@Suite struct ConfigVariantTests {
    static let variants = ["Configs/variants/environment-first.yaml", "Configs/variants/strict-floor.yaml"]

    @Test(arguments: variants)
    func printedEffectiveConfigRunsExactlyLikeTheVariant(variant: String) throws {
        let printed = try CLIRunner.run(["validate", variant, "--print-effective"])
        #expect(printed.status == 0, "stderr: \(printed.stderr)")
        #expect(printed.stderr.isEmpty)
        #expect(printed.stdout.hasPrefix("# Effective config of \(variant) → Configs/thanh-xuan-2020.yaml\n"))
        #expect(!printed.stdout.contains("extends:"))
        #expect(printed.stdout.contains("  data: ../data/thanh-xuan-2020.csv\n"))
        let again = try CLIRunner.run(["validate", variant, "--print-effective"])
        #expect(again.stdout == printed.stdout, "the same config prints the same text")

        // Saved beside the variant (a copy of Configs/), the printed config is a round of its own.
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let configs = folder.appendingPathComponent("Configs")
        try FileManager.default.copyItem(at: CLIRunner.packageRoot.appendingPathComponent("Configs"), to: configs)
        try printed.stdout.write(to: configs.appendingPathComponent("variants/effective.yaml"),
                                 atomically: true, encoding: .utf8)
        let fromVariant = try CLIRunner.run(["run", variant, "--out", "variant-out", "--quiet"], in: folder)
        let fromPrinted = try CLIRunner.run(["run", "Configs/variants/effective.yaml", "--out", "printed-out", "--quiet"],
                                            in: folder)
        #expect(fromVariant.status == 0, "stderr: \(fromVariant.stderr)")
        #expect(fromPrinted.status == 0, "stderr: \(fromPrinted.stderr)")
        let files = CLIRunner.files(under: folder.appendingPathComponent("variant-out")).filter { $0 != "manifest.json" }
        #expect(files.count == 20)
        #expect(files == CLIRunner.files(under: folder.appendingPathComponent("printed-out")).filter { $0 != "manifest.json" })
        for file in files {
            let a = try Data(contentsOf: folder.appendingPathComponent("variant-out/" + file))
            let b = try Data(contentsOf: folder.appendingPathComponent("printed-out/" + file))
            #expect(a == b, "\(file) differs")
        }
    }

    @Test func manifestOfAVariantFingerprintsTheConfigItExtends() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let variant = try CLIRunner.run(["run", Self.variants[0], "--period", "2020-Q1", "--quiet",
                                         "--out", folder.appendingPathComponent("variant").path])
        let base = try CLIRunner.run(["run", "Configs/thanh-xuan-2020.yaml", "--period", "2020-Q1", "--quiet",
                                      "--out", folder.appendingPathComponent("base").path])
        #expect(variant.status == 0 && base.status == 0, "stderr: \(variant.stderr) \(base.stderr)")
        func manifest(_ name: String) throws -> [String: Any] {
            let data = try Data(contentsOf: folder.appendingPathComponent(name + "/manifest.json"))
            return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        }
        let variantManifest = try manifest("variant"), baseManifest = try manifest("base")
        let extends = try #require(variantManifest["extends"] as? [[String: String]])
        let baseConfig = try #require(baseManifest["config"] as? [String: String])
        #expect(extends.map { $0["path"] } == ["Configs/variants/../thanh-xuan-2020.yaml"]
            || extends.map { $0["path"] } == ["Configs/thanh-xuan-2020.yaml"], "extends: \(extends)")
        #expect(extends.first?["sha256"] == baseConfig["sha256"])
        #expect((variantManifest["config"] as? [String: String])?["sha256"] != baseConfig["sha256"])
        #expect((baseManifest["extends"] as? [Any])?.isEmpty == true)
    }

    @Test func variantsChangeWhatTheyPromise() throws {
        let strict = try CLIRunner.run(["validate", "Configs/variants/strict-floor.yaml", "--print-effective"])
        #expect(strict.stdout.contains("content_floor: 0.6\n"))
        #expect(strict.stdout.contains("- id: order_violations_limit\n"))
        let environment = try CLIRunner.run(["validate", "Configs/variants/environment-first.yaml", "--print-effective"])
        #expect(environment.stdout.contains("- id: environment\n  title: \"Bảo vệ môi trường, cảnh quan sáng – xanh – sạch – đẹp\"\n  points: 25\n"))
        #expect(environment.stdout.contains("ranking: {tie_break: [environment, culture]}\n"))
    }

    @Test func variantErrorsNameTheFileThatWroteTheValue() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "extends: b.yaml\n".write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try "extends: a.yaml\n".write(to: folder.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        let cycle = try CLIRunner.run(["validate", "a.yaml"], in: folder)
        #expect(cycle.status == 1)
        #expect(cycle.stderr.hasPrefix("b.yaml:1:10: error: 'extends' makes a cycle: a.yaml → b.yaml → a.yaml\n"))
        #expect(cycle.stdout.isEmpty)
        let usage = try CLIRunner.run(["validate", "a.yaml", "--print-effective", "--period", "2020-Q1"], in: folder)
        #expect(usage.status == 64)
    }
}
