/* task_rules.h — the plan's tasks and their assignments (issue 16): what a valid task is, who may
 * move an assignment from one status to another, and when an assignment is overdue (Vietnam's
 * date, UTC+7). Pure functions. */
#ifndef EDX_TASK_RULES_H
#define EDX_TASK_RULES_H
#include <jansson.h>
#include <stddef.h>
#include "src/rules/fields.h"

extern const edx_field edx_task_fields[];
extern const edx_field edx_assignment_fields[];
/* NULL-terminated: a task's leads, its due kinds, a periodic task's periods, the statuses an
 * assignment can have and those a client may ask for. */
extern const char *const edx_task_leads[];
extern const char *const edx_task_due_kinds[];
extern const char *const edx_task_periods[];
extern const char *const edx_assignment_statuses[];
extern const char *const edx_assignment_settable[];
/* The columns of the task list's CSV, in representation order (nested fields as JSON text). */
extern const char *const edx_task_csv_columns[];

/* Checks a complete task (create, or a task merged with a patch) beyond its field spec: its due
 * {kind, date, every} (date required for kind date and, when given for year_end, the 31 December
 * of year; every required for periodic; neither otherwise; no other member), school_levels only
 * for a lead that includes the schools and never empty, and every indicator code a key of
 * catalogue (an object keyed by indicator code; NULL: not checked), each problem naming its
 * field ("due.date", "indicators[2]"). Returns how many problems were appended to errors. */
int edx_task_check(const json_t *task, const json_t *catalogue, json_t *errors);

/* The stored row of a task in its representation's form (a new object): its due as due_kind,
 * due_date (kind date only) and due_every (kind periodic only); its summary, id and timestamps
 * left out. */
json_t *edx_task_row(const json_t *task);

/* A valid due as the representation gives it (a new object): {kind, date, every}, date the last
 * day (edx_task_last_day) or null, every only for periodic (else null). */
json_t *edx_task_due_shown(const json_t *due, int year);

/* 1 when s is a calendar date YYYY-MM-DD that exists. */
int edx_is_date(const char *s);

/* Vietnam's date (UTC+7, no daylight saving) at the instant epoch seconds, as YYYY-MM-DD. */
void edx_vietnam_date(long long epoch, char *out, size_t len);

/* The last day (YYYY-MM-DD) of a task due as kind: date for "date", 31 December of year for
 * "year_end"; 0 and out set, or -1 when the kind has none (continuous, periodic, unspecified). */
int edx_task_last_day(const char *kind, const char *date, int year, char *out, size_t len);

/* 1 when an assignment in status is overdue at the instant now (epoch seconds): its task has a
 * last day (above), that day is before Vietnam's date at now, and status is still open
 * (not_started, in_progress, blocked). */
int edx_assignment_overdue(const char *status, const char *kind, const char *date, int year,
                           long long now);

/* Who moves an assignment: its school, or the district office (admin or district token). */
typedef enum { EDX_MOVER_SCHOOL, EDX_MOVER_OFFICE } edx_mover;
/* The outcome of a move. */
typedef enum {
  EDX_MOVE_OK,
  EDX_MOVE_FORBIDDEN, /* the mover may not make it (a school accepting or reopening): 403 */
  EDX_MOVE_ILLEGAL,   /* no one may make it (out of accepted or cancelled, into accepted from
                         anything but done, out of done but to accepted or in_progress): 409 */
  EDX_MOVE_NOTE,      /* legal, but needs a note (the office sending done work back): 422 */
} edx_move;
/* Whether mover may take an assignment from status `from` to `to` (the same status: a change of
 * its other fields), with a note given or not. */
edx_move edx_assignment_move(const char *from, const char *to, edx_mover mover, int has_note);
#endif
