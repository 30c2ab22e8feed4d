/* assessments.c — /v1/assessments: a school's yearly digital-transformation self-assessment
 * under a framework version, its answers (scored by src/dt_scoring.c), the workflow moves
 * (submit by the school; return, approve, external assessment and recognition by the office),
 * their history, lists, the answers to one item (which schools are below N points of it) and the
 * per-year overview of a district. */
#include <stdio.h>
#include <string.h>
#include "api/lists.h"
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "api/write.h"
#include "db/assessments.h"
#include "db/districts.h"
#include "db/files.h"
#include "db/schools.h"
#include "src/rules/dt_scoring.h"
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/jsonx.h"
#include "src/rules/periods.h"
#include "src/rules/school_rules.h"
#include "src/rules/validate.h"


/* The caller acts for an assessment's school (creates, answers, submits). */
static int may_act_for_school(const edx_caller *c, const json_t *a)
{
  return edx_may_act_for_school(c, edx_json_str(a, "district_id"), edx_json_str(a, "school_id"));
}

/* Loads the assessment in the path if the caller may read it; sends 404/403 otherwise. */
static json_t *load_assessment(edx_ctx *ctx, int for_update)
{
  const char *id = edx_path_param(&ctx->params, "assessment");
  json_t *a = NULL;
  int rc;
  if (!edx_is_uuid(id)) {
    edx_problem(ctx, EDX_ENOTFOUND, "no assessment with this id", NULL);
    return NULL;
  }
  rc = edx_db_assessment_get(ctx->conn, &a, id, for_update);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    return NULL;
  }
  if (!edx_caller_sees_school(&ctx->caller, edx_json_str(a, "district_id"),
                              edx_json_str(a, "school_id"))) {
    json_decref(a);
    edx_problem(ctx, EDX_EFORBIDDEN, "this token may not see that assessment", NULL);
    return NULL;
  }
  return a;
}

/* The framework version an assessment uses. */
static int load_framework(edx_ctx *ctx, const json_t *a, json_t **fw)
{
  const json_t *f = json_object_get(a, "framework");
  int rc = edx_db_framework_get(ctx->conn, fw, edx_json_str(f, "code"),
                                (int)json_integer_value(json_object_get(f, "version")));
  if (rc != EDX_OK)
    edx_problem(ctx, rc, NULL, NULL);
  return rc;
}

typedef struct {
  json_t *school, *fw;
} create_args;

static int create_assessment(edx_ctx *ctx, void *arg, json_t **out)
{
  create_args *args = arg;
  json_t *empty = json_object(), *scores = edx_dt_score(args->fw, empty);
  int rc = edx_db_assessment_create(ctx->conn, out, &ctx->caller, args->school,
                                    (int)json_integer_value(json_object_get(ctx->body, "year")),
                                    args->fw, scores);
  json_decref(empty);
  json_decref(scores);
  return rc;
}

/* 422 naming field with message. */
static void invalid(edx_ctx *ctx, const char *field, const char *message)
{
  json_t *errors = json_array();
  edx_errors_add(errors, field, "%s", message);
  edx_problem(ctx, EDX_EINVALID, "the assessment request is invalid", errors);
}

