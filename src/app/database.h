/* database.h — opening the database for any subcommand: DATABASE_URL when set, otherwise the
 * embedded PostgreSQL cluster in the data directory (started here, stopped by edx_database_close),
 * then a connection pool and the migrations. */
#ifndef EDX_DATABASE_H
#define EDX_DATABASE_H
#include <stddef.h>
#include "db/pool.h"
#include "src/runtime/config.h"

typedef struct edx_database edx_database;

/* Opens the database cfg describes with pool_size connections and applies pending migrations.
 * An embedded cluster another edudx runs is joined only with may_join (see pg_embedded.h).
 * Returns 0, or -1 with a one-line message in err. */
int edx_database_open(edx_database **out, const edx_config *cfg, int pool_size, int may_join,
                      char *err, size_t errlen);
edx_pool *edx_database_pool(edx_database *db);
/* Closes the pool and stops the embedded cluster if this opened one. NULL-safe. */
void edx_database_close(edx_database *db);
#endif
