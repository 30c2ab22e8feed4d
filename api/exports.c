/* exports.c — GET /v1/exports/{entity} and GET /v1/exports/{entity}.csv: every row of one
 * entity that the token may see, read in one snapshot and streamed as it is read (NDJSON, one
 * representation per line, or the list's CSV), with the change feed cursor of that snapshot in the Edudx-Cursor header (and, for
 * NDJSON, a last line {"cursor": ...}): a mirror loads the export, then follows GET /v1/changes
 * from that cursor with neither a gap nor an overlap. The streaming itself is api/stream.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/http.h"
#include "api/stream.h"
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "db/exports.h"
#include "src/rules/csv.h"
#include "src/rules/district_rules.h"
#include "src/rules/dossier_rules.h"
#include "src/rules/dt_scoring.h"
#include "src/rules/errors.h"
#include "src/rules/indicator_rules.h"
#include "src/rules/school_rules.h"

/* The CSV columns of each entity: those of its list (NULL: no CSV form). */
static const struct {
  const char *entity;
  const char *const *columns;
} csv_forms[] = {
  {"district", edx_district_csv_columns}, {"school", edx_school_csv_columns},
  {"plan", edx_plan_csv_columns}, {"report_value", edx_report_csv_columns},
  {"assessment", edx_assessment_csv_columns}, {"framework", NULL},
  {"indicator", edx_indicator_csv_columns}, {"procedure", edx_procedure_csv_columns},
  {"dossier", edx_dossier_csv_columns},
};

/* The CSV form asked for (the .csv path; on the export's own path, the older ?format=csv or
 * Accept: text/csv), or NDJSON; problems to errors. On the .csv path format is an unknown
 * parameter (api/dispatch.c says so) and an entity without a CSV form has no such path (the
 * caller answers 404). */
static const char *const *export_form(edx_ctx *ctx, const char *entity, int *csv, json_t *errors)
{
  static const char *const formats[] = {"ndjson", "csv", NULL};
  const char *format = ctx->csv_path ? NULL : edx_query_enum(ctx, "format", formats, errors);
  const char *accept = edx_header(ctx, "Accept");
  edx_query_enum(ctx, "sep", edx_csv_separators, errors);
  *csv = ctx->csv_path || (format ? strcmp(format, "csv") == 0
                                  : accept && strstr(accept, "text/csv") != NULL);
  for (size_t i = 0; i < sizeof(csv_forms) / sizeof(csv_forms[0]); i++)
    if (*csv && strcmp(csv_forms[i].entity, entity) == 0) {
      if (!csv_forms[i].columns && !ctx->csv_path)
        edx_errors_add(errors, "format", "a %s export is NDJSON only (nested values)", entity);
      return csv_forms[i].columns;
    }
  return NULL;
}

/* 404: no export of that name, or (on a .csv path) none with a CSV form. */
static void no_such_export(edx_ctx *ctx, const char *entity, int known)
{
  char detail[160];
  if (known)
    snprintf(detail, sizeof(detail), "no CSV export of %s: it is NDJSON only (nested values), "
                                     "GET /v1/exports/%s", entity, entity);
  else
    snprintf(detail, sizeof(detail), "no such export: use district, school, plan, report_value, "
                                     "assessment, framework, indicator, procedure or dossier");
  edx_problem(ctx, EDX_ENOTFOUND, detail, NULL);
}

void edx_exports_get(edx_ctx *ctx)
{
  const char *entity = edx_path_param(&ctx->params, "entity");
  const edx_feed_entity *e = edx_feed_entity_named(entity);
  json_t *errors = json_array();
  edx_feed_cursor cursor;
  edx_db_export rows;
  char cursor_text[EDX_FEED_CURSOR_LEN];
  int csv, rc;
  const char *const *columns = export_form(ctx, entity, &csv, errors);
  const char *province = edx_query_code(ctx, "province", errors);
  if (!e || (ctx->csv_path && !columns)) {
    json_decref(errors);
    no_such_export(ctx, entity, e != NULL);
    return;
  }
  if (edx_query_errors(ctx, errors) != 0 || edx_scope_province(ctx, &province) != 0)
    return;
  if (edx_caller_school_scope(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "exports serve admin, district and reader tokens; a school "
                                     "token reads its school's resources directly", NULL);
    return;
  }
  if (!edx_ctx_conn(ctx))
    return;
  rc = edx_db_export_open(&rows, ctx->conn, e, edx_caller_district_scope(&ctx->caller),
                          province, &cursor);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    return;
  }
  edx_feed_cursor_format(&cursor, cursor_text);
  edx_stream_rows(ctx, &rows, csv ? columns : NULL, cursor_text, entity);
}
