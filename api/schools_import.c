/* schools_import.c — POST /v1/schools/import: a JSON array or a CSV of schools, upserted by code
 * in one transaction (all or nothing). Every row is checked before anything is written, and a
 * refused import lists every problem as {"row", "field", "message"}. ?dry_run=true reports what
 * would be created and updated. A few queries whatever the size: the districts, the existing
 * schools of the file's codes, the rows to write sent in batches of EDX_IMPORT_BATCH, and one
 * set-based upsert. Rows are read one at a time and what is written is kept as text (import.h),
 * so a 30 MB CSV is never held as objects all at once. */
#include <stdio.h>
#include <string.h>
#include "api/import.h"
#include "api/query.h"
#include "api/routes.h"
#include "db/schools.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"
#include "src/rules/school_rules.h"

typedef struct {
  edx_ctx *ctx;
  int dry_run;
  edx_text codes;           /* the records' codes, a JSON array text */
  json_t *by_id, *by_code;  /* districts: id → code, code → id */
  json_t *existing;         /* code → school */
  json_t *seen;             /* code → first row number */
  json_t *errors;           /* {"row", "field", "message"} */
  edx_import_queue upserts; /* complete rows that create or change a school (none in a dry run) */
  edx_import_counts counts;
} import_run;

static void row_error(import_run *run, size_t row, const char *code, const char *field,
                      const char *message)
{
  json_array_append_new(run->errors, json_pack("{s:I,s:s,s:s,s:s}", "row", (json_int_t)row,
                                               "field", field, "code", code, "message", message));
}

/* Works out the row's district id (NULL after reporting a problem). */
static const char *row_district(edx_ctx *ctx, import_run *run, size_t row, const json_t *rec,
                                const json_t *existing)
{
  const char *id = edx_json_str(rec, "district_id");
  const json_t *code = json_object_get(rec, "district_code");
  const char *by_code = json_is_string(code)
                          ? json_string_value(json_object_get(run->by_code, json_string_value(code)))
                          : NULL;
  /* a district token hears the same about another district as about none at all */
  if (edx_caller_office_district(&ctx->caller) &&
      ((code && (!by_code || !edx_may_manage_district(&ctx->caller, by_code))) ||
       (id && !edx_may_manage_district(&ctx->caller, id)))) {
    row_error(run, row, EDX_ERR_NOT_FOUND, code ? "district_code" : "district_id",
              "names no district this token may import schools into");
    return NULL;
  }
  if (code && !by_code) {
    row_error(run, row, EDX_ERR_NOT_FOUND, "district_code", "no district with this code");
    return NULL;
  }
  if (id && !json_object_get(run->by_id, id)) {
    row_error(run, row, EDX_ERR_NOT_FOUND, "district_id", "no district with this id");
    return NULL;
  }
  if (id && by_code && strcmp(id, by_code) != 0) {
    row_error(run, row, EDX_ERR_CONFLICT, "district_code",
              "names another district than district_id");
    return NULL;
  }
  if (!id)
    id = by_code;
  if (!id && existing)
    id = edx_json_str(existing, "district_id");
  if (!id)
    id = edx_caller_office_district(&ctx->caller);
  if (existing && !edx_may_manage_district(&ctx->caller, edx_json_str(existing, "district_id")))
    row_error(run, row, EDX_ERR_CONFLICT, "code", "this school belongs to another district");
  else if (!id)
    row_error(run, row, EDX_ERR_REQUIRED, "district_id",
              "is required for a new school (or give district_code)");
  else if (!edx_may_manage_district(&ctx->caller, id))
    row_error(run, row, EDX_ERR_NOT_ALLOWED_VALUE, "district_id",
              "this token may not import schools of that district");
  else
    return id;
  return NULL;
}

/* Reports required fields a new school's record leaves out (when other checks already failed). */
static void report_missing(const json_t *fields, json_t *problems)
{
  for (const edx_field *f = edx_school_fields; f->name; f++)
    if (f->required && !json_object_get(fields, f->name))
      edx_errors_say(problems, f->name, &EDX_MSG_REQUIRED);
}

/* Appends s to a JSON array text begun with "[". */
static void text_item(edx_text *t, const char *s)
{
  edx_text_raw(t, t->len > 1 ? "," : "");
  edx_text_str(t, s);
}

/* Keeps the complete school to write (not in a dry run). */
static void queue(import_run *run, const json_t *school)
{
  if (!run->dry_run)
    edx_import_queue_add(&run->upserts, school);
}

/* Counts the record as created, updated or unchanged; queues the complete school if it changes
 * anything. */
static void queue_school(import_run *run, const json_t *existing, json_t *school)
{
  json_t *old;
  if (!existing) {
    run->counts.created++;
    queue(run, school);
    return;
  }
  old = json_deep_copy(existing);
  json_object_del(old, "id");
  json_object_del(old, "created_at");
  json_object_del(old, "updated_at");
  if (json_equal(old, school)) {
    run->counts.unchanged++;
  } else {
    run->counts.updated++;
    queue(run, school);
  }
  json_decref(old);
}

