/* reports.c — the values a school or a district office reports for a year:
 * GET/PUT/PATCH /v1/schools/{school}/reports/{year} and /v1/districts/{district}/reports/{year},
 * their history, and GET /v1/reports for pulls. PATCH merges (null removes a value), PUT replaces
 * the year's values; any bad value refuses the whole request, a school's fraction above what its
 * registry counts included (indicator_rules.h). Writers: admins, district tokens
 * for their schools and office, school tokens for their own school. */
#include <stdio.h>
#include <string.h>
#include "api/lists.h"
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "api/write.h"
#include "db/districts.h"
#include "db/files.h"
#include "db/indicators.h"
#include "db/reports.h"
#include "db/schools.h"
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/indicator_rules.h"
#include "src/rules/jsonx.h"
#include "src/rules/validate.h"

/* Whose report the path names. */
typedef struct {
  json_t *owner;            /* the school or the district */
  const char *school_id;    /* NULL for the office */
  const char *district_id;
  const char *level;        /* the school's level, NULL for the office */
  edx_period period;        /* the path's period */
  char period_code[EDX_PERIOD_CODE_LEN];
  edx_report_key key;       /* what the db layer reads and writes */
} report_owner;

static void owner_free(report_owner *o)
{
  json_decref(o->owner);
  memset(o, 0, sizeof(*o));
}

/* Resolves the path's school or district and year, checks the caller may read (or write) it;
 * sends the problem and returns -1 otherwise. */
static int load_owner(edx_ctx *ctx, int office, int write, report_owner *o)
{
  int may;
  memset(o, 0, sizeof(*o));
  if (edx_parse_period(edx_path_param(&ctx->params, "year"), &o->period) != 0) {
    json_t *errors = json_array();
    edx_errors_add(errors, "year", "must be " EDX_PERIOD_RULE);
    edx_problem(ctx, EDX_EBADREQ, "the report's period is invalid", errors);
    return -1;
  }
  edx_period_code(o->period.year, o->period.kind, o->period_code, sizeof(o->period_code));
  o->owner = office ? edx_load_ref(ctx, "district", edx_db_district_get, 0)
                    : edx_load_ref(ctx, "school", edx_db_school_get, 0);
  if (!o->owner)
    return -1;
  o->district_id = edx_json_str(o->owner, office ? "id" : "district_id");
  o->school_id = office ? NULL : edx_json_str(o->owner, "id");
  o->level = office ? NULL : edx_json_str(o->owner, "level");
  o->key = (edx_report_key){o->school_id, o->district_id, o->period.year, o->period_code,
                            o->period.kind == EDX_PERIOD_SCHOOL_YEAR ? "school_year" : NULL};
  may = write ? edx_may_act_for_school(&ctx->caller, o->district_id, o->school_id)
              : edx_caller_sees_school(&ctx->caller, o->district_id, o->school_id);
  if (!may) {
    edx_problem(ctx, EDX_EFORBIDDEN, write ? "this token may not write this report"
                                           : "this token may not read this report", NULL);
    owner_free(o);
    return -1;
  }
  return 0;
}

static void get_report(edx_ctx *ctx, int office)
{
  report_owner o;
  json_t *report = NULL;
  int rc;
  if (!edx_ctx_conn(ctx) || load_owner(ctx, office, 0, &o) != 0)
    return;
  rc = edx_db_report_get(ctx->conn, &report, &o.key);
  edx_answer(ctx, rc, report);
  owner_free(&o);
}

void edx_reports_school_get(edx_ctx *ctx) { get_report(ctx, 0); }
void edx_reports_office_get(edx_ctx *ctx) { get_report(ctx, 1); }

typedef struct {
  report_owner owner;
  json_t *rows, *removals;
  int replace;
} report_write;

/* Checks every entry of {"values": {...}}; fills rows and removals; 400/422 on problems. */
/* One entry of the body for a known indicator: checked against the path's period, then a
 * removal (null) or a checked row (its value, and a school's fraction against its registry). */
static void take_entry(report_write *w, const json_t *ind, const char *code,
                       const json_t *entry, const char *field, json_t *errors)
{
  json_t *row;
  if (edx_report_period_check(ind, &w->owner.period, field, errors))
    return;
  if (json_is_null(entry)) {
    json_array_append_new(w->removals, json_string(code));
    return;
  }
  row = json_object();
  if (edx_report_entry_check(ind, w->owner.level, entry, field, row, errors) == 0 &&
      (!w->owner.school_id ||
       edx_report_registry_check(ind, w->owner.owner, row, field, errors) == 0))
    json_array_append(w->rows, row);
  json_decref(row);
}

