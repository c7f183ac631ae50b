#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A data file's bytes in memory, for as long as they are parsed and
/// hashed.
///
/// On Linux a regular file is mapped from the system's file cache rather
/// than copied into a new array. Copying a national 50 MB file took some
/// 20 ms even on two threads, mostly for the kernel to give the array
/// 12,000 fresh pages, and the read phase of a national run was about a
/// fifth shorter with the file mapped.
///
/// A mapped file must not change while it is read, and a page of it that
/// the file no longer has (it was truncated) would kill the process with
/// `SIGBUS`. Three things keep that from happening:
///
/// - The file is only mapped under a read lease (`F_SETLEASE`): a program
///   that opens it to write or truncates it waits until the contents are
///   freed, once the parse is done and the manifest's digest taken. The kernel
///   tells the holder with `SIGIO`, whose default action would end the
///   process, so `SIGIO` is ignored when nothing else handles it.
/// - The kernel waits at most `/proc/sys/fs/lease-break-time` seconds (45
///   by default), then lets the writer go on: a run stopped with Ctrl-Z for
///   longer, a file system that only guards against local writers (FUSE,
///   9p), or a disk error can still take pages away. `MappedFileGuard` then
///   puts a page of zeros where the lost page was, so the reading goes on.
/// - `checkUnchanged` compares the file's size and times, and
///   the guard's record of lost pages, with how they were when it was
///   mapped: the reader checks after the parse, and the digest after
///   hashing, and a file that changed is an error, never data.
///
/// Where no lease can be had, the file is read into an array with
/// `DataFileBytes`, as on other platforms: the file is open for writing
/// somewhere (an editor holds it), the user neither owns it nor may take
/// leases (`CAP_LEASE`), the file system takes no leases (NFS), or 64 files
/// are mapped at once already. The bytes are the same either way.
///
/// `@unchecked Sendable`: every stored property is a constant, and the
/// mapping they point at is read-only (`PROT_READ`), stays mapped until
/// `deinit` (so while any thread holds the contents), and never faults
/// (a lost page is replaced by zeros, above): any thread may read it.
final class DataFileContents: @unchecked Sendable {
    /// The bytes, when they were read into an array.
    private let array: [UInt8]
    /// The mapping, when the file is mapped.
    private let mapping: UnsafeRawBufferPointer?
    /// What a change to a mapped file is noticed by, or `nil`.
    private let watch: Watch?
    /// The number of bytes.
    let count: Int

    /// A mapped file's lease, its slot in `MappedFileGuard`, and its size
    /// and times when mapped.
    private struct Watch {
        var descriptor: Int32
        var slot: Int
        var size: Int
        /// When its bytes last changed (`st_mtim`), which programs may set.
        var modified: timespec
        /// When it last changed at all (`st_ctim`), which only the kernel
        /// sets: also after a write whose program put the old `st_mtim`
        /// back (and after a change of owner or mode, which is rare).
        var changed: timespec
    }

    /// Contents already in memory (tests, and a file that is not mapped).
    /// - Parameter bytes: The file's bytes.
    init(_ bytes: [UInt8]) {
        array = bytes
        mapping = nil
        watch = nil
        count = bytes.count
    }

    private init(mapping: UnsafeRawBufferPointer, watch: Watch) {
        array = []
        self.mapping = mapping
        self.watch = watch
        count = mapping.count
    }

    deinit {
        guard let mapping, let watch else { return }
        #if os(Linux) && canImport(Glibc)
        MappedFileGuard.release(slot: watch.slot)
        _ = munmap(UnsafeMutableRawPointer(mutating: mapping.baseAddress), mapping.count)
        Self.releaseLease(watch.descriptor)
        #endif
    }

