#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ScoringKit
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

    /// Whether a file in the temporary folder can be leased and mapped here
    /// (not on a file system without leases, or with leases switched off):
    /// the tests of mapping are skipped where it cannot.
    static let filesAreMapped: Bool = {
        guard let file = try? TemporaryFile(bytes(10)) else { return false }
        defer { file.remove() }
        return (try? DataFileContents.load(path: file.path, jobs: 1))?.isMapped ?? false
    }()

    #if os(Linux) && canImport(Glibc)

    /// A file this process owns is mapped, and the mapping holds its bytes.
    @Test(.enabled(if: filesAreMapped), arguments: [1, 4_095, 4_096, 5_000_000])
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
    @Test(.enabled(if: filesAreMapped))
    func aMappedFileCannotBeOpenedToWriteUntilItIsLetGo() throws {
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

    /// Once the lease is gone (the kernel ends it after the lease-break
    /// time) a truncated file's lost pages read as zeros instead of ending
    /// the process, and the file is reported as changed, by the contents,
    /// the reader and the digest.
    @Test(.enabled(if: filesAreMapped))
    func aMappedFileTruncatedAfterItsLeaseReadsZerosAndIsAnError() throws {
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let original = Self.bytes(pageSize * 3 + 100).map { $0 | 1 }
        let file = try TemporaryFile(original)
        defer { file.remove() }
        let contents = try DataFileContents.load(path: file.path, jobs: 1)
        try #require(contents.isMapped)
        try contents.checkUnchanged()
        let digest = DataDigest(of: contents)
        contents.releaseLeaseKeepingTheMapping()
        #expect(truncate(file.path, off_t(pageSize)) == 0)
        let seen = Self.read(contents)
        #expect(seen.count == original.count)
        #expect(Array(seen.prefix(pageSize)) == Array(original.prefix(pageSize)))
        #expect(seen.dropFirst(pageSize).allSatisfy { $0 == 0 })
        let reason = "it was truncated, or a part of it could not be read, while it was read; "
            + "run again once nothing writes to it"
        #expect(throws: DataFileError.self) { try contents.checkUnchanged() }
        #expect((try? contents.checkUnchanged()) == nil)
        do {
            try DataReader.checkUnchanged(contents, displayPath: "quy1.csv")
            Issue.record("a truncated file passed the check")
        } catch let error as DiagnosticError {
            #expect(error.description == "error: cannot read data file 'quy1.csv': \(reason)")
        }
        #expect { try digest.hexDigest() } throws: { ($0 as? DataFileError)?.reason == reason }
    }

    /// A mapped file written to in place once its lease is gone (its size
    /// the same) is reported as changed, by its modification time, and by
    /// its change time when the writer puts the modification time back.
    @Test(.enabled(if: filesAreMapped), arguments: [false, true])
    func aMappedFileWrittenToAfterItsLeaseIsAnError(puttingTheTimeBack: Bool) throws {
        let file = try TemporaryFile(Self.bytes(20_000))
        defer { file.remove() }
        let contents = try DataFileContents.load(path: file.path, jobs: 2)
        try #require(contents.isMapped)
        // One taken before the change stands; one taken after is an error.
        let before = DataDigest(of: contents), after = DataDigest(of: contents)
        _ = try before.hexDigest()
        contents.releaseLeaseKeepingTheMapping()
        // Past the coarsest clock tick a file time may have.
        usleep(30_000)
        var original = stat()
        #expect(stat(file.path, &original) == 0)
        let writer = open(file.path, O_WRONLY)
        try #require(writer >= 0)
        var byte: UInt8 = 0x41
        #expect(pwrite(writer, &byte, 1, 7) == 1)
        if puttingTheTimeBack {
            // The access time and the modification time as it was.
            var times = [original.st_atim, original.st_mtim]
            #expect(futimens(writer, &times) == 0)
            var after = stat()
            #expect(stat(file.path, &after) == 0)
            #expect(after.st_mtim.tv_sec == original.st_mtim.tv_sec && after.st_mtim.tv_nsec == original.st_mtim.tv_nsec)
        }
        close(writer)
        #expect { try contents.checkUnchanged() } throws: {
            ($0 as? DataFileError)?.reason == "it changed while it was read; run again once nothing writes to it"
        }
        #expect(try before.hexDigest() == Fingerprint.hexDigest(Self.bytes(20_000)))
        #expect(throws: DataFileError.self) { try after.hexDigest() }
    }

    /// A file that is open for writing (an editor holds it) gets no lease:
    /// it is read into an array instead, with the same bytes.
    @Test(.enabled(if: filesAreMapped))
    func aFileOpenForWritingIsReadNotMapped() throws {
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
        // Its copy is hashed for the manifest at once and let go, not held
        // through the run as a mapping is until the manifest asks.
        let text = Array("period,ward,group_id,group_name\n2020-Q1,P,G,T\n".utf8)
        let csv = try TemporaryFile(text)
        defer { csv.remove() }
        let held = open(csv.path, O_WRONLY)
        #expect(held >= 0)
        let read = try DataReader.read(contentsOf: csv.path, displayPath: "d.csv", numericColumns: [], jobs: 2,
                                       fingerprint: true, progress: nil)
        #expect(read.digest?.isKnown == true)
        #expect(try read.digest?.hexDigest() == Fingerprint.hexDigest(text))
        close(held)
    }
    #endif

    /// Data read from a file (mapped, where files can be) and from the same
    /// bytes in memory are the same, for one job and for chunks on two.
    @Test func dataReadFromAFileIsTheDataOfItsBytes() throws {
        let generated = SampleDataGenerator(groups: 3_000, periods: ["2020-Q1", "2020-Q2"], seed: 5).csvBytes()
        let file = try TemporaryFile(generated)
        defer { file.remove() }
        #expect(try DataFileContents.load(path: file.path, jobs: 2).isMapped == Self.filesAreMapped)
        let columns = Set(SampleDataGenerator.columns.dropFirst(4))
        for jobs in [1, 2] {
            let read = try DataReader.read(contentsOf: file.path, displayPath: "data.csv", numericColumns: columns,
                                           jobs: jobs, fingerprint: true, progress: nil)
            let parsed = try DataReader.parse(bytes: generated, displayPath: "data.csv", numericColumns: columns,
                                              jobs: jobs)
            #expect(ComparableDataSet(read.data) == ComparableDataSet(parsed))
            #expect(read.bytes == generated.count)
            #expect(try read.digest?.hexDigest() == Fingerprint.hexDigest(generated))
        }
    }

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

}
