/* columns.h — one table of columns per resource, from which its INSERT, UPDATE and bulk upsert
 * statements and their parameters are made: the column lists, the $n numbering and each
 * column's conversion (casts, Unicode NFC for text people type, defaults for nulls) are written
 * once. Statements are assembled from these constant fragments only; values always travel as
 * parameters. The stored row comes back as the resource's representation (db/definitions.sql). */
#ifndef EDX_DB_COLUMNS_H
#define EDX_DB_COLUMNS_H
#include <jansson.h>
#include "db/pool.h"
#include "src/rules/roles.h"

typedef enum {
  EDX_COL_TEXT,       /* stored as sent */
  EDX_COL_NFC,        /* text people type: stored in Unicode NFC */
  EDX_COL_UUID,
  EDX_COL_INT,
  EDX_COL_BOOL,
  EDX_COL_TIMESTAMP,
  EDX_COL_TEXT_ARRAY, /* a JSON array of strings, stored as text[] */
} edx_col_kind;

typedef struct {
  const char *name;      /* the column, and the member of the JSON object that fills it */
  edx_col_kind kind;
  const char *if_null;   /* SQL stored when the value is null or absent (e.g. "true"), or NULL */
} edx_column;

typedef struct {
  const char *table, *alias;
  const char *json_fn;          /* the representation, e.g. "edx_school_json" */
  const edx_column *columns;    /* the columns clients set, NULL-name terminated */
  int touches_updated_at;       /* an update sets updated_at = now() */
} edx_table;

/* INSERT of row's columns; *out is the stored representation. */
int edx_db_insert(edx_conn *c, json_t **out, const edx_table *t, const json_t *row);
/* UPDATE of every column of row (but key_column) where key_column = key; *out as for insert.
 * EDX_ENOTFOUND when no row has that key. */
int edx_db_update(edx_conn *c, json_t **out, const edx_table *t, const char *key_column,
                  const char *key, const json_t *row);

/* A set-based upsert of a JSON array of complete rows: the new ones inserted, the others
 * updated, each audited as a create or an update of entity in the same statement. */
typedef struct {
  const edx_table *table;
  const char *conflict;  /* the unique columns it upserts by, e.g. "district_id, reference" */
  const char *old;       /* SELECT of the rows' earlier state from input (its rows are r): the
                            conflict columns and the representation as jsonb j */
  const char *order;     /* "ORDER BY …" of the rows written, or "" */
  const char *returning; /* the written rows' id, district_id and conflict columns */
  const char *entity;    /* the audit rows' entity */
} edx_upsert;
/* Runs the upsert of rows (a JSON array text, or NULL for the rows staged in the transaction:
 * staged.h) by actor followed by tail, a SELECT over up (the rows written: the returning columns
 * and j) and old; the result goes to *res (caller PQclears). */
int edx_db_upsert(edx_conn *c, PGresult **res, const edx_upsert *u, const edx_caller *actor,
                  const char *rows, const char *tail);
/* The same, counting the rows created and updated. */
int edx_db_upsert_counted(edx_conn *c, const edx_upsert *u, const edx_caller *actor,
                          const char *rows, long *created, long *updated);

/* The rows of a set-based write, each as r, for a WITH: those of the JSON array text $1, and when
 * staged, those staged in the transaction (staged.h) after them. */
const char *edx_sql_input(int staged);

/* For set-based writes of a JSON array of rows (its elements named `r`): the column list
 * "a, b, …", the select list "r->>'a', (r->>'b')::int, …" and, for ON CONFLICT (conflict, a
 * comma-separated column list) DO UPDATE, the list "b = excluded.b, …" of the other columns
 * (with updated_at = now() when the table has it). Malloc'ed; NULL when out of memory. */
char *edx_sql_columns(const edx_table *t);
char *edx_sql_row_values(const edx_table *t);
char *edx_sql_excluded(const edx_table *t, const char *conflict);
#endif
