/* exports.h — every row of a change feed entity that a scope may see, read in one snapshot a
 * row at a time (libpq's single-row mode: constant memory however many rows), with the change
 * feed cursor that snapshot matches (see src/rules/feed_cursor.h). */
#ifndef EDX_DB_EXPORTS_H
#define EDX_DB_EXPORTS_H
#include <libpq-fe.h>
#include <stddef.h>
#include "db/entities.h"
#include "db/pool.h"
#include "src/rules/feed_cursor.h"

typedef struct {
  edx_conn *conn;
  PGresult *row;   /* the row last handed out */
  PGresult *first; /* the first row, read ahead by edx_db_export_open_sql, not yet handed out */
  int reading;     /* the query still has rows (or results) to collect */
} edx_db_export;

/* Starts reading e's rows (of district_id and of province, each when not NULL) in a read-only
 * snapshot and sets *cursor to the feed position of that snapshot. On failure the transaction
 * is ended. */
int edx_db_export_open(edx_db_export *x, edx_conn *c, const edx_feed_entity *e,
                       const char *district_id, const char *province, edx_feed_cursor *cursor);
/* Starts reading the rows of sql (constant text whose only column is a row's JSON text; $1..$n
 * are params) as edx_db_export_open does, and waits for its first row, so that a statement the
 * database refuses (a parameter its column cannot take: EDX_EINVALID) fails here rather than
 * in the middle of an answer. On failure the transaction is ended. */
int edx_db_export_open_sql(edx_db_export *x, edx_conn *c, const char *sql, int n,
                           const char *const *params);
/* The next row's JSON text (valid until the next call) and its length: 1, 0 when there are no
 * more rows, or an edx code (< 0) when the database failed. */
int edx_db_export_next(edx_db_export *x, const char **row, size_t *len);
/* Ends the export, stopping the query when rows are left, and its transaction. */
void edx_db_export_close(edx_db_export *x);
#endif
