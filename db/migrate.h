/* migrate.h — applying the SQL files in migrations/ (compiled into the binary) in order, each in
 * its own transaction, recorded with a checksum; then db/representations.sql, re-applied when
 * its checksum differs from the one recorded in schema_definitions (unless the database's schema is
 * newer than this binary's). A session-level advisory lock
 * makes concurrent runs (several instances starting at once) safe; an applied migration that was
 * edited is refused. */
#ifndef EDX_DB_MIGRATE_H
#define EDX_DB_MIGRATE_H
#include <stddef.h>
#include "db/pool.h"

/* Applies pending migrations, then the representations when they changed, without the
 * connection's statement timeout (restored after). *applied (may be NULL) gets how many
 * migrations were applied now. Returns EDX_OK, or an edx code with a one-line
 * message in err. */
int edx_migrate_run(edx_conn *c, int *applied, char *err, size_t errlen);
/* The newest migration version compiled into this binary. */
int edx_migrate_latest(void);
/* The newest version applied to the database (0 when none) into *version. */
int edx_migrate_current(edx_conn *c, int *version);
#endif
