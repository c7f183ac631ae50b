import CAllocator

/// How the process's memory is handed back to the system.
enum MemoryPolicy {
    /// Keeps memory the run frees for the run's later allocations (glibc:
    /// blocks under 32 MB come from the heap, and the heap is not trimmed).
    ///
    /// A run is a batch that exits when done, and it frees large blocks
    /// all along (a period's gathered columns, each output file's text)
    /// just before it asks for others of the same size. By default glibc
    /// gives such blocks back to the kernel at once and asks for fresh,
    /// zeroed pages for the next one: a national run took some 170,000
    /// page faults for a peak of 480 MB. Kept, they are reused: some
    /// 120,000 faults, about 0.1 s less kernel time, and 3–6 % less wall
    /// time on the build machine, with the same peak memory (README,
    /// "Performance"). Called once, first thing in `main`; elsewhere than
    /// on glibc it does nothing.
    static func keepFreedMemory() {
        // Were a setting refused, the allocator would only behave as by
        // default.
        _ = thidua_keep_freed_memory()
    }
}