    /// Whether the bytes are mapped from the file (under a lease) rather
    /// than read into an array.
    var isMapped: Bool { mapping != nil }

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
        guard let mapping else { return try array.withUnsafeBufferPointer(body) }
        return try body(mapping.assumingMemoryBound(to: UInt8.self))
    }

    /// Throws when the mapped file lost pages, or its size or times are not
    /// what they were when it was mapped: the bytes read may not be one
    /// version of the file. Contents read into an array never
    /// change.
    /// - Throws: `DataFileError` saying what changed.
    func checkUnchanged() throws(DataFileError) {
        #if os(Linux) && canImport(Glibc)
        guard let watch else { return }
        var info = stat()
        let lostPages = MappedFileGuard.lostPages(slot: watch.slot)
        guard !lostPages, fstat(watch.descriptor, &info) == 0, Int(info.st_size) == watch.size,
              Self.same(info.st_mtim, watch.modified), Self.same(info.st_ctim, watch.changed) else {
            throw DataFileError(reason: lostPages
                ? "it was truncated, or a part of it could not be read, while it was read; "
                    + "run again once nothing writes to it"
                : "it changed while it was read; run again once nothing writes to it")
        }
        #endif
    }

    /// The file at `path` mapped under a read lease, or `nil` when it is
    /// not a non-empty regular file or no lease, slot or mapping can be had
    /// (then reading it says why it cannot be read, if it cannot).
    private static func mapped(path: String) -> DataFileContents? {
        #if os(Linux) && canImport(Glibc)
        var info = stat()
        // A FIFO or a device is not opened here at all (opening a FIFO
        // would let its writer in before the reading the usual way); not
        // blocking, should the path become one before `open`.
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0,
              leaseSignalIgnored, MappedFileGuard.isInstalled,
              fcntl(descriptor, leaseCommand, Int32(F_RDLCK)) == 0 else {
            close(descriptor)
            return nil
        }
        // The size again, now that the file cannot change: it may have been
        // truncated or written to between the first look and the lease.
        let size = Int(info.st_size)
        guard fstat(descriptor, &info) == 0, Int(info.st_size) == size,
              let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            releaseLease(descriptor)
            return nil
        }
        let mapping = UnsafeRawBufferPointer(start: address, count: size)
        guard let slot = MappedFileGuard.claim(mapping) else {
            _ = munmap(address, size)
            releaseLease(descriptor)
            return nil
        }
        return DataFileContents(mapping: mapping, watch: Watch(descriptor: descriptor, slot: slot, size: size,
                                                               modified: info.st_mtim, changed: info.st_ctim))
        #else
        return nil
        #endif
    }

    #if os(Linux) && canImport(Glibc)
    private static func same(_ left: timespec, _ right: timespec) -> Bool {
        left.tv_sec == right.tv_sec && left.tv_nsec == right.tv_nsec
    }

    /// Lets go of the lease held through `descriptor`, and closes it.
    private static func releaseLease(_ descriptor: Int32) {
        _ = fcntl(descriptor, leaseCommand, Int32(F_UNLCK))
        close(descriptor)
    }

    /// Gives up the lease but keeps the mapping, as the kernel does once
    /// the lease-break time is over: for tests of what follows.
    func releaseLeaseKeepingTheMapping() {
        guard let watch else { return }
        _ = fcntl(watch.descriptor, Self.leaseCommand, Int32(F_UNLCK))
    }

    /// `F_SETLEASE` (`F_LINUX_SPECIFIC_BASE + 0`, linux/fcntl.h), which
    /// Glibc's Swift module does not bring in.
    private static let leaseCommand: Int32 = 1024

    /// Whether the signal that tells of a broken lease (`SIGIO`) will not
    /// end the process: it is set to be ignored, once, when it has its
    /// default action; a handler someone else installed is left alone.
    /// (An ignored signal stays ignored in programs this process starts;
    /// thidua starts none.)
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

#if os(Linux) && canImport(Glibc)
/// Keeps a mapped data file that loses pages from ending the process.
///
/// Reading a page of a file mapping that the file no longer has raises
/// `SIGBUS`. This handler looks the faulting address up among the mapped
/// data files (up to 64 at once): there, it maps a page of zeros over the
/// lost page, notes the loss for `DataFileContents.checkUnchanged`, and
/// the read goes on; anywhere else it hands the signal to the handler that
/// was there before (the Swift runtime's crash report), as if it had never
/// been installed.
enum MappedFileGuard {
    /// One mapped file: its address range, published with `end` last so
    /// that the handler never sees a half-claimed slot, and whether it lost
    /// a page.
    final class Slot: Sendable {
        let start = Atomic<UInt>(0)
        let end = Atomic<UInt>(0)
        let lostPage = Atomic<Bool>(false)
    }

    /// The action `SIGBUS` had before, kept for faults elsewhere.
    /// `@unchecked Sendable`: a constant, read before the handler that uses
    /// it is installed; `sigaction` is plain data.
    private final class PreviousAction: @unchecked Sendable {
        let action: sigaction

