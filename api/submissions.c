/* submissions.c — period reports (báo cáo định kỳ): POST /v1/districts/{district}/submissions
 * freezes the district's progress for a period (the progress answer, the indicators it used and
 * the counts it was computed from, read in one REPEATABLE READ snapshot) into a numbered, signed
 * draft whose bytes and SHA-256 never change; the district submits it, its province (an admin, or
 * a reader of the district's province) accepts or returns it; a later submission supersedes it
 * when submitted. Also the list, one submission, its frozen bytes and history, a province's
 * summary with the deadlines, and the deadlines themselves (/v1/submission-deadlines/{period}).
 * The rules are src/rules/submission_rules.c and roles.c, the SQL db/submissions.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/lists.h"
#include "api/load.h"
#include "api/progress.h"
#include "api/query.h"
#include "api/routes.h"
#include "api/submissions.h"
#include "api/write.h"
#include "db/org_units.h"
#include "db/submissions.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"
#include "src/rules/periods.h"
#include "src/rules/submission_rules.h"
#include "src/rules/validate.h"

/* The codes of the indicators a progress answer used ({"indicators": [{"code"}, ...]}). */
static json_t *codes_of(const json_t *progress)
{
  json_t *codes = json_array(), *entry;
  size_t i;
  json_array_foreach(json_object_get(progress, "indicators"), i, entry)
    json_array_append(codes, json_object_get(entry, "code"));
  return codes;
}

/* The frozen document {"progress", "indicators", "inputs"} of district for plan year year, as
 * text (malloc'ed) into *text; EDX_ENOPLAN (problem sent) when the district has no plan. */
static int freeze(edx_ctx *ctx, const json_t *district, int year, char **text)
{
  json_t *progress = NULL, *codes = NULL, *indicators = NULL, *inputs = NULL, *doc = NULL;
  int rc = edx_progress_district_answer(ctx, district, year, &progress);
  *text = NULL;
  if (rc == EDX_OK && !progress) {
    json_t *errors = json_array();
    edx_errors_add(errors, "period", "no plan for %d", year);
    edx_error_set("district '%s' has no plan for %d", edx_json_str(district, "code"), year);
    edx_problem(ctx, rc = EDX_ENOPLAN, NULL, errors);
    goto cleanup;
  }
  codes = codes_of(progress);
  if (rc == EDX_OK)
    rc = edx_db_submission_indicators(ctx->conn, &indicators, codes);
  if (rc == EDX_OK)
    rc = edx_db_submission_inputs(ctx->conn, &inputs, edx_json_str(district, "id"), year);
  if (rc == EDX_OK) {
    doc = json_pack("{s:O,s:O,s:O}", "progress", progress, "indicators", indicators, "inputs",
                    inputs);
    if (!doc || !(*text = json_dumps(doc, EDX_JSON_OUT))) {
      edx_error_set("out of memory writing the frozen document");
      rc = EDX_EINTERNAL;
    }
  }
cleanup:
  json_decref(progress);
  json_decref(codes);
  json_decref(indicators);
  json_decref(inputs);
  json_decref(doc);
  return rc;
}

/* In the creation's snapshot: the district again, its progress frozen, the draft stored. */
static int create_submission(edx_ctx *ctx, void *arg, json_t **out)
{
  json_t *district = edx_load_district(ctx, 0);
  const char *period = edx_json_str(ctx->body, "period");
  edx_period p = {0};
  char *text = NULL;
  int rc = EDX_ENOTFOUND;
  if (!district)
    return rc;
  edx_parse_period(period, &p);
  rc = freeze(ctx, district, p.year, &text);
  if (rc == EDX_OK) {
    edx_submission_new s = {.district_id = edx_json_str(district, "id"), .period = period,
                            .title = edx_json_str(ctx->body, "title"),
                            .document_number = edx_json_str(ctx->body, "document_number"),
                            .signed_by = edx_json_str(ctx->body, "signed_by"),
                            .note = edx_json_str(ctx->body, "note"), .year = p.year,
                            .frozen = text};
    rc = edx_db_submission_create(ctx->conn, out, &ctx->caller, &s);
  }
  free(text);
  json_decref(district);
  return rc;
}

void edx_submissions_create(edx_ctx *ctx)
{
  json_t *district;
  int allowed;
  if (!edx_ctx_conn(ctx) || !(district = edx_load_district(ctx, 0)))
    return; /* 404, or 403 for a district the caller does not see */
  allowed = edx_may_submit_report(&ctx->caller, edx_json_str(district, "id"));
  json_decref(district);
  if (!allowed) {
    edx_problem(ctx, EDX_EFORBIDDEN, "only an admin or the district's own token may make its "
                                     "period reports", NULL);
    return;
  }
  if (edx_validate_body(ctx, edx_submission_fields, 0, "submission") != 0)
    return;
  edx_run_create_repeatable(ctx, create_submission, NULL, "/v1/submissions/");
}

