/* query.c — parameterised execution through each session's prepared statements (statements.h)
 * and SQLSTATE mapping (see query.h). */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <yder.h>
#include "db/query.h"
#include "src/rules/errors.h"
#include "src/runtime/metrics.h"

static _Atomic long long disk_full_at; /* CLOCK_MONOTONIC seconds of the last 53100, or 0 */

long long edx_db_disk_full_seconds_ago(void)
{
  struct timespec now;
  long long at = disk_full_at;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return at ? (long long)now.tv_sec - at : -1;
}

/* A write the database refused for want of disk (53100) or because it takes no writes now
 * (25006: a read-only standby, default_transaction_read_only): 503, saying which. */
static int storage_refusal(const char *state)
{
  struct timespec now;
  y_log_message(Y_LOG_LEVEL_ERROR, "the database refused a write (%s): %s", state,
                strcmp(state, "53100") == 0 ? "disk full" : "read-only");
  if (strcmp(state, "53100") == 0) {
    clock_gettime(CLOCK_MONOTONIC, &now);
    disk_full_at = (long long)now.tv_sec > 0 ? (long long)now.tv_sec : 1;
    edx_error_set("the database's disk is full: nothing was written; try again once space has "
                  "been freed");
  } else {
    edx_error_set("the database accepts no writes now (it is read-only): nothing was written; "
                  "try again later");
  }
  return EDX_EUNAVAIL;
}

static int map_failure(edx_conn *c, PGresult *res)
{
  const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
  const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
  const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  if (c->timed_out) {
    y_log_message(Y_LOG_LEVEL_WARNING, "the database did not answer within %d ms: connection "
                                       "%d cut", c->answer_within_ms, c->index);
    edx_error_set("the database did not answer in time; try again shortly");
    return EDX_EUNAVAIL;
  }
  if (PQstatus(c->pg) != CONNECTION_OK || !state) {
    y_log_message(Y_LOG_LEVEL_WARNING, "database connection lost: %s", PQerrorMessage(c->pg));
    edx_error_set("the database is unavailable; try again shortly");
    return EDX_EUNAVAIL;
  }
  if (strcmp(state, "23505") == 0 || strcmp(state, "23503") == 0) {
    edx_error_set("%s", detail ? detail : primary);
    return EDX_ECONFLICT;
  }
  if (strncmp(state, "22", 2) == 0 || strcmp(state, "23502") == 0 || strcmp(state, "23514") == 0) {
    edx_error_set("%s", primary ? primary : "invalid value");
    return EDX_EINVALID;
  }
  if (strcmp(state, "53100") == 0 || strcmp(state, "25006") == 0)
    return storage_refusal(state);
  if (strcmp(state, "57014") == 0 || strncmp(state, "57P0", 4) == 0 || strncmp(state, "53", 2) == 0 ||
      strncmp(state, "08", 2) == 0 || strcmp(state, "40001") == 0 ||
      strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0 || strcmp(state, "53300") == 0) {
    y_log_message(Y_LOG_LEVEL_WARNING, "database busy or unavailable (%s): %s", state, primary);
    edx_error_set("the database is busy or unavailable; try again shortly");
    return EDX_EUNAVAIL;
  }
  y_log_message(Y_LOG_LEVEL_ERROR, "database error %s: %s%s%s", state, primary ? primary : "",
                detail ? " — " : "", detail ? detail : "");
  edx_error_set("internal error");
  return EDX_EINTERNAL;
}

static int has_state(const PGresult *res, const char *state)
{
  const char *got = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
  return got && strcmp(got, state) == 0;
}

