/* columns.c — statements and parameters from a resource's column table (see columns.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/audit.h"
#include "db/columns.h"
#include "db/query.h"
#include "db/staged.h"
#include "src/rules/errors.h"
#include "src/rules/json_text.h"

#define MAX_PARAMS 40

static const char *const casts[] = {[EDX_COL_TEXT] = "", [EDX_COL_NFC] = "",
                                    [EDX_COL_UUID] = "::uuid", [EDX_COL_INT] = "::int",
                                    [EDX_COL_BOOL] = "::boolean",
                                    [EDX_COL_TIMESTAMP] = "::timestamptz",
                                    [EDX_COL_TEXT_ARRAY] = ""};

/* Writes how a column's value is stored from a text source: a parameter ("$3") or a member of
 * the JSON row r ("r->>'name'", which a cast must put in parentheses). */
static void write_value(edx_text *sql, const edx_column *col, const char *source, int member)
{
  int parens = member && casts[col->kind][0] != '\0';
  if (col->if_null)
    edx_text_raw(sql, "coalesce(");
  if (col->kind == EDX_COL_NFC)
    edx_text_raw(sql, "normalize(");
  else if (col->kind == EDX_COL_TEXT_ARRAY)
    edx_text_raw(sql, "ARRAY(SELECT jsonb_array_elements_text(");
  else if (parens)
    edx_text_raw(sql, "(");
  edx_text_raw(sql, source);
  if (col->kind == EDX_COL_NFC)
    edx_text_raw(sql, ", NFC)");
  else if (col->kind == EDX_COL_TEXT_ARRAY)
    edx_text_raw(sql, "::jsonb))");
  else if (parens)
    edx_text_raw(sql, ")");
  edx_text_raw(sql, casts[col->kind]);
  if (col->if_null) {
    edx_text_raw(sql, ", ");
    edx_text_raw(sql, col->if_null);
    edx_text_raw(sql, ")");
  }
}

static void write_parameter(edx_text *sql, const edx_column *col, int n)
{
  char source[16];
  snprintf(source, sizeof(source), "$%d", n);
  write_value(sql, col, source, 0);
}

/* The parameters of a statement: its key first when there is one, then the row's columns. */
typedef struct {
  const char *values[MAX_PARAMS];
  char *owned[MAX_PARAMS];
  int n;
} params;

/* The text of a JSON value (NULL for null or absent); what must be freed goes to *owned. */
static const char *param_text(const json_t *v, char **owned)
{
  *owned = NULL;
  if (json_is_string(v))
    return json_string_value(v);
  if (json_is_boolean(v))
    return json_is_true(v) ? "true" : "false";
  if (json_is_integer(v) && asprintf(owned, "%lld", (long long)json_integer_value(v)) < 0)
    *owned = NULL;
  else if (json_is_array(v) || json_is_object(v))
    *owned = json_dumps(v, JSON_COMPACT);
  return *owned;
}

static void params_add(params *p, const char *value)
{
  p->owned[p->n] = NULL;
  p->values[p->n++] = value;
}

static void params_add_column(params *p, const json_t *row, const edx_column *col)
{
  p->values[p->n] = param_text(json_object_get(row, col->name), &p->owned[p->n]);
  p->n++;
}

static void params_free(params *p)
{
  for (int i = 0; i < p->n; i++)
    free(p->owned[i]);
}

/* Ends sql with " RETURNING <json_fn>(<alias>)" and runs it with p into *out. */
static int run_returning(edx_conn *c, json_t **out, const edx_table *t, edx_text *sql,
                         const params *p)
{
  int rc;
  edx_text_raw(sql, " RETURNING ");
  edx_text_raw(sql, t->json_fn);
  edx_text_raw(sql, "(");
  edx_text_raw(sql, t->alias);
  edx_text_raw(sql, ")");
  if (!sql->data) {
    edx_error_set("internal error");
    return EDX_EINTERNAL;
  }
  rc = edx_db_json(c, out, sql->data, p->n, p->values);
  return rc;
}

int edx_db_insert(edx_conn *c, json_t **out, const edx_table *t, const json_t *row)
{
  edx_text sql;
  params p = {.n = 0};
  int rc;
  edx_text_init(&sql, 512);
  edx_text_raw(&sql, "INSERT INTO ");
  edx_text_raw(&sql, t->table);
  edx_text_raw(&sql, " AS ");
  edx_text_raw(&sql, t->alias);
  edx_text_raw(&sql, " (");
  for (const edx_column *col = t->columns; col->name; col++) {
    edx_text_raw(&sql, col == t->columns ? "" : ", ");
    edx_text_raw(&sql, col->name);
  }
  edx_text_raw(&sql, ") VALUES (");
  for (const edx_column *col = t->columns; col->name; col++) {
    edx_text_raw(&sql, col == t->columns ? "" : ", ");
    params_add_column(&p, row, col);
    write_parameter(&sql, col, p.n);
  }
  edx_text_raw(&sql, ")");
  rc = run_returning(c, out, t, &sql, &p);
  params_free(&p);
  edx_text_free(&sql);
  return rc;
}