void edx_submissions_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  edx_list_params lp;
  edx_submission_filter f = {0};
  int rc;
  edx_query_list(ctx, &lp, edx_submission_sort_fields, "-created_at", errors);
  f.district_id = edx_query_uuid(ctx, "district_id", errors);
  f.year = edx_query_period(ctx, "period", 0, NULL, errors);
  f.state = edx_query_enum(ctx, "state", edx_submission_states, errors);
  f.updated_since = edx_query_timestamp(ctx, "updated_since", errors);
  f.province = edx_query_code(ctx, "province", errors);
  if (edx_list_begin(ctx, errors, &f.district_id, &f.province, 1) != 0)
    return;
  rc = edx_db_submission_list(ctx->conn, &list, &f, &lp);
  edx_answer_list_tagged(ctx, rc, &list, NULL, "submissions"); /* no CSV form */
}

/* The submission the path names, if the caller may see its district (school tokens: 403). */
static json_t *load_submission(edx_ctx *ctx, int for_update)
{
  if (!edx_may_read_reports(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "school tokens do not read period reports", NULL);
    return NULL;
  }
  return edx_load_scoped(ctx, "submission", edx_db_submission_get, for_update, "submission");
}

void edx_submissions_get(edx_ctx *ctx)
{
  edx_respond_loaded(ctx, load_submission);
}

void edx_submissions_history(edx_ctx *ctx)
{
  json_t *s, *list = NULL;
  int rc;
  if (!edx_ctx_conn(ctx) || !(s = load_submission(ctx, 0)))
    return;
  rc = edx_db_submission_history(ctx->conn, &list, edx_json_str(s, "id"));
  json_decref(s);
  edx_answer(ctx, rc, list);
}

/* The stored bytes, as they were frozen, with their hash as the ETag and as Repr-Digest (RFC
 * 9530); Digest (RFC 3230) too, for older clients. */
void edx_submissions_frozen(edx_ctx *ctx)
{
  edx_frozen f = {0};
  json_t *s;
  char etag[96], digest[96];
  int rc;
  if (!edx_ctx_conn(ctx) || !(s = load_submission(ctx, 0)))
    return;
  rc = edx_db_submission_frozen(ctx->conn, &f, edx_json_str(s, "id"));
  json_decref(s);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    return;
  }
  snprintf(etag, sizeof(etag), "\"sha256-%s\"", f.sha256_hex);
  snprintf(digest, sizeof(digest), "sha-256=:%s:", f.sha256_b64);
  edx_add_header(ctx, "Repr-Digest", digest);
  snprintf(digest, sizeof(digest), "SHA-256=%s", f.sha256_b64);
  edx_add_header(ctx, "Digest", digest);
  edx_respond_tagged(ctx, 200, "application/json", f.bytes, f.len, etag);
  edx_frozen_free(&f);
}

int edx_submission_frozen_doc(edx_ctx *ctx, const char *id, json_t **meta, json_t **frozen)
{
  edx_frozen f = {0};
  int rc;
  *meta = *frozen = NULL;
  if (!edx_may_read_reports(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "school tokens do not read period reports", NULL);
    return -1;
  }
  rc = edx_db_submission_get(ctx->conn, meta, id, 0);
  if (rc == EDX_OK && !edx_caller_sees_district(&ctx->caller, edx_json_str(*meta, "district_id")))
    rc = EDX_EFORBIDDEN;
  if (rc == EDX_OK)
    rc = edx_db_submission_frozen(ctx->conn, &f, id);
  if (rc == EDX_OK && !(*frozen = json_loadb(f.bytes, f.len, 0, NULL)))
    rc = EDX_EINTERNAL;
  edx_frozen_free(&f);
  if (rc == EDX_OK)
    return 0;
  json_decref(*meta);
  *meta = NULL;
  if (rc == EDX_ENOTFOUND) {
    json_t *errors = json_array();
    edx_errors_add(errors, "submission", "no period report has this id");
    edx_problem(ctx, rc, "no period report with this id", errors);
  } else {
    edx_problem(ctx, rc, rc == EDX_EFORBIDDEN ? "this token is scoped to another district" : NULL,
                NULL);
  }
  return -1;
}