static long long now_ms(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Waits until the socket is readable or the deadline (0: none) passes; 1 when readable. */
static int wait_readable(int fd, long long deadline)
{
  struct pollfd p = {fd, POLLIN, 0};
  int ready;
  do {
    int left = deadline ? (int)(deadline - now_ms()) : -1;
    if (deadline && left <= 0)
      return 0;
    ready = poll(&p, 1, left);
  } while (ready < 0 && errno == EINTR);
  return ready != 0;
}

/* The answer to what was just sent on c (PQsend…): its first failed result, else its last. A
 * database that sends nothing for c->answer_within_ms (stopped, hung, cut off without a reset)
 * cannot be asked to cancel either: the connection is shut, so that this request fails now and
 * the pool opens a new session on the next checkout; c->timed_out says so. */
static PGresult *await_answer(edx_conn *c)
{
  long long deadline = c->answer_within_ms > 0 ? now_ms() + c->answer_within_ms : 0;
  PGresult *kept = NULL, *res;
  while (PQisBusy(c->pg)) {
    if (!wait_readable(PQsocket(c->pg), deadline)) {
      c->timed_out = 1;
      shutdown(PQsocket(c->pg), SHUT_RDWR);
    }
    if (!PQconsumeInput(c->pg))
      break;
  }
  while ((res = PQgetResult(c->pg)) != NULL) {
    ExecStatusType st = PQresultStatus(res);
    int failed = st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK;
    if (!kept || (failed && PQresultStatus(kept) != PGRES_FATAL_ERROR)) {
      PQclear(kept);
      kept = res;
    } else {
      PQclear(res);
    }
    if (PQstatus(c->pg) != CONNECTION_OK)
      break;
  }
  return kept ? kept : PQmakeEmptyPGresult(c->pg, PGRES_FATAL_ERROR);
}

/* The answer to a statement sent (sent_ok: PQsend… succeeded), or a failed result. */
static PGresult *answer_of(edx_conn *c, int sent_ok)
{
  return sent_ok ? await_answer(c) : PQmakeEmptyPGresult(c->pg, PGRES_FATAL_ERROR);
}

/* Prepares sql on the session under its name unless it is there already; NULL when it is, or the
 * failed result. A full set is emptied first (DEALLOCATE ALL); a name the session holds though
 * the set forgot it (42P05, after a failed DEALLOCATE) counts as prepared. */
static PGresult *prepare(edx_conn *c, uint64_t id, const char *name, const char *sql, int n)
{
  PGresult *res;
  if (edx_statements_has(&c->statements, id))
    return NULL;
  if (c->statements.count >= EDX_STATEMENTS_MAX) {
    PQclear(PQexec(c->pg, "DEALLOCATE ALL"));
    edx_statements_forget(&c->statements);
  }
  res = answer_of(c, PQsendPrepare(c->pg, name, sql, n, NULL));
  if (PQresultStatus(res) != PGRES_COMMAND_OK && !has_state(res, "42P05"))
    return res;
  PQclear(res);
  edx_statements_add(&c->statements, id);
  edx_metrics_statement_prepared();
  return NULL;
}

/* Runs sql as the session's prepared statement of that text. A statement the session lost
 * (26000: a pooler or DISCARD ALL dropped it) is prepared again and run once more, unless a
 * transaction was open: that transaction has failed. */
static PGresult *exec_prepared(edx_conn *c, const char *sql, int n, const char *const *params)
{
  uint64_t id = edx_statement_id(sql);
  char name[EDX_STATEMENT_NAME_LEN];
  edx_statement_name(id, name);
  for (int attempt = 0;; attempt++) {
    PGresult *res = prepare(c, id, name, sql, n);
    if (res)
      return res;
    res = answer_of(c, PQsendQueryPrepared(c->pg, name, n, params, NULL, NULL, 0));
    if (!has_state(res, "26000"))
      return res;
    edx_statements_forget(&c->statements);
    if (attempt > 0 || PQtransactionStatus(c->pg) != PQTRANS_IDLE)
      return res;
    PQclear(res);
  }
}

int edx_db_exec(edx_conn *c, PGresult **out, const char *sql, int n, const char *const *params)
{
  PGresult *res = c->statements.enabled
                    ? exec_prepared(c, sql, n, params)
                    : answer_of(c, PQsendQueryParams(c->pg, sql, n, NULL, params, NULL, NULL, 0));
  ExecStatusType st = PQresultStatus(res);
  int rc;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
    if (out)
      *out = res;
    else
      PQclear(res);
    return EDX_OK;
  }
  rc = map_failure(c, res);
  PQclear(res);
  return rc;
}

int edx_db_json(edx_conn *c, json_t **out, const char *sql, int n, const char *const *params)
{
  PGresult *res = NULL;
  json_error_t err;
  int rc = edx_db_exec(c, &res, sql, n, params);
  if (rc != EDX_OK)
    goto cleanup;
  if (PQntuples(res) == 0 || PQgetisnull(res, 0, 0)) {
    rc = EDX_ENOTFOUND;
    goto cleanup;
  }
  *out = json_loads(PQgetvalue(res, 0, 0), JSON_DECODE_ANY, &err);
  if (!*out) {
    y_log_message(Y_LOG_LEVEL_ERROR, "database returned invalid JSON: %s", err.text);
    edx_error_set("internal error");
    rc = EDX_EINTERNAL;
  }
cleanup:
  PQclear(res);
  return rc;
}

