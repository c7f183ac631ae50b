import Foundation
import ScoringKit
import Testing
@testable import ThiDuaEngine

/// `OutputDirectory.writeAtomically`: all or nothing, never someone else's folder.
struct OutputDirectoryTests {
    let manifest: OutputFile = (relativePath: "manifest.json", bytes: OutputFixtures.manifest().jsonBytes)

    /// Names in `folder` that are temporary or set-aside siblings.
    func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
    }

    func read(_ url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    @Test func writesANewFolderCreatingItsParents() throws {
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("a/b/out")
        try OutputDirectory.writeAtomically(
            to: out.path, files: [(relativePath: "2020-Q1/ranking.csv", bytes: Array("x".utf8)), manifest])
        #expect(try read(out.appendingPathComponent("2020-Q1/ranking.csv")) == "x")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path))
        #expect(try leftovers(in: out.deletingLastPathComponent()).isEmpty)
    }

    @Test func replacesAnEarlierOutputCompletely() throws {
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        try OutputDirectory.writeAtomically(
            to: out.path, files: [(relativePath: "2019-Q4/report.md", bytes: Array("old".utf8)), manifest])
        try OutputDirectory.writeAtomically(
            to: out.path + "/", files: [(relativePath: "2020-Q1/report.md", bytes: Array("new".utf8)), manifest])
        #expect(try read(out.appendingPathComponent("2020-Q1/report.md")) == "new")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("2019-Q4").path))
        #expect(try leftovers(in: scratch).isEmpty)
    }

    @Test func fillsAnEmptyExistingFolder() throws {
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        try Data().write(to: out.appendingPathComponent(".DS_Store"))
        try OutputDirectory.writeAtomically(to: out.path, files: [manifest])
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path))
        #expect(try leftovers(in: scratch).isEmpty)
    }

    @Test(arguments: [
        ("notes.txt", "keep me"),
        ("manifest.json", #"{ "name": "some web app", "start_url": "/" }"#),
    ])
    func refusesAForeignNonEmptyFolder(file: String, contents: String) throws {
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        try Data(contents.utf8).write(to: out.appendingPathComponent(file))
        let error = #expect(throws: DiagnosticError.self) {
            try OutputDirectory.writeAtomically(to: out.path, files: [manifest])
        }
        #expect(error?.diagnostics.first?.location == nil)
        #expect(error?.diagnostics.first?.message.contains("refusing to overwrite") == true)
        #expect(error?.diagnostics.first?.hint != nil)
        #expect(try read(out.appendingPathComponent(file)) == contents)
        #expect(try leftovers(in: scratch).isEmpty)
    }

    @Test func refusesAFile() throws {
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("results.csv")
        try Data("data".utf8).write(to: out)
        #expect(throws: DiagnosticError.self) {
            try OutputDirectory.writeAtomically(to: out.path, files: [manifest])
        }
        #expect(try read(out) == "data")
    }

    @Test func refusesASymbolicLink() throws {
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let real = scratch.appendingPathComponent("real")
        try OutputDirectory.writeAtomically(to: real.path, files: [manifest])
        let link = scratch.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        let error = #expect(throws: DiagnosticError.self) {
            try OutputDirectory.writeAtomically(to: link.path, files: [manifest])
        }
        #expect(error?.diagnostics.first?.message.contains("symbolic link") == true)
    }

    @Test func failureLeavesNoParentFolderItCreated() throws {
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("new/nested/out")
        let clashing: [OutputFile] = [(relativePath: "a", bytes: [1]), (relativePath: "a/b", bytes: [2])]
        #expect(throws: DiagnosticError.self) { try OutputDirectory.writeAtomically(to: out.path, files: clashing) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    @Test func failureMidwayLeavesNoTemporaryFolderAndKeepsTheEarlierOutput() throws {
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        // "a" is written as a file, so the folder "a/" for "a/b" cannot be made.
        let clashing: [OutputFile] = [(relativePath: "a", bytes: [1]), (relativePath: "a/b", bytes: [2]), manifest]
        #expect(throws: DiagnosticError.self) { try OutputDirectory.writeAtomically(to: out.path, files: clashing) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)

        try OutputDirectory.writeAtomically(
            to: out.path, files: [(relativePath: "2020-Q1/report.md", bytes: Array("kept".utf8)), manifest])
        #expect(throws: DiagnosticError.self) { try OutputDirectory.writeAtomically(to: out.path, files: clashing) }
        #expect(try read(out.appendingPathComponent("2020-Q1/report.md")) == "kept")
        #expect(try leftovers(in: scratch).isEmpty)
    }

    @Test(arguments: ["", "/etc/passwd", "../escape.csv", "2020-Q1/../../x", "a//b", "./a", "a/"])
    func rejectsPathsOutsideTheFolder(path: String) throws {
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        #expect(throws: DiagnosticError.self) {
            try OutputDirectory.writeAtomically(to: out.path, files: [(relativePath: path, bytes: [])])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    @Test func rejectsAPathWrittenTwice() throws {
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect(throws: DiagnosticError.self) {
            try OutputDirectory.writeAtomically(
                to: scratch.appendingPathComponent("out").path, files: [manifest, manifest])
        }
    }

    @Test(arguments: [1, 3])
    func streamsEveryFileWithAnyNumberOfJobs(jobs: Int) throws {
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        let paths = ["manifest.json"] + (0..<7).map { "2020-Q\($0 % 4 + 1)/file-\($0).txt" }
        try OutputDirectory.writeAtomically(to: out.path, paths: paths, jobs: jobs, write: { index, sink in
            var buffer = ByteBuffer()
            // Several parts per file, as a national results.json is written.
            for part in 0..<3 {
                buffer.append(contentsOf: "\(paths[index]) part \(part)\n")
                try sink.drain(&buffer)
            }
        })
        for path in paths {
            #expect(try read(out.appendingPathComponent(path)) == (0..<3).map { "\(path) part \($0)\n" }.joined())
        }
        #expect(try leftovers(in: scratch).isEmpty)
    }

    @Test func aFileThatFailsMidwayLeavesTheEarlierOutputAndNoTemporaryFolder() throws {
        let scratch = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        try OutputDirectory.writeAtomically(
            to: out.path, files: [(relativePath: "2020-Q1/report.md", bytes: Array("kept".utf8)), manifest])
        let paths = ["manifest.json"] + (0..<6).map { "2020-Q1/file-\($0).txt" }
        let error = #expect(throws: DiagnosticError.self) {
            try OutputDirectory.writeAtomically(to: out.path, paths: paths, jobs: 2, write: { index, sink in
                var buffer = ByteBuffer()
                buffer.append(contentsOf: "partial")
                try sink.drain(&buffer)
                if index == 4 { throw DiagnosticError(at: nil, "cannot write 'file-3.txt': No space left on device") }
            })
        }
        #expect(error?.diagnostics.first?.message.contains("No space left") == true)
        #expect(try read(out.appendingPathComponent("2020-Q1/report.md")) == "kept")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("2020-Q1/file-0.txt").path))
        #expect(try leftovers(in: scratch).isEmpty)
    }
}
