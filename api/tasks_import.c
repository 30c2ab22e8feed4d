/* tasks_import.c — POST /v1/tasks/import?district_id=&year=: a district plan's tasks for a year,
 * as a JSON array, a whole document whose "tasks" member is that array (as
 * plan-2024-tasks.json), or a CSV (the tasks CSV: nested values as JSON text), upserted by code in
 * one transaction (all or nothing), each new task with its assignments. ?dry_run=true reports
 * what would change. Rows' read-only columns (id, summary, timestamps) are ignored, so an export
 * goes back in as it is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "api/import.h"
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "db/indicators.h"
#include "db/tasks.h"
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/jsonx.h"
#include "src/rules/task_rules.h"

typedef struct {
  const char *district_id, *year;
  json_t *catalogue, *existing, *seen, *errors, *creates, *updates;
  edx_import_counts counts;
} import_run;

/* A CSV's nested cells (JSON text) as JSON; a cell that is not JSON stays text (a 422). */
static void parse_nested(json_t *rec)
{
  static const char *const nested[] = {"school_levels", "due", "indicators", NULL};
  for (int i = 0; nested[i]; i++) {
    const char *text = edx_json_str(rec, nested[i]);
    json_t *v = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
    if (v)
      json_object_set_new(rec, nested[i], v);
  }
}

/* 1 when the task t would store nothing new over existing. */
static int same_task(const json_t *existing, const json_t *t)
{
  for (const edx_field *f = edx_task_fields; f->name; f++) {
    const json_t *a = json_object_get(existing, f->name), *b = json_object_get(t, f->name);
    if (!f->read_only && !json_equal(a ? a : json_null(), b ? b : json_null()))
      return 0;
  }
  return 1;
}

static void check_row(import_run *run, size_t row, json_t *rec, int csv)
{
  static const char *const ignored[] = {"id", "summary", "created_at", "updated_at", NULL};
  json_t *problems = json_array(), *fields = json_deep_copy(rec), *t = NULL;
  const char *code = edx_json_str(rec, "code");
  const json_t *existing = code ? json_object_get(run->existing, code) : NULL;
  for (int i = 0; ignored[i]; i++)
    json_object_del(fields, ignored[i]);
  if (csv)
    parse_nested(fields);
  edx_period_member_to_year(fields, "year");
  if (edx_fields_reject_unknown(fields, edx_task_fields, problems) +
      edx_fields_check_patch(fields, edx_task_fields, problems) > 0)
    goto done;
  if (code && json_object_get(run->seen, code)) {
    edx_errors_add_code(problems, EDX_ERR_CONFLICT, "code", "repeats the code of an earlier row");
    goto done;
  }
  if (code)
    json_object_set_new(run->seen, code, json_true());
  if (json_object_get(fields, "district_id") &&
      strcmp(edx_json_str(fields, "district_id"), run->district_id) != 0)
    edx_errors_add(problems, "district_id", "every row must be of the imported district");
  if (json_object_get(fields, "year") &&
      json_integer_value(json_object_get(fields, "year")) != atoi(run->year))
    edx_errors_add(problems, "year", "every row must be of the imported year (%s)", run->year);
  if (json_array_size(problems) > 0)
    goto done;
  t = existing ? json_deep_copy(existing) : json_object();
  edx_json_merge_patch(t, fields);
  if (json_object_get(fields, "due")) /* a due given is the whole due */
    json_object_set(t, "due", json_object_get(fields, "due"));
  else if (!existing)
    json_object_set_new(t, "due", json_pack("{s:s}", "kind", "unspecified"));
  json_object_set_new(t, "district_id", json_string(run->district_id));
  json_object_set_new(t, "year", json_integer(atoi(run->year)));
  if (edx_fields_check_create(t, edx_task_fields, problems) > 0 ||
      edx_task_check(t, run->catalogue, problems) > 0)
    goto done;
  json_object_set_new(t, "due", edx_task_due_shown(json_object_get(t, "due"), atoi(run->year)));
  if (!existing) {
    run->counts.created++;
    json_array_append(run->creates, t);
  } else if (same_task(existing, t)) {
    run->counts.unchanged++;
  } else {
    run->counts.updated++;
    json_array_append_new(run->updates, json_pack("[O,O]", existing, t));
  }
done:
  edx_import_take_errors(run->errors, row, problems);
  json_decref(problems);
  json_decref(fields);
  json_decref(t);
}

static int apply_import(edx_ctx *ctx, void *arg)
{
  import_run *run = arg;
  size_t i;
  json_t *t, *row, *out = NULL;
  int rc = EDX_OK;
  json_array_foreach(run->creates, i, t) {
    if (rc != EDX_OK)
      break;
    row = edx_task_row(t);
    rc = edx_db_task_create(ctx->conn, &out, &ctx->caller, row);
    json_decref(row);
    json_decref(out);
    out = NULL;
  }
  json_array_foreach(run->updates, i, t) {
    if (rc != EDX_OK)
      break;
    row = edx_task_row(json_array_get(t, 1));
    rc = edx_db_task_update(ctx->conn, &out, &ctx->caller, json_array_get(t, 0), row);
    json_decref(row);
    json_decref(out);
    out = NULL;
  }
  return rc;
}

void edx_tasks_import(edx_ctx *ctx)
{
  import_run run = {0};
  json_t *records = NULL, *errors = json_array(), *rec;
  const char *dry = edx_query_bool(ctx, "dry_run", errors);
  const char *type = edx_header(ctx, "Content-Type");
  int dry_run = dry && strcmp(dry, "true") == 0, rc;
  int csv = type && strncasecmp(type, "text/csv", 8) == 0;
  size_t i;
  if (!edx_may_manage_some_district(&ctx->caller)) { /* school and reader tokens, before all */
    json_decref(errors);
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin and district tokens may import tasks", NULL);
    return;
  }
  run.district_id = edx_query_uuid(ctx, "district_id", errors);
  run.year = edx_query_period(ctx, "year", 1, NULL, errors);
  if (edx_query_errors(ctx, errors) != 0)
    return;
  if (!run.district_id)
    run.district_id = edx_caller_office_district(&ctx->caller);
  if (!run.district_id || !edx_may_manage_district(&ctx->caller, run.district_id)) {
    edx_problem(ctx, run.district_id ? EDX_EFORBIDDEN : EDX_EBADREQ,
                run.district_id ? "this token may not import tasks of that district"
                                : "say which district: ?district_id=", NULL);
    return;
  }
  if (!(records = edx_read_import_records_in(ctx, "task", edx_task_fields, "tasks")) ||
      !edx_ctx_conn(ctx))
    goto cleanup;
  rc = edx_db_indicator_map(ctx->conn, &run.catalogue);
  if (rc == EDX_OK)
    rc = edx_db_tasks_by_code(ctx->conn, &run.existing, run.district_id, run.year);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  run.seen = json_object();
  run.errors = json_array();
  run.creates = json_array();
  run.updates = json_array();
  json_array_foreach(records, i, rec) {
    if (edx_import_client_left(ctx, i))
      goto cleanup;
    check_row(&run, i + 1, rec, csv);
  }
  edx_finish_import(ctx, run.errors, dry_run, apply_import, &run, json_array_size(records),
                    &run.counts);
cleanup:
  json_decref(records);
  json_decref(run.catalogue);
  json_decref(run.existing);
  json_decref(run.seen);
  json_decref(run.errors);
  json_decref(run.creates);
  json_decref(run.updates);
}