/* The evidence files each row names must be ones the caller may attach (files.h): the problem
 * goes to errors under values.<code>.evidence_files. Returns EDX_OK or the database's code. */
static int check_files(edx_ctx *ctx, const report_write *w, json_t *errors)
{
  size_t i;
  json_t *row;
  int rc = EDX_OK;
  json_array_foreach(w->rows, i, row) {
    const json_t *ids = json_object_get(row, "evidence_files");
    long usable = 0;
    if (rc != EDX_OK || json_array_size(ids) == 0)
      continue;
    rc = edx_db_files_usable(ctx->conn, &usable, ids, w->owner.district_id,
                             ctx->caller.token_id[0] ? ctx->caller.token_id : NULL);
    if (rc == EDX_OK && usable != (long)json_array_size(ids)) {
      char field[96];
      snprintf(field, sizeof(field), "values.%s.evidence_files",
               json_string_value(json_object_get(row, "indicator")));
      edx_errors_add(errors, field, "names a file that does not exist, is another district's, "
                     "or is another token's and attached to nothing yet");
    }
  }
  return rc;
}

/* Inside the write's transaction: marks every file the rows name attached to the report. */
static int attach_files(edx_ctx *ctx, const report_write *w)
{
  size_t i;
  json_t *row;
  int rc = EDX_OK;
  json_array_foreach(w->rows, i, row) {
    const json_t *ids = json_object_get(row, "evidence_files");
    if (rc == EDX_OK && json_array_size(ids) > 0)
      rc = edx_db_files_attach(ctx->conn, &ctx->caller, ids, w->owner.district_id,
                               w->owner.school_id);
  }
  return rc;
}

static int check_values(edx_ctx *ctx, report_write *w)
{
  const json_t *values = json_object_get(ctx->body, "values");
  json_t *indicators = NULL, *errors = json_array(), *entry;
  const char *code;
  int rc;
  if (json_object_size(ctx->body) != 1 || !json_is_object(values)) {
    edx_errors_add(errors, "values", "the body must be {\"values\": {\"<INDICATOR>\": value}}");
    edx_problem(ctx, EDX_EBADREQ, "the report body is malformed", errors);
    return EDX_EBADREQ;
  }
  if ((rc = edx_db_indicator_map(ctx->conn, &indicators)) != EDX_OK) {
    json_decref(errors);
    edx_problem(ctx, rc, NULL, NULL);
    return rc;
  }
  json_object_foreach((json_t *)values, code, entry) {
    char field[96];
    const json_t *ind = json_object_get(indicators, code);
    snprintf(field, sizeof(field), "values.%s", code);
    if (!ind)
      edx_errors_add_code(errors, EDX_ERR_NOT_FOUND, field, "no such indicator");
    else
      take_entry(w, ind, code, entry, field, errors);
  }
  json_decref(indicators);
  if (json_array_size(errors) == 0 && (rc = check_files(ctx, w, errors)) != EDX_OK) {
    json_decref(errors);
    edx_problem(ctx, rc, NULL, NULL);
    return rc;
  }
  if (json_array_size(errors) == 0) {
    json_decref(errors);
    return EDX_OK;
  }
  edx_problem(ctx, EDX_EINVALID, "the report has invalid values; nothing was saved", errors);
  return EDX_EINVALID;
}

/* 200 with the report written and the warnings of its values far from the previous period
 * (under the report's own ETag). */
static int answer_written(edx_ctx *ctx, report_write *w, json_t *after)
{
  json_t *jumps = NULL, *indicators = NULL;
  int rc = edx_db_report_jumps(ctx->conn, &jumps, &w->owner.key, w->rows);
  if (rc == EDX_OK)
    rc = edx_db_indicator_map(ctx->conn, &indicators);
  if (rc == EDX_OK) {
    json_t *body = json_deep_copy(after);
    json_object_set_new(body, "warnings",
                        edx_report_jump_warnings(jumps, w->owner.period.year, indicators));
    edx_respond_json_tagged_as(ctx, 200, body, after);
    json_decref(body);
  }
  json_decref(jumps);
  json_decref(indicators);
  return rc;
}