/* Checks one record, reporting every problem it has, and queues the complete school when it
 * creates or changes one. */
static void check_row(void *arg, size_t row, json_t *rec)
{
  import_run *run = arg;
  edx_ctx *ctx = run->ctx;
  json_t *problems = json_array(), *school = NULL, *fields = json_deep_copy(rec);
  const char *code = edx_json_str(rec, "code");
  const json_t *existing = code ? json_object_get(run->existing, code) : NULL;
  const json_t *first = code ? json_object_get(run->seen, code) : NULL;
  const char *district;
  int bad;
  json_object_del(fields, "district_code");
  /* an exported CSV goes back in as it is: its read-only columns are ignored */
  json_object_del(fields, "id");
  json_object_del(fields, "created_at");
  json_object_del(fields, "updated_at");
  bad = edx_fields_reject_unknown(fields, edx_school_fields, problems) +
        edx_fields_check_patch(fields, edx_school_fields, problems);
  if (bad && !existing)
    report_missing(fields, problems);
  if (first) {
    char message[96];
    snprintf(message, sizeof(message), "repeats the code of row %lld",
             (long long)json_integer_value(first));
    edx_errors_add_code(problems, EDX_ERR_CONFLICT, "code", "%s", message);
  } else if (code) {
    json_object_set_new(run->seen, code, json_integer((json_int_t)row));
  }
  edx_import_take_errors(run->errors, row, problems);
  district = row_district(ctx, run, row, rec, existing);
  if (bad || first || !district) {
    if (!bad && !existing)
      report_missing(fields, problems);
    edx_import_take_errors(run->errors, row, problems);
    goto done;
  }
  school = existing ? json_deep_copy(existing) : json_object();
  edx_json_merge_patch(school, fields);
  json_object_set_new(school, "district_id", json_string(district));
  json_object_del(school, "id");
  json_object_del(school, "created_at");
  json_object_del(school, "updated_at");
  if (edx_fields_check_create(school, edx_school_fields, problems) == 0)
    queue_school(run, existing, school);
  edx_import_take_errors(run->errors, row, problems);
done:
  json_decref(problems);
  json_decref(school);
  json_decref(fields);
}

/* The first pass: the records' codes. */
static void note_code(const json_t *rec, void *arg)
{
  import_run *run = arg;
  if (edx_json_str(rec, "code"))
    text_item(&run->codes, edx_json_str(rec, "code"));
}

/* Loads districts and the existing schools of the records' codes. */
static int load_context(edx_ctx *ctx, import_run *run)
{
  int rc = edx_db_district_maps(ctx->conn, &run->by_id, &run->by_code);
  edx_text_raw(&run->codes, "]");
  if (rc == EDX_OK && !run->codes.data)
    rc = EDX_EINTERNAL;
  if (rc == EDX_OK)
    rc = edx_db_schools_by_code(ctx->conn, &run->existing, run->codes.data);
  edx_text_free(&run->codes); /* looked up */
  return rc;
}

static int apply_import(edx_ctx *ctx, void *arg)
{
  import_run *run = arg;
  long created = 0, updated = 0;
  int rc = run->upserts.rows == 0 ? EDX_OK : edx_import_queue_stage(ctx, &run->upserts);
  if (rc == EDX_OK && run->upserts.rows > 0)
    rc = edx_db_schools_upsert(ctx->conn, &ctx->caller, NULL, &created, &updated);
  if (rc == EDX_OK && (created != run->counts.created || updated != run->counts.updated)) {
    edx_error_set("the schools changed while importing; try again");
    rc = EDX_ECONFLICT;
  }
  return rc;
}

void edx_schools_import(edx_ctx *ctx)
{
  import_run run = {0};
  edx_import_reader reader = {0};
  json_t *errors = json_array();
  const char *dry = edx_query_bool(ctx, "dry_run", errors);
  int rc = EDX_OK;
  if (edx_query_errors(ctx, errors) != 0)
    return;
  if (!edx_may_manage_some_district(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin and district tokens may import schools", NULL);
    return;
  }
  run.ctx = ctx;
  run.dry_run = dry && strcmp(dry, "true") == 0;
  edx_text_init(&run.codes, 4096);
  edx_text_raw(&run.codes, "[");
  edx_import_queue_init(&run.upserts);
  run.seen = json_object();
  run.errors = json_array();
  if (edx_import_open(ctx, &reader, "school", edx_school_fields, note_code, &run) != 0 ||
      !edx_ctx_conn(ctx))
    goto cleanup;
  if ((rc = load_context(ctx, &run)) != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  if (edx_import_check_rows(ctx, &reader, check_row, &run) == 0)
    edx_finish_import(ctx, run.errors, run.dry_run, apply_import, &run, reader.rows,
                      &run.counts);
cleanup:
  edx_import_close(&reader);
  edx_text_free(&run.codes);
  json_decref(run.by_id);
  json_decref(run.by_code);
  json_decref(run.existing);
  json_decref(run.seen);
  json_decref(run.errors);
  edx_import_queue_free(&run.upserts);
}
