import CAllocator
import Testing

/// The allocator settings `thidua` makes first thing in `main`
/// (`MemoryPolicy.keepFreedMemory`).
@Suite struct MemoryPolicyTests {
    /// glibc takes both settings; a value it refused (it caps the mmap
    /// threshold) would silently leave the default behaviour in place.
    @Test func theAllocatorTakesTheSettingsOnGlibc() {
        #if os(Linux) && canImport(Glibc)
        #expect(thidua_keep_freed_memory() == 1)
        #else
        #expect(thidua_keep_freed_memory() == 0)
        #endif
    }
}