/* A move's body: none, or a JSON object with at most a note. 0, or -1 after answering 400. */
static int read_move_body(edx_ctx *ctx)
{
  char why[256];
  if (ctx->body)
    return 0;
  if (ctx->req->binary_body_length == 0) {
    ctx->body = json_object();
    return 0;
  }
  ctx->body = edx_json_parse_object(ctx->req->binary_body, ctx->req->binary_body_length, why,
                                    sizeof(why));
  if (!ctx->body) {
    edx_problem(ctx, EDX_EBADREQ, why, NULL);
    return -1;
  }
  return 0;
}

/* Who may make the move on s: the district (admin, its own token) submits; its province (admin,
 * a reader of the district's province) accepts and returns. 0, or -1 after answering 403. */
static int may_move(edx_ctx *ctx, edx_submission_move move, const json_t *s)
{
  const json_t *district = json_object_get(s, "district");
  if (move == EDX_SUBMISSION_SUBMIT
        ? edx_may_submit_report(&ctx->caller, edx_json_str(s, "district_id"))
        : edx_may_review_report(&ctx->caller, edx_json_str(district, "province_code")))
    return 0;
  edx_problem(ctx, EDX_EFORBIDDEN,
              move == EDX_SUBMISSION_SUBMIT
                ? "only an admin or the district's own token may submit its period reports"
                : "only an admin or a reader of the district's province may accept or return "
                  "its period reports", NULL);
  return -1;
}

/* The body's note: required to return (422 naming note). 0, or -1 after answering. */
static int check_move_body(edx_ctx *ctx, edx_submission_move move)
{
  json_t *errors;
  if (edx_validate_body(ctx, edx_submission_move_fields, 1, "move") != 0)
    return -1;
  if (move != EDX_SUBMISSION_RETURN || edx_json_str(ctx->body, "note"))
    return 0;
  errors = json_array();
  edx_errors_add_code(errors, EDX_ERR_REQUIRED, "note",
                      "is required to return a report: what the district must correct");
  edx_problem(ctx, EDX_EINVALID, "the move's body is invalid", errors);
  return -1;
}

static int make_move(edx_ctx *ctx, void *arg)
{
  edx_submission_move move = *(const edx_submission_move *)arg;
  json_t *s = load_submission(ctx, 1), *after = NULL;
  const char *from, *to;
  int rc = EDX_ENOTFOUND;
  if (!s)
    return rc;
  rc = EDX_EFORBIDDEN;
  if (may_move(ctx, move, s) != 0)
    goto cleanup;
  rc = EDX_EINVALID;
  if (check_move_body(ctx, move) != 0)
    goto cleanup;
  from = edx_json_str(s, "state");
  if (!(to = edx_submission_next_state(move, from))) {
    edx_error_set("cannot %s a submission that is %s", edx_submission_move_name(move), from);
    edx_problem(ctx, rc = EDX_ECONFLICT, NULL, NULL);
    goto cleanup;
  }
  if ((rc = edx_check_if_match(ctx, s)) != EDX_OK)
    goto cleanup;
  rc = edx_db_submission_move(ctx->conn, &after, &ctx->caller, s, to,
                              edx_json_str(ctx->body, "note"));
  if (rc == EDX_OK)
    edx_respond_json(ctx, 200, after);
cleanup:
  json_decref(s);
  json_decref(after);
  return rc;
}

static void run_move(edx_ctx *ctx, edx_submission_move move)
{
  if (read_move_body(ctx) == 0)
    edx_run_in_transaction(ctx, make_move, &move);
}

void edx_submissions_submit(edx_ctx *ctx) { run_move(ctx, EDX_SUBMISSION_SUBMIT); }
void edx_submissions_accept(edx_ctx *ctx) { run_move(ctx, EDX_SUBMISSION_ACCEPT); }
void edx_submissions_return(edx_ctx *ctx) { run_move(ctx, EDX_SUBMISSION_RETURN); }

/* ?period= (required): a period code; 0 and *p set, or -1 after answering 400. */
static int query_period_code(edx_ctx *ctx, const char **code, edx_period *p)
{
  json_t *errors = json_array();
  *code = edx_query(ctx, "period");
  if (!*code || edx_parse_period(*code, p) != 0)
    edx_errors_add_code(errors, *code ? EDX_ERR_INVALID : EDX_ERR_REQUIRED, "period",
                        "is required: %s", EDX_PERIOD_RULE);
  return edx_query_errors(ctx, errors);
}

