/* dossiers_import.c — POST /v1/dossiers/import: a district's dossiers from another system, as a
 * JSON array or a CSV, upserted by reference in one transaction (all or nothing). Rows are
 * snapshots: their status and its timestamps are taken as given (no move rules), procedures may
 * be named by national code. ?district_id= names the district (a district token's own by
 * default); ?dry_run=true reports what would change. Rows are read one at a time and written
 * in batches (import.h). */
#include <stdio.h>
#include <string.h>
#include "api/import.h"
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "db/calendars.h"
#include "db/dossiers.h"
#include "src/rules/dossier_rules.h"
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/jsonx.h"
#include "src/rules/validate.h"

typedef struct {
  const char *district_id;
  int dry_run;
  edx_text references;      /* the records' references, a JSON array text */
  json_t *procedures, *existing, *seen, *errors;
  edx_import_queue upserts; /* complete dossiers to write (none in a dry run) */
  json_t *calendar; /* the days off and worked Saturdays due dates count against */
  edx_import_counts counts;
} import_run;

/* The row's procedure (by id or national code within the district), or NULL with a problem. */
static const json_t *row_procedure(import_run *run, const json_t *rec, json_t *problems)
{
  const char *id = edx_json_str(rec, "procedure_id"), *code = edx_json_str(rec, "procedure_code");
  const json_t *by_id = json_object_get(run->procedures, "by_id");
  const json_t *ids = code ? json_object_get(json_object_get(run->procedures, "by_code"), code)
                           : NULL;
  if (id && json_object_get(by_id, id))
    return json_object_get(by_id, id);
  if (!id && json_array_size(ids) == 1)
    return json_object_get(by_id, json_string_value(json_array_get(ids, 0)));
  edx_errors_add_code(problems,
                      json_array_size(ids) > 1 && !id ? EDX_ERR_CONFLICT : EDX_ERR_NOT_FOUND,
                      id ? "procedure_id" : "procedure_code",
                      id ? "no procedure with this id in the district"
                      : json_array_size(ids) > 1
                          ? "several procedures have this code; use procedure_id"
                          : "no procedure with this code in the district (or give procedure_id)");
  return NULL;
}

/* 1 when storing d would change nothing of existing (times compared as instants). */
static int same_dossier(const json_t *existing, const json_t *d)
{
  for (const edx_field *f = edx_dossier_fields; f->name; f++) {
    const json_t *a = json_object_get(existing, f->name), *b = json_object_get(d, f->name);
    if (f->read_only)
      continue;
    if (f->kind == EDX_FIELD_DATETIME && json_is_string(a) && json_is_string(b)) {
      if (edx_rfc3339_epoch(json_string_value(a)) != edx_rfc3339_epoch(json_string_value(b)))
        return 0;
    } else if (!json_equal(a ? a : json_null(), b ? b : json_null())) {
      return 0;
    }
  }
  return 1;
}

static void check_row(void *arg, size_t row, json_t *rec)
{
  import_run *run = arg;
  json_t *problems = json_array(), *fields = json_deep_copy(rec), *d = NULL;
  const char *reference = edx_json_str(rec, "reference");
  const json_t *existing = reference ? json_object_get(run->existing, reference) : NULL;
  const json_t *procedure;
  json_object_del(fields, "procedure_code");
  /* an exported dossiers.csv goes back in as it is: its read-only columns are ignored (and
   * overdue, a column of files exported before it became a filter only) */
  json_object_del(fields, "id");
  json_object_del(fields, "fee");
  json_object_del(fields, "overdue");
  json_object_del(fields, "on_time");
  json_object_del(fields, "created_at");
  json_object_del(fields, "updated_at");
  if (edx_fields_reject_unknown(fields, edx_dossier_fields, problems) +
      edx_fields_check_patch(fields, edx_dossier_fields, problems) > 0)
    goto done;
  if (reference && json_object_get(run->seen, reference)) {
    edx_errors_add_code(problems, EDX_ERR_CONFLICT, "reference",
                        "repeats the reference of an earlier row");
    goto done;
  }
  if (reference)
    json_object_set_new(run->seen, reference, json_true());
  if ((json_object_get(fields, "district_id") &&
       strcmp(edx_json_str(fields, "district_id"), run->district_id) != 0)) {
    edx_errors_add(problems, "district_id", "every row must be of the imported district");
    goto done;
  }
  d = existing ? json_deep_copy(existing) : json_object();
  edx_json_merge_patch(d, fields);
  json_object_set_new(d, "district_id", json_string(run->district_id));
  if (!existing && !json_object_get(rec, "procedure_id") && !json_object_get(rec, "procedure_code"))
    edx_errors_add_code(problems, EDX_ERR_REQUIRED,
                        "procedure_id", "is required (or give procedure_code)");
  procedure = (json_object_get(rec, "procedure_id") || json_object_get(rec, "procedure_code"))
                ? row_procedure(run, rec, problems)
                : json_object_get(json_object_get(run->procedures, "by_id"),
                                  edx_json_str(d, "procedure_id"));
  if (procedure)
    json_object_set(d, "procedure_id", json_object_get(procedure, "id"));
  if (json_array_size(problems) > 0 ||
      edx_fields_check_create(d, edx_dossier_fields, problems) > 0 ||
      edx_dossier_prepare(d, procedure, run->calendar, problems) > 0)
    goto done;
  if (!existing) {
    run->counts.created++;
  } else if (same_dossier(existing, d)) {
    run->counts.unchanged++;
    goto done;
  } else {
    run->counts.updated++;
  }
  if (!run->dry_run)
    edx_import_queue_add(&run->upserts, d);
done:
  edx_import_take_errors(run->errors, row, problems);
  json_decref(problems);
  json_decref(fields);
  json_decref(d);
}

