extension ResultsJSON {
    /// Writes the one-line objects of a period's groups, in output order.
    ///
    /// Everything that does not change from line to line (each key with its
    /// punctuation, the quoted ward and tier names) is made once per file,
    /// and the per-row columns are gathered in output order
    /// (``OrderedColumns``), so a line is copies of ready bytes and numbers
    /// read front to back.
    struct GroupLines: ~Copyable {
        /// The order, ids, names and integer columns (see ``RankedRows``).
        private let ranked: RankedRows
        /// The groups written: one line each.
        var count: Int { ranked.order.rows.count }
        /// `,"ward":"<name>"` per ward; `,"tier":"<name>"` per tier.
        private let wardCells, tierCells: ByteTable
        /// `"<id>":` per content, then per criterion.
        private let keys: ByteTable
        /// Each row's reasons, quoted and separated by commas, in output order.
        private let reasons: ByteTable
        /// The text of recent values of each content and criterion.
        private let cache: NumberCache
        private let contentCount: Int
        /// total, bonus, deduction, the contents, the criteria.
        private let numbers: OrderedColumns<Double>
        /// The cache slot of each content's and criterion's number on the
        /// line being written, looked up before the line is written (see
        /// ``probe(_:_:)``); scratch memory owned by this value.
        private let slots: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>
        /// Whether each of ``slots`` held its number when looked up.
        private let hits: UnsafeMutablePointer<Bool>

        /// Prepares the lines of `result`.
        init(_ result: PeriodResult) {
            ranked = RankedRows(result)
            let order = ranked.order
            wardCells = ByteTable(result.wardNames.map { Array(",\"ward\":".utf8) + JSONText.quoted($0) })
            tierCells = ByteTable(result.tierNames.map { Array(",\"tier\":".utf8) + JSONText.quoted($0) })
            keys = ByteTable((result.contentIDs + result.criterionIDs).map {
                JSONText.quoted($0) + [UInt8(ascii: ":")]
            })
            cache = NumberCache(columns: result.contentIDs.count + result.criterionIDs.count)
            // Left uninitialized: both hold trivial values, and `probe` writes
            // every entry that `map` reads, on the same line, before it.
            slots = .allocate(capacity: max(1, result.contentIDs.count + result.criterionIDs.count))
            hits = .allocate(capacity: max(1, result.contentIDs.count + result.criterionIDs.count))
            contentCount = result.contentIDs.count
            let contents = RankedRows.contentColumns(of: result)
            let criteria = result.criterionIDs.indices.map {
                $0 < result.achievements.count ? result.achievements[$0] : []
            }
            numbers = OrderedColumns([result.total, result.bonus, result.deduction] + contents + criteria,
                                     order: order, filler: 0)
            reasons = ByteTable(rowCount: result.reasons.count, order: order) { row, buffer in
                for (index, reason) in result.reasons[row].enumerated() {
                    if index > 0 { buffer.append(UInt8(ascii: ",")) }
                    JSONText.appendQuoted(reason, to: &buffer)
                }
            }
        }

        deinit {
            slots.deallocate()
            hits.deallocate()
        }

        /// Appends the line of the group at output `position`, without
        /// indentation or comma.
        func write(_ position: Int, to buffer: inout ByteBuffer) {
            let row = ranked.order.rows[position]
            probe(position, row)
            buffer.append("{\"group_id\":")
            JSONText.appendQuoted(utf8: ranked.ids.bytes(position), to: &buffer)
            let ward = ranked.integers.value(RankedRows.ward, at: position, row: row).map(Int.init) ?? -1
            if wardCells.contains(ward) { wardCells.append(ward, to: &buffer) } else { buffer.append(",\"ward\":\"\"") }
            buffer.append(",\"group_name\":")
            JSONText.appendQuoted(utf8: ranked.names.bytes(position), to: &buffer)
            number(",\"total\":", 0, position, row, to: &buffer)
            map(",\"contents\":{", columns: 0..<contentCount, position, row, to: &buffer)
            map(",\"criteria\":{", columns: contentCount..<keys.count, position, row, to: &buffer)
            number(",\"bonus\":", 1, position, row, to: &buffer)
            number(",\"deduction\":", 2, position, row, to: &buffer)
            let tier = ranked.integers.value(RankedRows.tier, at: position, row: row).map(Int.init) ?? -1
            if tierCells.contains(tier) { tierCells.append(tier, to: &buffer) } else { buffer.append(",\"tier\":null") }
            let eligible = ranked.integers.value(RankedRows.eligible, at: position, row: row) == 1
            buffer.append(eligible ? ",\"eligible\":true" : ",\"eligible\":false")
            buffer.append(",\"reasons\":[")
            reasons.append(position, to: &buffer)
            buffer.append(UInt8(ascii: "]"))
            rank(",\"ward_rank\":", RankedRows.wardRank, position, row, to: &buffer)
            rank(",\"district_rank\":", RankedRows.districtRank, position, row, to: &buffer)
            buffer.append(UInt8(ascii: "}"))
        }

        /// `key` and number `column` at `position`, or nothing when the
        /// column does not cover the row.
        @inline(__always)
        private func number(
            _ key: StaticString, _ column: Int, _ position: Int, _ row: Int, to buffer: inout ByteBuffer
        ) {
            guard let value = numbers.value(column, at: position, row: row) else { return }
            buffer.append(key)
            JSONText.appendNumber(value, to: &buffer)
        }

        /// `opening`, `"id":value` for each of `keys` whose column covers
        /// the row, `}`; nothing when none covers the row (e.g. the year's
        /// criteria), but `{}` when there are no ids at all.
        @inline(__always)
        private func map(
            _ opening: StaticString, columns: Range<Int>, _ position: Int, _ row: Int, to buffer: inout ByteBuffer
        ) {
            // Number column 3 + k holds key k.
            guard columns.isEmpty || columns.contains(where: { numbers.covers(3 + $0, row: row) }) else { return }
            buffer.append(opening)
            var first = true
            for key in columns where numbers.covers(3 + key, row: row) {
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                keys.append(key, to: &buffer)
                cache.append(numbers[3 + key, position], slot: slots[key], hit: hits[key], to: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }

        /// Looks up the cache slot of every content's and criterion's number
        /// of the line at `position`, before any is written.
        ///
        /// A loop without branches on the outcome, so the loads of the
        /// slots (all over a table of a few megabytes) are in flight
        /// together; looked up one by one as the line is written, each
        /// waited behind the mispredicted hit-or-miss branch of the one
        /// before. Each key has its own column's table, so writing one
        /// number never changes the slot of another on the same line.
        @inline(__always)
        private func probe(_ position: Int, _ row: Int) {
            for key in 0..<keys.count where numbers.covers(3 + key, row: row) {
                let value = numbers[3 + key, position]
                let slot = cache.slot(for: value, column: key)
                slots[key] = slot
                hits[key] = slot[0] == value.bitPattern
            }
        }

        /// `key` and the rank in integer `column` at `position`, or `null`
        /// when not ranked.
        @inline(__always)
        private func rank(
            _ key: StaticString, _ column: Int, _ position: Int, _ row: Int, to buffer: inout ByteBuffer
        ) {
            buffer.append(key)
            if let rank = ranked.integers.rank(column, at: position, row: row) {
                let destination = buffer.tail(reserving: DecimalText.maxLength)
                buffer.extend(by: DecimalText.writeInteger(rank, to: destination))
            } else {
                buffer.append("null")
            }
        }
    }
}
