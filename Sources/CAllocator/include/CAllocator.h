#ifndef THIDUA_CALLOCATOR_H
#define THIDUA_CALLOCATOR_H

/// Asks the C library's allocator to keep memory that the program frees
/// for its own later allocations instead of handing it back to the system,
/// for a process that runs one batch and exits (see
/// `Sources/thidua/MemoryPolicy.swift`).
///
/// With glibc, blocks under 32 MB come from the heap rather than a mapping
/// of their own, and free memory at the top of the heap is not given back.
/// Elsewhere it does nothing.
///
/// @return 1 when the allocator took both settings, 0 otherwise.
int thidua_keep_freed_memory(void);

#endif
