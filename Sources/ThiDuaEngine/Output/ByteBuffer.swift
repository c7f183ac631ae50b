/// A growable byte buffer the output writers append to through a pointer.
///
/// A national run writes some 250 MB in tens of millions of small pieces (a
/// key, a quote, a number); `Array.append(contentsOf:)` costs more per call
/// than copying the bytes does. Here an append is a capacity check and a
/// copy. The buffer is non-copyable, so it has one owner and frees its
/// memory once; writers hand a full buffer to an ``OutputSink`` and reuse it.
public struct ByteBuffer: ~Copyable {
    /// Start of the storage.
    private var base: UnsafeMutablePointer<UInt8>
    /// Bytes allocated.
    private var capacity: Int
    /// Bytes written so far.
    public private(set) var count: Int = 0

    /// Creates an empty buffer.
    ///
    /// - Parameter capacity: Bytes to allocate at first; it grows as needed.
    public init(capacity: Int = 4096) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Appends one byte.
    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: 1) }
        base[count] = byte
        count += 1
    }

    /// Appends the bytes of `bytes`.
    ///
    /// Most pieces are a few bytes (a key, a quote, a name): up to 32 are
    /// copied with (possibly overlapping) 8-byte moves rather than a call
    /// to `memmove`.
    @inline(__always)
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let length = bytes.count
        if length > capacity - count { grow(toHold: length) }
        guard let source = bytes.baseAddress else { return }
        let target = UnsafeMutableRawPointer(base + count)
        count += length
        if length >= 8, length <= 32 {
            let first = source.loadUnaligned(as: UInt64.self)
            let last = source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            if length > 16 {
                let second = source.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                let third = source.loadUnaligned(fromByteOffset: length > 24 ? 16 : length - 16, as: UInt64.self)
                target.storeBytes(of: second, toByteOffset: 8, as: UInt64.self)
                target.storeBytes(of: third, toByteOffset: length > 24 ? 16 : length - 16, as: UInt64.self)
            }
            target.storeBytes(of: first, as: UInt64.self)
            target.storeBytes(of: last, toByteOffset: length - 8, as: UInt64.self)
        } else if length < 8 {
            for index in 0..<length {
                let byte = source.load(fromByteOffset: index, as: UInt8.self)
                target.storeBytes(of: byte, toByteOffset: index, as: UInt8.self)
            }
        } else {
            target.copyMemory(from: source, byteCount: length)
        }
    }

    /// Appends the bytes of `bytes`.
    @inline(__always)
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends the UTF-8 bytes of a literal, e.g. `",\"total\":"`.
    @inline(__always)
    public mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    public mutating func append(contentsOf text: String) {
        text.withUTF8Bytes { append($0) }
    }

    /// Room for `maxCount` more bytes: where they go. Write them, then
    /// call ``extend(by:)`` with how many were written, before any other
    /// call on the buffer (which may move the storage).
    ///
    /// A plain pointer rather than a closure: the number writers run ten
    /// million times a run, and the closure's context costs more than the
    /// digits.
    /// - Parameter maxCount: The most bytes that will be written.
    /// - Returns: The first free byte.
    @inline(__always)
    public mutating func tail(reserving maxCount: Int) -> UnsafeMutablePointer<UInt8> {
        if maxCount > capacity - count { grow(toHold: maxCount) }
        return base + count
    }

    /// Counts `written` bytes put at ``tail(reserving:)`` as part of the
    /// contents.
    @inline(__always)
    public mutating func extend(by written: Int) {
        count += written
    }

    /// Forgets the contents, keeping the storage.
    public mutating func removeAll() {
        count = 0
    }

    /// Calls `body` with the contents.
    ///
    /// - Parameter body: Reads the bytes; they are valid only during the call.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// A copy of the contents as an array.
    public var array: [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    /// Makes room for `extra` more bytes, at least doubling the storage.
    private mutating func grow(toHold extra: Int) {
        let newCapacity = max(capacity * 2, count + extra)
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        storage.update(from: base, count: count)
        base.deallocate()
        base = storage
        capacity = newCapacity
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes: in place when the string
    /// stores them contiguously (every native string does), else a copy.
    /// The writers read every text they write through this.
    @inline(__always)
    func withUTF8Bytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        if let result = try utf8.withContiguousStorageIfAvailable({ try body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return try Array(utf8).withUnsafeBytes(body)
    }
}
