import Foundation
import Testing

/// Runs the built `thidua` binary the way a user does and captures what it did.
struct CLIRunner {
    /// What one run printed and returned.
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `thidua` executable: `THIDUA_BIN`, or the one SwiftPM built next
    /// to this test bundle (the test target depends on it, so it is built).
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["THIDUA_BIN"] { return URL(fileURLWithPath: path) }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // Linux: .build/<triple>/debug/thiduaPackageTests.xctest; macOS: …/debug/X.xctest/Contents/MacOS/X.
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("thidua")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/thidua")
    }()

    /// Runs `thidua` with `arguments` in `directory` (the package root by default).
    /// - Parameter standardOutput: Where the command's stdout goes instead
    ///   of a pipe (the outcome's `stdout` is then empty).
    static func run(_ arguments: [String], in directory: URL = packageRoot,
                    standardOutput: FileHandle? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = standardOutput ?? stdout
        if standardOutput != nil { try stdout.fileHandleForWriting.close() }
        process.standardError = stderr
        try process.run()
        // Read both pipes before waiting, so a large output cannot block the child.
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        let errData = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary folder, removed by the caller with `cleanUp`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every regular file under `root`, as relative paths, sorted.
    static func files(under root: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var result: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory),
               !isDirectory.boolValue {
                result.append(path)
            }
        }
        return result.sorted()
    }

    /// The bytes of every file of an output folder but `manifest.json`
    /// (which records times and threads), by relative path.
    static func outputFiles(under root: URL) throws -> [String: Data] {
        var contents: [String: Data] = [:]
        for path in files(under: root) where path != "manifest.json" {
            contents[path] = try Data(contentsOf: root.appendingPathComponent(path))
        }
        return contents
    }

    /// `thidua run config` once per entry of `jobs` (each into its own
    /// folder under `folder`, quietly), expecting each to succeed; the output
    /// files of each run but the manifest, for comparing them byte for byte.
    static func outputsOfRuns(_ config: String, jobs: [String], in folder: URL,
                              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [[String: Data]] {
        try jobs.map { jobs in
            let out = folder.appendingPathComponent("jobs-\(jobs)")
            let outcome = try run(["run", config, "--jobs", jobs, "--out", out.path, "--quiet"])
            #expect(outcome.status == 0, "stderr: \(outcome.stderr.prefix(500))", sourceLocation: sourceLocation)
            return try outputFiles(under: out)
        }
    }
}
