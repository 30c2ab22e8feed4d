/* database.c — embedded or external PostgreSQL, pool and migrations for a subcommand
 * (see database.h). */
#include <stdio.h>
#include <stdlib.h>
#include <yder.h>
#include "db/migrate.h"
#include "src/app/database.h"
#include "src/rules/errors.h"
#include "src/app/pg_embedded.h"

struct edx_database {
  edx_pg_embedded *embedded;
  edx_pool *pool;
};

static int migrate(edx_pool *pool, char *err, size_t errlen)
{
  edx_conn *c = NULL;
  int applied = 0, rc = edx_pool_acquire(pool, &c);
  if (rc != EDX_OK) {
    snprintf(err, errlen, "could not reach the database to migrate it");
    return -1;
  }
  rc = edx_migrate_run(c, &applied, err, errlen);
  edx_pool_release(pool, c);
  if (rc == EDX_OK && applied > 0)
    y_log_message(Y_LOG_LEVEL_INFO, "applied %d migration(s); schema at %d", applied,
                  edx_migrate_latest());
  return rc == EDX_OK ? 0 : -1;
}

int edx_database_open(edx_database **out, const edx_config *cfg, int pool_size, int may_join,
                      char *err, size_t errlen)
{
  edx_database *db = calloc(1, sizeof(*db));
  char *conninfo = NULL;
  if (!db) {
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  if (!cfg->database_url) {
    if (edx_pg_embedded_start(&db->embedded, &conninfo, cfg->data_dir, may_join, err, errlen) != 0)
      goto fail;
    y_log_message(Y_LOG_LEVEL_INFO, "embedded PostgreSQL running for %s", cfg->data_dir);
  }
  if (edx_pool_open(&db->pool, conninfo ? conninfo : cfg->database_url, pool_size,
                    cfg->statement_timeout_ms, err, errlen) != 0)
    goto fail;
  /* the migrations change what statements mean: none is kept from before they end */
  edx_pool_prepare_statements(db->pool, 0);
  if (migrate(db->pool, err, errlen) != 0)
    goto fail;
  edx_pool_prepare_statements(db->pool, cfg->prepared_statements);
  free(conninfo);
  *out = db;
  return 0;
fail:
  free(conninfo);
  edx_database_close(db);
  return -1;
}

edx_pool *edx_database_pool(edx_database *db)
{
  return db->pool;
}

void edx_database_close(edx_database *db)
{
  if (!db)
    return;
  edx_pool_close(db->pool);
  edx_pg_embedded_stop(db->embedded);
  free(db);
}
