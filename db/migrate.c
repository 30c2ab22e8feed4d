/* migrate.c — ordered, checksummed, lock-protected migrations (see migrate.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yder.h>
#include "db/migrate.h"
#include "db/query.h"
#include "src/runtime/embedded.h"
#include "src/rules/errors.h"
#include "src/runtime/secret.h"

#define MIGRATION_LOCK_KEY "7120357001"

int edx_migrate_latest(void)
{
  int latest = 0;
  for (const edx_embedded_file *m = edx_migrations; m->name; m++)
    latest = atoi(m->name) > latest ? atoi(m->name) : latest;
  return latest;
}

int edx_migrate_current(edx_conn *c, int *version)
{
  PGresult *res = NULL;
  int rc = edx_db_exec(c, &res,
                       "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 "
                       "ELSE (SELECT coalesce(max(version), 0) FROM schema_migrations) END",
                       0, NULL);
  if (rc == EDX_OK)
    *version = atoi(PQgetvalue(res, 0, 0));
  PQclear(res);
  return rc;
}

/* Runs the SQL file f and then record (which stores its checksum, with params) in one
 * transaction; logs "applied <what><name>" or says which file failed in err. */
static int run_file(edx_conn *c, const char *what, const edx_embedded_file *f, const char *record,
                    int n, const char *const *params, char *err, size_t errlen)
{
  PGresult *script = NULL;
  int rc = edx_db_begin(c);
  if (rc == EDX_OK) {
    script = PQexec(c->pg, f->text);
    /* a file of comments only (a placeholder) is an empty query: applied, changing nothing */
    if (PQresultStatus(script) != PGRES_COMMAND_OK && PQresultStatus(script) != PGRES_TUPLES_OK &&
        PQresultStatus(script) != PGRES_EMPTY_QUERY) {
      snprintf(err, errlen, "%s%s failed: %s", what, f->name, PQresultErrorMessage(script));
      err[strcspn(err, "\n")] = '\0';
      rc = EDX_EINTERNAL;
    }
  }
  if (rc == EDX_OK)
    rc = edx_db_run(c, NULL, record, n, params);
  if (rc == EDX_OK)
    rc = edx_db_commit(c);
  if (rc == EDX_OK)
    y_log_message(Y_LOG_LEVEL_INFO, "applied %s%s", what, f->name);
  if (rc != EDX_OK) {
    edx_db_rollback(c);
    if (!err[0])
      snprintf(err, errlen, "%s%s: %s", what, f->name, edx_error_last());
  }
  PQclear(script);
  return rc;
}

/* Applies one migration unless it is recorded; refuses an edited one. */
static int apply_one(edx_conn *c, const edx_embedded_file *m, int *applied, char *err,
                     size_t errlen)
{
  char version[16], checksum[EDX_SHA256_HEX];
  const char *params[3] = {version, m->name, checksum};
  PGresult *res = NULL;
  int rc;
  snprintf(version, sizeof(version), "%d", atoi(m->name));
  edx_sha256_hex(checksum, m->text, m->length);
  rc = edx_db_exec(c, &res, "SELECT checksum FROM schema_migrations WHERE version = $1::int", 1,
                   params);
  if (rc == EDX_OK && PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), checksum) != 0) {
    snprintf(err, errlen,
             "migration %s was edited after it was applied (checksum %.12s… in the database, "
             "%.12s… in this binary); restore the file and put the change in a new migration",
             m->name, PQgetvalue(res, 0, 0), checksum);
    rc = EDX_ECONFLICT;
  } else if (rc == EDX_OK && PQntuples(res) == 0) {
    rc = run_file(c, "migration ", m, "INSERT INTO schema_migrations (version, name, checksum)"
                        " VALUES ($1::int, $2, $3)", 3, params, err, errlen);
    *applied += rc == EDX_OK;
  }
  PQclear(res);
  return rc;
}

/* Re-applies the representations file (db/representations.sql) when the checksum recorded for it
 * differs from this binary's, and records the new one; but not when the database's schema is
 * newer than this binary's (an older build started during a rollback): the representations there
 * were written for that schema and stay as they are. */