static int apply_import(edx_ctx *ctx, void *arg)
{
  import_run *run = arg;
  long created = 0, updated = 0;
  int rc = run->upserts.rows == 0 ? EDX_OK : edx_import_queue_stage(ctx, &run->upserts);
  return rc == EDX_OK && run->upserts.rows > 0
           ? edx_db_dossiers_upsert(ctx->conn, &ctx->caller, NULL, &created, &updated)
           : rc;
}

/* The first pass: the records' references. */
static void note_reference(const json_t *rec, void *arg)
{
  import_run *run = arg;
  if (!edx_json_str(rec, "reference"))
    return;
  edx_text_raw(&run->references, run->references.len > 1 ? "," : "");
  edx_text_str(&run->references, edx_json_str(rec, "reference"));
}

void edx_dossiers_import(edx_ctx *ctx)
{
  import_run run = {0};
  edx_import_reader reader = {0};
  json_t *errors = json_array();
  const char *dry = edx_query_bool(ctx, "dry_run", errors);
  int rc;
  run.dry_run = dry && strcmp(dry, "true") == 0;
  run.district_id = edx_query_uuid(ctx, "district_id", errors);
  if (edx_query_errors(ctx, errors) != 0 || edx_office_only(ctx) != 0)
    return;
  if (!run.district_id)
    run.district_id = edx_caller_office_district(&ctx->caller);
  if (!run.district_id || !edx_may_manage_district(&ctx->caller, run.district_id)) {
    edx_problem(ctx, run.district_id ? EDX_EFORBIDDEN : EDX_EBADREQ,
                run.district_id ? "this token may not import dossiers of that district"
                                : "say which district: ?district_id=", NULL);
    return;
  }
  edx_text_init(&run.references, 4096);
  edx_text_raw(&run.references, "[");
  edx_import_queue_init(&run.upserts);
  if (edx_import_open(ctx, &reader, "dossier", edx_dossier_fields, note_reference, &run) != 0 ||
      !edx_ctx_conn(ctx))
    goto cleanup;
  edx_text_raw(&run.references, "]");
  rc = edx_db_procedure_maps(ctx->conn, &run.procedures, run.district_id);
  if (rc == EDX_OK)
    rc = edx_db_calendar_map(ctx->conn, &run.calendar);
  if (rc == EDX_OK)
    rc = run.references.data ? edx_db_dossiers_by_reference(ctx->conn, &run.existing,
                                                            run.district_id, run.references.data)
                             : EDX_EINTERNAL;
  edx_text_free(&run.references); /* looked up */
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  run.seen = json_object();
  run.errors = json_array();
  if (edx_import_check_rows(ctx, &reader, check_row, &run) == 0)
    edx_finish_import(ctx, run.errors, run.dry_run, apply_import, &run, reader.rows,
                      &run.counts);
cleanup:
  edx_import_close(&reader);
  edx_text_free(&run.references);
  json_decref(run.procedures);
  json_decref(run.calendar);
  json_decref(run.existing);
  json_decref(run.seen);
  json_decref(run.errors);
  edx_import_queue_free(&run.upserts);
}