void edx_assessments_create(edx_ctx *ctx)
{
  create_args args = {NULL, NULL};
  const char *fw_code;
  int rc;
  edx_period_member_to_year(ctx->body, "year");
  if (edx_body_scope_first(ctx, "this token may not assess that school") != 0 ||
      edx_validate_body(ctx, edx_assessment_fields, 0, "assessment") != 0 || !edx_ctx_conn(ctx))
    return;
  fw_code = edx_json_str(ctx->body, "framework") ? edx_json_str(ctx->body, "framework") : "4725";
  rc = edx_db_school_get(ctx->conn, &args.school, EDX_REF_ID, edx_json_str(ctx->body, "school_id"),
                         0);
  if (rc == EDX_ENOTFOUND) {
    invalid(ctx, "school_id", "no school with this id");
    goto cleanup;
  }
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  if (!edx_may_act_for_school(&ctx->caller, edx_json_str(args.school, "district_id"),
                              edx_json_str(args.school, "id"))) {
    edx_problem(ctx, EDX_EFORBIDDEN, "this token may not assess that school", NULL);
    goto cleanup;
  }
  if (!edx_school_level_general(edx_json_str(args.school, "level"))) {
    invalid(ctx, "school_id", "only general-education schools (primary, lower_secondary, "
                              "primary_lower_secondary) assess under this framework");
    goto cleanup;
  }
  rc = edx_db_framework_get(ctx->conn, &args.fw, fw_code, 0);
  if (rc != EDX_OK) {
    if (rc == EDX_ENOTFOUND)
      invalid(ctx, "framework", "no framework with this code");
    else
      edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  edx_run_create(ctx, create_assessment, &args, "/v1/assessments/");
cleanup:
  json_decref(args.school);
  json_decref(args.fw);
}

void edx_assessments_get(edx_ctx *ctx)
{
  edx_respond_loaded(ctx, load_assessment);
}

/* The evidence files the answers name, each criterion's checked (files.h) and attached to the
 * assessment's school; a file that may not be attached is a 422 naming
 * answers.<code>.evidence_files (sent). Returns the code. */
static int attach_answer_files(edx_ctx *ctx, const json_t *a, const json_t *patch)
{
  const char *code, *district = edx_json_str(a, "district_id");
  const char *token = ctx->caller.token_id[0] ? ctx->caller.token_id : NULL;
  json_t *v, *errors = json_array();
  int rc = EDX_OK;
  json_object_foreach((json_t *)patch, code, v) {
    const json_t *ids = json_object_get(v, "evidence_files");
    long usable = 0;
    if (rc == EDX_OK && json_array_size(ids) > 0)
      rc = edx_db_files_usable(ctx->conn, &usable, ids, district, token);
    if (rc == EDX_OK && usable != (long)json_array_size(ids)) {
      char field[96];
      snprintf(field, sizeof(field), "answers.%s.evidence_files", code);
      edx_errors_add(errors, field, "names a file that does not exist, is another district's, "
                     "or is another token's and attached to nothing yet");
    }
  }
  if (rc == EDX_OK && json_array_size(errors) > 0) {
    edx_problem(ctx, rc = EDX_EINVALID, "the answers name evidence files that cannot be "
                "attached; nothing was saved", errors);
    return rc;
  }
  json_decref(errors);
  json_object_foreach((json_t *)patch, code, v) {
    const json_t *ids = json_object_get(v, "evidence_files");
    if (rc == EDX_OK && json_array_size(ids) > 0)
      rc = edx_db_files_attach(ctx->conn, &ctx->caller, ids, district,
                               edx_json_str(a, "school_id"));
  }
  return rc;
}

static int put_answers(edx_ctx *ctx, void *arg)
{
  json_t *a = load_assessment(ctx, 1), *fw = NULL, *answers = NULL, *scores = NULL, *after = NULL;
  const json_t *patch = json_object_get(ctx->body, "answers");
  json_t *errors;
  int rc = EDX_ENOTFOUND;
  if (!a)
    return rc;
  rc = EDX_EFORBIDDEN;
  if (!may_act_for_school(&ctx->caller, a)) {
    edx_problem(ctx, rc, "this token may not answer for that school", NULL);
    goto cleanup;
  }
  if ((rc = load_framework(ctx, a, &fw)) != EDX_OK)
    goto cleanup;
  errors = json_array();
  if (edx_dt_answers_check(fw, patch, "answers", 1, errors) > 0) {
    edx_problem(ctx, rc = EDX_EINVALID, "the answers are invalid; nothing was saved", errors);
    goto cleanup;
  }
  json_decref(errors);
  if (strcmp(edx_json_str(a, "state"), "draft") != 0 &&
      strcmp(edx_json_str(a, "state"), "returned") != 0) {
    edx_error_set("answers can change only while the assessment is draft or returned, not %s",
                  edx_json_str(a, "state"));
    edx_problem(ctx, rc = EDX_ECONFLICT, NULL, NULL);
    goto cleanup;
  }
  if ((rc = edx_check_if_match(ctx, a)) != EDX_OK)
    goto cleanup;
  if ((rc = attach_answer_files(ctx, a, patch)) != EDX_OK)
    goto cleanup;
  answers = json_deep_copy(json_object_get(a, "answers"));
  {
    const char *code;
    json_t *v;
    /* each criterion's answer is replaced whole; null removes it */
    json_object_foreach((json_t *)patch, code, v) {
      if (json_is_null(v))
        json_object_del(answers, code);
      else
        json_object_set(answers, code, v);
    }
  }
  scores = edx_dt_score(fw, answers);
  rc = edx_db_assessment_set_answers(ctx->conn, &after, edx_json_str(a, "id"), answers, scores);
  if (rc == EDX_OK)
    edx_respond_json(ctx, 200, after);
cleanup:
  json_decref(a);
  json_decref(fw);
  json_decref(answers);
  json_decref(scores);
  json_decref(after);
  return rc;
}

void edx_assessments_answers(edx_ctx *ctx)
{
  if (json_object_size(ctx->body) != 1 || !json_is_object(json_object_get(ctx->body, "answers"))) {
    json_t *errors = json_array();
    edx_errors_add(errors, "answers", "the body must be {\"answers\": {\"<criterion>\": {...}}}");
    edx_problem(ctx, EDX_EBADREQ, "the answers body is malformed", errors);
    return;
  }
  edx_run_in_transaction(ctx, put_answers, NULL);
}

/* Checks a move's body; fills m. Sends 400/422 and returns the code on problems. */
static int check_move_body(edx_ctx *ctx, const char *move, const json_t *fw,
                           edx_assessment_move *m)
{
  json_t *errors = json_array(), *body = ctx->body;
  const char *first = strcmp(move, "return") == 0      ? "note"
                      : strcmp(move, "external") == 0  ? "answers"
                      : strcmp(move, "recognize") == 0 ? "level"
                                                       : NULL;
  const char *second = strcmp(move, "recognize") == 0 ? "decision_ref" : NULL;
  const char *key;
  json_t *v;
  json_object_foreach(body, key, v)
    if (!(first && strcmp(key, first) == 0) && !(second && strcmp(key, second) == 0))
      edx_errors_add_code(errors, EDX_ERR_UNKNOWN_FIELD, key, "unknown field for this move");
  if (json_array_size(errors) > 0) {
    edx_problem(ctx, EDX_EBADREQ, "the move's body has fields it does not take", errors);
    return EDX_EBADREQ;
  }
  m->note = edx_json_str(body, "note");
  if (strcmp(move, "return") == 0 && (!m->note || edx_utf8_length(m->note) < 1 ||
                                      edx_utf8_length(m->note) > 1000))
    edx_errors_add_code(errors, EDX_ERR_REQUIRED,
                        "note", "is required: 1 to 1000 characters saying what is missing");
  if (strcmp(move, "external") == 0) {
    m->external_answers = json_object_get(body, "answers");
    if (!json_is_object(m->external_answers))
      edx_errors_add_code(errors, EDX_ERR_REQUIRED,
                          "answers", "is required: the office's own answers");
    else
      edx_dt_answers_check(fw, m->external_answers, "answers", 0, errors);
  }
  if (strcmp(move, "recognize") == 0) {
    const json_t *level = json_object_get(body, "level");
    m->decision_ref = edx_json_str(body, "decision_ref");
    if (!json_is_integer(level) || json_integer_value(level) < 1 || json_integer_value(level) > 3)
      edx_errors_add_code(errors, EDX_ERR_REQUIRED, "level", "is required: 1, 2 or 3");
    else
      m->recognized_level = (int)json_integer_value(level);
    if (!m->decision_ref || edx_utf8_length(m->decision_ref) < 1 ||
        edx_utf8_length(m->decision_ref) > 100)
      edx_errors_add_code(errors, EDX_ERR_REQUIRED,
                          "decision_ref", "is required: the recognition decision, 1 to 100 "
                                             "characters");
  }
  if (json_array_size(errors) > 0) {
    edx_problem(ctx, EDX_EINVALID, "the move's body is invalid", errors);
    return EDX_EINVALID;
  }
  json_decref(errors);
  return EDX_OK;
}

static int make_move(edx_ctx *ctx, void *arg)
{
  const char *move = arg;
  json_t *a = load_assessment(ctx, 1), *fw = NULL, *after = NULL, *ext_scores = NULL;
  edx_assessment_move m = {0};
  int rc = EDX_ENOTFOUND;
  if (!a)
    return rc;
  rc = EDX_EFORBIDDEN;
  if (strcmp(move, "submit") == 0
        ? !may_act_for_school(&ctx->caller, a)
        : !edx_may_manage_district(&ctx->caller, edx_json_str(a, "district_id"))) {
    edx_problem(ctx, rc, strcmp(move, "submit") == 0
                           ? "this token may not submit for that school"
                           : "only the school's district office (or an admin) may do this", NULL);
    goto cleanup;
  }
  if ((rc = load_framework(ctx, a, &fw)) != EDX_OK ||
      (rc = check_move_body(ctx, move, fw, &m)) != EDX_OK)
    goto cleanup;
  m.from = edx_json_str(a, "state");
  m.to = edx_dt_next_state(move, m.from);
  if (!m.to) {
    edx_error_set("cannot %s an assessment that is %s", move, m.from);
    edx_problem(ctx, rc = EDX_ECONFLICT, NULL, NULL);
    goto cleanup;
  }
  if ((rc = edx_check_if_match(ctx, a)) != EDX_OK)
    goto cleanup;
  if (m.external_answers)
    m.external_scores = ext_scores = edx_dt_score(fw, m.external_answers);
  rc = edx_db_assessment_move(ctx->conn, &after, &ctx->caller, edx_json_str(a, "id"), &m);
  if (rc == EDX_OK)
    edx_respond_json(ctx, 200, after);
cleanup:
  json_decref(a);
  json_decref(fw);
  json_decref(after);
  json_decref(ext_scores);
  return rc;
}

/* Moves without a body may still be sent one: it must then be JSON without fields. */
static void run_move(edx_ctx *ctx, const char *name)
{
  if (!ctx->body) {
    if (ctx->req->binary_body_length > 0) {
      char why[256];
      ctx->body = edx_json_parse_object(ctx->req->binary_body, ctx->req->binary_body_length, why,
                                        sizeof(why));
      if (!ctx->body) {
        edx_problem(ctx, EDX_EBADREQ, why, NULL);
        return;
      }
    } else {
      ctx->body = json_object();
    }
  }
  edx_run_in_transaction(ctx, make_move, (void *)name);
}

void edx_assessments_submit(edx_ctx *ctx) { run_move(ctx, "submit"); }
void edx_assessments_return(edx_ctx *ctx) { run_move(ctx, "return"); }
void edx_assessments_approve(edx_ctx *ctx) { run_move(ctx, "approve"); }
void edx_assessments_external(edx_ctx *ctx) { run_move(ctx, "external"); }
void edx_assessments_recognize(edx_ctx *ctx) { run_move(ctx, "recognize"); }

void edx_assessments_history(edx_ctx *ctx)
{
  json_t *a, *history = NULL;
  int rc;
  if (!edx_ctx_conn(ctx) || !(a = load_assessment(ctx, 0)))
    return;
  rc = edx_db_assessment_history(ctx->conn, &history, edx_json_str(a, "id"));
  edx_answer(ctx, rc, history);
  json_decref(a);
}

void edx_assessments_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  const char *level = edx_query(ctx, "level");
  long n;
  edx_list_params lp;
  edx_assessment_filter f = {0};
  int rc;
  edx_query_list(ctx, &lp, edx_assessment_sort_fields, "-updated_at", errors);
  f.district_id = edx_query_uuid(ctx, "district_id", errors);
  f.school_id = edx_query_uuid(ctx, "school_id", errors);
  f.year = edx_query_period(ctx, "year", 0, NULL, errors);
  if (level && edx_parse_int(level, 1, 3, &n) != 0)
    edx_errors_add(errors, "level", "must be 1, 2 or 3");
  f.level = level;
  f.status = edx_query_enum_alias(ctx, "status", "state", edx_assessment_states, errors);
  f.late = edx_query_bool(ctx, "late", errors);
  f.updated_since = edx_query_timestamp(ctx, "updated_since", errors);
  f.province = edx_query_code(ctx, "province", errors);
  if (edx_query_list_end(ctx, errors) != 0 || !edx_ctx_conn(ctx) ||
      edx_scope_province(ctx, &f.province) != 0)
    return;
  f.scope_district = edx_caller_district_scope(&ctx->caller);
  f.scope_school = edx_caller_school_scope(&ctx->caller);
  rc = edx_db_assessment_list(ctx->conn, &list, &f, &lp);
  edx_answer_list_tagged(ctx, rc, &list, edx_assessment_csv_columns, "assessments");
}