static int apply_representations(edx_conn *c, char *err, size_t errlen)
{
  const edx_embedded_file *f = &edx_representations[0];
  char checksum[EDX_SHA256_HEX];
  const char *params[2] = {f->name, checksum};
  long same = 0;
  int current = 0, rc = edx_migrate_current(c, &current);
  int newer = rc == EDX_OK && current > edx_migrate_latest();
  if (newer)
    y_log_message(Y_LOG_LEVEL_WARNING,
                  "the database's schema (%d) is newer than this binary's (%d); %s left as it is",
                  current, edx_migrate_latest(), f->name);
  edx_sha256_hex(checksum, f->text, f->length);
  if (rc == EDX_OK && !newer)
    rc = edx_db_run(c, NULL,
                    "CREATE TABLE IF NOT EXISTS schema_definitions ("
                    " name text PRIMARY KEY, checksum text NOT NULL,"
                    " applied_at timestamptz NOT NULL DEFAULT now())",
                    0, NULL);
  if (rc == EDX_OK && !newer)
    rc = edx_db_run(c, &same, "SELECT 1 FROM schema_definitions WHERE name = $1 AND checksum = $2",
                    2, params);
  if (rc == EDX_OK && !newer && !same)
    rc = run_file(c, "", f, "INSERT INTO schema_definitions (name, checksum) VALUES ($1, $2)"
                            " ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum,"
                            " applied_at = now()", 2, params, err, errlen);
  return rc;
}

/* The connection's timeouts, kept while the migrations run without some of them. */
typedef struct {
  char statement[64];
  char lock[64];
} saved_timeouts;

/* Keeps the connection's timeouts in saved and lifts both: a migration rewrites whole tables
 * once, at upgrade (0011 took longer than the 10 s default on a country's change feed), and a
 * second process waits for the first one's lock however long it runs. */
static int lift_timeouts(edx_conn *c, saved_timeouts *saved)
{
  PGresult *res = NULL;
  int rc = edx_db_exec(c, &res, "SELECT current_setting('statement_timeout'),"
                                " current_setting('lock_timeout')", 0, NULL);
  if (rc == EDX_OK) {
    snprintf(saved->statement, sizeof(saved->statement), "%s", PQgetvalue(res, 0, 0));
    snprintf(saved->lock, sizeof(saved->lock), "%s", PQgetvalue(res, 0, 1));
  }
  PQclear(res);
  if (rc == EDX_OK)
    c->answer_within_ms = 0; /* no client deadline either, until the pool takes it back */
  return rc == EDX_OK ? edx_db_run(c, NULL, "SELECT set_config('statement_timeout', '0', false),"
                                           " set_config('lock_timeout', '0', false)", 0, NULL)
                      : rc;
}

/* Sets the connection's setting name back to value (kept by lift_timeouts; "" = never read). */
static int restore_timeout(edx_conn *c, const char *name, const char *value)
{
  const char *params[2] = {name, value};
  return value[0] ? edx_db_run(c, NULL, "SELECT set_config($1, $2, false)", 2, params) : EDX_OK;
}

int edx_migrate_run(edx_conn *c, int *applied, char *err, size_t errlen)
{
  saved_timeouts saved = {"", ""};
  int count = 0, locked = 0, rc;
  err[0] = '\0';
  rc = lift_timeouts(c, &saved);
  if (rc == EDX_OK)
    rc = edx_db_run(c, NULL, "SELECT pg_advisory_lock(" MIGRATION_LOCK_KEY ")", 0, NULL);
  locked = rc == EDX_OK;
  /* the lock timeout applies again to the migrations' own locks: an ALTER TABLE waiting behind a
   * running server's transaction would hold up every query queued behind it */
  if (rc == EDX_OK)
    rc = restore_timeout(c, "lock_timeout", saved.lock);
  if (rc != EDX_OK)
    goto cleanup;
  rc = edx_db_run(c, NULL,
                  "CREATE TABLE IF NOT EXISTS schema_migrations ("
                  " version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
                  " applied_at timestamptz NOT NULL DEFAULT now())",
                  0, NULL);
  for (const edx_embedded_file *m = edx_migrations; rc == EDX_OK && m->name; m++)
    rc = apply_one(c, m, &count, err, errlen);
  if (rc == EDX_OK)
    rc = apply_representations(c, err, errlen);
cleanup:
  if (locked)
    edx_db_run(c, NULL, "SELECT pg_advisory_unlock(" MIGRATION_LOCK_KEY ")", 0, NULL);
  restore_timeout(c, "lock_timeout", saved.lock);
  restore_timeout(c, "statement_timeout", saved.statement);
  if (rc != EDX_OK && !err[0])
    snprintf(err, errlen, "could not migrate: %s", edx_error_last());
  if (applied)
    *applied = count;
  return rc;
}
