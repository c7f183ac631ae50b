/// The rows one chunk of a file gave, without the parser that read them:
/// what the chunks hand back across threads to be joined in file order.
struct ChunkRows: Sendable {
    /// Offset of the chunk's first record.
    var start: Int
    /// Offset just past its last record: the next chunk's start when the
    /// split was right.
    var stop: Int
    /// Line breaks between `start` and `stop`.
    var lineBreaks = 0
    /// Whether the chunk met an error, or had more rows than it had room
    /// for (so the file is read again serially).
    var failed = false
    /// Whether it ended with blank lines, which are errors if rows follow.
    var endsWithBlankLines = false
    /// The rows it wrote into its stretch of the columns and the identity
    /// arrays: its periods and wards as indices into `periods` and
    /// `wards`, its lines counted from 1 at `start`.
    var rows = 0
    /// The chunk's own interned periods and wards, in order of appearance.
    var periods = TextInterner()
    var wards = TextInterner()
    /// `DuplicateGroups.hash(id:)` of each row's group id.
    var keyOfRow: [UInt64] = []
}

extension DataParser {
    /// Parses the rows after the header in `count` chunks on up to `jobs`
    /// threads and joins them into this parser's per-row arrays.
    ///
    /// The bytes are split at line breaks near equal offsets. Such a break
    /// may lie inside a quoted field (a multi-line cell), so the split is
    /// checked afterwards: chunk `k` is right when chunk `k − 1`, itself
    /// right, stopped exactly where `k` starts, since from the same offset
    /// the scanner reads the same records. A chunk that started wrongly is
    /// parsed again from where its predecessor stopped.
    ///
    /// Every row is written in place: each chunk has its own stretch of
    /// the final columns and identity arrays (`IdentityRows`), one row per
    /// line that starts in its bytes (every record starts a line), and the
    /// stretches are closed up afterwards if some chunk had fewer rows than
    /// lines (a multi-line cell, blank lines). Parsing into arrays per
    /// chunk and concatenating them copied 70 MB of a national file's
    /// values and 25 MB of its ids, names and lines once more, on fresh
    /// pages. Were a chunk to have more rows than room (which the count of
    /// lines rules out), it would fail, and the file be read serially.
    /// The chunks' periods and wards are then renumbered and their lines
    /// made absolute, in place, in parallel.
    ///
    /// - Parameters:
    ///   - scanner: The scanner just after the header.
    ///   - count: The number of chunks, parsed on up to `jobs` threads.
    ///   - progress: Counts the bytes read.
    /// - Returns: The indicator columns, with the other per-row arrays of
    ///   this parser filled; or `nil`, leaving the parser untouched, when a
    ///   chunk met an error, the file has no rows or more indicator columns
    ///   are read than `filledInPlace` makes at once (thousands, for a
    ///   config that reads them): the serial reading then reports exactly
    ///   what it always reports.
    mutating func parseInChunks(from scanner: CSVScanner, count: Int, progress: ProgressMeter?) -> [[Double]]? {
        let bodyStart = scanner.position, bodyLine = scanner.line
        guard bodyStart < bytes.count, count > 1, columnNames.count <= [[Double]].maximumFilledInPlace else { return nil }
        let size = (bytes.count - bodyStart) / count
        var starts = [bodyStart]
        for chunk in 1..<count {
            starts.append(max(starts[chunk - 1], lineStart(atOrAfter: bodyStart + chunk * size)))
        }
        starts.append(bytes.count)

        progress?.begin("reading \(path)", total: bytes.count, unit: .bytes)
        progress?.advance(by: bodyStart)
        // Safe to share: `template` is a value that each worker copies
        // before mutating it, and its only reference is `bytes`, a buffer
        // that the workers only read and that outlives this call, because
        // `Parallel.map` returns only once every worker has finished.
        nonisolated(unsafe) let template = self
        let ends = starts
        let room = Parallel.map(count, jobs: jobs) { chunk in
            LineBreaks.lineStarts(in: template.bytes, from: ends[chunk], to: ends[chunk + 1])
        }
        var firstRow = [0]
        for rows in room { firstRow.append(firstRow[firstRow.count - 1] + rows) }
        // Lines that are mostly not rows (a file of blank lines) would
        // reserve columns and identity arrays many times the file's size:
        // read it serially, where the arrays grow with the rows found.
        let bytesPerRow = columnNames.count * MemoryLayout<Double>.stride + IdentityRows.bytesPerRow
        guard firstRow[count] * bytesPerRow <= 8 * bytes.count else { return nil }

        var chunks: [ChunkRows] = []
        var joined = IdentityRows()
        let columns = [[Double]].filledInPlace(count: columnNames.count, capacity: firstRow[count]) { buffers in
            joined = IdentityRows.filledInPlace(capacity: firstRow[count]) { rows in
                // Safe to share: chunk `k` writes rows `firstRow[k] ..< firstRow[k + 1]`
                // of the buffers (columns and identity) and no others, each chunk is parsed by one worker
                // at a time, and nothing reads the buffers before `Parallel.map`
                // returns, which waits for every worker.
                nonisolated(unsafe) let shared = buffers, sharedRows = rows
                let stretches = firstRow
                chunks = Parallel.map(count, jobs: jobs) { chunk in
                    let stretch = stretches[chunk]..<stretches[chunk + 1]
                    return template.chunkRows(from: ends[chunk], to: ends[chunk + 1],
                                              into: Self.rows(stretch, of: shared),
                                              identity: sharedRows.rows(stretch), progress: progress)
                }
                for chunk in chunks.indices where chunk > 0 && chunks[chunk].start != chunks[chunk - 1].stop {
                    // Within the chunk's own bytes (a chunk stops at or past
                    // its end), so within its room; its first reading's
                    // strings are given up first.
                    let stretch = stretches[chunk]..<stretches[chunk + 1]
                    rows.rows(stretch).deinitializeStrings(rows: chunks[chunk].rows)
                    chunks[chunk] = template.chunkRows(
                        from: chunks[chunk - 1].stop, to: starts[chunk + 1],
                        into: Self.rows(stretch, of: shared), identity: rows.rows(stretch), progress: nil)
                }
                let lastWithRows = chunks.lastIndex { $0.rows > 0 }
                guard let lastWithRows, !chunks.contains(where: \.failed),
                      !chunks[..<lastWithRows].contains(where: \.endsWithBlankLines) else {
                    for chunk in chunks.indices {
                        rows.rows(stretches[chunk]..<stretches[chunk + 1]).deinitializeStrings(rows: chunks[chunk].rows)
                    }
                    return 0
                }
                let rowCount = Self.closeUp(buffers, rows, chunkRows: chunks.map(\.rows), firstRow: stretches)
                duplicateKeys = renumber(rows, of: &chunks, firstLine: bodyLine)
                return rowCount
            }
            return joined.periodOfRow.count
        }
        guard !joined.periodOfRow.isEmpty else { return nil }
        identity = joined
        sawRow = true
        return columns
    }

