#ifndef CSQLITESETUP_H
#define CSQLITESETUP_H

/// Configures the process's SQLite before its first connection: connections are used by one thread at a time
/// (no connection mutex) and no memory statistics are kept (no global allocator mutex). Returns 0 when both took
/// effect, else SQLite's error code (SQLite was already initialized: it keeps its defaults, which are also correct).
int portico_sqlite_setup(void);

#endif
