#include "csqlitesetup.h"
#include <sqlite3.h>

// sqlite3_config is variadic, which Swift cannot call: this file calls it.
int portico_sqlite_setup(void) {
    int rc = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    if (rc != SQLITE_OK) return rc;
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