    /// Reads the records from `start` up to the first one that starts at or
    /// after `end`, with a copy of this parser, stopping at the first error;
    /// the indicator values go into `columns` and the identity of the rows
    /// into `identity`, the chunk's stretch of each.
    private func chunkRows(from start: Int, to end: Int, into columns: [UnsafeMutableBufferPointer<Double>],
                           identity: IdentityBuffers, progress: ProgressMeter?) -> ChunkRows {
        var parser = self
        parser.values = ColumnBuilder(width: columnNames.count, writingTo: columns)
        parser.identityStretch = identity
        var scanner = CSVScanner(bytes: bytes, start: start, line: 1)
        parser.readRows(&scanner, until: end, stopAtFirstError: true, progress: progress)
        _ = parser.values.finish()
        return ChunkRows(
            start: start, stop: scanner.position, lineBreaks: scanner.line - 1,
            failed: !parser.errors.diagnostics.isEmpty || parser.values.overflowed || parser.stretchOverflowed,
            endsWithBlankLines: !parser.pendingBlankLines.isEmpty, rows: parser.rowsInStretch,
            periods: parser.periods, wards: parser.wards, keyOfRow: parser.keyOfRow)
    }

    /// Rows `rows` of each column.
    private static func rows(_ rows: Range<Int>, of columns: [UnsafeMutableBufferPointer<Double>])
        -> [UnsafeMutableBufferPointer<Double>] {
        columns.map { UnsafeMutableBufferPointer(rebasing: $0[rows]) }
    }