/* 400 naming item when no framework version has it (a typo would otherwise list nothing);
 * returns 0 when it is known, -1 after answering. */
static int item_known(edx_ctx *ctx, const char *item)
{
  json_t *errors;
  int rc = edx_db_framework_item_known(ctx->conn, item);
  if (rc == EDX_OK)
    return 0;
  if (rc != EDX_ENOTFOUND) {
    edx_problem(ctx, rc, NULL, NULL);
    return -1;
  }
  errors = json_array();
  edx_errors_add_code(errors, EDX_ERR_NOT_FOUND,
                      "item", "no framework version has an item with this code");
  edx_problem(ctx, EDX_EBADREQ, "the query string has invalid parameters", errors);
  return -1;
}

void edx_assessments_items(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  edx_list_params lp;
  edx_item_answer_filter f = {0};
  double below;
  int rc;
  edx_query_list(ctx, &lp, edx_item_answer_sort_fields, "points", errors);
  f.item = edx_query_code(ctx, "item", errors);
  if (!edx_query(ctx, "item"))
    edx_errors_add_code(errors, EDX_ERR_REQUIRED,
                        "item", "is required: the code of a criterion's item, e.g. T7.2");
  f.below = edx_query(ctx, "below");
  if (f.below && edx_dt_parse_points(f.below, &below) != 0)
    edx_errors_add(errors, "below", "must be a number of points from 0 to 1000, with at most 2 "
                   "decimals");
  f.district_id = edx_query_uuid(ctx, "district_id", errors);
  f.year = edx_query_year(ctx, "year", 0, NULL, errors);
  f.status = edx_query_enum_alias(ctx, "status", "state", edx_assessment_states, errors);
  f.updated_since = edx_query_timestamp(ctx, "updated_since", errors);
  f.province = edx_query_code(ctx, "province", errors);
  if (edx_list_begin(ctx, errors, &f.district_id, &f.province, 0) != 0 ||
      item_known(ctx, f.item) != 0)
    return;
  f.scope_school = edx_caller_school_scope(&ctx->caller);
  rc = edx_db_item_answer_list(ctx->conn, &list, &f, &lp);
  edx_answer_list(ctx, rc, &list, edx_item_answer_csv_columns, "assessment-items");
}

void edx_assessments_overview(edx_ctx *ctx)
{
  json_t *errors = json_array(), *district = NULL, *overview = NULL;
  edx_period period;
  int year, rc;
  edx_query_period(ctx, "year", 1, &period, errors);
  year = period.year;
  if (edx_query_errors(ctx, errors) != 0 || !edx_ctx_conn(ctx) ||
      !(district = edx_load_district(ctx, 0)))
    return;
  if (!edx_caller_sees_office(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "this token may not see that district's overview", NULL);
    goto cleanup;
  }
  rc = edx_db_assessment_overview(ctx->conn, &overview, edx_json_str(district, "id"), year);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  json_object_set_new(overview, "district", edx_district_brief(district));
  edx_respond_json(ctx, 200, overview);
cleanup:
  json_decref(district);
  json_decref(overview);
}
