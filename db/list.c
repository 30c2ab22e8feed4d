/* list.c — paged list queries (see list.h). Offset paging skips rows with OFFSET; keyset paging
 * (after=) adds the condition "comes after the cursor's row" that src/rules/keyset.c plans, so a
 * page deep in a list reads no more rows than the first. Every piece of SQL text here is a
 * constant or a resource's constant column expression; the cursor's values are parameters. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yder.h>
#include "db/list.h"
#include "db/query.h"
#include "src/rules/cursor.h"
#include "src/rules/errors.h"
#include "src/rules/json_text.h"
#include "src/rules/keyset.h"

#define MAX_LIST_PARAMS 24
#define PAGE_PARAMS 3 /* LIMIT (one row more than the page), OFFSET, the page's last row */

/* The order's keys: the sort fields, then the tie-breaker in the last field's direction. */
typedef struct {
  int nkeys;
  const char *sql[EDX_KEYS_MAX];
  edx_keyset_key key[EDX_KEYS_MAX];
} order_keys;

/* A statement's parameters: the filters', the page's, then the cursor values it uses. */
typedef struct {
  int n;
  const char *value[MAX_LIST_PARAMS + PAGE_PARAMS + EDX_KEYS_MAX];
  int of_key[EDX_KEYS_MAX]; /* key i's value is $of_key[i]; 0 while unused */
} statement_params;

static void keys_of(order_keys *k, const edx_sort_column *sort_cols, const char *id_sql,
                    const edx_list_params *lp)
{
  memset(k, 0, sizeof(*k));
  for (int i = 0; i < lp->nsort; i++) {
    k->sql[i] = sort_cols[lp->sort[i].field].sql;
    k->key[i].desc = lp->sort[i].desc;
    k->key[i].nullable = sort_cols[lp->sort[i].field].nullable;
  }
  k->sql[lp->nsort] = id_sql;
  k->key[lp->nsort].desc = lp->sort[lp->nsort - 1].desc;
  k->nkeys = lp->nsort + 1;
  for (int i = 0; i < k->nkeys && lp->after.nkeys == k->nkeys; i++)
    k->key[i].null = edx_cursor_key(&lp->after, i) == NULL;
}

static void write_order(FILE *f, const order_keys *k)
{
  for (int i = 0; i < k->nkeys; i++)
    fprintf(f, "%s%s %s%s", i ? ", " : "", k->sql[i], k->key[i].desc ? "DESC" : "ASC",
            !k->key[i].nullable ? "" : k->key[i].desc ? " NULLS LAST" : " NULLS FIRST");
}

/* $n of key i's cursor value, made a parameter on first use. */
static int param_of(statement_params *p, const edx_list_params *lp, int i)
{
  if (!p->of_key[i]) {
    p->value[p->n] = edx_cursor_key(&lp->after, i);
    p->of_key[i] = ++p->n;
  }
  return p->of_key[i];
}

static void write_test(FILE *f, const order_keys *k, const edx_key_test *t, statement_params *p,
                       const edx_list_params *lp)
{
  const char *col = k->sql[t->key];
  switch (t->op) {
  case EDX_KEY_IS_NULL:
    fprintf(f, "%s IS NULL", col);
    break;
  case EDX_KEY_NOT_NULL:
    fprintf(f, "%s IS NOT NULL", col);
    break;
  case EDX_KEY_EQ:
    fprintf(f, "%s = $%d", col, param_of(p, lp, t->key));
    break;
  case EDX_KEY_GT:
    fprintf(f, "%s > $%d", col, param_of(p, lp, t->key));
    break;
  case EDX_KEY_LT:
    fprintf(f, "%s < $%d", col, param_of(p, lp, t->key));
    break;
  case EDX_KEY_LT_OR_NULL:
    fprintf(f, "(%s < $%d OR %s IS NULL)", col, param_of(p, lp, t->key), col);
    break;
  }
}

/* The condition "after the cursor's row" (see keyset.h), as SQL. */
static void write_keyset(FILE *f, const order_keys *k, statement_params *p,
                         const edx_list_params *lp)
{
  edx_keyset_plan plan;
  edx_keyset_plan_make(&plan, k->key, k->nkeys);
  fputs("(", f);
  if (plan.seek_keys > 0) {
    fputs("(", f);
    for (int i = 0; i < plan.seek_keys; i++)
      fprintf(f, "%s%s", i ? ", " : "", k->sql[i]);
    fprintf(f, ") %s%s (", plan.seek_desc ? "<" : ">", plan.exact ? "" : "=");
    for (int i = 0; i < plan.seek_keys; i++)
      fprintf(f, "%s$%d", i ? ", " : "", param_of(p, lp, i));
    fputs(plan.exact ? ")" : ") AND ", f);
  }
  if (!plan.exact) {
    fputs("(", f);
    for (int t = 0; t < plan.nterms; t++) {
      fputs(t ? " OR (" : "(", f);
      for (int i = 0; i < plan.terms[t].ntests; i++) {
        fputs(i ? " AND " : "", f);
        write_test(f, k, &plan.terms[t].tests[i], p, lp);
      }
      fputs(")", f);
    }
    fputs(")", f);
  }
  fputs(")", f);
}

