/// Where an output file's bytes go while a writer produces them.
///
/// The writers (``CSVReports``, ``ResultsJSON``, ``ReportMarkdown``) fill a
/// ``ByteBuffer`` and hand it over whenever it holds ``chunkSize`` bytes,
/// and once more at the end. A ``FileSink`` writes each part to the disk, so
/// a national file never sits in memory whole; a ``MemorySink`` collects the
/// parts, for tests and small outputs.
///
/// Every implementation must take the parts in the order given, append them
/// to what it already holds, and leave the buffer empty (its storage kept
/// for reuse). `Failure` is `Never` for a sink that cannot fail, so writing
/// to memory needs no `try`.
public protocol OutputSink {
    /// What ``drain(_:)`` throws; `Never` when it cannot fail.
    associatedtype Failure: Error

    /// Takes the bytes of `buffer`, the next part of the file, and empties
    /// `buffer`.
    ///
    /// - Parameter buffer: The bytes produced since the last call.
    /// - Throws: `Failure`, when the bytes cannot be stored.
    mutating func drain(_ buffer: inout ByteBuffer) throws(Failure)
}

extension OutputSink {
    /// How many bytes a writer buffers before handing them over: small
    /// enough to stay in the processor's cache, large enough that the cost
    /// of a `write(2)` does not count.
    public static var chunkSize: Int { 1 << 18 }

    /// Hands `buffer` over when it holds at least ``chunkSize`` bytes.
    ///
    /// - Parameter buffer: The writer's buffer.
    /// - Throws: `Failure`, as ``drain(_:)``.
    @inline(__always)
    public mutating func drainIfFull(_ buffer: inout ByteBuffer) throws(Failure) {
        if buffer.count >= Self.chunkSize { try drain(&buffer) }
    }
}

/// An ``OutputSink`` that keeps every byte in memory.
public struct MemorySink: OutputSink {
    /// The bytes received so far, in order.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty sink.
    public init() {}

    /// Appends `buffer`'s bytes to ``bytes`` and empties it.
    ///
    /// - Parameter buffer: The next part of the file.
    public mutating func drain(_ buffer: inout ByteBuffer) {
        buffer.withBytes { bytes.append(contentsOf: $0) }
        buffer.removeAll()
    }

    /// Runs `write` into a fresh sink and returns what it received.
    ///
    /// - Parameter write: A writer, e.g. `{ ResultsJSON.write(result, to: &$0) }`.
    /// - Returns: The whole file.
    public static func collect(_ write: (inout MemorySink) -> Void) -> [UInt8] {
        var sink = MemorySink()
        write(&sink)
        return sink.bytes
    }
}
