#include "CAllocator.h"

/* Any C library header defines __GLIBC__ when the library is glibc. */
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int thidua_keep_freed_memory(void) {
#if defined(__GLIBC__)
    /* 32 MB is the largest mmap threshold glibc accepts on 64-bit systems
       (half its per-thread heap size); setting it also stops glibc from
       moving the threshold by itself. */
    int mapped = mallopt(M_MMAP_THRESHOLD, 32 << 20);
    int trimmed = mallopt(M_TRIM_THRESHOLD, 1 << 30);
    return mapped == 1 && trimmed == 1;
#else
    return 0;
#endif
}
