import Foundation
import Testing
@testable import ThiDuaEngine

/// Report files land where the file system puts the path, links included.
@Suite struct AtomicReportFileTests {
    private static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A link to a file not made yet stays a link; the file it names is made.
    @Test func aLinkToAFileNotMadeYetKeepsPointingThere() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("report.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.json")
        try AtomicReportFile.write(Array("{}\n".utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.json")
        #expect(try String(contentsOfFile: folder.appendingPathComponent("target.json").path, encoding: .utf8) == "{}\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["report.json", "target.json"])
    }

    /// `link/..` is the parent of the folder the link names, as the file
    /// system reads it, not the folder the link sits in.
    @Test func dotDotAfterALinkIsTheLinkTargetsParent() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let deep = folder.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("sub/link").path,
                                                   withDestinationPath: deep.path)
        let path = folder.appendingPathComponent("sub/link/../r.json").path
        try AtomicReportFile.write(Array("x".utf8), to: path)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("a/r.json").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("sub/r.json").path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "x")
    }

    /// The check before a command's work looks at the file a link names:
    /// a link into a folder that does not exist is refused then, not once
    /// the work is done.
    @Test func aLinkIntoAMissingFolderIsRefusedUpFront() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("report.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.path + "/missing/t.json")
        #expect {
            try AtomicReportFile.checkPath(link)
        } throws: { error in
            "\(error)".contains("cannot write '\(link)': the folder '") && "\(error)".contains("/missing' does not exist")
        }
    }
}