int edx_db_update(edx_conn *c, json_t **out, const edx_table *t, const char *key_column,
                  const char *key, const json_t *row)
{
  static const edx_column id_column = {"id", EDX_COL_UUID, NULL};
  const edx_column *key_col = &id_column;
  edx_text sql;
  params p = {.n = 0};
  int rc;
  edx_text_init(&sql, 512);
  edx_text_raw(&sql, "UPDATE ");
  edx_text_raw(&sql, t->table);
  edx_text_raw(&sql, " ");
  edx_text_raw(&sql, t->alias);
  edx_text_raw(&sql, " SET ");
  params_add(&p, key);
  for (const edx_column *col = t->columns; col->name; col++) {
    if (strcmp(col->name, key_column) == 0) {
      key_col = col;
      continue;
    }
    edx_text_raw(&sql, p.n > 1 ? ", " : "");
    edx_text_raw(&sql, col->name);
    edx_text_raw(&sql, " = ");
    params_add_column(&p, row, col);
    write_parameter(&sql, col, p.n);
  }
  if (t->touches_updated_at)
    edx_text_raw(&sql, ", updated_at = now()");
  edx_text_raw(&sql, " WHERE ");
  edx_text_raw(&sql, t->alias);
  edx_text_raw(&sql, ".");
  edx_text_raw(&sql, key_column);
  edx_text_raw(&sql, " = ");
  write_parameter(&sql, key_col, 1);
  rc = run_returning(c, out, t, &sql, &p);
  params_free(&p);
  edx_text_free(&sql);
  return rc;
}

char *edx_sql_columns(const edx_table *t)
{
  edx_text sql;
  size_t len;
  edx_text_init(&sql, 256);
  for (const edx_column *col = t->columns; col->name; col++) {
    edx_text_raw(&sql, col == t->columns ? "" : ", ");
    edx_text_raw(&sql, col->name);
  }
  return edx_text_take(&sql, &len);
}

char *edx_sql_row_values(const edx_table *t)
{
  edx_text sql;
  size_t len;
  edx_text_init(&sql, 512);
  for (const edx_column *col = t->columns; col->name; col++) {
    char source[80];
    snprintf(source, sizeof(source), "r->>'%s'", col->name);
    edx_text_raw(&sql, col == t->columns ? "" : ", ");
    write_value(&sql, col, source, 1);
  }
  return edx_text_take(&sql, &len);
}

/* 1 when name is one of the comma-separated columns in list. */
static int listed(const char *list, const char *name)
{
  size_t n = strlen(name);
  for (const char *p = list; (p = strstr(p, name)) != NULL; p += n)
    if ((p == list || p[-1] == ' ' || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
      return 1;
  return 0;
}

char *edx_sql_excluded(const edx_table *t, const char *conflict)
{
  edx_text sql;
  size_t len;
  edx_text_init(&sql, 512);
  for (const edx_column *col = t->columns; col->name; col++) {
    if (listed(conflict, col->name))
      continue;
    edx_text_raw(&sql, sql.len ? ", " : "");
    edx_text_raw(&sql, col->name);
    edx_text_raw(&sql, " = excluded.");
    edx_text_raw(&sql, col->name);
  }
  if (t->touches_updated_at)
    edx_text_raw(&sql, ", updated_at = now()");
  return edx_text_take(&sql, &len);
}

const char *edx_sql_input(int staged)
{
  return staged ? "SELECT r FROM jsonb_array_elements($1::jsonb) r"
                  " UNION ALL SELECT r FROM " EDX_STAGED_ROWS
                : "SELECT r FROM jsonb_array_elements($1::jsonb) r";
}

int edx_db_upsert(edx_conn *c, PGresult **res, const edx_upsert *u, const edx_caller *actor,
                  const char *rows, const char *tail)
{
  const edx_table *t = u->table;
  char *columns = edx_sql_columns(t), *values = edx_sql_row_values(t);
  char *set = edx_sql_excluded(t, u->conflict);
  char *sql = NULL;
  const char *values_in[4] = {rows ? rows : "[]"};
  int rc = EDX_EINTERNAL;
  edx_db_actor_params(actor, values_in + 1);
  if (columns && values && set &&
      asprintf(&sql,
               "WITH input AS (%s),"
               " old AS (%s),"
               " up AS (INSERT INTO %s AS %s (%s) SELECT %s FROM input %s"
               "   ON CONFLICT (%s) DO UPDATE SET %s RETURNING %s, %s(%s)::jsonb AS j),"
               " audited AS (INSERT INTO audit (actor_token_id, actor_role, actor_label, action,"
               "   entity, entity_id, district_id, before, after) SELECT $2::uuid, $3, $4,"
               "   CASE WHEN o.j IS NULL THEN 'create' ELSE 'update' END, '%s', u.id,"
               "   u.district_id, o.j, u.j FROM up u LEFT JOIN old o USING (%s))"
               " %s",
               edx_sql_input(!rows), u->old, t->table, t->alias, columns, values, u->order, u->conflict, set,
               u->returning, t->json_fn, t->alias, u->entity, u->conflict, tail) >= 0)
    rc = edx_db_exec(c, res, sql, 4, values_in);
  else
    sql = NULL;
  if (rc == EDX_EINTERNAL && !sql)
    edx_error_set("internal error");
  free(columns);
  free(values);
  free(set);
  free(sql);
  return rc;
}

int edx_db_upsert_counted(edx_conn *c, const edx_upsert *u, const edx_caller *actor,
                          const char *rows, long *created, long *updated)
{
  char *tail = NULL;
  PGresult *res = NULL;
  int rc = EDX_EINTERNAL;
  if (asprintf(&tail, "SELECT count(*) FILTER (WHERE o.j IS NULL), count(*) FILTER (WHERE o.j"
                      " IS NOT NULL) FROM up u LEFT JOIN old o USING (%s)", u->conflict) >= 0)
    rc = edx_db_upsert(c, &res, u, actor, rows, tail);
  else
    tail = NULL;
  if (rc == EDX_OK) {
    *created = strtol(PQgetvalue(res, 0, 0), NULL, 10);
    *updated = strtol(PQgetvalue(res, 0, 1), NULL, 10);
  }
  PQclear(res);
  free(tail);
  return rc;
}
