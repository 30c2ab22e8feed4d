/* tasks.c — /v1/tasks: the plan's tasks of a district and year, their assignments to the office
 * and the schools, and a school's checklist (/v1/schools/{school}/tasks). Admins manage every
 * district's tasks, district tokens their own; school and reader tokens read within their scope.
 * An assignment is moved by its school (its own only) or by the office (task_rules.h). */
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
#include "db/tasks.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"
#include "src/rules/periods.h"
#include "src/rules/task_rules.h"
#include "src/rules/validate.h"

static const char *const booleans[] = {"true", "false", NULL};

void edx_tasks_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  edx_list_params lp;
  edx_task_filter f;
  int rc;
  edx_query_list(ctx, &lp, edx_task_sort_fields, "code", errors);
  f.district_id = edx_query_uuid(ctx, "district_id", errors);
  f.year = edx_query_period(ctx, "year", 0, NULL, errors);
  f.lead = edx_query_enum(ctx, "lead", edx_task_leads, errors);
  f.status = edx_query_enum(ctx, "status", edx_assignment_statuses, errors);
  f.overdue = edx_query_enum(ctx, "overdue", booleans, errors);
  f.indicator = edx_query_code(ctx, "indicator", errors);
  f.q = edx_query_text(ctx, "q", 200, errors);
  f.updated_since = edx_query_timestamp(ctx, "updated_since", errors);
  f.province = edx_query_code(ctx, "province", errors);
  if (edx_list_begin(ctx, errors, &f.district_id, &f.province, 0) != 0)
    return;
  rc = edx_db_task_list(ctx->conn, &list, &f, &lp);
  edx_answer_list_tagged(ctx, rc, &list, edx_task_csv_columns, "tasks");
}

/* The checks of a whole task beyond its field spec (due, levels, indicators against the
 * catalogue): EDX_OK, or a code after answering 422. */
static int check_task(edx_ctx *ctx, const json_t *task)
{
  json_t *catalogue = NULL, *errors;
  int rc = edx_db_indicator_map(ctx->conn, &catalogue);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    return rc;
  }
  errors = json_array();
  edx_task_check(task, catalogue, errors);
  json_decref(catalogue);
  if (json_array_size(errors) == 0) {
    json_decref(errors);
    return EDX_OK;
  }
  edx_problem(ctx, EDX_EINVALID, "the task has invalid fields", errors);
  return EDX_EINVALID;
}

static int create_task(edx_ctx *ctx, void *arg, json_t **out)
{
  json_t *row = edx_task_row(ctx->body);
  int rc = edx_db_task_create(ctx->conn, out, &ctx->caller, row);
  json_decref(row);
  return rc;
}

void edx_tasks_create(edx_ctx *ctx)
{
  if (!edx_may_manage_some_district(&ctx->caller)) { /* school and reader tokens, before all */
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin and district tokens may add tasks", NULL);
    return;
  }
  edx_default_district(ctx);
  if (edx_body_scope_first(ctx, "this token may not add tasks to that district") != 0)
    return;
  edx_period_member_to_year(ctx->body, "year");
  if (edx_validate_body(ctx, edx_task_fields, 0, "task") != 0 ||
      edx_create_in_district(ctx, "this token may not add tasks to that district",
                             "the task has invalid fields") != 0)
    return;
  if (!json_object_get(ctx->body, "due"))
    json_object_set_new(ctx->body, "due", json_pack("{s:s}", "kind", "unspecified"));
  if (check_task(ctx, ctx->body) == EDX_OK)
    edx_run_create(ctx, create_task, NULL, "/v1/tasks/");
}

static json_t *load_task(edx_ctx *ctx, int for_update)
{
  return edx_load_scoped(ctx, "task", edx_db_task_get, for_update, "task");
}

void edx_tasks_get(edx_ctx *ctx)
{
  edx_respond_loaded(ctx, load_task);
}

