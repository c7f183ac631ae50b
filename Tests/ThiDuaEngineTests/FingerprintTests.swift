import Foundation
import ScoringKit
import Testing
@testable import ThiDuaEngine

/// `Fingerprint` against the FIPS 180-4 / NIST SHA-256 vectors, in memory
/// and from files read in parts.
struct FingerprintTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func matchesStandardVectors(message: String, digest: String) {
        #expect(Fingerprint.hexDigest(Array(message.utf8)) == digest)
    }

    @Test func hashesOneMillionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Fingerprint.hexDigest(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func hashesFileContents() throws {
        let folder = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data.csv")
        try Data("abc".utf8).write(to: file)
        #expect(try Fingerprint.hexDigest(ofFileAt: file.path)
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func aFileOfSeveralPartsHashesAsItsBytes() throws {
        let folder = try OutputFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data.csv")
        let bytes = (0..<(Fingerprint.chunkSize * 2 + 12_345)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try Data(bytes).write(to: file)
        #expect(try Fingerprint.hexDigest(ofFileAt: file.path) == Fingerprint.hexDigest(bytes))
    }

    @Test func missingFileIsADiagnosticNamingIt() {
        let error = #expect(throws: DiagnosticError.self) {
            try Fingerprint.hexDigest(ofFileAt: "/nonexistent/thidua/data.csv")
        }
        #expect(error?.description.contains("/nonexistent/thidua/data.csv") == true)
    }

    /// A digest taken by whoever asks for it first is the digest of the
    /// bytes, and asking again (from several threads at once) gives it
    /// again.
    @Test(arguments: [0, 1_000_000, Fingerprint.chunkSize * 3 + 17])
    func aDataDigestIsTheDigestOfItsBytesWhoeverTakesIt(count: Int) async throws {
        let message = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let expected = Fingerprint.hexDigest(message)
        let contents = DataFileContents(message)
        for digest in [DataDigest(of: contents), DataDigest(of: contents)] {
            if digest.isKnown { Issue.record("a digest was taken before it was asked for") }
            let seen = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<4 { group.addTask { try? digest.hexDigest() } }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(seen == Array(repeating: expected, count: 4))
            #expect(try digest.hexDigest() == expected)
        }
    }

    /// Cancelling a digest already known keeps it; cancelling one not
    /// taken yet lets go of the bytes (what it frees is not observable
    /// here) and leaves it unknown.
    @Test func aCancelledDigestIsNotTakenAndAKnownOneStays() throws {
        let known = DataDigest(of: DataFileContents(Array("abc".utf8)))
        _ = try known.hexDigest()
        known.cancel()
        #expect(try known.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let cancelled = DataDigest(of: DataFileContents([UInt8](repeating: 7, count: Fingerprint.chunkSize * 8)))
        cancelled.cancel()
        #expect(!cancelled.isKnown)
    }
}