static int write_report(edx_ctx *ctx, void *arg)
{
  report_write *w = arg;
  json_t *current = NULL, *after = NULL;
  int rc = edx_db_report_get(ctx->conn, &current, &w->owner.key);
  if (rc == EDX_OK)
    rc = edx_check_if_match(ctx, current);
  if (rc == EDX_OK)
    rc = attach_files(ctx, w);
  if (rc == EDX_OK)
    rc = edx_db_report_write(ctx->conn, &ctx->caller, &w->owner.key, w->rows, w->removals,
                             w->replace);
  if (rc == EDX_OK)
    rc = edx_db_report_get(ctx->conn, &after, &w->owner.key);
  if (rc == EDX_OK)
    rc = answer_written(ctx, w, after);
  json_decref(current);
  json_decref(after);
  return rc;
}

static void put_report(edx_ctx *ctx, int office, int replace)
{
  report_write w = {{0}, json_array(), json_array(), replace};
  if (edx_ctx_conn(ctx) && load_owner(ctx, office, 1, &w.owner) == 0 &&
      check_values(ctx, &w) == EDX_OK)
    edx_run_in_transaction(ctx, write_report, &w);
  owner_free(&w.owner);
  json_decref(w.rows);
  json_decref(w.removals);
}

void edx_reports_school_put(edx_ctx *ctx) { put_report(ctx, 0, 1); }
void edx_reports_school_patch(edx_ctx *ctx) { put_report(ctx, 0, 0); }
void edx_reports_office_put(edx_ctx *ctx) { put_report(ctx, 1, 1); }
void edx_reports_office_patch(edx_ctx *ctx) { put_report(ctx, 1, 0); }

static const char *const history_columns[] = {"indicator", "value", "note", "evidence_url",
                                              "removed", "set_by", "set_at", NULL};

static void history(edx_ctx *ctx, int office)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  edx_list_params lp;
  report_owner o;
  const char *indicator;
  int rc;
  edx_query_list(ctx, &lp, edx_history_sort_fields, "set_at", errors);
  indicator = edx_query_text(ctx, "indicator", 64, errors);
  if (edx_query_list_end(ctx, errors) != 0 || !edx_ctx_conn(ctx) ||
      load_owner(ctx, office, 0, &o) != 0)
    return;
  rc = edx_db_report_history(ctx->conn, &list, &o.key, indicator, &lp);
  edx_answer_list(ctx, rc, &list, history_columns, "history");
  owner_free(&o);
}

void edx_reports_school_history(edx_ctx *ctx) { history(ctx, 0); }
void edx_reports_office_history(edx_ctx *ctx) { history(ctx, 1); }


void edx_reports_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  edx_list_params lp;
  edx_report_filter f = {0};
  edx_period period;
  int rc;
  edx_query_list(ctx, &lp, edx_report_sort_fields, "set_at", errors);
  f.year = edx_query_period(ctx, "year", 0, &period, errors);
  f.only_kind = f.year && period.kind == EDX_PERIOD_SCHOOL_YEAR ? "school_year" : NULL;
  f.indicator = edx_query_text(ctx, "indicator", 64, errors);
  f.district_id = edx_query_uuid(ctx, "district_id", errors);
  f.school_id = edx_query_uuid(ctx, "school_id", errors);
  f.updated_since = edx_query_timestamp(ctx, "updated_since", errors);
  f.province = edx_query_code(ctx, "province", errors);
  if (edx_query_list_end(ctx, errors) != 0 || !edx_ctx_conn(ctx))
    return;
  f.scope_district = edx_caller_district_scope(&ctx->caller);
  f.scope_school = edx_caller_school_scope(&ctx->caller);
  if ((f.district_id && !edx_caller_sees_district(&ctx->caller, f.district_id)) ||
      (f.scope_school && f.school_id && strcmp(f.school_id, f.scope_school) != 0)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "this token is scoped to another district, province or "
                                     "school", NULL);
    return;
  }
  if (edx_scope_province(ctx, &f.province) != 0)
    return;
  rc = edx_db_reports_list(ctx->conn, &list, &f, &lp);
  edx_answer_list(ctx, rc, &list, edx_report_csv_columns, "reports");
}
