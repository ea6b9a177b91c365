#include "cprocesssetup.h"
#include <sqlite3.h>
#include <stdlib.h> // defines __GLIBC__ on glibc
#if defined(__GLIBC__)
#include <malloc.h>
#endif

// sqlite3_config is variadic, which Swift cannot call: this file calls it.
int portico_sqlite_setup(void) {
    int rc = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    if (rc != SQLITE_OK) return rc;
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

// glibc's malloc.h is not part of Swift's Glibc module: this file calls mallopt.
int portico_malloc_setup(long threshold) {
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, (int)threshold);
#else
    (void)threshold;
    return 0;
#endif
}
