/* tasks.h — the plan's tasks, their assignments (kept by the database's edx_task_sync whenever a
 * task or a school changes) and the history of every change of an assignment. */
#ifndef EDX_DB_TASKS_H
#define EDX_DB_TASKS_H
#include <jansson.h>
#include "db/list.h"
#include "db/pool.h"
#include "src/rules/listq.h"
#include "src/rules/roles.h"

int edx_db_task_get(edx_conn *c, json_t **out, const char *id, int for_update);
typedef struct {
  const char *district_id, *year, *lead, *status, *overdue, *indicator, *q, *updated_since,
    *province;
} edx_task_filter;
extern const char *const edx_task_sort_fields[];
int edx_db_task_list(edx_conn *c, edx_list_page *out, const edx_task_filter *f,
                     const edx_list_params *lp);
/* Creates the task row (flat: due_kind, due_date, due_every; see edx_task_row) with its
 * assignments, audited. */
int edx_db_task_create(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *row);
/* Updates a task to merged (flat) and brings its assignments in line, audited. */
int edx_db_task_update(edx_conn *c, json_t **out, const edx_caller *actor, const json_t *before,
                       const json_t *merged);
/* Deletes a task with its assignments and their history, audited. */
int edx_db_task_delete(edx_conn *c, const edx_caller *actor, const json_t *before);
/* {"items": [...]}: the task's assignments, the office's first, then by school code. */
int edx_db_task_assignments(edx_conn *c, json_t **out, const char *task_id);
/* One assignment of a task (locked when for_update). */
int edx_db_assignment_get(edx_conn *c, json_t **out, const char *task_id,
                          const char *assignment_id, int for_update);
/* Writes merged's status, progress_percent, note and evidence, a history row (from before's
 * status to merged's, with note: the note this change sent, or NULL) and an audit row. */
int edx_db_assignment_update(edx_conn *c, json_t **out, const edx_caller *actor,
                             const json_t *before, const json_t *merged, const char *note);
/* {"items": [...]}: an assignment's history, oldest first. */
int edx_db_assignment_history(edx_conn *c, json_t **out, const char *assignment_id);
/* {"items": [...]}: a school's assignments (of plan year year, or every year when NULL), each
 * with its task's code, titles, section and due, by year and task code. */
int edx_db_school_tasks(edx_conn *c, json_t **out, const char *school_id, const char *year);
/* {code: task} of a district's tasks of plan year year. */
int edx_db_tasks_by_code(edx_conn *c, json_t **out, const char *district_id, const char *year);
#endif