/* from_where as the rows' source, with the keyset condition "comes after the cursor's row"
 * joined to its conditions when there is a cursor. */
static void write_source(FILE *f, const char *from_where, const char *where, const order_keys *k,
                         statement_params *p, const edx_list_params *lp)
{
  if (lp->after.nkeys) {
    fprintf(f, "%.*s WHERE (%s) AND ", (int)(where - from_where), from_where, where + 7);
    write_keyset(f, k, p, lp);
  } else {
    fputs(from_where, f);
  }
}

/* The ORDER BY text of the list's keys (malloc'ed), NULL when memory ran out. */
static char *order_text(const order_keys *k)
{
  char *order = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&order, &len);
  if (!f)
    return NULL;
  write_order(f, k);
  if (fclose(f) != 0) {
    free(order);
    order = NULL;
  }
  return order;
}

/* Closes the statement written to f, a memory stream over *sql (which the close sets); the
 * text, or NULL when writing it failed. */
static char *close_sql(FILE *f, char **sql)
{
  if (fclose(f) == 0)
    return *sql;
  free(*sql);
  return NULL;
}

/* A list's statement. The page statement (every_row 0): the total, the page's items, whether a
 * row follows and the last row's keys. The every-row statement (lp->all): the rows' JSON in the
 * list's order, from the cursor's row on, skipping OFFSET $n+1. from_where's conditions are
 * parenthesised before the keyset condition joins them. */
static char *list_sql(const char *from_where, const char *json_expr, const order_keys *k,
                      statement_params *p, const edx_list_params *lp, int n, int every_row)
{
  char *sql = NULL, *order = order_text(k);
  size_t len = 0;
  const char *where = strstr(from_where, " WHERE ");
  FILE *f = order && where ? open_memstream(&sql, &len) : NULL;
  if (f && every_row) {
    fprintf(f, "SELECT %s FROM ", json_expr);
    write_source(f, from_where, where, k, p, lp);
    fprintf(f, " ORDER BY %s OFFSET $%d::bigint", order, n + 1);
  } else if (f) {
    fprintf(f, "SELECT (SELECT count(*) FROM %s),"
               " coalesce(json_agg(p.j ORDER BY p.ord) FILTER (WHERE p.ord <= $%d::bigint),"
               " '[]'), bool_or(p.ord > $%d::bigint),"
               " (array_agg(p.k) FILTER (WHERE p.ord = $%d::bigint))[1]"
               " FROM (SELECT %s AS j, json_build_array(",
            from_where, n + 3, n + 3, n + 3, json_expr);
    for (int i = 0; i < k->nkeys; i++)
      fprintf(f, "%s(%s)::text", i ? ", " : "", k->sql[i]);
    fprintf(f, ") AS k, row_number() OVER (ORDER BY %s) AS ord FROM ", order);
    write_source(f, from_where, where, k, p, lp);
    fprintf(f, " ORDER BY %s LIMIT $%d::bigint OFFSET $%d::bigint) p", order, n + 1, n + 2);
  }
  if (f)
    sql = close_sql(f, &sql);
  free(order);
  return sql;
}

/* Opens out->rows on every row of the list (lp->all). */
static int open_rows(edx_conn *c, edx_list_page *out, const char *from_where,
                     const char *json_expr, const order_keys *k, statement_params *p,
                     const edx_list_params *lp, int n)
{
  char offset[24];
  char *sql;
  int rc = EDX_EINTERNAL;
  snprintf(offset, sizeof(offset), "%ld", lp->offset);
  p->value[n] = offset;
  p->n = n + 1;
  if (!(sql = list_sql(from_where, json_expr, k, p, lp, n, 1)) ||
      !(out->rows = malloc(sizeof(*out->rows))))
    goto cleanup;
  rc = edx_db_export_open_sql(out->rows, c, sql, p->n, p->value);
  if (rc != EDX_OK) {
    free(out->rows);
    out->rows = NULL;
  }
  if (rc == EDX_EINVALID && lp->after.nkeys) {
    edx_error_set(EDX_CURSOR_NOT_OURS);
    rc = EDX_EBADREQ;
  }
cleanup:
  if (rc == EDX_EINTERNAL)
    edx_error_set("internal error");
  free(sql);
  return rc;
}

/* The next cursor from the last row's keys (JSON text). */
static int next_of(char **next, const edx_list_params *lp, const char *keys_text)
{
  json_t *keys = json_loads(keys_text, 0, NULL);
  *next = keys ? edx_cursor_make(lp, keys) : NULL;
  json_decref(keys);
  if (!*next) {
    y_log_message(Y_LOG_LEVEL_ERROR, "list: no cursor could be made of the keys %s", keys_text);
    return EDX_EINTERNAL;
  }
  return EDX_OK;
}

