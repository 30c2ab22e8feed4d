/* tasks.c — tasks, assignments and their history (see tasks.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/audit.h"
#include "db/columns.h"
#include "db/list.h"
#include "db/query.h"
#include "db/tasks.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"

const char *const edx_task_sort_fields[] = {"code", "year", "updated_at", NULL};
static const edx_sort_column task_sort_sql[] = {{"t.code", EDX_NOT_NULL},
  {"t.year", EDX_NOT_NULL}, {"t.updated_at", EDX_NOT_NULL}};

int edx_db_task_get(edx_conn *c, json_t **out, const char *id, int for_update)
{
  int rc = edx_db_json_row(c, out, "SELECT edx_task_json(t) FROM tasks t WHERE t.id = $1::uuid",
                           for_update, id);
  if (rc == EDX_ENOTFOUND)
    edx_error_set("no task with this id");
  return rc;
}

int edx_db_task_list(edx_conn *c, edx_list_page *out, const edx_task_filter *f,
                     const edx_list_params *lp)
{
  const edx_filter filters[] = {
    {"t.district_id = $::uuid", f->district_id},
    {"t.year = $::int", f->year},
    {"t.lead = $", f->lead},
    {"EXISTS (SELECT 1 FROM task_assignments a WHERE a.task_id = t.id AND a.status = $)",
     f->status},
    {"EXISTS (SELECT 1 FROM task_assignments a WHERE a.task_id = t.id"
     " AND edx_assignment_overdue(a.status, t.due_kind, t.due_date, t.year)) = $::boolean",
     f->overdue},
    {"$ = ANY (t.indicators)", f->indicator},
    {"t.search_folded LIKE edx_contains_folded($)", f->q},
    {"t.updated_at >= $::timestamptz", f->updated_since},
    {EDX_IN_PROVINCE("t.district_id"), f->province},
  };
  return edx_db_list_filtered(c, out, "tasks t WHERE true", filters, EDX_NFILTERS(filters),
                              "edx_task_json(t)", task_sort_sql, "t.id", lp);
}

static const edx_column task_columns[] = {
  {"district_id", EDX_COL_UUID, NULL},   {"year", EDX_COL_INT, NULL},
  {"code", EDX_COL_TEXT, NULL},          {"section_vi", EDX_COL_NFC, NULL},
  {"title_vi", EDX_COL_NFC, NULL},       {"title_en", EDX_COL_NFC, NULL},
  {"description", EDX_COL_NFC, NULL},    {"lead", EDX_COL_TEXT, NULL},
  {"lead_detail_vi", EDX_COL_NFC, NULL}, {"school_levels", EDX_COL_TEXT_ARRAY, NULL},
  {"due_kind", EDX_COL_TEXT, "'unspecified'"}, {"due_date", EDX_COL_TEXT, NULL},
  {"due_every", EDX_COL_TEXT, NULL},     {"indicators", EDX_COL_TEXT_ARRAY, NULL},
  {"deliverable_vi", EDX_COL_NFC, NULL}, {NULL, 0, NULL},
};
static const edx_table tasks_table = {"tasks", "t", "edx_task_json", task_columns, 1};

/* Brings the task's assignments in line, then reads it again (its summary counts them). */
static int sync_and_read(edx_conn *c, int rc, json_t **task, const char *why)
{
  const char *id = edx_json_str(*task, "id");
  const char *params[] = {id, why};
  json_t *after = NULL;
  if (rc != EDX_OK)
    return rc;
  rc = edx_db_run(c, NULL, "SELECT edx_task_sync($1::uuid, NULL, $2)", 2, params);
  if (rc == EDX_OK)
    rc = edx_db_task_get(c, &after, id, 0);
  json_decref(*task);
  *task = after;
  return rc;
}

int edx_db_task_create(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *row)
{
  json_t *task = NULL;
  int rc = edx_db_insert(c, &task, &tasks_table, row);
  if (rc == EDX_ECONFLICT)
    edx_error_set("the district already has a task %s for %lld",
                  edx_json_str(row, "code"), (long long)json_integer_value(
                    json_object_get(row, "year")));
  rc = sync_and_read(c, rc, &task, NULL);
  return edx_db_audit_end(c, rc, task, out, actor,
                          &(edx_audit_entry){"create", "task", edx_json_str(task, "id"),
                                             edx_json_str(row, "district_id"), NULL});
}

int edx_db_task_update(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *before,
                       const json_t *merged)
{
  const char *id = edx_json_str(before, "id");
  json_t *task = NULL;
  int rc = edx_db_update(c, &task, &tasks_table, "id", id, merged);
  if (rc == EDX_ECONFLICT)
    edx_error_set("the district already has a task with this code for this year");
  rc = sync_and_read(c, rc, &task, "the task's lead or levels changed");
  return edx_db_audit_end(c, rc, task, out, actor,
                          &(edx_audit_entry){"update", "task", id,
                                             edx_json_str(before, "district_id"), before});
}

