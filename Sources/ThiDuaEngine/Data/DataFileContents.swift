#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A data file's bytes in memory, for as long as they are parsed and
/// hashed.
///
/// A regular file is mapped from the system's file cache rather than
/// copied into a new array. Copying a national 50 MB file took some 20 ms
/// even on two threads, mostly for the kernel to give the array 12,000
/// fresh pages, and the read phase of a national run was about an eighth
/// shorter with the file mapped.
///
/// A mapped file must not shrink while it is mapped: touching a page past
/// its new end would kill the process with `SIGBUS`, where a reader should
/// say what went wrong. So a file is only mapped under a read lease (Linux
/// `F_SETLEASE`). Until the contents are freed, right after the parse and
/// the manifest's digest, a program that opens the file to write or
/// truncates it waits; the kernel waits at most
/// `/proc/sys/fs/lease-break-time` seconds (45 by default). The kernel
/// tells the lease holder with `SIGIO`, whose default action would end the
/// process, so `SIGIO` is ignored when nothing else handles it.
///
/// Where no lease can be had, the file is read into an array with
/// `DataFileBytes`: the file is open for writing somewhere (an editor holds
/// it), the user neither owns it nor may take leases (`CAP_LEASE`), the file
/// system takes no leases (NFS, FUSE), or the platform has none. The bytes
/// are the same either way.
final class DataFileContents: Sendable {
    /// The bytes, when they were read into an array.
    private let array: [UInt8]
    /// The mapping's address as a bit pattern, or 0 when `array` holds the
    /// bytes. A pointer is not `Sendable`; this one may be read from any
    /// thread because the mapping is read-only (`PROT_READ`), its file
    /// cannot shrink under the lease, and it stays mapped until `deinit`.
    private let mappedAddress: UInt
    /// The descriptor that holds the lease, or -1.
    private let leaseDescriptor: Int32
    /// The number of bytes.
    let count: Int

    /// Contents already in memory (tests, and a file that is not mapped).
    /// - Parameter bytes: The file's bytes.
    init(_ bytes: [UInt8]) {
        array = bytes
        mappedAddress = 0
        leaseDescriptor = -1
        count = bytes.count
    }

    private init(mappedAt address: UnsafeMutableRawPointer, count: Int, leaseDescriptor: Int32) {
        array = []
        mappedAddress = UInt(bitPattern: address)
        self.leaseDescriptor = leaseDescriptor
        self.count = count
    }

    deinit {
        if let address = UnsafeMutableRawPointer(bitPattern: mappedAddress) { _ = munmap(address, count) }
        if leaseDescriptor >= 0 { Self.releaseLease(leaseDescriptor) }
    }

    /// Whether the bytes are mapped from the file (under a lease) rather
    /// than read into an array.
    var isMapped: Bool { mappedAddress != 0 }

    /// The whole content of the file at `path`, mapped under a lease when
    /// one can be had, else read.
    /// - Parameters:
    ///   - path: The file.
    ///   - jobs: Threads to read a large regular file on when it is not
    ///     mapped.
    /// - Throws: `DataFileError` when the file cannot be opened or read.
    static func load(path: String, jobs: Int) throws(DataFileError) -> DataFileContents {
        if let mapped = mapped(path: path) { return mapped }
        return DataFileContents(try DataFileBytes.contents(ofFile: path, jobs: jobs))
    }

    /// Calls `body` with the bytes, which stay valid only during the call.
    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        guard let start = UnsafePointer<UInt8>(bitPattern: mappedAddress) else {
            return try array.withUnsafeBufferPointer(body)
        }
        return try body(UnsafeBufferPointer(start: start, count: count))
    }

    /// The file at `path` mapped under a read lease, or `nil` when it is
    /// not a non-empty regular file or no lease or mapping can be had (then
    /// reading it says why it cannot be read, if it cannot).
    private static func mapped(path: String) -> DataFileContents? {
        #if os(Linux) && canImport(Glibc)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0,
              leaseSignalIgnored, fcntl(descriptor, leaseCommand, Int32(F_RDLCK)) == 0 else {
            close(descriptor)
            return nil
        }
        // The size again, now that the file cannot change: it may have been
        // truncated or written to between the first look and the lease.
        guard fstat(descriptor, &info) == 0, info.st_size > 0, let address = mmap(
            nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            releaseLease(descriptor)
            return nil
        }
        return DataFileContents(mappedAt: address, count: Int(info.st_size), leaseDescriptor: descriptor)
        #else
        return nil
        #endif
    }

    /// Lets go of the lease held through `descriptor`, and closes it.
    private static func releaseLease(_ descriptor: Int32) {
        #if os(Linux) && canImport(Glibc)
        _ = fcntl(descriptor, leaseCommand, Int32(F_UNLCK))
        #endif
        close(descriptor)
    }

    #if os(Linux) && canImport(Glibc)
    /// `F_SETLEASE` (`F_LINUX_SPECIFIC_BASE + 0`, linux/fcntl.h), which
    /// Glibc's Swift module does not bring in.
    private static let leaseCommand: Int32 = 1024

    /// Whether the signal that tells of a broken lease (`SIGIO`) will not
    /// end the process: it is set to be ignored, once, when it has its
    /// default action; a handler someone else installed is left alone.
    private static let leaseSignalIgnored: Bool = {
        var current = sigaction()
        guard sigaction(SIGIO, nil, &current) == 0 else { return false }
        // SIG_DFL is 0, which Swift sees as a nil handler.
        guard current.__sigaction_handler.sa_handler == nil else { return true }
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        return sigaction(SIGIO, &ignore, nil) == 0
    }()
    #endif
}
