/// The JSON text of numbers the columns of `results.json` wrote lately, so
/// that a value met again in its column is copied instead of formatted
/// again.
///
/// An achievement or a content's points takes a few thousand distinct
/// values over a national run (1.0, 0.95, 18.333333333333332, …), most
/// with 16 or 17 significant digits, the slowest to format. A direct-mapped
/// table of 4096 slots per column, looked up by a hash of the bit pattern,
/// finds about two in five of those again on the national sample; a hit
/// costs a few loads and stores.
///
/// Each slot is four words: the bit pattern, then 24 bytes holding the
/// text's length and up to 23 bytes of text (the longest shortest form of a
/// `Double` is 24 bytes, and such values are simply not kept). Every slot
/// starts as 0.0 → `0.0`, a true entry, so no pattern needs to mean "empty".
struct NumberCache: ~Copyable {
    /// The slots of every column, 4 words each, and one spare word so that
    /// the 8-byte loads of the last slot's text stay inside the allocation.
    private let words: UnsafeMutablePointer<UInt64>
    private static let slotBits = 12

    /// Creates a table of `columns` columns, every slot holding 0.0.
    init(columns: Int) {
        let slots = columns << NumberCache.slotBits
        words = .allocate(capacity: slots * 4 + 1)
        words.initialize(repeating: 0, count: slots * 4 + 1)
        var zero = ByteBuffer(capacity: 8)
        JSONText.appendNumber(0, to: &zero)
        let text = zero.array
        for slot in 0..<slots { NumberCache.store(text, in: words + slot * 4) }
    }

    deinit {
        words.deallocate()
    }

    /// Appends `value` as `JSONText.appendNumber` writes it.
    ///
    /// - Parameters:
    ///   - value: The number.
    ///   - column: Which column's table to use.
    ///   - buffer: UTF-8 output buffer.
    @inline(__always)
    func append(_ value: Double, column: Int, to buffer: inout ByteBuffer) {
        let slot = slot(for: value, column: column)
        append(value, slot: slot, hit: slot[0] == value.bitPattern, to: &buffer)
    }

    /// The slot of `value` in `column`'s table, for ``append(_:slot:hit:to:)``.
    ///
    /// Split from the append so that a writer can look up every number of
    /// a line first: the loads of the slots (a table too big for the
    /// nearest caches) then overlap, instead of each waiting behind the
    /// mispredicted hit-or-miss branch of the number before.
    /// - Parameters:
    ///   - value: The number.
    ///   - column: Which column's table to use.
    /// - Returns: The slot; its first word is the bit pattern it holds.
    @inline(__always)
    func slot(for value: Double, column: Int) -> UnsafeMutablePointer<UInt64> {
        let hash = Int(truncatingIfNeeded: (value.bitPattern &* 0x9E37_79B9_7F4A_7C15) >> (64 - NumberCache.slotBits))
        return words + ((column << NumberCache.slotBits) + hash) * 4
    }

    /// Appends `value` as `JSONText.appendNumber` writes it, from its slot
    /// when `hit`, formatting it and keeping it in the slot otherwise.
    ///
    /// - Parameters:
    ///   - value: The number.
    ///   - slot: `slot(for: value, column:)`.
    ///   - hit: Whether `slot[0]` was `value.bitPattern` (nothing has been
    ///     stored in the slot since).
    ///   - buffer: UTF-8 output buffer.
    @inline(__always)
    func append(_ value: Double, slot: UnsafeMutablePointer<UInt64>, hit: Bool, to buffer: inout ByteBuffer) {
        let destination = buffer.tail(reserving: 32)
        let text = UnsafeMutableRawPointer(slot + 1)
        let target = UnsafeMutableRawPointer(destination)
        if hit {
            // Bytes 1...24 of the text words: the text, and maybe a little after it.
            for offset in stride(from: 0, to: 24, by: 8) {
                target.storeBytes(of: text.loadUnaligned(fromByteOffset: offset + 1, as: UInt64.self),
                                  toByteOffset: offset, as: UInt64.self)
            }
            buffer.extend(by: Int(text.load(as: UInt8.self)))
        } else {
            // Formatted at `destination`, then copied from there into the
            // slot with three overlapping 8-byte moves (text bytes 0..<23;
            // the 32 bytes reserved keep the loads in bounds, and bytes
            // past `length` are never read back).
            let length = JSONText.writeNumber(value, to: destination)
            buffer.extend(by: length)
            if length <= 23 {
                slot[0] = value.bitPattern
                text.storeBytes(of: UInt8(truncatingIfNeeded: length), as: UInt8.self)
                text.storeBytes(of: target.loadUnaligned(as: UInt64.self), toByteOffset: 1, as: UInt64.self)
                text.storeBytes(of: target.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                                toByteOffset: 9, as: UInt64.self)
                text.storeBytes(of: target.loadUnaligned(fromByteOffset: 15, as: UInt64.self),
                                toByteOffset: 16, as: UInt64.self)
            }
        }
    }

    /// Writes the length and the bytes of `text` (at most 23) into the
    /// text words of `slot`.
    private static func store(_ text: [UInt8], in slot: UnsafeMutablePointer<UInt64>) {
        let bytes = UnsafeMutableRawPointer(slot + 1)
        bytes.storeBytes(of: UInt8(text.count), as: UInt8.self)
        for (offset, byte) in text.enumerated() {
            bytes.storeBytes(of: byte, toByteOffset: offset + 1, as: UInt8.self)
        }
    }
}
