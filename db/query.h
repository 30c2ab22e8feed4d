/* query.h — running parameterised SQL on a pooled connection and turning libpq failures into
 * edx codes (SQLSTATE → code in one place). Only $n parameters: no SQL is built from client text. */
#ifndef EDX_DB_QUERY_H
#define EDX_DB_QUERY_H
#include <jansson.h>
#include <libpq-fe.h>
#include "db/pool.h"

/* Runs sql with text parameters (NULL = SQL NULL). On success *out (if not NULL) is the result,
 * which the caller PQclears. Failures map: 23505/23503 → EDX_ECONFLICT, 22xxx/23502/23514 →
 * EDX_EINVALID, lost connection, 57014/57P0x/08xxx/40001/40P01/55P03/53xxx → EDX_EUNAVAIL (disk
 * full, 53100, and read-only, 25006, each with its own message), else EDX_EINTERNAL (logged,
 * never shown to clients). */
int edx_db_exec(edx_conn *c, PGresult **out, const char *sql, int n, const char *const *params);
/* Runs sql whose first column of the first row is JSON text, and parses it into *out.
 * EDX_ENOTFOUND when there is no row. */
int edx_db_json(edx_conn *c, json_t **out, const char *sql, int n, const char *const *params);
/* Runs sql, a SELECT of one row's JSON by the single parameter $1 (constant text), with FOR NO
 * KEY UPDATE appended when for_update, and parses the JSON into *out. EDX_ENOTFOUND when there is
 * no row. */
int edx_db_json_row(edx_conn *c, json_t **out, const char *sql, int for_update, const char *param);
/* edx_db_json for a statement about one year: $1 is id (a district's or a school's, may be NULL)
 * and $2 the year. */
int edx_db_json_year(edx_conn *c, json_t **out, const char *sql, const char *id, int year);
/* Runs sql and returns the number of rows it affected or returned in *rows (may be NULL). */
int edx_db_run(edx_conn *c, long *rows, const char *sql, int n, const char *const *params);

/* Seconds since a write last failed for a full disk (53100), or -1 when none has. */
long long edx_db_disk_full_seconds_ago(void);
/* *read_only = 1 when the database takes no writes now (a standby in recovery, or
 * transaction_read_only on for this session's transactions). */
int edx_db_read_only(edx_conn *c, int *read_only);

int edx_db_begin(edx_conn *c);
/* A read-only transaction whose statements all see one snapshot (REPEATABLE READ). */
int edx_db_begin_snapshot(edx_conn *c);
/* A read-write transaction whose statements all see one snapshot (REPEATABLE READ): a write that
 * stores what it read (a period report's frozen progress). */
int edx_db_begin_repeatable(edx_conn *c);
/* Inside a transaction: its statements may run for up to EDX_DB_BULK_STATEMENT_MIN minutes
 * (SET LOCAL statement_timeout) and the client waits for them as long (and the grace), until the
 * pool takes the connection back. For bulk work: exports, imports. */
#define EDX_DB_BULK_STATEMENT_MIN 15
int edx_db_allow_bulk_statements(edx_conn *c);
/* COMMIT; EDX_EUNKNOWN when the connection was lost during it (committed or not: unknown). */
int edx_db_commit(edx_conn *c);
void edx_db_rollback(edx_conn *c);
#endif
