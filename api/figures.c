/* figures.c — a district's figure rows from its progress answer and its schools' values (see
 * figures.h), and GET /v1/exports/figures.csv: every figure row, districts' and schools', of the
 * districts the token sees (narrowed by province= and district_id=) for a period, as the long CSV
 * for BI tools. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/figures.h"
#include "api/load.h"
#include "api/progress.h"
#include "api/query.h"
#include "api/routes.h"
#include "db/figures.h"
#include "db/indicators.h"
#include "db/query.h"
#include "src/rules/csv.h"
#include "src/rules/data_values.h"
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/figures.h"
#include "src/rules/jsonx.h"

int edx_figures_updated_since(const json_t *answer, const edx_time_bound *since)
{
  edx_time_bound as_of;
  const char *text = edx_json_str(answer, "as_of");
  if (!since || !since->given)
    return 1;
  return text && edx_time_bound_parse(text, 0, &as_of) == 0 && as_of.usec >= since->usec;
}

int edx_figures_of_district(edx_ctx *ctx, const json_t *district, const json_t *indicators,
                            const edx_period *period, int with_schools,
                            const edx_time_bound *since, json_t *rows)
{
  json_t *answer = NULL, *own = NULL, *values = NULL, *row;
  size_t i;
  int rc = edx_progress_district_answer(ctx, district, period->year, &answer);
  if (rc != EDX_OK || !answer || !edx_figures_updated_since(answer, since))
    goto cleanup;
  own = edx_figures_district_rows(answer, indicators);
  if (with_schools &&
      (rc = edx_db_figures_school_values(ctx->conn, &values, edx_json_str(district, "id"),
                                         period->year)) == EDX_OK)
    edx_figures_add_school_rows(own, answer, indicators, values);
  json_array_foreach(own, i, row)
    if (edx_figures_row_in_period(row, period))
      json_array_append(rows, row);
cleanup:
  json_decref(answer);
  json_decref(own);
  json_decref(values);
  return rc;
}

/* The figures CSV's query: ?period= (required), ?province=, ?district_id=, ?sep=; a school
 * token is refused and the others kept to their scope. Returns 0, or -1 after answering. */
static int figures_query(edx_ctx *ctx, edx_period *period, const char **province,
                         const char **district_id)
{
  json_t *errors = json_array();
  const char *text = edx_query(ctx, "period");
  if (!text || edx_data_values_period_parse(text, period) != 0)
    edx_errors_add(errors, "period", "required: %s", EDX_DATA_VALUES_PERIOD_RULE);
  *province = edx_query_code(ctx, "province", errors);
  *district_id = edx_query_uuid(ctx, "district_id", errors);
  edx_query_enum(ctx, "sep", edx_csv_separators, errors);
  if (edx_query_errors(ctx, errors) != 0)
    return -1;
  if (edx_caller_school_scope(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "the figures export serves admin, district and reader "
                                     "tokens; a school token reads its school's scorecard", NULL);
    return -1;
  }
  return edx_scope_province(ctx, province) != 0 || edx_scope_district(ctx, district_id) != 0
           ? -1
           : 0;
}

void edx_figures_export(edx_ctx *ctx)
{
  json_t *districts = NULL, *indicators = NULL, *rows = json_array(), *district, *list;
  const char *province, *district_id;
  edx_period period;
  size_t i;
  int rc;
  if (!ctx->csv_path) {
    edx_problem(ctx, EDX_ENOTFOUND, "the figures export is CSV only: GET "
                                    "/v1/exports/figures.csv", NULL);
    goto cleanup;
  }
  if (figures_query(ctx, &period, &province, &district_id) != 0 || !edx_ctx_conn(ctx))
    goto cleanup;
  rc = edx_db_begin_snapshot(ctx->conn);
  if (rc == EDX_OK)
    rc = edx_db_figures_districts(ctx->conn, &districts, district_id, province, NULL);
  if (rc == EDX_OK)
    rc = edx_db_indicator_map(ctx->conn, &indicators);
  json_array_foreach(districts, i, district)
    if (rc == EDX_OK)
      rc = edx_figures_of_district(ctx, district, indicators, &period, 1, NULL, rows);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  list = json_pack("{s:o}", "items", edx_figures_csv_items(rows));
  edx_respond_list(ctx, list, edx_figures_csv_columns, "figures");
  json_decref(list);
cleanup:
  if (ctx->conn)
    edx_db_rollback(ctx->conn);
  json_decref(districts);
  json_decref(indicators);
  json_decref(rows);
}
