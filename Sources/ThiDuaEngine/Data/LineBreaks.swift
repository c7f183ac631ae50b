/// Counting lines in a stretch of a file, 64 bytes at a time.
///
/// Splitting a file into chunks for parallel parsing first counts the lines
/// of each chunk, on the critical path. Calling `memchr` once per line cost
/// as many calls as the file has lines (400,000 in a 48 MB file), and a
/// second pass for carriage returns; comparing whole vectors of bytes reads
/// the chunk once at close to memory speed.
enum LineBreaks {
    /// The bytes compared at once: four SSE registers, one AVX-512 register,
    /// four NEON registers.
    private typealias Block = SIMD64<UInt8>

    /// The most blocks counted into one vector of 8-bit lane counters before
    /// they are added up: each block adds at most one to a lane.
    private static let blocksPerRun = 255

    /// The lines that start in `bytes[start..<end]`: none when the range is
    /// empty, otherwise one, and one more per line break before the last
    /// byte.
    ///
    /// A line break is a line feed, or a carriage return not followed by a
    /// line feed, as `CSVScanner` reads them; so a carriage return just
    /// before the last byte is a break unless that byte is a line feed, and
    /// bytes from `end` on are never read. With `start` the start of a
    /// line and `end` just past a line break or at the end of the file, as
    /// when a file is split into chunks, every record that starts in the
    /// range starts one of these lines.
    ///
    /// - Parameters:
    ///   - bytes: The file.
    ///   - start: Offset of the first byte; at least 0 when the range is
    ///     not empty.
    ///   - end: Offset just past the last byte; at most `bytes.count` when
    ///     the range is not empty.
    /// - Returns: The number of lines, 0 when `start >= end`.
    static func lineStarts(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard start < end else { return 0 }
        precondition(start >= 0 && end <= bytes.count, "line range \(start)..<\(end) outside \(bytes.count) bytes")
        // Never nil: the range is not empty, so neither is `bytes`.
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        // Breaks are looked for in `start..<last`, and each byte's successor
        // read, which is at most `last`, so every read is in `start..<end`.
        let last = end - 1
        let width = Block.scalarCount
        let lineFeeds = Block(repeating: CSVByte.lineFeed)
        let carriageReturns = Block(repeating: CSVByte.carriageReturn)
        var count = 1
        var index = start
        while last - index >= width {
            let blocks = min(blocksPerRun, (last - index) / width)
            var counters = SIMD64<Int8>(repeating: 0)
            for block in 0..<blocks {
                // Reads `offset ... offset + width`, whose last byte is at
                // most `index + blocks * width <= last`.
                let offset = index + block * width
                let here = raw.loadUnaligned(fromByteOffset: offset, as: Block.self)
                let after = raw.loadUnaligned(fromByteOffset: offset + 1, as: Block.self)
                let breaks = (here .== lineFeeds) .| ((here .== carriageReturns) .& (after .!= lineFeeds))
                // A mask stores each true lane as -1 (all bits set) and each
                // false one as 0 (see `SIMDMask.subscript`), so subtracting
                // it adds one per break; the generic ways of turning a mask
                // into numbers (`replacing(with:where:)`) go lane by lane,
                // a hundred times slower.
                counters &-= breaks._storage
            }
            // At most `blocksPerRun` per lane: read as unsigned, no lane
            // has wrapped.
            for lane in 0..<width { count += Int(UInt8(bitPattern: counters[lane])) }
            index += blocks * width
        }
        while index < last {
            let byte = base[index]
            if byte == CSVByte.lineFeed || (byte == CSVByte.carriageReturn && base[index + 1] != CSVByte.lineFeed) {
                count += 1
            }
            index += 1
        }
        return count
    }
}
