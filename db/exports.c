/* exports.c — one snapshot's rows, one at a time (see exports.h). */
#include <string.h>
#include <yder.h>
#include "db/exports.h"
#include "db/query.h"
#include "src/rules/errors.h"

/* An export may stream for long to a slow client; the pool's statement timeout would cut it. */

static int snapshot_cursor(edx_conn *c, edx_feed_cursor *cursor)
{
  PGresult *res = NULL;
  int rc = edx_db_exec(c, &res, "SELECT pg_current_snapshot()::text", 0, NULL);
  if (rc == EDX_OK && edx_feed_cursor_from_snapshot(PQgetvalue(res, 0, 0), cursor) != 0) {
    edx_error_set("internal error");
    rc = EDX_EINTERNAL;
  }
  PQclear(res);
  return rc;
}

static int start_rows(edx_db_export *x, const char *sql, int n, const char *const *params)
{
  if (!PQsendQueryParams(x->conn->pg, sql, n, NULL, params, NULL, NULL, 0) ||
      !PQsetSingleRowMode(x->conn->pg)) {
    y_log_message(Y_LOG_LEVEL_ERROR, "export not started: %s", PQerrorMessage(x->conn->pg));
    edx_error_set("the database is unavailable; try again shortly");
    return EDX_EUNAVAIL;
  }
  x->reading = 1;
  return EDX_OK;
}

/* Starts an export on c: x cleared, one snapshot open, bulk statements allowed. */
static int begin_export(edx_db_export *x, edx_conn *c)
{
  int rc;
  memset(x, 0, sizeof(*x));
  x->conn = c;
  rc = edx_db_begin_snapshot(c);
  if (rc == EDX_OK)
    rc = edx_db_allow_bulk_statements(c);
  return rc;
}

int edx_db_export_open(edx_db_export *x, edx_conn *c, const edx_feed_entity *e,
                       const char *district_id, const char *province, edx_feed_cursor *cursor)
{
  int rc = begin_export(x, c);
  if (rc == EDX_OK)
    rc = snapshot_cursor(c, cursor);
  if (rc == EDX_OK) {
    const char *params[] = {district_id, province};
    rc = start_rows(x, e->export_sql, e->scoped ? 2 : 0, params);
  }
  if (rc != EDX_OK)
    edx_db_rollback(c);
  return rc;
}

/* Drains what the query has left to say (after its end or its failure). */
static void drain(edx_db_export *x)
{
  PGresult *res;
  x->reading = 0;
  while ((res = PQgetResult(x->conn->pg)))
    PQclear(res);
}

/* Reads the first result ahead: a row kept for edx_db_export_next, none (the end), or the
 * statement's failure: a value its parameters cannot take (22xxx) is EDX_EINVALID. */
static int read_first(edx_db_export *x)
{
  PGresult *res = PQgetResult(x->conn->pg);
  ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
  int rc = EDX_OK;
  if (st == PGRES_SINGLE_TUPLE) {
    x->first = res;
    return EDX_OK;
  }
  if (st != PGRES_TUPLES_OK) {
    y_log_message(Y_LOG_LEVEL_WARNING, "rows not read: %s",
                  res ? PQresultErrorMessage(res) : PQerrorMessage(x->conn->pg));
    rc = state && strncmp(state, "22", 2) == 0 ? EDX_EINVALID : EDX_EUNAVAIL;
    edx_error_set(rc == EDX_EINVALID ? "invalid value"
                                     : "the database is unavailable; try again shortly");
  }
  PQclear(res);
  drain(x);
  return rc;
}

int edx_db_export_open_sql(edx_db_export *x, edx_conn *c, const char *sql, int n,
                           const char *const *params)
{
  int rc = begin_export(x, c);
  if (rc == EDX_OK)
    rc = start_rows(x, sql, n, params);
  if (rc == EDX_OK)
    rc = read_first(x);
  if (rc != EDX_OK)
    edx_db_rollback(c);
  return rc;
}

int edx_db_export_next(edx_db_export *x, const char **row, size_t *len)
{
  PGresult *res;
  PQclear(x->row);
  x->row = NULL;
  if (x->first) {
    x->row = x->first;
    x->first = NULL;
    *row = PQgetvalue(x->row, 0, 0);
    *len = (size_t)PQgetlength(x->row, 0, 0);
    return 1;
  }
  if (!x->reading)
    return 0;
  res = PQgetResult(x->conn->pg);
  if (res && PQresultStatus(res) == PGRES_SINGLE_TUPLE) {
    x->row = res;
    *row = PQgetvalue(res, 0, 0);
    *len = (size_t)PQgetlength(res, 0, 0);
    return 1;
  }
  x->reading = 0;
  if (!res || PQresultStatus(res) == PGRES_TUPLES_OK) {
    PQclear(res);
    while ((res = PQgetResult(x->conn->pg)))
      PQclear(res);
    return 0;
  }
  y_log_message(Y_LOG_LEVEL_ERROR, "export stopped by the database: %s",
                PQresultErrorMessage(res));
  PQclear(res);
  while ((res = PQgetResult(x->conn->pg)))
    PQclear(res);
  return EDX_EUNAVAIL;
}

void edx_db_export_close(edx_db_export *x)
{
  PQclear(x->row);
  PQclear(x->first);
  x->row = NULL;
  x->first = NULL;
  if (x->reading) {
    PGcancel *cancel = PQgetCancel(x->conn->pg);
    PGresult *res;
    if (cancel) {
      char why[256];
      PQcancel(cancel, why, (int)sizeof(why));
      PQfreeCancel(cancel);
    }
    while ((res = PQgetResult(x->conn->pg)))
      PQclear(res);
    x->reading = 0;
  }
  edx_db_rollback(x->conn);
}