int edx_db_json_year(edx_conn *c, json_t **out, const char *sql, const char *id, int year)
{
  char y[16];
  const char *params[] = {id, y};
  snprintf(y, sizeof(y), "%d", year);
  return edx_db_json(c, out, sql, 2, params);
}

int edx_db_json_row(edx_conn *c, json_t **out, const char *sql, int for_update, const char *param)
{
  const char *params[] = {param};
  char *locked = NULL;
  int rc;
  /* FOR NO KEY UPDATE: writers of the row take turns, but rows that reference it (a dossier
   * of a procedure being patched) may still be written; FOR UPDATE would make their foreign
   * key checks wait, and a write that then waits for them deadlocks (a fee change re-announcing
   * the procedure's dossiers in the change feed while one of them is saved). */
  if (for_update && asprintf(&locked, "%s FOR NO KEY UPDATE", sql) < 0) {
    edx_error_set("internal error");
    return EDX_EINTERNAL;
  }
  rc = edx_db_json(c, out, locked ? locked : sql, 1, params);
  free(locked);
  return rc;
}

int edx_db_run(edx_conn *c, long *rows, const char *sql, int n, const char *const *params)
{
  PGresult *res = NULL;
  int rc = edx_db_exec(c, &res, sql, n, params);
  if (rc == EDX_OK && rows) {
    const char *affected = PQcmdTuples(res);
    *rows = *affected ? strtol(affected, NULL, 10) : PQntuples(res);
  }
  PQclear(res);
  return rc;
}

int edx_db_read_only(edx_conn *c, int *read_only)
{
  PGresult *res = NULL;
  int rc = edx_db_exec(c, &res, "SELECT pg_is_in_recovery() OR "
                                "current_setting('transaction_read_only')::bool", 0, NULL);
  if (rc == EDX_OK)
    *read_only = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
  PQclear(res);
  return rc;
}

int edx_db_begin(edx_conn *c)
{
  return edx_db_run(c, NULL, "BEGIN", 0, NULL);
}

int edx_db_allow_bulk_statements(edx_conn *c)
{
  char sql[64];
  int rc;
  snprintf(sql, sizeof(sql), "SET LOCAL statement_timeout = '%dmin'", EDX_DB_BULK_STATEMENT_MIN);
  rc = edx_db_run(c, NULL, sql, 0, NULL);
  if (rc == EDX_OK)
    c->answer_within_ms = EDX_DB_BULK_STATEMENT_MIN * 60 * 1000 + EDX_DB_GRACE_MS;
  return rc;
}

int edx_db_begin_snapshot(edx_conn *c)
{
  return edx_db_run(c, NULL, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL);
}

int edx_db_begin_repeatable(edx_conn *c)
{
  return edx_db_run(c, NULL, "BEGIN ISOLATION LEVEL REPEATABLE READ", 0, NULL);
}

int edx_db_commit(edx_conn *c)
{
  int rc = edx_db_run(c, NULL, "COMMIT", 0, NULL);
  /* An error PostgreSQL answered (a deferred constraint, a serialization failure) means the
   * transaction was rolled back. A connection lost on the way means nobody here can know:
   * the COMMIT may have been carried out before the connection went. */
  if (rc != EDX_OK && PQstatus(c->pg) != CONNECTION_OK) {
    y_log_message(Y_LOG_LEVEL_ERROR, "the database connection was lost during COMMIT: the "
                                     "transaction may or may not have been committed");
    edx_error_set("the connection to the database was lost while the change was being "
                  "committed: it may or may not have been made. Read the resource again before "
                  "repeating the change (a creation repeated with the same Idempotency-Key is "
                  "never made twice)");
    rc = EDX_EUNKNOWN;
  }
  return rc;
}

void edx_db_rollback(edx_conn *c)
{
  if (PQstatus(c->pg) == CONNECTION_OK && PQtransactionStatus(c->pg) != PQTRANS_IDLE)
    edx_db_run(c, NULL, "ROLLBACK", 0, NULL);
}
