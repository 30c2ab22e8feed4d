/* list.h — one query that answers a list page: the total matching rows and the page's items as
 * a JSON array, with ORDER BY assembled only from the resource's constant column expressions. */
#ifndef EDX_DB_LIST_H
#define EDX_DB_LIST_H
#include <jansson.h>
#include "db/pool.h"
#include "src/rules/listq.h"

/* from_where: "<table> <alias> WHERE <conditions on $1..$n>" (constant text);
 * json_expr: the row's JSON expression, e.g. "edx_district_json(d)";
 * sort_sql: constant column expressions by sortable field index; id_sql: the tie-breaker column.
 * *out becomes {"items": [...], "total": N, "limit": L, "offset": O} (caller decrefs). */
int edx_db_list(edx_conn *c, json_t **out, const char *from_where, const char *json_expr,
                const char *const *sort_sql, const char *id_sql, const edx_list_params *lp, int n,
                const char *const *params);
#endif