int edx_db_task_delete(edx_conn *c, const edx_caller *actor, const json_t *before)
{
  const char *id = edx_json_str(before, "id");
  const char *params[] = {id};
  int rc = edx_db_run(c, NULL, "DELETE FROM tasks WHERE id = $1::uuid", 1, params);
  if (rc == EDX_OK)
    rc = edx_db_audit_write(c, actor, "delete", "task", id, edx_json_str(before, "district_id"),
                            before, NULL);
  return rc;
}

int edx_db_task_assignments(edx_conn *c, json_t **out, const char *task_id)
{
  const char *params[] = {task_id};
  return edx_db_json(c, out,
                     "SELECT json_build_object('items', coalesce(json_agg(edx_assignment_json(a)"
                     " ORDER BY a.school_id IS NOT NULL, edx_school_code(a.school_id), a.id),"
                     " '[]')) FROM task_assignments a WHERE a.task_id = $1::uuid",
                     1, params);
}

int edx_db_assignment_get(edx_conn *c, json_t **out, const char *task_id,
                          const char *assignment_id, int for_update)
{
  const char *params[] = {task_id, assignment_id};
  int rc = edx_db_json(c, out,
                       for_update ? "SELECT edx_assignment_json(a) FROM task_assignments a"
                                    " WHERE a.task_id = $1::uuid AND a.id = $2::uuid"
                                    " FOR NO KEY UPDATE"
                                  : "SELECT edx_assignment_json(a) FROM task_assignments a"
                                    " WHERE a.task_id = $1::uuid AND a.id = $2::uuid",
                       2, params);
  if (rc == EDX_ENOTFOUND)
    edx_error_set("no assignment with this id in this task");
  return rc;
}

int edx_db_assignment_update(edx_conn *c, json_t **out, const edx_caller *actor,
                             const json_t *before, const json_t *merged, const char *note)
{
  const char *id = edx_json_str(before, "id");
  char *evidence = json_dumps(json_object_get(merged, "evidence"), JSON_COMPACT);
  char progress[24];
  const json_t *p = json_object_get(merged, "progress_percent");
  const char *actor_params[3];
  json_t *after = NULL;
  int rc;
  edx_db_actor_params(actor, actor_params);
  snprintf(progress, sizeof(progress), "%lld", (long long)json_integer_value(p));
  {
    const char *params[] = {id, edx_json_str(merged, "status"),
                            json_is_integer(p) ? progress : NULL, edx_json_str(merged, "note"),
                            evidence, actor_params[0], actor_params[1], actor_params[2],
                            edx_json_str(before, "status"), note};
    rc = edx_db_json(c, &after,
                     "WITH u AS (UPDATE task_assignments SET status = $2, progress_percent ="
                     " $3::int, note = normalize($4, NFC), evidence = ARRAY(SELECT"
                     " jsonb_array_elements_text(coalesce($5::jsonb, '[]')))::uuid[],"
                     " updated_at = now() WHERE id = $1::uuid RETURNING *),"
                     " h AS (INSERT INTO task_assignment_history (assignment_id, token_id, role,"
                     " label, from_status, to_status, note) SELECT u.id, $6::uuid, $7, $8, $9,"
                     " u.status, normalize($10, NFC) FROM u)"
                     " SELECT edx_assignment_json(u::task_assignments) FROM u",
                     10, params);
  }
  free(evidence);
  return edx_db_audit_end(c, rc, after, out, actor,
                          &(edx_audit_entry){"update", "task_assignment", id,
                                             edx_json_str(before, "district_id"), before});
}

int edx_db_assignment_history(edx_conn *c, json_t **out, const char *assignment_id)
{
  const char *params[] = {assignment_id};
  return edx_db_json(c, out,
                     "SELECT json_build_object('items', coalesce(json_agg("
                     "edx_assignment_history_json(h) ORDER BY h.id), '[]'))"
                     " FROM task_assignment_history h WHERE h.assignment_id = $1::uuid",
                     1, params);
}

int edx_db_school_tasks(edx_conn *c, json_t **out, const char *school_id, const char *year)
{
  const char *params[] = {school_id, year};
  return edx_db_json(c, out,
                     "SELECT json_build_object('items', coalesce(json_agg("
                     "(edx_assignment_json(a)::jsonb || jsonb_build_object('task',"
                     " jsonb_build_object('id', t.id, 'year', t.year, 'code', t.code,"
                     " 'section_vi', t.section_vi, 'title_vi', t.title_vi, 'title_en',"
                     " t.title_en, 'due', edx_task_json(t)->'due')))"
                     " ORDER BY t.year, t.code), '[]'))"
                     " FROM task_assignments a JOIN tasks t ON t.id = a.task_id"
                     " WHERE a.school_id = $1::uuid AND ($2::int IS NULL OR t.year = $2::int)",
                     2, params);
}

int edx_db_tasks_by_code(edx_conn *c, json_t **out, const char *district_id, const char *year)
{
  const char *params[] = {district_id, year};
  return edx_db_json(c, out,
                     "SELECT coalesce(json_object_agg(t.code, edx_task_json(t)), '{}')"
                     " FROM tasks t WHERE t.district_id = $1::uuid AND t.year = $2::int",
                     2, params);
}
