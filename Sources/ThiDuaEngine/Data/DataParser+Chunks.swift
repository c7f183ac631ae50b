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
    /// The chunk's own interned periods and wards, in order of appearance.
    var periodNames: [String] = []
    var wardNames: [String] = []
    var periodOfRow: [Int32] = []
    var wardOfRow: [Int32] = []
    var groupIDs: [String] = []
    var groupNames: [String] = []
    /// Lines counted from 1 at `start`.
    var lineOfRow: [Int32] = []
    var startOfRow: [Int] = []
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
    /// The indicator values, most of the data, are written in place: each
    /// chunk has its own stretch of the final columns, one row per line
    /// that starts in its bytes (every record starts a line), and the
    /// stretches are closed up afterwards if some chunk had fewer rows than
    /// lines (a multi-line cell, blank lines). Parsing into columns per
    /// chunk and concatenating them copied 70 MB of a national file once
    /// more, on fresh pages. Were a chunk to have more rows than room
    /// (which the count of lines rules out), it would fail, and the file be
    /// read serially.
    ///
    /// - Parameters:
    ///   - scanner: The scanner just after the header.
    ///   - count: The number of chunks, parsed on up to `jobs` threads.
    ///   - progress: Counts the bytes read.
    /// - Returns: The indicator columns, with the other per-row arrays of
    ///   this parser filled; or `nil`, leaving the parser untouched, when a
    ///   chunk met an error or the file has no rows: the serial reading
    ///   then reports exactly what it always reports.
    mutating func parseInChunks(from scanner: CSVScanner, count: Int, progress: ProgressMeter?) -> [[Double]]? {
        let bodyStart = scanner.position, bodyLine = scanner.line
        guard bodyStart < bytes.count, count > 1 else { return nil }
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
        // reserve columns many times the file's size: read it serially,
        // where the columns grow with the rows actually found.
        guard firstRow[count] * columnNames.count * MemoryLayout<Double>.stride <= 8 * bytes.count else { return nil }

        var chunks: [ChunkRows] = []
        var parsed = false
        let columns = [[Double]].filledInPlace(count: columnNames.count, capacity: firstRow[count]) { buffers in
            // Safe to share: chunk `k` writes rows `firstRow[k] ..< firstRow[k + 1]`
            // of the buffers and no others, each chunk is parsed by one worker
            // at a time, and nothing reads the buffers before `Parallel.map`
            // returns, which waits for every worker.
            nonisolated(unsafe) let shared = buffers
            let stretches = firstRow
            chunks = Parallel.map(count, jobs: jobs) { chunk in
                template.chunkRows(from: ends[chunk], to: ends[chunk + 1],
                                   into: Self.rows(stretches[chunk]..<stretches[chunk + 1], of: shared),
                                   progress: progress)
            }
            for chunk in chunks.indices {
                if chunk > 0 && chunks[chunk].start != chunks[chunk - 1].stop {
                    // Within the chunk's own bytes (a chunk stops at or past
                    // its end), so within its room.
                    chunks[chunk] = template.chunkRows(
                        from: chunks[chunk - 1].stop, to: starts[chunk + 1],
                        into: Self.rows(stretches[chunk]..<stretches[chunk + 1], of: shared), progress: nil)
                }
                if chunks[chunk].failed { return 0 }
            }
            parsed = true
            return Self.closeUp(buffers, chunkRows: chunks.map(\.periodOfRow.count), firstRow: stretches)
        }
        guard parsed else { return nil }
        let lastWithRows = chunks.lastIndex { !$0.periodOfRow.isEmpty }
        guard let lastWithRows, !chunks[..<lastWithRows].contains(where: \.endsWithBlankLines) else { return nil }
        join(&chunks, firstLine: bodyLine)
        return columns
    }

    /// Reads the records from `start` up to the first one that starts at or
    /// after `end`, with a copy of this parser, stopping at the first error;
    /// the indicator values go into `columns`, the chunk's stretch of each.
    private func chunkRows(from start: Int, to end: Int, into columns: [UnsafeMutableBufferPointer<Double>],
                           progress: ProgressMeter?) -> ChunkRows {
        var parser = self
        parser.values = ColumnBuilder(width: columnNames.count, writingTo: columns)
        var scanner = CSVScanner(bytes: bytes, start: start, line: 1)
        parser.readRows(&scanner, until: end, stopAtFirstError: true, progress: progress)
        _ = parser.values.finish()
        return ChunkRows(
            start: start, stop: scanner.position, lineBreaks: scanner.line - 1,
            failed: !parser.errors.diagnostics.isEmpty || parser.values.overflowed,
            endsWithBlankLines: !parser.pendingBlankLines.isEmpty,
            periodNames: parser.periods.names, wardNames: parser.wards.names,
            periodOfRow: parser.periodOfRow, wardOfRow: parser.wardOfRow,
            groupIDs: parser.groupIDs, groupNames: parser.groupNames, lineOfRow: parser.lineOfRow,
            startOfRow: parser.startOfRow, keyOfRow: parser.keyOfRow)
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
    private static func closeUp(_ columns: [UnsafeMutableBufferPointer<Double>], chunkRows: [Int],
                                firstRow: [Int]) -> Int {
        var rows = 0
        for (chunk, count) in chunkRows.enumerated() {
            if rows != firstRow[chunk] && count > 0 {
                for column in columns {
                    guard let base = column.baseAddress else { continue }
                    // Overlapping moves are allowed: the rows only move down.
                    UnsafeMutableRawPointer(base + rows)
                        .copyMemory(from: base + firstRow[chunk], byteCount: count * MemoryLayout<Double>.stride)
                }
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

    /// Fills this parser's per-row arrays with the chunks' rows, in order:
    /// periods and wards interned again in order of appearance (so a ward
    /// first written in one Unicode form keeps that form, as in a serial
    /// read), lines made absolute; and makes the keys of the check for
    /// repeated pairs.
    ///
    /// Only the interning runs on this thread; then each array is written
    /// in place, the chunks in parallel, each chunk its own stretch of
    /// rows. The strings are moved out of the chunks, not copied (a copy
    /// retained every name, and freeing the chunks released them all
    /// again), and each chunk is freed by the task that joined it last.
    private mutating func join(_ chunks: inout [ChunkRows], firstLine: Int) {
        var firstRow = [0], lineOffsets: [Int32] = [], periodIndices: [[Int32]] = [], wardIndices: [[Int32]] = []
        var line = firstLine
        for chunk in chunks {
            periodIndices.append(chunk.periodNames.map { periods.index(of: $0) })
            wardIndices.append(chunk.wardNames.map { wards.index(of: $0) })
            lineOffsets.append(Int32(clamping: line - 1))
            firstRow.append(firstRow[firstRow.count - 1] + chunk.periodOfRow.count)
            line += chunk.lineBreaks
        }
        let rows = firstRow, periodIndex = periodIndices, wardIndex = wardIndices, lineOffset = lineOffsets
        chunks.withUnsafeMutableBufferPointer { buffer in
            // Safe to share: every task below reads, moves out of or frees
            // chunk `k` only, for the `k` it is given, and `Parallel.map`
            // hands each `k` to one task and returns once all are done.
            nonisolated(unsafe) let chunks = buffer
            periodOfRow = joined(rows) { chunk, row in periodIndex[chunk][Int(chunks[chunk].periodOfRow[row])] }
            wardOfRow = joined(rows) { chunk, row in wardIndex[chunk][Int(chunks[chunk].wardOfRow[row])] }
            lineOfRow = joined(rows) { chunk, row in chunks[chunk].lineOfRow[row] + lineOffset[chunk] }
            startOfRow = joined(rows) { chunk, row in chunks[chunk].startOfRow[row] }
            groupIDs = joined(rows) { chunk, into in Self.move(&chunks[chunk].groupIDs, into: into) }
            groupNames = joined(rows) { chunk, into in Self.move(&chunks[chunk].groupNames, into: into) }
            let periodOfRow = periodOfRow
            let keys = Parallel.map(chunks.count, jobs: jobs) { chunk -> [UInt64] in
                let first = rows[chunk]
                // A chunk that reached the join met no error: every row
                // has a usable period and id, so a key.
                let keys = chunks[chunk].keyOfRow.enumerated().map { row, idHash in
                    DuplicateGroups.key(period: periodOfRow[first + row], idHash: idHash, row: first + row)
                }
                chunks[chunk] = ChunkRows(start: 0, stop: 0)
                return keys
            }
            duplicateKeys = DuplicateGroups(parts: keys)
        }
        sawRow = true
    }

    /// An array of all the chunks' rows, whose row `row` of chunk `chunk`
    /// is `value(chunk, row)`, written in place in parallel.
    /// - Parameters:
    ///   - firstRow: Where each chunk's rows start, then the count.
    ///   - value: The element for a chunk and a row counted in that chunk.
    /// - Returns: The array, `firstRow.last` long.
    private func joined<Element>(_ firstRow: [Int], _ value: @Sendable (Int, Int) -> Element) -> [Element] {
        joined(firstRow) { chunk, into in
            guard let base = into.baseAddress else { return }
            for row in into.indices { (base + row).initialize(to: value(chunk, row)) }
        }
    }

    /// An array of all the chunks' rows, initialized in place in parallel:
    /// `fill(chunk, rows)` initializes every element of `rows`, the stretch
    /// of chunk `chunk`.
    /// - Parameters:
    ///   - firstRow: Where each chunk's rows start, then the count.
    ///   - fill: Initializes a chunk's stretch, every element of it.
    /// - Returns: The array, `firstRow.last` long.
    private func joined<Element>(
        _ firstRow: [Int], fill: @Sendable (Int, UnsafeMutableBufferPointer<Element>) -> Void
    ) -> [Element] {
        let count = firstRow[firstRow.count - 1]
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Safe to share: chunk `k` initializes its stretch
            // `firstRow[k] ..< firstRow[k + 1]` and no other, and
            // `Parallel.map` returns once every chunk is done.
            nonisolated(unsafe) let shared = buffer
            _ = Parallel.map(firstRow.count - 1, jobs: jobs) { chunk in
                fill(chunk, UnsafeMutableBufferPointer(rebasing: shared[firstRow[chunk] ..< firstRow[chunk + 1]]))
            }
            initialized = count
        }
    }

    /// Moves the strings of `source` into `target`, which is as long,
    /// leaving empty strings (which own no storage) in their place so that
    /// `source` is still a valid array to free.
    private static func move(_ source: inout [String], into target: UnsafeMutableBufferPointer<String>) {
        source.withUnsafeMutableBufferPointer { strings in
            precondition(strings.count == target.count, "a chunk's strings do not fill its rows")
            guard let from = strings.baseAddress, let to = target.baseAddress else { return }
            to.moveInitialize(from: from, count: strings.count)
            from.initialize(repeating: "", count: strings.count)
        }
    }
}
