/* list.c — paged list queries (see list.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/list.h"
#include "db/query.h"
#include "src/rules/errors.h"

#define MAX_LIST_PARAMS 16

/* ORDER BY text from constant fragments only; client text never reaches it. */
static void order_by(char *out, size_t len, const char *const *sort_sql, const char *id_sql,
                     const edx_list_params *lp)
{
  size_t used = 0;
  out[0] = '\0';
  for (int i = 0; i < lp->nsort; i++)
    used += (size_t)snprintf(out + used, len - used, "%s %s, ", sort_sql[lp->sort[i].field],
                             lp->sort[i].desc ? "DESC NULLS LAST" : "ASC NULLS FIRST");
  snprintf(out + used, len - used, "%s", id_sql);
}

int edx_db_list(edx_conn *c, json_t **out, const char *from_where, const char *json_expr,
                const char *const *sort_sql, const char *id_sql, const edx_list_params *lp, int n,
                const char *const *params)
{
  char order[512], limit[24], offset[24];
  const char *all[MAX_LIST_PARAMS + 2];
  char *sql = NULL;
  PGresult *res = NULL;
  json_t *items = NULL;
  int rc = EDX_EINTERNAL;
  if (n > MAX_LIST_PARAMS)
    goto cleanup;
  if (n > 0)
    memcpy(all, params, sizeof(*all) * (size_t)n);
  snprintf(limit, sizeof(limit), "%ld", lp->limit);
  snprintf(offset, sizeof(offset), "%ld", lp->offset);
  all[n] = limit;
  all[n + 1] = offset;
  order_by(order, sizeof(order), sort_sql, id_sql, lp);
  if (asprintf(&sql,
               "SELECT (SELECT count(*) FROM %s),"
               " (SELECT coalesce(json_agg(p.j ORDER BY p.ord), '[]') FROM"
               "   (SELECT %s AS j, row_number() OVER (ORDER BY %s) AS ord FROM %s"
               "    ORDER BY %s LIMIT $%d::bigint OFFSET $%d::bigint) p)",
               from_where, json_expr, order, from_where, order, n + 1, n + 2) < 0) {
    sql = NULL;
    goto cleanup;
  }
  if ((rc = edx_db_exec(c, &res, sql, n + 2, all)) != EDX_OK)
    goto cleanup;
  items = json_loads(PQgetvalue(res, 0, 1), 0, NULL);
  if (!items) {
    rc = EDX_EINTERNAL;
    goto cleanup;
  }
  *out = json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total",
                   (json_int_t)strtoll(PQgetvalue(res, 0, 0), NULL, 10), "limit",
                   (json_int_t)lp->limit, "offset", (json_int_t)lp->offset);
  rc = *out ? EDX_OK : EDX_EINTERNAL;
cleanup:
  if (rc == EDX_EINTERNAL)
    edx_error_set("internal error");
  free(sql);
  PQclear(res);
  return rc;
}