static int check_task_patch(edx_ctx *ctx)
{
  if (json_object_get(ctx->body, "district_id")) {
    json_t *errors = json_array();
    edx_errors_add(errors, "district_id", "cannot change: a task belongs to its district");
    edx_problem(ctx, EDX_EBADREQ, "the body has fields clients cannot change", errors);
    return -1;
  }
  edx_period_member_to_year(ctx->body, "year");
  return edx_validate_body(ctx, edx_task_fields, 1, "task");
}

/* A due sent is the whole due (not merged into the one before); the result is checked whole. */
static int prepare_task(edx_ctx *ctx, const json_t *before, json_t *merged)
{
  json_t *due = json_object_get(ctx->body, "due");
  if (due)
    json_object_set(merged, "due", due);
  return check_task(ctx, merged);
}

static int update_task(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *before,
                       const json_t *merged)
{
  json_t *row = edx_task_row(merged);
  int rc = edx_db_task_update(c, out, actor, before, row);
  json_decref(row);
  return rc;
}

void edx_tasks_patch(edx_ctx *ctx)
{
  static const edx_patch_ops ops = {.load = load_task, .district_data = "tasks",
                                    .check_body = check_task_patch, .prepare = prepare_task,
                                    .update = update_task};
  edx_run_patch(ctx, &ops);
}

static int delete_task(edx_ctx *ctx, void *arg)
{
  json_t *before = load_task(ctx, 1);
  int rc;
  if (!before)
    return EDX_ENOTFOUND;
  if ((rc = edx_may_change_of(ctx, before, "tasks")) == EDX_OK &&
      (rc = edx_check_if_match(ctx, before)) == EDX_OK)
    rc = edx_db_task_delete(ctx->conn, &ctx->caller, before);
  if (rc == EDX_OK)
    edx_respond_empty(ctx, 204);
  json_decref(before);
  return rc;
}

void edx_tasks_delete(edx_ctx *ctx)
{
  edx_run_in_transaction(ctx, delete_task, NULL);
}

void edx_tasks_assignments(edx_ctx *ctx)
{
  json_t *task, *list = NULL;
  int rc;
  if (!edx_ctx_conn(ctx) || !(task = load_task(ctx, 0)))
    return;
  rc = edx_db_task_assignments(ctx->conn, &list, edx_json_str(task, "id"));
  json_decref(task);
  edx_answer(ctx, rc, list);
}

/* The assignment the path names in its task, if the caller may see the task (404/403 sent and
 * NULL returned otherwise); *task_out gets the task when not NULL. */
static json_t *load_assignment(edx_ctx *ctx, int for_update, json_t **task_out)
{
  const char *id = edx_path_param(&ctx->params, "assignment");
  json_t *task = load_task(ctx, 0), *a = NULL;
  int rc;
  if (!task)
    return NULL;
  rc = edx_is_uuid(id) ? edx_db_assignment_get(ctx->conn, &a, edx_json_str(task, "id"), id,
                                               for_update)
                       : EDX_ENOTFOUND;
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, rc == EDX_ENOTFOUND ? "no assignment with this id in this task" : NULL,
                NULL);
    a = NULL;
  }
  if (task_out && a)
    *task_out = task;
  else
    json_decref(task);
  return a;
}

void edx_tasks_assignment_get(edx_ctx *ctx)
{
  json_t *a;
  if (!edx_ctx_conn(ctx) || !(a = load_assignment(ctx, 0, NULL)))
    return;
  edx_respond_json(ctx, 200, a);
  json_decref(a);
}

void edx_tasks_assignment_history(edx_ctx *ctx)
{
  json_t *a, *list = NULL;
  int rc;
  if (!edx_ctx_conn(ctx) || !(a = load_assignment(ctx, 0, NULL)))
    return;
  rc = edx_db_assignment_history(ctx->conn, &list, edx_json_str(a, "id"));
  json_decref(a);
  edx_answer(ctx, rc, list);
}