        init() {
            var current = sigaction()
            _ = sigaction(SIGBUS, nil, &current)
            action = current
        }
    }

    /// The most data files mapped at once; more are read instead.
    static let slotCount = 64
    static let slots: [Slot] = (0..<slotCount).map { _ in Slot() }
    private static let previous = PreviousAction()
    private static let pageSize = UInt(max(4_096, sysconf(Int32(_SC_PAGESIZE))))

    /// Whether the handler is in place: installed on first use, and not
    /// handed back to the earlier action since (see `handle`).
    static var isInstalled: Bool {
        installed && !handedBack.load(ordering: .acquiring)
    }

    /// Set when the handler gave `SIGBUS` back to the earlier action.
    private static let handedBack = Atomic<Bool>(false)

    /// Whether the handler was installed (on first use).
    private static let installed: Bool = {
        // Made before the handler can run, which must not initialize
        // anything.
        _ = slots.count
        _ = pageSize
        _ = previous.action
        _ = handedBack.load(ordering: .relaxed)
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = { signal, info, context in
            MappedFileGuard.handle(signal, info, context)
        }
        action.sa_flags = SA_SIGINFO
        sigemptyset(&action.sa_mask)
        return sigaction(SIGBUS, &action, nil) == 0
    }()

    /// Takes a free slot for `mapping`, or `nil` when all are taken.
    static func claim(_ mapping: UnsafeRawBufferPointer) -> Int? {
        guard let base = mapping.baseAddress else { return nil }
        let start = UInt(bitPattern: base)
        for (index, slot) in slots.enumerated() {
            guard slot.start.compareExchange(expected: 0, desired: start, ordering: .acquiringAndReleasing).exchanged
            else { continue }
            slot.lostPage.store(false, ordering: .releasing)
            slot.end.store(start + UInt(mapping.count), ordering: .releasing)
            return index
        }
        return nil
    }

    /// Whether the file in `slot` lost a page since it was claimed.
    static func lostPages(slot: Int) -> Bool {
        slots[slot].lostPage.load(ordering: .acquiring)
    }

    /// Frees `slot`, before its mapping goes (so that a page of a mapping
    /// made later at the same addresses is never charged to it).
    static func release(slot: Int) {
        slots[slot].end.store(0, ordering: .releasing)
        slots[slot].start.store(0, ordering: .releasing)
    }

    /// The handler. It only loads and stores atomics (the slots' and, to
    /// reach them, the initialized globals' and the retain counts of the
    /// slots, which are never freed), and calls `mmap`, `sigaction` and
    /// `raise`: nothing allocates, locks or initializes, as a signal
    /// handler must not. `errno` is kept as the interrupted code left it.
    private static func handle(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?,
                               _ context: UnsafeMutableRawPointer?) {
        let savedErrorNumber = errno
        defer { errno = savedErrorNumber }
        // Only a fault the kernel raised (a positive code, such as
        // BUS_ADRERR) comes from reading a page; a SIGBUS sent with `kill`
        // has a code of 0 or below.
        if let info, info.pointee.si_code > 0 {
            let address = UInt(bitPattern: info.pointee._sifields._sigfault.si_addr)
            for slot in slots {
                let start = slot.start.load(ordering: .acquiring), end = slot.end.load(ordering: .acquiring)
                guard start != 0, address >= start, address < end else { continue }
                let page = address & ~(pageSize - 1)
                let zeros = mmap(UnsafeMutableRawPointer(bitPattern: page), Int(pageSize), PROT_READ,
                                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
                if zeros != MAP_FAILED {
                    slot.lostPage.store(true, ordering: .releasing)
                    return
                }
            }
        }
        // Not a data file's page, or not a fault: the earlier action (the
        // Swift runtime's crash report, or the default, which ends the
        // process) takes over for good, as if this handler had never been
        // there. A fault comes back when the faulting read runs again; a
        // signal that was sent is sent again, and delivered once this
        // handler returns. No file is mapped from then on.
        handedBack.store(true, ordering: .releasing)
        var earlier = previous.action
        _ = sigaction(SIGBUS, &earlier, nil)
        if (info.map { $0.pointee.si_code <= 0 }) ?? true { _ = raise(SIGBUS) }
    }
}
#endif
