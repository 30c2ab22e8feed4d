/* list.h — one query that answers a list page: the total matching rows, the page's items as a
 * JSON array and the cursor of the page after it, with ORDER BY and the keyset condition of an
 * after= cursor assembled only from the resource's constant column expressions (the cursor's
 * values travel as parameters). */
#ifndef EDX_DB_LIST_H
#define EDX_DB_LIST_H
#include <jansson.h>
#include "db/exports.h"
#include "db/pool.h"
#include "src/rules/listq.h"

/* A sortable field's column expression, and whether it can be NULL: NULL sorts first
 * ascending and last descending. Saying EDX_NOT_NULL of a column that can be NULL would page
 * wrongly; it lets the order use plain ASC / DESC, which the indexes serve. */
enum { EDX_NOT_NULL = 0, EDX_NULLABLE = 1 };
typedef struct {
  const char *sql;  /* constant text, e.g. "s.code" */
  int nullable;
} edx_sort_column;

/* One filter of a list: a condition in which every `$` stands for the filter's value, passed as
 * a parameter (`$1`, written so, stays the first filter's value: for a list whose first filter is
 * always given); a filter whose value is NULL is not given and is left out of the statement, so
 * each combination of filters has a statement (and a plan) of its own. */
typedef struct {
  const char *sql;    /* constant text, e.g. "s.district_id = $::uuid" */
  const char *value;
} edx_filter;

/* The number of filters in an array of them. */
#define EDX_NFILTERS(filters) ((int)(sizeof(filters) / sizeof((filters)[0])))

/* The condition "the row's district (column) is in the province $", for province=. */
#define EDX_IN_PROVINCE(column)                                                                 \
  column " IN (SELECT pd.id FROM districts pd WHERE pd.province_code = $)"

/* A list page as the database wrote it: the items' JSON array, passed on as it is (with
 * PostgreSQL's spaces squeezed out), and the page's facts. */
typedef struct {
  char *items;      /* "[{...},...]", malloc'ed */
  size_t items_len;
  long long total;
  long limit, offset;
  char *next;       /* the cursor of the page after this one, or NULL; malloc'ed */
  edx_db_export *rows; /* instead of a page, when the list was asked for whole (lp->all): every
                          row, to be read one at a time in one snapshot; malloc'ed, holding the
                          list's connection until it is closed */
} edx_list_page;

/* Frees what page holds (NULL-safe) and empties it; rows still held are closed. */
void edx_list_page_free(edx_list_page *page);

/* from_where: "<table> <alias> WHERE <conditions on $1..$n>" (constant text);
 * json_expr: the row's JSON expression, e.g. "edx_district_json(d)";
 * sort_cols: by sortable field index; id_sql: the tie-breaker column (never NULL, unique in
 * the list), ordered in the direction of the last sort field.
 * *out is filled (the caller frees it with edx_list_page_free); its next is the cursor of the
 * page's last row when a row follows it. When lp->all, out->rows reads every row after lp's
 * offset and cursor instead, in the list's order, and the page is empty.
 * EDX_EBADREQ (with its message set) when lp's cursor holds values that the list's columns
 * cannot take: it was not made for this list. */
int edx_db_list(edx_conn *c, edx_list_page *out, const char *from_where, const char *json_expr,
                const edx_sort_column *sort_cols, const char *id_sql, const edx_list_params *lp,
                int n, const char *const *params);

/* edx_db_list over from_where ("<table> <alias> WHERE <constant condition>", e.g. "schools s
 * WHERE true") and the filters given. */
int edx_db_list_filtered(edx_conn *c, edx_list_page *out, const char *from_where,
                         const edx_filter *filters, int nfilters, const char *json_expr,
                         const edx_sort_column *sort_cols, const char *id_sql,
                         const edx_list_params *lp);
#endif