/* Who moves the assignment: the office (its district's managers), its own school, or nobody
 * (403 sent, -1). */
static int mover_of(edx_ctx *ctx, const json_t *a, edx_mover *mover)
{
  const char *district_id = edx_json_str(a, "district_id"), *school = edx_json_str(a, "school_id");
  if (edx_may_manage_district(&ctx->caller, district_id)) {
    *mover = EDX_MOVER_OFFICE;
    return 0;
  }
  if (school && edx_caller_school_scope(&ctx->caller) &&
      strcmp(school, edx_caller_school_scope(&ctx->caller)) == 0) {
    *mover = EDX_MOVER_SCHOOL;
    return 0;
  }
  edx_problem(ctx, EDX_EFORBIDDEN, "this token may not change this assignment: a school changes "
                                   "its own, the district office any of its district", NULL);
  return -1;
}

/* The evidence: distinct file ids (whether each may be attached: usable_evidence). */
static int check_evidence(const json_t *evidence, json_t *errors)
{
  size_t i, k;
  json_t *id;
  int problems = 0;
  json_array_foreach(json_is_array(evidence) ? evidence : NULL, i, id) {
    char field[32];
    int repeated = 0;
    snprintf(field, sizeof(field), "evidence[%zu]", i);
    for (k = 0; k < i && json_is_string(id); k++)
      repeated |= json_equal(json_array_get(evidence, k), id);
    if (!json_is_string(id) || !edx_is_uuid(json_string_value(id)) || repeated) {
      edx_errors_add_code(errors, EDX_ERR_INVALID, field,
                          repeated ? "is given twice" : "must be a file id (a UUID)");
      problems++;
    }
  }
  return problems;
}

/* 400/422 for the body of an assignment's PATCH; 0, or -1 after answering. */
static int check_assignment_body(edx_ctx *ctx)
{
  json_t *errors = json_array();
  if (edx_validate_body(ctx, edx_assignment_fields, 1, "assignment") != 0) {
    json_decref(errors);
    return -1;
  }
  if (check_evidence(json_object_get(ctx->body, "evidence"), errors)) {
    edx_problem(ctx, EDX_EINVALID, "the assignment has invalid fields", errors);
    return -1;
  }
  json_decref(errors);
  return 0;
}

/* The body's evidence files must each be one the caller may attach to the assignment's data
 * (files.h: the caller's own upload, or a file of the district attached already): EDX_OK, or a
 * code after answering (422 naming evidence[i] for each that may not). */
static int usable_evidence(edx_ctx *ctx, const json_t *a)
{
  const json_t *ids = json_object_get(ctx->body, "evidence");
  json_t *unusable = NULL;
  int rc;
  if (json_array_size(ids) == 0)
    return EDX_OK;
  rc = edx_db_files_unusable(ctx->conn, &unusable, ids, edx_json_str(a, "district_id"),
                             ctx->caller.token_id[0] ? ctx->caller.token_id : NULL);
  if (rc == EDX_OK && json_array_size(unusable) > 0) {
    json_t *errors = json_array(), *n;
    size_t i;
    json_array_foreach(unusable, i, n) {
      char field[32];
      snprintf(field, sizeof(field), "evidence[%lld]", (long long)json_integer_value(n));
      edx_errors_add(errors, field, "names a file that does not exist, is another district's, "
                     "or is another token's and attached to nothing yet");
    }
    edx_problem(ctx, rc = EDX_EINVALID, "the assignment names evidence files that cannot be "
                "attached; nothing was saved", errors);
  } else if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
  }
  json_decref(unusable);
  return rc;
}

