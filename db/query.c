/* query.c — parameterised execution and SQLSTATE mapping (see query.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yder.h>
#include "db/query.h"
#include "src/rules/errors.h"

static int map_failure(edx_conn *c, PGresult *res)
{
  const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
  const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
  const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
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
  if (strcmp(state, "57014") == 0 || strncmp(state, "57P0", 4) == 0 ||
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

int edx_db_exec(edx_conn *c, PGresult **out, const char *sql, int n, const char *const *params)
{
  PGresult *res = PQexecParams(c->pg, sql, n, NULL, params, NULL, NULL, 0);
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

int edx_db_begin(edx_conn *c)
{
  return edx_db_run(c, NULL, "BEGIN", 0, NULL);
}

int edx_db_begin_snapshot(edx_conn *c)
{
  return edx_db_run(c, NULL, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL);
}

int edx_db_commit(edx_conn *c)
{
  return edx_db_run(c, NULL, "COMMIT", 0, NULL);
}

void edx_db_rollback(edx_conn *c)
{
  if (PQstatus(c->pg) == CONNECTION_OK && PQtransactionStatus(c->pg) != PQTRANS_IDLE)
    edx_db_run(c, NULL, "ROLLBACK", 0, NULL);
}
