#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import ThiDuaEngine

/// A data file mapped under a read lease, or read into an array where no
/// lease can be had: the same bytes either way, and nobody can shrink a
/// mapped file under the parser.
@Suite struct DataFileContentsTests {
    /// A file in a folder of its own, removed with the folder.
    private struct TemporaryFile {
        let folder: URL
        let path: String

        init(_ bytes: [UInt8]) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-contents-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = folder.appendingPathComponent("data.csv").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    private static func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 3) }
    }

    private static func read(_ contents: DataFileContents) -> [UInt8] {
        contents.withUnsafeBufferPointer { Array($0) }
    }

    #if os(Linux) && canImport(Glibc)
    /// A file this process owns is mapped, and the mapping holds its bytes.
    @Test(arguments: [1, 4_095, 4_096, 5_000_000])
    func aFileThisProcessOwnsIsMappedWithItsBytes(count: Int) throws {
        let expected = Self.bytes(count)
        let file = try TemporaryFile(expected)
        defer { file.remove() }
        let contents = try DataFileContents.load(path: file.path, jobs: 2)
        #expect(contents.isMapped)
        #expect(contents.count == count)
        #expect(Self.read(contents) == expected)
    }

    /// While the bytes are mapped, opening the file to write is held off
    /// (here without waiting: `O_NONBLOCK` is refused at once), and the
    /// lease-break signal does not end the process; once the contents are
    /// let go, the file opens for writing again.
    @Test func aMappedFileCannotBeOpenedToWriteUntilItIsLetGo() throws {
        let file = try TemporaryFile(Self.bytes(10_000))
        defer { file.remove() }
        var contents: DataFileContents? = try DataFileContents.load(path: file.path, jobs: 1)
        #expect(contents?.isMapped == true)
        let refused = open(file.path, O_WRONLY | O_TRUNC | O_NONBLOCK)
        let reason = errno
        if refused >= 0 { close(refused) }
        #expect(refused == -1)
        #expect(reason == EWOULDBLOCK)
        // The bytes are all still there.
        #expect(contents.map(Self.read) == Self.bytes(10_000))
        contents = nil
        let writer = open(file.path, O_WRONLY | O_NONBLOCK)
        #expect(writer >= 0)
        if writer >= 0 { close(writer) }
    }

    /// A file that is open for writing (an editor holds it) gets no lease:
    /// it is read into an array instead, with the same bytes.
    @Test func aFileOpenForWritingIsReadNotMapped() throws {
        let expected = Self.bytes(6 << 20)
        let file = try TemporaryFile(expected)
        defer { file.remove() }
        let writer = open(file.path, O_WRONLY)
        #expect(writer >= 0)
        defer { close(writer) }
        for jobs in [1, 2] {
            let contents = try DataFileContents.load(path: file.path, jobs: jobs)
            #expect(!contents.isMapped)
            #expect(Self.read(contents) == expected)
        }
    }
    #endif

    /// An empty file, or one that is not a regular file, is read, not
    /// mapped; a missing one is an error with the system's reason.
    @Test func emptyFilesDevicesAndMissingFilesAreNotMapped() throws {
        let file = try TemporaryFile([])
        defer { file.remove() }
        let empty = try DataFileContents.load(path: file.path, jobs: 2)
        #expect(!empty.isMapped)
        #expect(empty.count == 0)
        let device = try DataFileContents.load(path: "/dev/null", jobs: 2)
        #expect(!device.isMapped)
        #expect(device.count == 0)
        #expect {
            try DataFileContents.load(path: file.folder.appendingPathComponent("missing.csv").path, jobs: 1)
        } throws: { error in
            (error as? DataFileError)?.reason == "No such file or directory"
        }
    }

    /// Data read from a mapped file and from the same bytes in memory are
    /// the same, for one job and for chunks on two.
    @Test func dataReadFromAMappedFileIsTheDataOfItsBytes() throws {
        let generated = SampleDataGenerator(groups: 3_000, periods: ["2020-Q1", "2020-Q2"], seed: 5).csvBytes()
        let file = try TemporaryFile(generated)
        defer { file.remove() }
        let columns = Set(SampleDataGenerator.columns.dropFirst(4))
        for jobs in [1, 2] {
            let read = try DataReader.read(contentsOf: file.path, displayPath: "data.csv", numericColumns: columns,
                                           jobs: jobs, fingerprint: true, progress: nil)
            let parsed = try DataReader.parse(bytes: generated, displayPath: "data.csv", numericColumns: columns,
                                              jobs: jobs)
            #expect(ComparableDataSet(read.data) == ComparableDataSet(parsed))
            #expect(read.bytes == generated.count)
            #expect(read.digest?.hexDigest() == Fingerprint.hexDigest(generated))
        }
    }
}