/* The move the body asks for, as task_rules.h judges it: EDX_OK, or a code after answering. */
static int check_move(edx_ctx *ctx, const json_t *before, const json_t *merged, edx_mover mover)
{
  const char *from = edx_json_str(before, "status"), *to = edx_json_str(merged, "status");
  const char *note = edx_json_str(ctx->body, "note");
  char detail[160];
  json_t *errors;
  switch (edx_assignment_move(from, to, mover, note != NULL)) {
  case EDX_MOVE_OK:
    return EDX_OK;
  case EDX_MOVE_FORBIDDEN:
    snprintf(detail, sizeof(detail), "a school may not move its assignment from %s to %s: "
             "the district office accepts done work or sends it back", from, to);
    edx_problem(ctx, EDX_EFORBIDDEN, detail, NULL);
    return EDX_EFORBIDDEN;
  case EDX_MOVE_NOTE:
    errors = json_array();
    edx_errors_add_code(errors, EDX_ERR_REQUIRED, "note",
                        "is required to send done work back to in_progress");
    edx_problem(ctx, EDX_EINVALID, "the assignment has invalid fields", errors);
    return EDX_EINVALID;
  case EDX_MOVE_ILLEGAL:
    break;
  }
  snprintf(detail, sizeof(detail), "an assignment cannot move from %s to %s", from, to);
  edx_problem(ctx, EDX_ECONFLICT, detail, NULL);
  return EDX_ECONFLICT;
}

static int patch_assignment(edx_ctx *ctx, void *arg)
{
  json_t *before = load_assignment(ctx, 1, NULL), *merged = NULL, *after = NULL;
  edx_mover mover;
  int rc = EDX_EFORBIDDEN;
  if (!before)
    return EDX_ENOTFOUND;
  if (mover_of(ctx, before, &mover) != 0)
    goto cleanup;
  rc = EDX_EINVALID;
  if (check_assignment_body(ctx) != 0)
    goto cleanup;
  if (!edx_header(ctx, "If-Match")) {
    rc = EDX_EPRECOND_REQUIRED;
    edx_problem(ctx, rc, "send If-Match with the assignment's ETag: an assignment is changed "
                         "only from the state its writer saw", NULL);
    goto cleanup;
  }
  if ((rc = edx_check_if_match(ctx, before)) != EDX_OK)
    goto cleanup;
  merged = json_deep_copy(before);
  edx_json_merge_patch(merged, ctx->body);
  if ((rc = check_move(ctx, before, merged, mover)) != EDX_OK ||
      (rc = usable_evidence(ctx, before)) != EDX_OK)
    goto cleanup;
  rc = edx_db_assignment_update(ctx->conn, &after, &ctx->caller, before, merged,
                                edx_json_str(ctx->body, "note"));
  if (rc == EDX_OK && json_array_size(json_object_get(ctx->body, "evidence")) > 0)
    rc = edx_db_files_attach(ctx->conn, &ctx->caller, json_object_get(ctx->body, "evidence"),
                             edx_json_str(before, "district_id"),
                             edx_json_str(before, "school_id"));
  if (rc == EDX_OK)
    edx_respond_json(ctx, 200, after);
cleanup:
  json_decref(before);
  json_decref(merged);
  json_decref(after);
  return rc;
}

void edx_tasks_assignment_patch(edx_ctx *ctx)
{
  edx_run_in_transaction(ctx, patch_assignment, NULL);
}

void edx_schools_tasks(edx_ctx *ctx)
{
  json_t *errors = json_array(), *school, *list = NULL;
  const char *year = edx_query_period(ctx, "year", 0, NULL, errors);
  int rc;
  if (edx_query_errors(ctx, errors) != 0 || !edx_ctx_conn(ctx) ||
      !(school = edx_load_school(ctx, 0)))
    return;
  rc = edx_db_school_tasks(ctx->conn, &list, edx_json_str(school, "id"), year);
  if (rc == EDX_OK)
    json_object_set_new(list, "school", json_pack("{s:O,s:O,s:O}", "id",
                                                  json_object_get(school, "id"), "code",
                                                  json_object_get(school, "code"), "name",
                                                  json_object_get(school, "name")));
  json_decref(school);
  edx_answer(ctx, rc, list);
}