    /// Moves each chunk's rows down to follow the previous chunk's, where a
    /// chunk had fewer rows than room (rare: a multi-line cell or blank
    /// lines); nothing moves when every chunk filled its room.
    /// - Returns: The rows in all.
    private static func closeUp(_ columns: [UnsafeMutableBufferPointer<Double>], _ identity: IdentityBuffers,
                                chunkRows: [Int], firstRow: [Int]) -> Int {
        var rows = 0
        for (chunk, count) in chunkRows.enumerated() {
            if rows != firstRow[chunk] && count > 0 {
                for column in columns {
                    guard let base = column.baseAddress else { continue }
                    // Overlapping moves are allowed: the rows only move down.
                    UnsafeMutableRawPointer(base + rows)
                        .copyMemory(from: base + firstRow[chunk], byteCount: count * MemoryLayout<Double>.stride)
                }
                identity.moveRows(from: firstRow[chunk], count: count, to: rows)
            }
            rows += count
        }
        return rows
    }

    /// The offset just past the first line break at or after `offset`, or
    /// the end of the file.
    private func lineStart(atOrAfter offset: Int) -> Int {
        var index = offset
        while index < bytes.count {
            let byte = bytes[index]
            if byte == CSVByte.lineFeed { return index + 1 }
            if byte == CSVByte.carriageReturn {
                return index + 1 < bytes.count && bytes[index + 1] == CSVByte.lineFeed ? index + 2 : index + 1
            }
            index += 1
        }
        return bytes.count
    }

    /// Makes the chunks' rows, closed up in `identity`, those of the whole
    /// file: periods and wards interned again in order of appearance (so a
    /// ward first written in one Unicode form keeps that form, as in a
    /// serial read) and renumbered, lines made absolute; and the keys of
    /// the check for repeated pairs made from the rows' id hashes. Only the
    /// interning runs on this thread; the rest runs in place, the chunks in
    /// parallel, each chunk freed by the task that renumbered it.
    /// - Returns: The keys, one part per chunk.
    private mutating func renumber(_ identity: IdentityBuffers, of chunks: inout [ChunkRows],
                                   firstLine: Int) -> DuplicateGroups {
        var firstRow = [0], lineOffsets: [Int32] = [], periodIndices: [[Int32]] = [], wardIndices: [[Int32]] = []
        var line = firstLine
        for chunk in chunks {
            // By the bytes each name was read from: the chunks read the
            // same file (a national file's 32 chunks hold some 100,000
            // ward names in all when its rows are not sorted).
            periodIndices.append(chunk.periods.names.indices.map { periods.index(ofNameAt: $0, of: chunk.periods, in: bytes) })
            wardIndices.append(chunk.wards.names.indices.map { wards.index(ofNameAt: $0, of: chunk.wards, in: bytes) })
            lineOffsets.append(Int32(clamping: line - 1))
            firstRow.append(firstRow[firstRow.count - 1] + chunk.rows)
            line += chunk.lineBreaks
        }
        let rows = firstRow, periodIndex = periodIndices, wardIndex = wardIndices, lineOffset = lineOffsets
        let keys = chunks.withUnsafeMutableBufferPointer { buffer in
            // Safe to share: the task for chunk `k` rewrites rows
            // `firstRow[k] ..< firstRow[k + 1]` and reads and frees chunk `k`,
            // and no others, and `Parallel.map` returns once every chunk is done.
            nonisolated(unsafe) let shared = identity, chunks = buffer
            return Parallel.map(chunks.count, jobs: jobs) { chunk -> [UInt64] in
                let first = rows[chunk]
                // A chunk that reached this point met no error: every row
                // has a usable period and id, so a key.
                precondition(chunks[chunk].keyOfRow.count == rows[chunk + 1] - first, "a row of a chunk has no key")
                let keys = chunks[chunk].keyOfRow.enumerated().map { offset, idHash -> UInt64 in
                    let row = first + offset
                    shared.period[row] = periodIndex[chunk][Int(shared.period[row])]
                    shared.ward[row] = wardIndex[chunk][Int(shared.ward[row])]
                    // As the serial reading clamps a line beyond Int32.
                    shared.line[row] = Int32(clamping: Int(shared.line[row]) + Int(lineOffset[chunk]))
                    return DuplicateGroups.key(period: shared.period[row], idHash: idHash, row: row)
                }
                chunks[chunk] = ChunkRows(start: 0, stop: 0)
                return keys
            }
        }
        return DuplicateGroups(parts: keys)
    }
}