/* Each district's row of the summary as answered (late and deadline added), and the counts. */
static json_t *summarise(const json_t *rows, const char *period)
{
  const json_t *due = json_object_get(rows, "due");
  long long now = json_integer_value(json_object_get(rows, "now"));
  json_t *districts = json_array(), *row;
  long long submitted = 0, late = 0, accepted = 0;
  size_t i;
  json_array_foreach(json_object_get(rows, "districts"), i, row) {
    const json_t *first = json_object_get(row, "first_submitted");
    int is_late = edx_submission_late(json_string_value(due),
                                      json_is_integer(first) ? json_integer_value(first) : -1,
                                      now);
    int is_accepted = json_is_true(json_object_get(row, "accepted"));
    submitted += json_is_integer(first);
    late += is_late;
    accepted += is_accepted;
    json_array_append_new(districts, json_pack(
      "{s:O,s:O,s:O,s:O,s:b,s:b}", "district", json_object_get(row, "district"), "submission",
      json_object_get(row, "submission"), "first_submitted_at",
      json_object_get(row, "first_submitted_at"), "deadline", due ? due : json_null(), "late",
      is_late, "accepted", is_accepted));
  }
  return json_pack("{s:s,s:O,s:o,s:{s:I,s:I,s:I,s:I,s:I}}", "period", period, "deadline",
                   due ? due : json_null(), "districts", districts, "counts", "districts",
                   (json_int_t)json_array_size(districts), "submitted", (json_int_t)submitted,
                   "not_submitted", (json_int_t)json_array_size(districts) - submitted, "late",
                   (json_int_t)late, "accepted", (json_int_t)accepted);
}

void edx_submissions_summary(edx_ctx *ctx)
{
  const char *province = edx_path_param(&ctx->params, "province"), *period;
  json_t *unit = NULL, *rows = NULL, *answer = NULL;
  edx_period p;
  int rc;
  if (!edx_may_read_report_summary(&ctx->caller, province)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "only admins, unscoped readers and the province's readers "
                                     "read a province's period reports", NULL);
    return;
  }
  if (query_period_code(ctx, &period, &p) != 0 || !edx_ctx_conn(ctx))
    return;
  rc = edx_db_org_unit_get(ctx->conn, &unit, province, 0);
  if (rc == EDX_OK && strcmp(edx_json_str(unit, "level"), "province") != 0) {
    edx_error_set("no province with code '%s'", province);
    rc = EDX_ENOTFOUND;
  }
  if (rc == EDX_OK)
    rc = edx_db_submission_summary(ctx->conn, &rows, province, p.year, period);
  if (rc == EDX_OK) {
    answer = summarise(rows, period);
    json_object_set_new(answer, "province",
                        json_pack("{s:O,s:O}", "code", json_object_get(unit, "code"), "name",
                                  json_object_get(unit, "name")));
  }
  json_decref(unit);
  json_decref(rows);
  edx_answer(ctx, rc, answer);
}

/* The path's period; 0, or -1 after answering 404 (not a period code). */
static int path_period(edx_ctx *ctx, const char **period)
{
  edx_period p;
  *period = edx_path_param(&ctx->params, "period");
  if (*period && edx_parse_period(*period, &p) == 0)
    return 0;
  edx_problem(ctx, EDX_ENOTFOUND, "no such period: " EDX_PERIOD_RULE, NULL);
  return -1;
}

void edx_submission_deadlines_get(edx_ctx *ctx)
{
  const char *period;
  json_t *out = NULL;
  int rc;
  if (path_period(ctx, &period) != 0 || !edx_ctx_conn(ctx))
    return;
  rc = edx_db_submission_deadlines(ctx->conn, &out, period);
  edx_answer(ctx, rc, out);
}

static int put_deadlines(edx_ctx *ctx, void *arg)
{
  json_t *out = NULL;
  int rc = edx_db_submission_deadlines_put(ctx->conn, &out, &ctx->caller, arg,
                                           json_object_get(ctx->body, "deadlines"));
  if (rc == EDX_EINVALID) {
    json_t *errors = json_array();
    edx_errors_add_code(errors, EDX_ERR_NOT_FOUND, "deadlines", "%s", edx_error_last());
    edx_problem(ctx, rc, "the deadlines name a province that does not exist", errors);
  }
  if (rc == EDX_OK)
    edx_respond_json(ctx, 200, out);
  json_decref(out);
  return rc;
}

void edx_submission_deadlines_put(edx_ctx *ctx)
{
  const char *period;
  json_t *errors;
  if (!edx_may_set_report_deadlines(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin tokens set submission deadlines", NULL);
    return;
  }
  if (path_period(ctx, &period) != 0 ||
      edx_validate_body(ctx, edx_submission_deadlines_fields, 0, "deadlines") != 0)
    return;
  errors = json_array();
  if (edx_submission_deadlines_check(ctx->body, errors) > 0) {
    edx_problem(ctx, EDX_EINVALID, "the deadlines are invalid", errors);
    return;
  }
  json_decref(errors);
  edx_run_in_transaction(ctx, put_deadlines, (void *)period);
}