void edx_list_page_free(edx_list_page *page)
{
  if (!page)
    return;
  free(page->items);
  free(page->next);
  if (page->rows)
    edx_db_export_close(page->rows);
  free(page->rows);
  memset(page, 0, sizeof(*page));
}

int edx_db_list(edx_conn *c, edx_list_page *out, const char *from_where, const char *json_expr,
                const edx_sort_column *sort_cols, const char *id_sql, const edx_list_params *lp,
                int n, const char *const *params)
{
  char limit[24], offset[24], last[24];
  statement_params p;
  order_keys k;
  char *sql = NULL;
  PGresult *res = NULL;
  int rc = EDX_EINTERNAL;
  memset(out, 0, sizeof(*out));
  memset(&p, 0, sizeof(p));
  if (n > MAX_LIST_PARAMS || lp->nsort < 1)
    goto cleanup;
  if (n > 0)
    memcpy(p.value, params, sizeof(*p.value) * (size_t)n);
  keys_of(&k, sort_cols, id_sql, lp);
  if (lp->all) {
    out->limit = lp->limit;
    out->offset = lp->offset;
    return open_rows(c, out, from_where, json_expr, &k, &p, lp, n);
  }
  snprintf(limit, sizeof(limit), "%ld", lp->limit + 1);
  snprintf(offset, sizeof(offset), "%ld", lp->offset);
  snprintf(last, sizeof(last), "%ld", lp->offset + lp->limit);
  p.value[n] = limit;
  p.value[n + 1] = offset;
  p.value[n + 2] = last;
  p.n = n + PAGE_PARAMS;
  if (!(sql = list_sql(from_where, json_expr, &k, &p, lp, n, 0)))
    goto cleanup;
  if ((rc = edx_db_exec(c, &res, sql, p.n, p.value)) != EDX_OK) {
    if (rc == EDX_EINVALID && lp->after.nkeys) {
      edx_error_set(EDX_CURSOR_NOT_OURS);
      rc = EDX_EBADREQ;
    }
    goto cleanup;
  }
  rc = EDX_EINTERNAL;
  out->items_len = (size_t)PQgetlength(res, 0, 1);
  if (!(out->items = malloc(out->items_len + 1)))
    goto cleanup;
  memcpy(out->items, PQgetvalue(res, 0, 1), out->items_len + 1);
  out->items_len = edx_json_squeeze(out->items, out->items_len);
  out->total = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
  out->limit = lp->limit;
  out->offset = lp->offset;
  if (strcmp(PQgetvalue(res, 0, 2), "t") == 0 && next_of(&out->next, lp, PQgetvalue(res, 0, 3)))
    goto cleanup;
  rc = EDX_OK;
cleanup:
  if (rc != EDX_OK)
    edx_list_page_free(out);
  if (rc == EDX_EINTERNAL)
    edx_error_set("internal error");
  free(sql);
  PQclear(res);
  return rc;
}

/* from_where and " AND (<filter>)" for each filter given, its `$`s numbered from $1 on (a `$`
 * followed by a digit is left as written: a reference to an earlier filter's value that is always
 * given, as the first); the values given go to params. NULL when memory ran out or more filters were given than fit. */
static char *filtered_where(const char *from_where, const edx_filter *filters, int nfilters,
                            const char **params, int *n)
{
  char *sql = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&sql, &len);
  if (!f)
    return NULL;
  fputs(from_where, f);
  *n = 0;
  for (int i = 0; i < nfilters && *n < MAX_LIST_PARAMS; i++) {
    if (!filters[i].value)
      continue;
    params[(*n)++] = filters[i].value;
    fputs(" AND (", f);
    for (const char *s = filters[i].sql; *s; s++)
      if (*s == '$' && !isdigit((unsigned char)s[1]))
        fprintf(f, "$%d", *n);
      else
        fputc(*s, f);
    fputs(")", f);
  }
  if (fclose(f) != 0 || nfilters > MAX_LIST_PARAMS) {
    free(sql);
    return NULL;
  }
  return sql;
}

int edx_db_list_filtered(edx_conn *c, edx_list_page *out, const char *from_where,
                         const edx_filter *filters, int nfilters, const char *json_expr,
                         const edx_sort_column *sort_cols, const char *id_sql,
                         const edx_list_params *lp)
{
  const char *params[MAX_LIST_PARAMS];
  int n = 0, rc;
  char *where = filtered_where(from_where, filters, nfilters, params, &n);
  if (!where) {
    edx_error_set("internal error");
    return EDX_EINTERNAL;
  }
  rc = edx_db_list(c, out, where, json_expr, sort_cols, id_sql, lp, n, params);
  free(where);
  return rc;
}
