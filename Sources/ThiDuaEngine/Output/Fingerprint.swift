import Crypto
import Foundation
import ScoringKit

/// SHA-256 fingerprints of the files a run read, for the manifest.
///
/// The hash is swift-crypto's (BoringSSL underneath, which uses the
/// processor's SHA instructions where there are any): a run hashes the
/// national data file, some 50 MB, for the manifest, and a hand-written
/// SHA-256 took a quarter of a second of that, BoringSSL a few hundredths.
public enum Fingerprint {
    /// How much of a file is read at a time: a national data file is never
    /// held in memory a second time.
    static let chunkSize = 1 << 20

    /// The lowercase hexadecimal SHA-256 of `bytes`.
    /// - Parameter bytes: The message.
    /// - Returns: 64 hex digits.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The lowercase hexadecimal SHA-256 of the bytes in `bytes`.
    /// - Parameter bytes: The message.
    /// - Returns: 64 hex digits.
    static func hexDigest(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        hex(SHA256.hash(data: UnsafeRawBufferPointer(bytes)))
    }

    /// The lowercase hexadecimal SHA-256 of a file's contents, read in
    /// parts of ``chunkSize`` bytes.
    /// - Parameter path: The file.
    /// - Returns: 64 hex digits.
    /// - Throws: A ``DiagnosticError`` naming the file when it cannot be read.
    public static func hexDigest(ofFileAt path: String) throws -> String {
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            var hasher = SHA256()
            while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
                hasher.update(data: chunk)
            }
            return hex(hasher.finalize())
        } catch {
            throw DiagnosticError(
                at: nil, "cannot read '\(path)' to compute its SHA-256: \(error.localizedDescription)")
        }
    }

    /// A digest as lowercase hexadecimal, two digits per byte.
    static func hex(_ digest: SHA256.Digest) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(SHA256.Digest.byteCount * 2)
        for byte in digest {
            text.append(JSONWriter.hexDigits[Int(byte >> 4)])
            text.append(JSONWriter.hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
