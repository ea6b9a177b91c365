#ifndef CPROCESSSETUP_H
#define CPROCESSSETUP_H

/// Configures the process's SQLite before its first connection: connections are used by one thread at a time
/// (no connection mutex) and no memory statistics are kept (no global allocator mutex). Returns 0 when both took
/// effect, else SQLite's error code (SQLite was already initialized: it keeps its defaults, which are also correct).
int portico_sqlite_setup(void);

/// Gives every allocation of at least `threshold` bytes pages of its own, returned to the system when it is freed
/// (glibc's `M_MMAP_THRESHOLD`, which also stops glibc from raising the threshold to the largest block freed so far).
/// Returns 1 when set, 0 when not (another C library: nothing is changed).
int portico_malloc_setup(long threshold);

#endif
